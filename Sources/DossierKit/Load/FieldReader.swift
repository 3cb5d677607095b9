// Reads typed fields out of a YAML mapping, turning every problem into a located diagnostic.
import Foundation
import Yams

/// What the analyst writes a file about, for messages: "an article", "a claim".
struct FileKind {
    let noun: String
    let fields: [String]
}

struct FieldReader {
    let path: String
    let kind: FileKind
    /// Added to a Yams line (1-based within the YAML) to get the file's line.
    let lineOffset: Int
    private(set) var fields: [String: (key: YAMLNode, value: YAMLNode)] = [:]
    var diagnostics: [Diagnostic] = []
    /// The YAML could not be read: fields the file may well have are not reported as missing.
    private(set) var failed = false

    /// Yams' default rules, after one that settles the usual field names (lowercase words that are not
    /// yes, no, true, false, on, off or null) as plain text in one regular-expression match instead of seven.
    /// Keys are resolved to find repeated ones, so this is most of the YAML work. The encoding is given
    /// so that Yams does not read the process environment on every parse.
    static let resolver: Resolver = {
        guard let plainName = try? Resolver.Rule(.str, "^(?!(?:yes|no|true|false|on|off|null)$)[a-z_]+$") else { return .default }
        return Resolver.default.rules.reduce(Resolver.basic.appending(plainName)) { $0.appending($1) }
    }()

    /// Reads the top-level mapping; reports a non-mapping document, duplicate keys and unknown fields.
    init(yaml: String, firstLine: Int, path: String, kind: FileKind, limits: ContentLimits = .default) {
        self.path = path
        self.kind = kind
        self.lineOffset = firstLine - 1
        let explainer = YAMLErrorExplainer(
            yaml: yaml, path: path, lineOffset: firstLine - 1, what: kind.noun == ContentLoader.dossierKind.noun ? "dossier.yaml" : "the front matter")
        // Most front matter is flat and simple: read without libyaml, to the same nodes.
        if let root = SimpleYAML.parse(yaml), let pairs = root.mapping {
            fields = readMapping(pairs, allowed: kind.fields, noun: kind.noun)
            return
        }
        var node: YAMLNode?
        var text = yaml
        // A repeated key is reported at each repetition, which is then set aside so the rest still loads.
        for _ in 0..<20 {
            do {
                node = try YAMLNode.compose(text, limits: limits)
                break
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let repeated = Self.repeatedKeyLines(in: text, keys: duplicates, mapping: context.mark)
                guard !repeated.isEmpty else {
                    failed = true
                    diagnostics.append(
                        .error(
                            .yamlDuplicateKey, SourceLocation(path: path, line: context.mark.line + lineOffset, column: context.mark.column),
                            "a field is given twice (\(duplicates.joined(separator: ", "))); keep only one",
                            fix: "remove one of the repeated fields"))
                    return
                }
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for (line, key, column) in repeated {
                    diagnostics.append(
                        .error(
                            .yamlDuplicateKey, SourceLocation(path: path, line: line + 1 + lineOffset, column: column),
                            "the field '\(key)' is given twice; keep only one", fix: "remove this line, or the first '\(key):'"))
                    lines[line] = ""
                    // Continuation lines of the repeated value go too.
                    var next = line + 1
                    while next < lines.count, let first = lines[next].firstIndex(where: { $0 != " " }),
                        lines[next].distance(from: lines[next].startIndex, to: first) >= column
                    {
                        lines[next] = ""
                        next += 1
                    }
                }
                text = lines.joined(separator: "\n")
            } catch let limit as YAMLLimitExceeded {
                failed = true
                diagnostics.append(
                    .error(limit.code, SourceLocation(path: path, line: limit.line + lineOffset, column: limit.column), limit.message, fix: limit.fix))
                return
            } catch let error as YamlError {
                failed = true
                diagnostics.append(YAMLErrorExplainer(yaml: text, path: path, lineOffset: lineOffset, what: explainer.what).diagnostic(for: error))
                return
            } catch {
                failed = true
                diagnostics.append(.error(.yamlSyntax, SourceLocation(path: path, line: firstLine), "\(explainer.what) cannot be read (the YAML reader said: \(error))"))
                return
            }
        }
        guard let node else { return }
        guard let mapping = node.mapping else {
            failed = true
            if let (index, key, value) = yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated().lazy
                .compactMap({ line in YAMLErrorExplainer.missingSpace(line.element).map { (line.offset, $0.key, $0.value) } }).first
            {
                diagnostics.append(
                    .error(
                        .yamlMissingSpace, SourceLocation(path: path, line: index + 1 + lineOffset, column: 1),
                        "\(explainer.what) cannot be read: there is no space after the colon in '\(key):\(value)'; a field is written 'name: value'",
                        fix: "write '\(key): \(value)'"))
                return
            }
            diagnostics.append(
                .error(.yamlNotFields, location(of: node), "\(explainer.what) must be a list of 'field: value' lines, one per line"))
            return
        }
        fields = readMapping(mapping, allowed: kind.fields, noun: kind.noun)
    }

