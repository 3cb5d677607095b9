// What fuzzing (`make fuzz`, Fuzz/) found, each pinned by the smallest input that showed it.
import DossierMarkdown
import Foundation
import Testing

@testable import DossierKit

@Suite struct FuzzFindingTests {
    /// Nine aliases of aliases stand for 9^9 values: Yams shares the anchored node, and copying it out value by
    /// value never finished (the front matter target's timeout). Now refused, at the front matter, in one error.
    @Test(.timeLimit(.minutes(1))) func yamlAliasesThatStandForBillionsOfValuesAreOneErrorNotAHang() throws {
        var lists = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...8 { lists.append("&l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        let actor = """
            ---
            name: Jens Stoltenberg
            kind: person
            aliases: [\(lists.joined(separator: ", "))]
            ---

            """
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        let found = run.diagnostics(for: "actors/stoltenberg.md")
        #expect(found.count == 1, "\(found.map(\.description))")
        #expect(found.first?.code == .yamlTooLarge)
        #expect(found.first?.severity == .error)
        #expect(found.first?.message.contains("more than 100000 values") == true, "\(found.map(\.description))")
        // At the first alias, on the aliases line (line 4 of the file).
        #expect(found.first?.location.line == 4, "\(found.map(\.description))")
    }

    /// The limit counts values, not aliases: an alias of a value is read as that value.
    @Test func yamlAliasesWithinTheLimitAreReadAsTheirValues() throws {
        let actor = """
            ---
            name: &name Jens Stoltenberg
            kind: person
            aliases: [*name, Stoltenberg]
            ---

            """
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        #expect(run.diagnostics.map(\.description) == [])
        let actors = try #require(run.corpus?.actors)
        #expect(actors.first?.aliases.map(\.value) == ["Jens Stoltenberg", "Stoltenberg"])
    }

    /// Thousands of mentions in one paragraph (a transcript pasted as one block): splicing looked for the spans covering
    /// each piece among all of the paragraph's spans, so "Jens Stoltenberg NATO Russia " 20,000 times ran past the
    /// article target's timeout.
    @Test func thousandsOfMentionsInOneParagraphSpliceInOnePass() {
        let document = MarkdownDocument(parsing: Array(repeating: "Jens Stoltenberg met NATO", count: 10_000).joined(separator: " ") + "\n")
        let leaf = document.blocks[0].inlines[0]
        var spans: [Span] = []
        for offset in stride(from: 0, to: 10_000 * 26, by: 26) {
            spans.append(Span(range: offset..<(offset + 16), priority: 1, open: "<a>", close: "</a>"))
            spans.append(Span(range: (offset + 21)..<(offset + 25), priority: 1, open: "<a>", close: "</a>"))
        }
        // An evidence mark over all of them, which every mention nests in.
        spans.append(Span(range: 0..<(10_000 * 26 - 1), priority: 0, open: "<mark id=\"q\">", reopen: "<mark>", close: "</mark>"))
        let clock = ContinuousClock()
        let start = clock.now
        let html = document.renderHTML(spans: [leaf.ordinal: spans])
        #expect(clock.now - start < .seconds(20))
        #expect(html.components(separatedBy: "<a>").count - 1 == 20_000)
        #expect(html.hasPrefix("<p><mark id=\"q\"><a>Jens Stoltenberg</a> met <a>NATO</a> <a>Jens Stoltenberg</a>"))
        #expect(html.hasSuffix("<a>Jens Stoltenberg</a> met <a>NATO</a></mark></p>\n"))
    }
}
