// `dossier init [DIR]`: a small dossier that builds clean at once and shows every content kind.
import ArgumentParser
import DossierCLI
import DossierKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a dossier: a small example content/ folder, .gitignore and a CI workflow that publishes the site.",
        discussion: """
            The example is drawn from the project's seed dossier (an MIA report of 21 November 2023): one article, \
            two actors, a location, a proposition and two claims that contradict each other, each file saying what \
            it is for. 'dossier build' then works at once with the built-in theme; 'dossier serve' previews it.
            """
    )

    @Argument(help: "The folder to create the dossier in (created if missing).")
    var directory = "."

    @Flag(help: "Write into a folder that is not empty (files of the same name are replaced).")
    var force = false

    func run() throws {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let fileManager = FileManager.default
        let existing = (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []
        if !existing.isEmpty, !force {
            FileHandle.standardErrorWrite(
                "\(directory) is not empty (\(existing.sorted().prefix(3).joined(separator: ", "))\(existing.count > 3 ? ", …" : "")); nothing was written. Choose an empty or new folder, or use --force.\n")
            throw ExitCode(1)
        }
        do {
            for (path, text) in StarterDossier.files {
                let url = root.appendingPathComponent(path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            }
        } catch {
            FileHandle.standardErrorWrite("\(directory): \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        let place = directory == "." ? "" : "cd \(directory) && "
        print(
            """
            Created a dossier in \(directory)/ (\(StarterDossier.files.count) files).
            Next: \(place)dossier serve       (builds, serves on http://127.0.0.1:8000 and rebuilds as you edit)
                  dossier build       (writes the site to public/)
                  dossier suggest     (names and spellings the registry does not know yet)
            """)
    }
}
