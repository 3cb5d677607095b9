// Entry point: parses arguments and maps outcomes to exit codes (0 ok, 1 content errors, 2 usage).
import ArgumentParser
import DossierCLI
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

unblockTerminationSignals()

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
