// Bytes on disk: invalid UTF-8, byte-order marks and Windows/old-Mac line endings.
import Foundation
import Testing

@testable import DossierKit

@Suite struct LoaderEncodingTests {
    static let invalidLineThree: [(name: String, bytes: [UInt8])] = [
        ("lone 0xFF", [0xFF]),
        ("truncated 3-byte sequence", [0xE2, 0x82]),
        ("overlong 0xC0 0xAF", [0xC0, 0xAF]),
        ("stray continuation byte", [0x80]),
        ("surrogate code point", [0xED, 0xA0, 0x80]),
    ]

    @Test(arguments: invalidLineThree.indices)
    func invalidUTF8IsReportedOnTheLineOfTheFirstBadByte(_ index: Int) throws {
        let bad = Self.invalidLineThree[index].bytes
        // Line 2 holds valid multi-byte characters, so a byte-counting mistake would shift the line.
        let bytes: [UInt8] =
            Array("---\ntitle: \"Vučić and Kovačevski — in Skopje\"\nsource: MI".utf8) + bad
            + Array("A\npublished: 2023-11-21\n---\nJens Stoltenberg said no threat.\n".utf8)
        let run = try LoaderFixture.load(bytes: ["articles/report.md": bytes])
        #expect(
            run.diagnostics(for: "articles/report.md") == [
                .error(
                    .fileEncoding, SourceLocation(path: run.path("articles/report.md"), line: 3, column: 1),
                    "this file is not valid UTF-8 text (the first bad byte is on line 3); re-save it with UTF-8 encoding")
            ],
            "\(Self.invalidLineThree[index].name)")
        #expect(run.corpus?.articles.isEmpty == true)
    }

    @Test func invalidUTF8InDossierYAMLIsReported() throws {
        let bytes: [UInt8] = Array("title: Test dossier\n".utf8) + [0x73, 0x75, 0x62, 0x3A, 0x20, 0xE9, 0x0A]  // "sub: é" in Latin-1
        let run = try LoaderFixture.load(bytes: ["dossier.yaml": bytes])
        #expect(
            run.diagnostics == [
                .error(
                    .fileEncoding, SourceLocation(path: run.path("dossier.yaml"), line: 2),
                    "this file is not valid UTF-8 text (the first bad byte is on line 2); re-save it with UTF-8 encoding")
            ])
        #expect(run.corpus == nil)
    }

    @Test func crlfLineEndingsAndByteOrderMarkAreAccepted() throws {
        var bytes: [String: [UInt8]] = [:]
        for (path, text) in LoaderFixtureFiles.base { bytes[path] = LoaderFixtureFiles.withBOM(LoaderFixtureFiles.crlf(text)) }
        // One file with old-Mac CR-only line endings, one with CRLF but no BOM.
        bytes["actors/stoltenberg.md"] = Array(LoaderFixtureFiles.actor.replacingOccurrences(of: "\n", with: "\r").utf8)
        bytes["claims/no-threat.md"] = Array(LoaderFixtureFiles.crlf(LoaderFixtureFiles.claim).utf8)
        let run = try LoaderFixture.check(bytes: bytes)
        #expect(run.diagnostics.map(\.description) == [])

        let loaded = try LoaderFixture.load(bytes: bytes)
        let corpus = try #require(loaded.corpus)
        #expect(corpus.dossier.title == "Test dossier")
        #expect(corpus.articles.first?.title == "NATO chief in Skopje")
        #expect(corpus.articles.first?.body.firstLine == 6)
        #expect(corpus.actors.first?.aliases.map(\.value) == ["Stoltenberg"])
        #expect(corpus.claims.first?.evidence.first?.quote.value == "no threat")
        // No carriage return survives into values or text.
        let document = try #require(corpus.articles.first?.body.document)
        #expect(!document.blocks.isEmpty)
        #expect(document.blocks.allSatisfy { !$0.plainText.contains("\r") })
        #expect(!document.renderHTML().contains("\r"))
    }

    @Test func crlfAndByteOrderMarkKeepLineAndColumnOfLaterErrors() throws {
        let actor = """
            ---
            name: Jens Stoltenberg
            kind: persn
            aliases: [Stoltenberg]
            ---

            """
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            evidence:
              - article: report
                quote: "no threat"
            credibility: 9
            ---

            """
        let emptyArticle = "---\ntitle: Empty\nsource: MIA\npublished: 2023\n---\n\n"
        let run = try LoaderFixture.load(bytes: [
            "actors/stoltenberg.md": LoaderFixtureFiles.withBOM(LoaderFixtureFiles.crlf(actor)),
            "claims/no-threat.md": LoaderFixtureFiles.withBOM(LoaderFixtureFiles.crlf(claim)),
            "articles/empty.md": LoaderFixtureFiles.withBOM(LoaderFixtureFiles.crlf(emptyArticle)),
        ])
        #expect(
            run.diagnostics(for: "actors/stoltenberg.md") == [
                .error(
                    .invalidChoice, SourceLocation(path: run.path("actors/stoltenberg.md"), line: 3, column: 7),
                    "'kind' must be one of person, organization, state, not 'persn'; did you mean 'person'?", fix: "write 'kind: person'")
            ])
        #expect(
            run.diagnostics(for: "claims/no-threat.md").first
                == .error(
                    .invalidGrade, SourceLocation(path: run.path("claims/no-threat.md"), line: 7, column: 14),
                    "'credibility' is an Admiralty information grade: a number from 1 (confirmed) to 6 (cannot be judged), not '9'"))
        #expect(
            run.diagnostics(for: "articles/empty.md") == [
                .error(.emptyArticle, SourceLocation(path: run.path("articles/empty.md"), line: 6), "the article has no text: paste the article's text below the closing '---'")
            ])
    }

    @Test func crlfKeepsMalformedYAMLLine() throws {
        let article = """
            ---
            title: "NATO chief in Skopje"
            source: MIA
            published: 2023-11-21
            author: Staff: MIA
            ---
            Jens Stoltenberg said no threat.

            """
        let run = try LoaderFixture.load(bytes: ["articles/report.md": LoaderFixtureFiles.withBOM(LoaderFixtureFiles.crlf(article))])
        #expect(
            run.diagnostics(for: "articles/report.md").first
                == .error(
                    .yamlNeedsQuotes, SourceLocation(path: run.path("articles/report.md"), line: 5, column: 14),
                    "the front matter cannot be read: a value that contains ': ' must be put in quotes", fix: "write author: \"Staff: MIA\""))
    }
}
