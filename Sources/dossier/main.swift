// Entry point: parses arguments and maps outcomes to exit codes (0 ok, 1 content errors, 2 usage).
import ArgumentParser
import CSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// One malloc arena for the whole process. glibc gives each thread that allocates an arena of its own;
// the render workers, the search index's thread and dossier.json's thread each kept tens of megabytes
// of freed memory in theirs (peak RSS at 10,000 articles: 458 MB with the default, 410 MB with one
// arena, same processor time: the threads' small allocations go through their per-thread caches).
// An explicit MALLOC_ARENA_MAX in the environment still wins.
if ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil { _ = dossier_use_one_malloc_arena() }

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
