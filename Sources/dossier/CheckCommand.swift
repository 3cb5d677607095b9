// `dossier check`: load and validate only; writes nothing.
import ArgumentParser
import DossierCLI
import DossierKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content folder and print every problem; writes nothing.",
        discussion: """
            Exit codes: 0 when the content is valid (warnings allowed), 1 when there is at least one error, \
            2 for a usage error. Every problem has a stable code (see the README's table of codes).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @Option(help: "The content folder.")
    var content = "content"

    @Option(
        help: ArgumentHelp(
            "text, json or github.",
            discussion: """
                text: 'file:line:column: error: message [code]' lines on standard error; json: one JSON object per \
                problem per line on standard output (file, line, column, severity, code, message, and fix when one \
                is known); github: GitHub Actions workflow commands on standard output, which annotate the files.
                """))
    var format: Format = .text

    func run() throws {
        let diagnostics = Pipeline.check(contentDirectory: content).sortedForOutput()
        for diagnostic in diagnostics {
            switch format {
            case .text: FileHandle.standardErrorWrite(diagnostic.description + "\n")
            case .json: print(diagnostic.json)
            case .github: print(diagnostic.githubAnnotation)
            }
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
        if format == .text {
            let warnings = diagnostics.count
            FileHandle.standardErrorWrite("content is valid\(warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")\n")
        }
    }
}
