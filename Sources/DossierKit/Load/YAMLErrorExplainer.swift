// Turns libyaml's error (a scanner's words, at a character) into what the analyst did and how to fix it.
import Foundation
import Yams

/// Reads the YAML's own lines around the error to tell the usual slips apart: a tab used to indent, a missing
/// space after a colon, a line not lined up, an unclosed quote or bracket, a value that needs quotes.
/// The parser's words appear only when no slip is recognised, at the end in parentheses.
struct YAMLErrorExplainer {
    let yaml: String
    let path: String
    /// Added to a line of the YAML (1-based) to get the file's line.
    let lineOffset: Int
    /// "the front matter", or "dossier.yaml": what cannot be read.
    let what: String

    private var lines: [Substring] { yaml.split(separator: "\n", omittingEmptySubsequences: false) }

    func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return explain(problem: problem, context: context, line: mark.line, column: mark.column)
        default:
            return .error(.yamlSyntax, location(line: 1, column: 1), "\(what) cannot be read (the YAML reader said: \(error))")
        }
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: max(line, 1) + lineOffset, column: max(column, 1))
    }

    /// `line` and `column` are libyaml's 1-based mark of the problem.
    func explain(problem: String, context: YamlError.Context?, line: Int, column: Int) -> Diagnostic {
        let lines = self.lines
        // A tab in the indentation of any line up to the error is the cause whatever libyaml calls it.
        for (index, text) in lines.prefix(max(line, 1)).enumerated() {
            let indentation = text.prefix { $0 == " " || $0 == "\t" }
            if let tab = indentation.firstIndex(of: "\t") {
                return .error(
                    .yamlTabIndent, location(line: index + 1, column: text.distance(from: text.startIndex, to: tab) + 1),
                    "\(what) cannot be read: line \(index + 1 + lineOffset) is indented with a tab; indent with spaces only",
                    fix: "replace the tab with spaces")
            }
        }
        // 'name:value' with no space: YAML reads the whole line as text, and the error comes later.
        for (index, text) in lines.prefix(max(line, 1)).enumerated() {
            if let (key, value) = Self.missingSpace(text) {
                return .error(
                    .yamlMissingSpace, location(line: index + 1, column: text.distance(from: text.startIndex, to: key.endIndex) + 2),
                    "\(what) cannot be read: there is no space after the colon in '\(key):\(value)'; a field is written 'name: value'",
                    fix: "write '\(key): \(value)'")
            }
        }
        let contextText = context?.text ?? ""
        if contextText.contains("quoted scalar"), let start = context?.mark {
            let quote = Self.character(in: lines, line: start.line, column: start.column) ?? "\""
            return .error(
                .yamlUnclosedQuote, location(line: start.line, column: start.column),
                "\(what) cannot be read: the quote \(quote) that opens this value is never closed",
                fix: "add the closing \(quote) at the end of the value")
        }
        if contextText.contains("flow sequence") || contextText.contains("flow mapping"), let start = context?.mark {
            let (open, close) = contextText.contains("sequence") ? ("[", "]") : ("{", "}")
            return .error(
                .yamlUnclosedBracket, location(line: start.line, column: start.column),
                "\(what) cannot be read: the list that opens with '\(open)' here is never closed, or an entry in it needs quotes",
                fix: "end the list with '\(close)' on the same line, and put entries that contain ',' or ':' in quotes")
        }
        let current = line >= 1 && line <= lines.count ? lines[line - 1] : ""
        if problem.contains("mapping values are not allowed") {
            // A second ': ' on a line that already has its field name: the value needs quotes.
            if let (key, value) = Self.field(current), value.contains(": ") || value.hasSuffix(":") {
                let quoted = value.replacingOccurrences(of: "\"", with: "\\\"")
                return .error(
                    .yamlNeedsQuotes, location(line: line, column: column),
                    "\(what) cannot be read: a value that contains ': ' must be put in quotes",
                    fix: "write \(key): \"\(quoted)\"")
            }
            return badIndent(line: line)
        }
        if problem.contains("cannot start any token"), let character = Self.character(in: lines, line: line, column: column) {
            if let (key, value) = Self.field(current), value.first == character {
                let quoted = value.replacingOccurrences(of: "\"", with: "\\\"")
                return .error(
                    .yamlNeedsQuotes, location(line: line, column: column),
                    "\(what) cannot be read: a value that starts with '\(character)' must be put in quotes",
                    fix: "write \(key): \"\(quoted)\"")
            }
            return .error(
                .yamlNeedsQuotes, location(line: line, column: column),
                "\(what) cannot be read: a value that starts with '\(character)' must be put in quotes")
        }
        if problem.contains("undefined alias") || contextText.contains("alias") || contextText.contains("anchor") {
            // '*text*' or '&text': libyaml reads an alias or anchor, and stops at its end or finds no such anchor.
            var at = (line: line, column: column)
            if let start = context?.mark, contextText.contains("alias") || contextText.contains("anchor") { at = (start.line, start.column) }
            let indicator = Self.character(in: lines, line: at.line, column: at.column) ?? "*"
            return .error(
                .yamlUndefinedAlias, location(line: at.line, column: at.column),
                "\(what) cannot be read: a value that starts with '\(indicator)' must be put in quotes ('\(indicator)' starts a YAML \(indicator == "&" ? "anchor" : "alias"))",
                fix: Self.field(current).map { "write \($0.key): \"\($0.value.replacingOccurrences(of: "\"", with: "\\\""))\"" })
        }
        if problem.contains("unknown escape character") {
            return .error(
                .yamlSyntax, location(line: line, column: column),
                "\(what) cannot be read: in double quotes a backslash starts an escape such as \\n; write \\\\ for a backslash, or use single quotes",
                fix: "use single quotes around the value")
        }
        if problem.contains("block sequence entries are not allowed") {
            return .error(
                .yamlBadIndent, location(line: line, column: column),
                "\(what) cannot be read: a list entry ('- …') must start a line of its own, under its field",
                fix: "move the '- …' to the next line, indented by two spaces")
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator")
            || problem.contains("could not find expected ':'")
        {
            return badIndent(line: line)
        }
        return .error(
            .yamlSyntax, location(line: line, column: column),
            "\(what) cannot be read here; compare this line with the lines around it (the YAML reader said: \(problem))")
    }

    /// The line not lined up: the first non-blank line at or before `line` that is indented unlike any line above it.
    private func badIndent(line: Int) -> Diagnostic {
        let lines = self.lines
        var reported = min(max(line, 1), max(lines.count, 1))
        // libyaml may point past the culprit (to the next line, or the end): back up to a non-blank line.
        while reported > 1, reported - 1 < lines.count, lines[reported - 1].allSatisfy({ $0 == " " }) { reported -= 1 }
        if reported - 1 >= lines.count { reported = lines.count }
        let text = reported >= 1 && reported <= lines.count ? lines[reported - 1] : ""
        let indent = text.prefix { $0 == " " }.count
        return .error(
            .yamlBadIndent, location(line: reported, column: indent + 1),
            "\(what) cannot be read: this line is indented differently from the lines around it; fields of one entry, and the entries of one list, start in the same column",
            fix: "line this line up with the field or '- ' above it that it belongs with")
    }

    /// `key` and the text after `key: ` on a 'key: value' line (after an optional '- ').
    static func field(_ line: Substring) -> (key: Substring, value: String)? {
        var rest = line.drop { $0 == " " }
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let key = rest[..<colon]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let after = rest[rest.index(after: colon)...]
        guard after.first == " " else { return nil }
        return (key, after.trimmingCharacters(in: .whitespaces))
    }

    /// A 'name:value' line: a field name, a colon and text with no space between (not a web address's 'https://').
    static func missingSpace(_ line: Substring) -> (key: Substring, value: Substring)? {
        var rest = line.drop { $0 == " " }
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let key = rest[..<colon]
        guard let first = key.first, first.isLetter, key.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            return nil
        }
        let value = rest[rest.index(after: colon)...]
        guard let next = value.first, next != " ", !value.hasPrefix("//") else { return nil }
        return (key, value)
    }

    /// The character at libyaml's 1-based line and column (columns count Unicode scalars).
    static func character(in lines: [Substring], line: Int, column: Int) -> Character? {
        guard line >= 1, line <= lines.count, column >= 1 else { return nil }
        let scalars = lines[line - 1].unicodeScalars
        guard column <= scalars.count else { return nil }
        return Character(scalars[scalars.index(scalars.startIndex, offsetBy: column - 1)])
    }
}
