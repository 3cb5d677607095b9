// The root command: `dossier init`, `build`, `check`, `serve`, `suggest`, `theme`.
import ArgumentParser
import DossierCLI
import DossierKit
import Foundation

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Builds a cross-linked briefing-dossier website from source articles and an analyst's registry.",
        discussion: """
            Exit codes: 0 success, 1 content or template errors, 2 usage errors. Shell completions: \
            'dossier --generate-completion-script bash' (or zsh, fish).
            """,
        version: DossierVersion.current,
        subcommands: [InitCommand.self, BuildCommand.self, CheckCommand.self, ServeCommand.self, SuggestCommand.self, ThemeCommand.self]
    )
}
