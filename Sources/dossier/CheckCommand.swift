// `dossier check`: load and validate only; writes nothing.
import ArgumentParser
import DossierKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content folder and print every problem; writes nothing."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "The content folder.")
    var content = "content"

    @Option(help: "text: 'file:line:column: error: message' lines; json: one JSON object per diagnostic per line.")
    var format: Format = .text

    func run() throws {
        let diagnostics = Pipeline.check(contentDirectory: content).sortedForOutput()
        for diagnostic in diagnostics {
            switch format {
            case .text: FileHandle.standardErrorWrite(diagnostic.description + "\n")
            case .json: print(diagnostic.json)
            }
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
        if format == .text {
            let warnings = diagnostics.count
            FileHandle.standardErrorWrite("content is valid\(warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")\n")
        }
    }
}
