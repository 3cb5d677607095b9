// What the two executables share: `dossier` and `dossier-serve` (the program behind `dossier serve`, kept apart
// so that the HTTP server and the libraries it loads are never loaded by a build).
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension FileHandle {
    public static func standardErrorWrite(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Which theme folder a command uses.
public enum ThemeFolder {
    /// The folder named with --templates; without one, Templates/ in the current folder if there is one;
    /// otherwise nil (the built-in theme alone).
    public static func resolve(_ option: String?) -> String? {
        if let option { return option }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "Templates", isDirectory: &isDirectory) && isDirectory.boolValue ? "Templates" : nil
    }
}

/// A parent may have started this process with termination signals blocked (a thread of libdispatch blocks
/// nearly all, and a child spawned from one inherits that mask): Ctrl-C, SIGTERM and SIGHUP must stop it.
public func unblockTerminationSignals() {
    var terminating = sigset_t()
    sigemptyset(&terminating)
    for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&terminating, number) }
    sigprocmask(SIG_UNBLOCK, &terminating, nil)
}

/// The options of `dossier serve`.
public struct ServeOptions: ParsableArguments {
    @Option(help: "The content folder.")
    public var content = "content"

    @Option(help: "A theme folder overriding the built-in theme file by file (default: Templates/ if present).")
    public var templates: String?

    @Option(help: "The output folder the site is built into and served from.")
    public var output = "public"

    @Option(help: "The address to listen on. The default serves this machine only; another address exposes your drafts to the network.")
    public var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port; the address is printed).")
    public var port: UInt16 = 8000

    public init() {}

    public static let abstract = "Build, serve the site locally, and rebuild and reload open pages on every change."

    public static let discussion = """
        Watches the content folder and the theme folder. Each change rebuilds only what it affects; open pages \
        reload when the build ends. A build that fails keeps the last good site on screen, with the errors in a \
        box at the top of every page (and on the terminal) until the file is fixed. The reload script is added to \
        pages as they are served: the files in the output folder are the same as 'dossier build' writes. \
        Ctrl-C stops the server.
        """
}
