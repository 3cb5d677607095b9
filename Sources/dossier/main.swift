// Entry point: parses arguments and maps outcomes to exit codes (0 ok, 1 content errors, 2 usage).
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// A parent may have started this process with termination signals blocked (a thread of libdispatch blocks
// nearly all, and a child spawned from one inherits that mask): Ctrl-C, SIGTERM and SIGHUP must stop a build.
var terminating = sigset_t()
sigemptyset(&terminating)
for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&terminating, number) }
sigprocmask(SIG_UNBLOCK, &terminating, nil)

do {
    var command = try DossierCommand.parseAsRoot()
    try command.run()
} catch {
    let code = DossierCommand.exitCode(for: error)
    if code == .success {
        DossierCommand.exit(withError: error)
    } else if error is ExitCode {
        exit(code.rawValue)
    } else {
        // Usage errors: ArgumentParser's own exit code is 64; this tool promises 2.
        FileHandle.standardErrorWrite(DossierCommand.fullMessage(for: error) + "\n")
        exit(2)
    }
}
