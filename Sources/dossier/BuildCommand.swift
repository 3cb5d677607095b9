// `dossier build`: load, link, render and write the site.
import ArgumentParser
import DossierCLI
import DossierKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the website from the content folder into the output folder.",
        discussion: "Nothing is written when the content or the templates have an error: the previous output stays as it was."
    )

    @Option(help: "The content folder: dossier.yaml and the folders articles, actors, locations, propositions, claims.")
    var content = "content"

    @Option(
        help: ArgumentHelp(
            "A theme folder (*.mustache and assets/) whose files replace the built-in theme's files of the same name.",
            discussion: "Default: Templates/ when the current folder has one, else the built-in theme alone."))
    var templates: String?

    @Option(help: "The output folder for the website.")
    var output = "public"

    func run() throws {
        let progress = ProgressPrinter()
        let report = Pipeline.build(
            BuildOptions(contentDirectory: content, templatesDirectory: ThemeFolder.resolve(templates), outputDirectory: output),
            progress: progress.handle)
        progress.finish()
        for diagnostic in report.diagnostics.sortedForOutput() {
            FileHandle.standardErrorWrite(diagnostic.description + "\n")
        }
        guard let summary = report.summary else {
            let errors = report.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardErrorWrite("build failed with \(errors) error\(errors == 1 ? "" : "s"); \(output)/ was not changed\n")
            throw ExitCode(1)
        }
        print(summary)
    }
}
