// Loads Templates/: every *.mustache parsed up front (errors with file and line), plus assets/.
import Foundation
import Mustache

public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
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
        "proposition", "contradictions", "list", "claim-card", "404",
    ]

    public static func load(directory: String) -> TemplateSet {
        _ = FastHTMLContentType.registered
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var assets: [OutputFile] = []
        var references: [(path: String, text: String)] = []
        var sources: [String: String] = [:]
        let fileManager = FileManager.default
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            return TemplateSet(
                library: MustacheLibrary(), names: [], assets: [],
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
            references.append((path, text))
            sources[name] = text
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(
                        SourceLocation(path: path, line: error.context.lineNumber, column: error.context.columnNumber),
                        "this template does not parse: \(describe(error.error))"))
            } catch {
                diagnostics.append(.error(SourceLocation(path: path, line: 1), "this template does not parse: \(error)"))
            }
        }
        // Mustache renders a missing partial or parent, or a key no model has, as nothing; here each is an error at its tag.
        for (path, text) in references {
            for tag in tags(in: text) {
                switch tag.sigil {
                case ">", "<":
                    if templates[tag.name] == nil {
                        diagnostics.append(
                            .error(
                                SourceLocation(path: path, line: tag.line, column: tag.column),
                                "this template uses '\(tag.name)', but there is no \(tag.name).mustache"))
                    }
                case "!", "$", "=", "/", "%":
                    continue
                default:
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
            library: MustacheLibrary(templates: templates), names: Set(templates.keys), assets: assets, diagnostics: diagnostics, directory: root,
            sources: sources)
    }

    struct Tag {
        let line: Int
        let column: Int
        /// `#`, `^`, `/`, `>`, `<`, `$`, `!`, `&`, `{`, `=`, or "" for a plain variable.
        let sigil: String
        let name: String
    }

    /// Every `{{…}}` tag with its line, column, sigil and name (assuming the default delimiters).
    static func tags(in text: String) -> [Tag] {
        var result: [Tag] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                var inside = rest[open.upperBound...]
                var closer = "}}"
                if inside.first == "{" {
                    inside = inside.dropFirst()
                    closer = "}}}"
                }
                guard let close = inside.range(of: closer) else { break }
                var body = inside[..<close.lowerBound].trimmingCharacters(in: .whitespaces)[...]
                var sigil = closer == "}}}" ? "{" : ""
                if let first = body.first, "#^/><$!&=%".contains(first) {
                    sigil = String(first)
                    body = body.dropFirst()
                }
                result.append(Tag(line: number + 1, column: column, sigil: sigil, name: body.trimmingCharacters(in: .whitespaces)))
                rest = inside[close.upperBound...]
            }
        }
        return result
    }

    /// The first part of a dotted key that no model has, or nil when every part is known.
    static func unknownKey(_ name: String) -> String? {
        guard name != "." else { return nil }
        // A transform is written `transform(name)`; the key is inside the parentheses.
        var key = Substring(name)
        if let open = key.firstIndex(of: "("), key.hasSuffix(")") { key = key[key.index(after: open)..<key.index(before: key.endIndex)] }
        for part in key.split(separator: ".") where !TemplateModels.allKeys.contains(String(part)) {
            return String(part)
        }
        return nil
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is opened but never closed"
        default: return "\(error)"
        }
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
