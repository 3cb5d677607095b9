// The fast reader for simple front matter: it either gives exactly the nodes Yams composes (text, plainness, shape,
// line and column of every node) or declines, and the loader then uses Yams.
import Foundation
import Testing

@testable import DossierKit

@Suite struct LoaderSimpleYAMLTests {
    /// A node written out with everything FieldReader can see of it.
    static func describe(_ node: YAMLNode) -> String {
        let mark = "@\(node.line):\(node.column)"
        switch node.content {
        case .scalar(let scalar): return "\(scalar.isPlain ? "plain" : "quoted")(\(scalar.string.debugDescription))\(mark)"
        case .sequence(let items): return "[" + items.map(describe).joined(separator: ", ") + "]\(mark)"
        case .mapping(let pairs): return "{" + pairs.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ") + "}\(mark)"
        case .other: return "other\(mark)"
        }
    }

    /// What Yams makes of the text: the node, or its error.
    static func yams(_ yaml: String) -> String {
        do {
            return try YAMLNode.compose(yaml).map(describe) ?? "empty"
        } catch {
            return "error: \(error)"
        }
    }

    /// Whether the fast reader reads the text, after checking it reads it exactly as Yams does.
    static func fastAgrees(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let fast = SimpleYAML.parse(yaml) else { return false }
        #expect(describe(fast) == yams(yaml), "\(yaml.debugDescription)", sourceLocation: sourceLocation)
        return true
    }

    /// Front matter as the content is written: all of it read fast, all of it as Yams reads it.
    static let simple: [String] = [
        "title: \"NATO chief in Skopje\"\nsource: MIA\npublished: 2023-11-21",
        "title: NATO chief in Skopje\nsource: 'MIA'\npublished: 2023-11",
        "name: Jens Stoltenberg\nkind: person\naliases: [Stoltenberg]",
        "name: \"Aleksandar Vučić\"\nkind: person\naliases: [\"Vucic\", \"Vučić\", Вучић, 'A. V.']\nrole: President",
        "name: Skopje\nkind: city\ncoordinates: [41.9981, 21.4254]\nwithin: north-macedonia",
        "aliases: []\nname: x",
        "aliases: [ a ,  b  c , \"d\" ]",
        "claimant: stoltenberg\nsummary: \"There is no threat.\"\nevidence:\n  - article: report\n    quote: \"no threat\"",
        "claimant: s\nevidence:\n- article: report\n  quote: \"no threat\"\n- article: other\n  quote: 'it''s here'\nstance: affirms",
        "evidence:\n    -   article: a\n        quote: \"q\"\n    - article: b\n      quote: c\ndate: 2023",
        "about:\n  - vucic\n  - 'serbia'\n  - \"kosovo\"\nsummary: x",
        "about:\n- a\n- b\n\nsummary: x\n",
        "\n\ntitle: x\n\n\nsource: y\n\n",
        "title:\nsource:   \nurl: https://example.org/a/b?c=d#frag",
        "title: a:b\nsource: O'Brien said \"no\"\nauthor: x, y [z] {w} & more*!",
        "title: \"a: b # not a comment\"\nsummary: 'x \"y\" # z'",
        "title: \"\"\nsummary: ''\nrole: null\nkind: Null\nwikidata: Q42",
        "title: trailing spaces   \nsource: \"quoted\"   \naliases: [a, b]   ",
        "title: 日本語のタイトル\nsource: Ünïcödé 🎉 text\naliases: [é, 🎉x]",
        "title: x\nlanguage: sr-Latn\nreliability: C\ncredibility: 3",
        "a: 1\nb: true\nc: 1.5\nd: 2023-11-21T10:00:00Z\ne: 0x1F\nf: yes\ng: NaN",
        "key-with-dash: v\nkey_with_underscore: w\nKey9: z",
        "evidence:\n  - article: a\n    quote: \"q\"\n\n  - article: b\n    quote: \"r\"\n",
        "summary: \"x\"\nevidence: []",
    ]

    /// Everything beyond the simple subset, valid or not: the fast reader must decline, so Yams reads it (and
    /// reports its errors) exactly as before.
    static let declined: [String] = [
        // comments
        "# a comment\ntitle: x",
        "title: x # comment",
        "title: x\n# comment\nsource: y",
        "title: \"x\" # comment",
        "aliases: [a, b] # c",
        // block scalars and multi-line values
        "summary: >-\n  folded\n  text",
        "summary: |\n  literal\n  text",
        "title: a long\n  continued title",
        "title: \"a long\n  quoted title\"",
        "aliases: [a,\n  b]",
        // escapes
        "title: \"tab\\there\"",
        "title: \"quote \\\" inside\"",
        // anchors, aliases, tags, merges
        "name: &n Jens\nrole: *n",
        "name: !!str 123",
        "<<: {a: 1}",
        "title: !custom x",
        // nested mappings and flow mappings
        "coordinates:\n  lat: 1\n  lon: 2",
        "coordinates: {lat: 1, lon: 2}",
        "evidence:\n  - article: a\n    quote:\n      nested: x",
        "evidence:\n  - article: a\n    quote:",
        "evidence:\n  - [a, b]",
        "evidence:\n  -\n    article: a",
        "evidence:\n  - article: a\n    quote: [q]",
        "aliases: [[a], b]",
        "aliases: [a: b]",
        "aliases: [a:b]",
        "aliases: [\"a\" , ]",
        "aliases: [a, ]",
        "aliases: [#a]",
        // indicators a plain value may not start with
        "title: - x", "title: ? x", "title: : x", "title: , x", "title: [x", "title: ] x", "title: { x",
        "title: } x", "title: # x", "title: & x", "title: * x", "title: ! x", "title: | x", "title: > x",
        "title: % x", "title: @ x", "title: ` x", "title: -x", "title: :x", "title: ?x", "kind: ~", "value: .inf", "value: -1",
        // errors
        "title: NATO: no threat",
        "title: x:",
        "title: \"unclosed",
        "title: 'unclosed",
        "title: \"closed\" trailing",
        "title: 'closed' trailing",
        "title:x",
        "title : x",
        "name: a\nname: b",
        "evidence:\n  - article: a\n    article: b",
        "  title: indented",
        "title: x\n  source: y",
        "title: x\n source: y",
        "evidence:\n  - article: a\n   quote: q",
        "evidence:\n  - article: a\n      quote: q",
        "about:\n  - a\n - b",
        "about:\n  - a\n    - b",
        "about:\n - a\n- b",
        "- a\n- b",
        "just text",
        "---\ntitle: x",
        "...\ntitle: x",
        "%YAML 1.2\n---\ntitle: x",
        "",
        "\n\n",
        // characters libyaml treats specially
        "title: tab\there",
        "title:\tx",
        "title: bom\u{FEFF}inside",
        "title: nel\u{85}inside",
        "title: ls\u{2028}inside",
        "title: ps\u{2029}inside",
        "title: c1\u{9F}inside",
        "title: del\u{7F}inside",
        "title: bell\u{07}inside",
        "title: nonchar\u{FFFE}inside",
        "title: x\r\nsource: y",
        "title: cr\rinside",
    ]

    @Test func simpleFrontMatterIsReadFastAndExactlyAsYamsReadsIt() {
        for yaml in Self.simple {
            #expect(Self.fastAgrees(yaml), "not read fast: \(yaml.debugDescription)")
        }
    }

    @Test func everythingElseIsLeftToYams() {
        for yaml in Self.declined {
            #expect(SimpleYAML.parse(yaml) == nil, "read fast: \(yaml.debugDescription)")
        }
    }

    @Test func marksCountUnicodeScalarsAsLibyamlDoes() throws {
        let node = try #require(SimpleYAML.parse("aliases: [\"Вучић\", é, 🎉, x]\nname: y"))
        #expect(Self.describe(node) == Self.yams("aliases: [\"Вучић\", é, 🎉, x]\nname: y"))
        let aliases = try #require(node.mapping?.first?.value.sequence)
        #expect(aliases.map(\.column) == [11, 20, 23, 26])
    }

    /// Random front matter built from simple and tricky pieces: whatever the fast reader accepts, it reads as Yams does.
    @Test func randomFrontMatterAgreesWithYams() {
        var generator = SeededGenerator(seed: 0x5EED)
        let keys = ["title", "source", "a", "Key_2", "x-y", "aliases", "evidence", "title"]
        let values = [
            "plain text", "\"double\"", "'single'", "'it''s'", "\"\"", "''", "a:b", "a: b", "x #c", "x#c", "[a, b]", "[\"a\", 'b']",
            "[]", "[ a ]", "[a,b]", "[a: b]", "- x", "-x", "null", "~", "Vučić", "🎉", "&a x", "*a", "!t x", "|", ">-", "{a: b}",
            "\"esc\\n\"", "[a, ]", "[a", "x   ", "1.5", "2023-11-21", "\"a\" b", "O'Brien", "a\tb", "q?", "%x", "@x",
        ]
        let nested = [
            "\n  - a\n  - b", "\n- a\n- b", "\n  - article: a\n    quote: \"q\"", "\n  - article: a\n    quote: q\n  - article: b\n    quote: 'r'",
            "\n- article: a\n  quote: q", "\n  -  x", "\n  - article: a\n   quote: q", "\n  key: v", "\n  - a\n - b", "\n\n  - a\n\n  - b",
        ]
        var read = 0
        for _ in 0..<3000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                let key = keys.randomElement(using: &generator) ?? "k"
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: lines.append(key + ":")
                case 1: lines.append(key + ":" + (nested.randomElement(using: &generator) ?? ""))
                case 2: lines.append("")
                case 3: lines.append("  " + key + ": x")
                default: lines.append(key + ": " + (values.randomElement(using: &generator) ?? ""))
                }
            }
            if Self.fastAgrees(lines.joined(separator: "\n")) { read += 1 }
        }
        // Most of it uses only the simple subset.
        #expect(read > 300)
    }

    /// Every front matter of the seed dossier the fast reader reads, it reads as Yams does; only the two whose quotes
    /// hold escaped quotes (\") are left to Yams.
    @Test func seedContentAgreesWithYams() throws {
        let content = LoaderFixture.repositoryRoot().appendingPathComponent("content").path
        let enumerator = try #require(FileManager.default.enumerator(atPath: content))
        var fast = 0, files = 0
        for case let relative as String in enumerator where relative.hasSuffix(".md") {
            let text = try String(contentsOfFile: content + "/" + relative, encoding: .utf8)
            let file = try FrontMatterFile.split(text, path: relative).get()
            files += 1
            if Self.fastAgrees(file.yaml) { fast += 1 }
        }
        #expect(files > 50)
        #expect(fast == files - 2)
    }

    /// The loader's diagnostics are the same whichever reader read the front matter: a fixture read fast and the same
    /// fixture with a comment line (read by Yams) report the same problems at the same places.
    @Test func diagnosticsAreTheSameOnBothPaths() throws {
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            stance: affirms
            credibility: 9
            about: vucic
            evidence:
              - article: report
                qoute: "no threat"
              - "just text"
            colour: red
            ---

            """
        let withComment = claim.replacingOccurrences(of: "colour: red\n", with: "colour: red\n# read by Yams\n")
        #expect(SimpleYAML.parse(try FrontMatterFile.split(claim, path: "x.md").get().yaml) != nil)
        #expect(SimpleYAML.parse(try FrontMatterFile.split(withComment, path: "x.md").get().yaml) == nil)
        let fast = try LoaderFixture.load(["claims/no-threat.md": claim])
        let slow = try LoaderFixture.load(["claims/no-threat.md": withComment])
        let relocated = slow.diagnostics.map {
            Diagnostic(
                $0.severity, $0.code,
                SourceLocation(path: $0.location.path.replacingOccurrences(of: slow.root, with: fast.root), line: $0.location.line, column: $0.location.column),
                $0.message, fix: $0.fix)
        }
        #expect(fast.diagnostics.count >= 5)
        #expect(fast.diagnostics == relocated)
    }
}

/// A small deterministic generator (SplitMix64) for the random fixtures.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
