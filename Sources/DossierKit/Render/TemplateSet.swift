// The theme: the built-in one (Templates/ carried into the binary), with a theme folder's files in place of
// the built-in files of the same name. Every *.mustache is parsed up front (errors with file and line).
import Foundation

public struct TemplateSet: Sendable {
    let library: TemplateLibrary
    public let names: Set<String>
    /// Files under assets/, relative to it, with their bytes.
    public let assets: [OutputFile]
    public let diagnostics: [Diagnostic]
    public let directory: String
    /// Each template's text by name, to tell whether the theme changed between two builds.
    let sources: [String: String]

    func sameContents(as other: TemplateSet) -> Bool { sources == other.sources && assets == other.assets }

    /// One template per page kind, plus the shared layout.
    public static let required = [
        "layout", "index", "articles", "article", "actors", "actor", "locations", "location", "claims", "claim", "propositions",
        "proposition", "contradictions", "list", "claim-card", "timeline", "search", "network", "404",
    ]

    /// The default theme the binary carries (Templates/ when it was built), path by path.
    public static let builtInFiles: [OutputFile] = BuiltInTheme.files.compactMap { file in
        Data(base64Encoded: file.base64).map { OutputFile(path: file.path, contents: [UInt8]($0)) }
    }

    /// Where a built-in file is said to be in messages.
    public static let builtInLabel = "(built-in theme)"

    /// The built-in theme with `directory`'s files in place of the built-in files of the same name (a theme
    /// folder need hold only what it changes), or the folder alone when `builtIn` is false. nil: the built-in
    /// theme only.
    public static func load(directory: String?, builtIn: Bool = true) -> TemplateSet {
        var diagnostics: [Diagnostic] = []
        var templates: [String: Template] = [:]
        var references: [(path: String, tags: [TemplateTag])] = []
        var sources: [String: String] = [:]
        let fileManager = FileManager.default
        let root = directory.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }
        // Each file of the theme by its path under the theme, with where it comes from (for messages).
        var files: [String: (origin: String, bytes: [UInt8])] = [:]
        if builtIn {
            for file in builtInFiles { files[file.path] = (builtInLabel + "/" + file.path, file.contents) }
        }
        if let root {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                return TemplateSet(
                    library: TemplateLibrary(), names: [], assets: [],
                    diagnostics: [
                        .error(
                            .templatesFolderMissing, SourceLocation(path: root, line: 1),
                            "the templates folder does not exist; leave out --templates to use the built-in theme, or run 'dossier theme export \(root)' to start one from it")
                    ], directory: root, sources: [:])
            }
            let entries = (fileManager.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
            for relative in entries {
                let path = root + "/" + relative
                var entryIsDirectory: ObjCBool = false
                _ = fileManager.fileExists(atPath: path, isDirectory: &entryIsDirectory)
                if entryIsDirectory.boolValue || relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                guard relative.hasPrefix("assets/") || relative.hasSuffix(".mustache") else { continue }
                guard let data = fileManager.contents(atPath: path) else {
                    diagnostics.append(.error(.templateUnreadable, SourceLocation(path: path, line: 1), "this theme file could not be read"))
                    continue
                }
                files[relative] = (path, [UInt8](data))
            }
        }
        var assets: [OutputFile] = []
        for relative in files.keys.sorted() {
            guard let file = files[relative] else { continue }
            let path = file.origin
            if relative.hasPrefix("assets/") {
                assets.append(OutputFile(path: relative, contents: file.bytes))
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                diagnostics.append(.error(.templateUnreadable, SourceLocation(path: path, line: 1), "this template could not be read as UTF-8 text"))
                continue
            }
            sources[name] = text
            do {
                let (template, tags) = try TemplateParser.parse(text, name: name)
                templates[name] = template
                references.append((path, tags))
            } catch {
                diagnostics.append(
                    .error(.templateSyntax, SourceLocation(path: path, line: error.line, column: error.column), "this template does not parse: \(error.message)"))
            }
        }
        // A missing partial or parent, or a key no model has, would render as nothing; each is an error at its tag.
        for (path, tags) in references {
            for tag in tags {
                switch tag.kind {
                case .partial, .parent:
                    if templates[tag.name] == nil {
                        diagnostics.append(
                            .error(
                                .templateMissingPartial, SourceLocation(path: path, line: tag.line, column: tag.column),
                                "this template uses '\(tag.name)', but there is no \(tag.name).mustache"))
                    }
                case .variable, .section:
                    if let unknown = unknownKey(tag.name) {
                        var message = "this template uses '\(unknown)', but no page model has a value of that name"
                        var fix: String?
                        if let suggestion = Suggest.closest(to: unknown, among: Array(TemplateModels.allKeys)) {
                            message += "; did you mean '\(suggestion)'?"
                            fix = "write '\(suggestion)'"
                        }
                        diagnostics.append(.error(.templateUnknownKey, SourceLocation(path: path, line: tag.line, column: tag.column), message, fix: fix))
                    }
                }
            }
        }
        // Only without the built-in theme can a page kind lack a template; one that failed to parse is reported once.
        for name in required where templates[name] == nil && sources[name] == nil {
            diagnostics.append(
                .error(
                    .templateMissingPage, SourceLocation(path: (root ?? builtInLabel) + "/" + name + ".mustache", line: 1),
                    "no template for the '\(name)' page kind: create \(name).mustache (see the default Templates/ folder)"))
        }
        return TemplateSet(
            library: TemplateLibrary(templates: templates), names: Set(templates.keys), assets: assets, diagnostics: diagnostics,
            directory: root ?? builtInLabel,
            sources: sources)
    }

    /// The first part of a dotted key that no model has, or nil when every part is known.
    static func unknownKey(_ name: String) -> String? {
        guard name != "." else { return nil }
        for part in name.split(separator: ".") where !TemplateModels.allKeys.contains(String(part)) {
            return String(part)
        }
        return nil
    }
}