    /// Reads a nested mapping (an evidence entry) with its own allowed keys.
    mutating func readMapping(_ mapping: [(key: YAMLNode, value: YAMLNode)], allowed: [String], noun: String) -> [String: (key: YAMLNode, value: YAMLNode)] {
        var result: [String: (key: YAMLNode, value: YAMLNode)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                diagnostics.append(.error(.fieldNameNotText, location(of: key), "a field name must be plain text"))
                continue
            }
            if result[name] != nil {
                diagnostics.append(.error(.yamlDuplicateKey, location(of: key), "the field '\(name)' is given twice; keep only one", fix: "remove one of them"))
                continue
            }
            guard allowed.contains(name) else {
                var message = "unknown field '\(name)' for \(noun)"
                var fix: String?
                if let suggestion = Suggest.closest(to: name, among: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                    fix = "write '\(suggestion)'"
                } else {
                    message += "; the fields are: " + allowed.joined(separator: ", ")
                }
                diagnostics.append(.error(.unknownField, location(of: key), message, fix: fix))
                continue
            }
            result[name] = (key, value)
        }
        return result
    }

    func location(of node: YAMLNode) -> SourceLocation {
        guard node.line > 0 else { return SourceLocation(path: path, line: lineOffset + 1) }
        return SourceLocation(path: path, line: node.line + lineOffset, column: node.column)
    }

    var startLocation: SourceLocation { SourceLocation(path: path, line: 1) }

    /// The 0-based lines (with key and 1-based column) that repeat a key of the mapping starting at `mark`.
    static func repeatedKeyLines(in yaml: String, keys: [String], mapping mark: Mark) -> [(line: Int, key: String, column: Int)] {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let column = mark.column - 1
        var seen = Set<String>()
        var result: [(Int, String, Int)] = []
        var index = mark.line - 1
        while index < lines.count {
            let line = Array(lines[index])
            defer { index += 1 }
            guard let first = line.firstIndex(where: { $0 != " " }) else { continue }
            if line[first] == "#" { continue }
            if index != mark.line - 1 {
                if first < column || (first == column - 2 && line[first] == "-") { break }
                if first != column { continue }
            }
            let rest = String(line[column...])
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let key = rest[..<colon].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            guard keys.contains(key) else { continue }
            if !seen.insert(key).inserted { result.append((index, key, column + 1)) }
        }
        return result
    }

    // MARK: - Typed fields

    static func isNull(_ node: YAMLNode) -> Bool {
        guard let scalar = node.scalar, scalar.isPlain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    mutating func missing(_ name: String, _ why: String) {
        guard !failed else { return }
        diagnostics.append(.error(.missingField, startLocation, "missing required field '\(name)': \(why)"))
    }

    /// A text value. Reports a list or mapping given instead, and a missing required field.
    mutating func string(_ name: String, required why: String? = nil) -> Located<String>? {
        guard let (_, value) = fields[name], !Self.isNull(value) else {
            if let why { missing(name, why) }
            return nil
        }
        return scalarString(value, field: name)
    }

    mutating func scalarString(_ node: YAMLNode, field: String) -> Located<String>? {
        guard let scalar = node.scalar else {
            let shape = node.sequence != nil ? "a list" : "a set of fields"
            diagnostics.append(.error(.notText, location(of: node), "'\(field)' should be a single text value, but it is \(shape)"))
            return nil
        }
        return Located(scalar.string, at: location(of: node))
    }

    /// A list of text values; a single value is a type error, an empty entry is reported with `emptyMessage`.
    mutating func stringList(_ name: String, emptyMessage: String) -> [Located<String>] {
        guard let (_, value) = fields[name], !Self.isNull(value) else { return [] }
        guard let sequence = value.sequence else {
            diagnostics.append(
                .error(.notList, location(of: value), "'\(name)' should be a list (write it as [a, b] or as lines starting with '- '), but it is a single value"))
            return []
        }
        var result: [Located<String>] = []
        for item in sequence {
            guard let text = scalarString(item, field: "an entry of '\(name)'") else { continue }
            if text.value.trimmingCharacters(in: .whitespaces).isEmpty || Self.isNull(item) {
                diagnostics.append(.error(.emptyEntry, text.location, emptyMessage))
                continue
            }
            result.append(text)
        }
        return result
    }

    /// One of a fixed set of words.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, required why: String? = nil) -> T?
    where T.RawValue == String {
        guard let text = string(name, required: why) else { return nil }
        if let value = T(rawValue: text.value) { return value }
        let options = T.allCases.map(\.rawValue)
        var message = "'\(name)' must be one of \(options.joined(separator: ", ")), not '\(text.value)'"
        var fix: String?
        if let suggestion = Suggest.closest(to: text.value, among: options) {
            message += "; did you mean '\(suggestion)'?"
            fix = "write '\(name): \(suggestion)'"
        }
        diagnostics.append(.error(.invalidChoice, text.location, message, fix: fix))
        return nil
    }

    enum DateValue {
        case known(PartialDate)
        case unknown
    }

    /// A date at its own precision; `unknown` only where `allowUnknown`.
    mutating func date(_ name: String, required why: String? = nil, allowUnknown: Bool = false) -> DateValue? {
        guard let text = string(name, required: why) else { return nil }
        if allowUnknown, text.value == "unknown" { return .unknown }
        if let date = PartialDate(text.value) { return .known(date) }
        diagnostics.append(
            .error(
                .invalidDate, text.location,
                "'\(name)' is not a valid date: write YYYY-MM-DD, or YYYY-MM or YYYY when only that much is known\(allowUnknown ? ", or 'unknown'" : "") (found '\(text.value)')"
            ))
        return nil
    }

    mutating func report(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String, fix: String? = nil) {
        diagnostics.append(.error(code, location, message, fix: fix))
    }
}

/// "Did you mean" by edit distance, or by the start of a word ('deny' → 'denies', 'org' → 'organization').
enum Suggest {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        let lowered = word.lowercased()
        for candidate in candidates.sorted() {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        if let best { return best.0 }
        // Another form of the word: it begins the same way (all of the word but, at most, its last letter, and at
        // least three letters), and no other candidate does.
        let stem = lowered.count > 3 ? String(lowered.dropLast()) : lowered
        guard stem.count >= 3 else { return nil }
        let matches = candidates.filter { $0.lowercased().hasPrefix(stem) }
        return matches.count == 1 ? matches[0] : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
