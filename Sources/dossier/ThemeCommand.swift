// `dossier theme export DIR`: the built-in theme written out for editing.
import ArgumentParser
import DossierCLI
import DossierKit
import Foundation

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Work with the built-in theme.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the built-in theme's templates and assets into a folder, to edit them.",
            discussion: """
                A theme folder need hold only the files it changes: 'dossier build --templates DIR' (or a Templates/ \
                folder) uses the built-in file wherever the folder has none. Delete what you do not change.
                """
        )

        @Argument(help: "The folder to write into.")
        var directory = "Templates"

        @Flag(help: "Replace files that are already there.")
        var force = false

        func run() throws {
            let files = TemplateSet.builtInFiles
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            if !force {
                let existing = files.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0.path).path) }
                if !existing.isEmpty {
                    FileHandle.standardErrorWrite(
                        "\(directory)/ already has \(existing.count) of the theme's files (\(existing.prefix(3).map(\.path).joined(separator: ", "))\(existing.count > 3 ? ", …" : "")); nothing was written. Use --force to replace them.\n")
                    throw ExitCode(1)
                }
            }
            do {
                for file in files {
                    let url = root.appendingPathComponent(file.path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.contents).write(to: url, options: .atomic)
                }
            } catch {
                FileHandle.standardErrorWrite("\(directory): \(error.localizedDescription)\n")
                throw ExitCode(1)
            }
            print("wrote the built-in theme (\(files.count) files) to \(directory)/")
        }
    }
}
