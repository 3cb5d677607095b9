// Loads Templates/: every *.mustache parsed up front (errors with file and line), plus assets/.
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

    public static func load(directory: String) -> TemplateSet {
        var diagnostics: [Diagnostic] = []
        var templates: [String: Template] = [:]
        var assets: [OutputFile] = []
        var references: [(path: String, tags: [TemplateTag])] = []
        var sources: [String: String] = [:]
        let fileManager = FileManager.default
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            return TemplateSet(
                library: TemplateLibrary(), names: [], assets: [],
                diagnostics: [.error(SourceLocation(path: root, line: 1), "the templates folder does not exist")], directory: root, sources: [:])
        }
        let entries = (fileManager.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        for relative in entries {
            let path = root + "/" + relative
            var entryIsDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: path, isDirectory: &entryIsDirectory)
            if entryIsDirectory.boolValue || (relative as NSString).lastPathComponent.hasPrefix(".") { continue }
            if relative.hasPrefix("assets/") {
                if let data = fileManager.contents(atPath: path) {
                    assets.append(OutputFile(path: relative, contents: [UInt8](data)))
                }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            guard let data = fileManager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(SourceLocation(path: path, line: 1), "this template could not be read as UTF-8 text"))
                continue
            }
            sources[name] = text
            do {
                let (template, tags) = try TemplateParser.parse(text, name: name)
                templates[name] = template
                references.append((path, tags))
            } catch {
                diagnostics.append(
                    .error(SourceLocation(path: path, line: error.line, column: error.column), "this template does not parse: \(error.message)"))
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
                                SourceLocation(path: path, line: tag.line, column: tag.column),
                                "this template uses '\(tag.name)', but there is no \(tag.name).mustache"))
                    }
                case .variable, .section:
                    if let unknown = unknownKey(tag.name) {
                        var message = "this template uses '\(unknown)', but no page model has a value of that name"
                        if let suggestion = Suggest.closest(to: unknown, among: Array(TemplateModels.allKeys)) {
                            message += "; did you mean '\(suggestion)'?"
                        }
                        diagnostics.append(.error(SourceLocation(path: path, line: tag.line, column: tag.column), message))
                    }
                }
            }
        }
        for name in required where templates[name] == nil {
            diagnostics.append(
                .error(
                    SourceLocation(path: root + "/" + name + ".mustache", line: 1),
                    "no template for the '\(name)' page kind: create \(name).mustache (see the default Templates/ folder)"))
        }
        return TemplateSet(
            library: TemplateLibrary(templates: templates), names: Set(templates.keys), assets: assets, diagnostics: diagnostics, directory: root,
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
