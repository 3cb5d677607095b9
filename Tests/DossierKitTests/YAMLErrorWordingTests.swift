// YAML mistakes in the analyst's words: what was done, where, and the likely fix; libyaml's own words stay out.
import Foundation
import Testing

@testable import DossierKit

struct YAMLSlip: Sendable, CustomTestStringConvertible {
    let name: String
    /// The actor file's front matter lines, between the '---' lines (the first is line 2 of the file).
    let yaml: String
    let code: DiagnosticCode
    let line: Int
    let column: Int
    let message: String
    let fix: String?

    var testDescription: String { name }

    static let all: [YAMLSlip] = [
        YAMLSlip(
            name: "a tab used to indent", yaml: "name: NATO\nkind: organization\naliases:\n\t- North Atlantic Alliance", code: .yamlTabIndent, line: 5, column: 1,
            message: "the front matter cannot be read: line 5 is indented with a tab; indent with spaces only", fix: "replace the tab with spaces"),
        YAMLSlip(
            name: "no space after the colon", yaml: "name:NATO\nkind: organization", code: .yamlMissingSpace, line: 2, column: 6,
            message: "the front matter cannot be read: there is no space after the colon in 'name:NATO'; a field is written 'name: value'",
            fix: "write 'name: NATO'"),
        YAMLSlip(
            name: "a line indented unlike the others", yaml: "name: NATO\n  kind: organization", code: .yamlBadIndent, line: 3, column: 3,
            message:
                "the front matter cannot be read: this line is indented differently from the lines around it; fields of one entry, and the entries of one list, start in the same column",
            fix: "line this line up with the field or '- ' above it that it belongs with"),
        YAMLSlip(
            name: "a list entry out of line", yaml: "name: NATO\nkind: organization\naliases:\n  - North Atlantic Alliance\n - Alliance", code: .yamlBadIndent,
            line: 6, column: 2,
            message:
                "the front matter cannot be read: this line is indented differently from the lines around it; fields of one entry, and the entries of one list, start in the same column",
            fix: "line this line up with the field or '- ' above it that it belongs with"),
        YAMLSlip(
            name: "an unclosed quote", yaml: "name: \"NATO\nkind: organization", code: .yamlUnclosedQuote, line: 2, column: 7,
            message: "the front matter cannot be read: the quote \" that opens this value is never closed", fix: "add the closing \" at the end of the value"),
        YAMLSlip(
            name: "an unclosed bracket", yaml: "name: NATO\naliases: [Alliance, OTAN\nkind: organization", code: .yamlUnclosedBracket, line: 3, column: 10,
            message: "the front matter cannot be read: the list that opens with '[' here is never closed, or an entry in it needs quotes",
            fix: "end the list with ']' on the same line, and put entries that contain ',' or ':' in quotes"),
        YAMLSlip(
            name: "a value with a colon", yaml: "name: NATO: the alliance\nkind: organization", code: .yamlNeedsQuotes, line: 2, column: 11,
            message: "the front matter cannot be read: a value that contains ': ' must be put in quotes", fix: "write name: \"NATO: the alliance\""),
        YAMLSlip(
            name: "a value starting with a backquote", yaml: "name: `NATO`\nkind: organization", code: .yamlNeedsQuotes, line: 2, column: 7,
            message: "the front matter cannot be read: a value that starts with '`' must be put in quotes", fix: "write name: \"`NATO`\""),
        YAMLSlip(
            name: "a value starting with an asterisk", yaml: "name: *NATO*\nkind: organization", code: .yamlUndefinedAlias, line: 2, column: 7,
            message: "the front matter cannot be read: a value that starts with '*' must be put in quotes ('*' starts a YAML alias)",
            fix: "write name: \"*NATO*\""),
        YAMLSlip(
            name: "a repeated field", yaml: "name: NATO\nkind: organization\nname: OTAN", code: .yamlDuplicateKey, line: 4, column: 1,
            message: "the field 'name' is given twice; keep only one", fix: "remove this line, or the first 'name:'"),
    ]
}

@Suite struct YAMLErrorWordingTests {
    @Test(arguments: YAMLSlip.all)
    func aYAMLSlipIsExplainedInPlainWordsWithTheFix(_ slip: YAMLSlip) throws {
        let run = try LoaderFixture.load(["actors/stoltenberg.md": "---\n\(slip.yaml)\n---\n"])
        let diagnostics = run.diagnostics(for: "actors/stoltenberg.md")
        #expect(
            diagnostics == [.error(slip.code, SourceLocation(path: run.path("actors/stoltenberg.md"), line: slip.line, column: slip.column), slip.message, fix: slip.fix)])
        // libyaml's own phrasing never reaches the analyst for a slip it recognises.
        for diagnostic in diagnostics {
            for parserWords in ["did not find expected", "while parsing", "while scanning", "mapping values are not allowed", "cannot start any token"] {
                #expect(!diagnostic.message.contains(parserWords), "\(diagnostic.message)")
            }
        }
    }

    @Test func anUnrecognisedSlipKeepsTheParserWordsAtTheEndInParentheses() throws {
        let run = try LoaderFixture.load(["actors/stoltenberg.md": "---\nname: NATO\nkind: organization\n--- more\n---\n"])
        let diagnostic = try #require(run.diagnostics(for: "actors/stoltenberg.md").first)
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.message.hasPrefix("the front matter cannot be read here; compare this line with the lines around it (the YAML reader said: "))
        #expect(diagnostic.message.hasSuffix(")"))
    }
}
