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

    /// One template per page kind, plus the shared layout.
    public static let required = [
        "layout", "index", "articles", "article", "actors", "actor", "locations", "location", "claims", "claim", "propositions",
        "proposition", "contradictions", "404",
    ]

    public static func load(directory: String) -> TemplateSet {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var assets: [OutputFile] = []
        var references: [(path: String, text: String)] = []
        let fileManager = FileManager.default
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            return TemplateSet(
                library: MustacheLibrary(), names: [], assets: [],
                diagnostics: [.error(SourceLocation(path: root, line: 1), "the templates folder does not exist")], directory: root)
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
        // Mustache renders a missing partial or parent as nothing; here it is an error at its tag.
        for (path, text) in references {
            for (line, column, name) in partialReferences(in: text) where templates[name] == nil {
                diagnostics.append(
                    .error(SourceLocation(path: path, line: line, column: column), "this template uses '\(name)', but there is no \(name).mustache"))
            }
        }
        for name in required where templates[name] == nil {
            diagnostics.append(
                .error(
                    SourceLocation(path: root + "/" + name + ".mustache", line: 1),
                    "no template for the '\(name)' page kind: create \(name).mustache (see the default Templates/ folder)"))
        }
        return TemplateSet(library: MustacheLibrary(templates: templates), names: Set(templates.keys), assets: assets, diagnostics: diagnostics, directory: root)
    }

    /// Every `{{> name}}` and `{{< name}}` tag: line, column and the template name.
    static func partialReferences(in text: String) -> [(Int, Int, String)] {
        var result: [(Int, Int, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...].drop { $0 == " " }
                guard let sigil = afterOpen.first, sigil == ">" || sigil == "<",
                    let close = afterOpen.range(of: "}}")
                else {
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty { result.append((number + 1, column, name)) }
                rest = afterOpen[close.upperBound...]
            }
        }
        return result
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
