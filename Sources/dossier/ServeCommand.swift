// `dossier serve`: hands over to `dossier-serve`, the program beside this one that holds the preview server.
// Kept apart so that a build never loads the HTTP server and the libraries it brings (FlyingFox links
// Foundation's networking, and with it libcurl and a TLS stack: several megabytes resident in every process).
import ArgumentParser
import DossierCLI
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

    /// Parsed here for `--help`, completions and checking; handed on as given.
    @OptionGroup var options: ServeOptions

    /// `dossier-serve` beside this program (the same folder as the running executable).
    static func serverProgram() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("dossier-serve").path
    }

    func run() throws {
        let program = Self.serverProgram()
        guard FileManager.default.isExecutableFile(atPath: program) else {
            FileHandle.standardErrorWrite(
                "dossier serve needs the program dossier-serve beside dossier (\(program)); build it with 'swift build -c release --product dossier-serve'\n")
            throw ExitCode(1)
        }
        // The arguments after `serve` as given (parsed here already, so they are valid), to dossier-serve, which
        // takes this process's place.
        let given = CommandLine.arguments.dropFirst().drop { $0 != "serve" }.dropFirst()
        let arguments = ["dossier-serve"] + given
        let pointers = arguments.map { strdup($0) } + [nil]
        execv(program, pointers)
        FileHandle.standardErrorWrite("dossier serve: cannot start \(program): \(String(cString: strerror(errno)))\n")
        throw ExitCode(1)
    }
}
