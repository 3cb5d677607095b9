// The search index: what it holds, how it folds text, and that its paths are known before it is built.
import Foundation
import Testing

@testable import DossierKit

@Suite struct Search {
    @Test(arguments: [
        ("Vučić", "vucic"), ("Zelensky’s", "zelensky's"), ("KOVAČEVSKI", "kovacevski"), ("Đukanović", "dukanovic"), ("Straße", "strasse"),
    ])
    func foldingIgnoresCaseDiacriticsAndCurlyApostrophes(_ text: String, _ folded: String) {
        #expect(SearchIndex.fold(text) == folded)
    }

    @Test(arguments: [
        ("Vučić met KOVAČEVSKI in Skopje — Đukanović too; straße é", ["vucic", "met", "kovacevski", "in", "skopje", "dukanovic", "too", "strasse"]),
        ("a b cd e\u{301}f ÅÆ x", ["cd", "ef", "aæ"]),
    ])
    func wordsOutsideASCIIAreFoldedAndCut(_ text: String, _ expected: [String]) {
        #expect(SearchIndex.terms(text) == expected)
    }

    /// What the index's words are, said plainly: the text folded scalar by scalar, cut at every scalar that is
    /// not a letter or digit, pieces of two scalars or more. TermTable cuts in one pass over the bytes (ASCII
    /// words in place, others folded into a buffer); it must agree.
    static func reference(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in SearchIndex.fold(text).unicodeScalars {
            if SearchIndex.Folder.isWord(scalar) {
                word.append(scalar)
            } else {
                if word.count >= 2 { words.append(String(word)) }
                word = String.UnicodeScalarView()
            }
        }
        if word.count >= 2 { words.append(String(word)) }
        return words
    }

    @Test(arguments: [
        "Zelensky's plan: a Balkan war, 2023!", "ALL CAPS and MiXeD case words", "a b c d e", "x", "", "  leading and trailing  ",
        "ab1 2cd e3f_g4h-i5j.k6l,m7n", "Over and over, over. OVER; over!", "One\nTwo\tThree\r\nFour",
        "Ae\u{301}B e\u{301}\u{301}x \u{301}ab KOVAČEVSKI—Vučić’s", "ÆØ Ωmega straße ß1 A—B", "x\u{1F600}y zz\u{1F600}",
    ])
    func termsAreTheFoldedTextCutAtNonWords(_ text: String) {
        var table = TermTable()
        var ids: [Int32] = []
        table.terms("Vučić first, so the table has words before", into: &ids)
        ids.removeAll()
        table.terms(text, into: &ids)
        #expect(ids.map { table.term($0) } == Self.reference(text))
        // And a text outside ASCII after it is cut as before.
        ids.removeAll()
        table.terms("Đukanović met KOVAČEVSKI", into: &ids)
        #expect(ids.map { table.term($0) } == ["dukanovic", "met", "kovacevski"])
    }

    /// Mixed texts from a fixed seed: ASCII runs next to letters with diacritics, combining marks, letters that
    /// fold to two, punctuation and symbols, in every order.
    @Test func mixedTextsAreCutAsTheReferenceCutsThem() {
        let pieces = [
            "a", "B", "z", "Q", "7", "0", " ", " ", "-", "'", ".", "é", "e\u{301}", "\u{301}", "Č", "č", "ß", "Æ", "ø", "Đ", "’", "—", "\u{1F600}",
            "ab", "CD", "ü", "\u{308}", "\u{2009}", "x1", "\n",
        ]
        var random = SeededGenerator(seed: 0x5EED)
        var table = TermTable()
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...16, using: &random) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            var ids: [Int32] = []
            table.terms(text, into: &ids)
            #expect(ids.map { table.term($0) } == Self.reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// A word is one term however it is written: capitals are lowered as the word is hashed (ASCII words) or
    /// copied (words outside ASCII), and both ways must find the same entry, whichever came first.
    @Test(arguments: [
        "Over over OVER oVeR", "over Over OVER", "Kovacevski KOVACEVSKI kovacevski", "ab1 AB1 Ab1", "Vučić VUČIĆ vucic Vucic VUCIC",
        "Straße STRASSE strasse", "Zelensky’s ZELENSKY zelensky",
    ])
    func oneWordInAnyCaseIsOneTerm(_ text: String) {
        var table = TermTable()
        var ids: [Int32] = []
        table.terms(text, into: &ids)
        let words = Self.reference(text)
        #expect(ids.map { table.term($0) } == words)
        // Equal folded words, equal ids; and as many entries as distinct words.
        for (a, b) in zip(ids, words) {
            for (c, d) in zip(ids, words) where b == d { #expect(a == c, "\(b)") }
        }
        #expect(table.count == Set(words).count)
    }

    @Test func termsAreWordsOfTwoCharactersOrMore() {
        #expect(SearchIndex.terms("Zelensky’s plan: a “Balkan” war, 2023!") == ["zelensky", "plan", "balkan", "war", "2023"])
    }

    /// The index of a fixture, decoded back from its files: term → documents, and the documents' rows.
    private func decode(_ files: [OutputFile]) throws -> (terms: [String: [Int]], docs: [[String]]) {
        var terms: [String: [Int]] = [:]
        var docs: [[String]] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let text = String(decoding: file.contents, as: UTF8.self)
            let json = try #require(text.firstIndex(of: ",").map { text[text.index(after: $0)...] }?.dropLast(3))
            let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
            if file.path.hasPrefix("search/terms-"), let table = value as? [String: [Int]] {
                for (term, postings) in table { terms[term] = stride(from: 0, to: postings.count, by: 2).map { postings[$0] } }
            }
            if file.path.hasPrefix("search/docs-"), let rows = value as? [[String]] { docs += rows }
        }
        return (terms, docs)
    }

    /// The index a build session keeps and updates writes the same files as the one-shot writer, before an
    /// edit of article text and after it (against the writer on the edited dossier), and the update hands
    /// over only files whose bytes changed.
    @Test func theSessionIndexWritesWhatTheWriterWrites() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 30, actors: 6, claims: 6))
        func linked() throws -> Dossier {
            let (corpus, _) = ContentLoader(contentDirectory: fixture.content.path).load()
            return Linker(corpus: try #require(corpus)).link().dossier
        }
        func bytes(_ files: [OutputFile]) -> [String: [UInt8]] {
            Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        }
        let before = try linked()
        let state = SearchIndexState(before)
        var all: [OutputFile] = []
        state.writeAll { all.append($0) }
        let written = bytes(all)
        #expect(written == bytes(SearchIndex.files(before)))

        let article = fixture.content.appendingPathComponent("articles/n7.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        try (text + "\nZebrafinch quokka: words no other article has, and again.\n").write(to: article, atomically: true, encoding: .utf8)
        let after = try linked()
        var updated: [OutputFile] = []
        state.update(after, articles: ["n7"]) { updated.append($0) }
        let want = bytes(SearchIndex.files(after))
        var merged = written
        for file in updated { merged[file.path] = file.contents }
        #expect(merged == want)
        #expect(!updated.isEmpty)
        for file in updated { #expect(written[file.path] != file.contents, "\(file.path) handed over unchanged") }
        #expect(updated.contains { String(decoding: $0.contents, as: UTF8.self).contains("\"zebrafinch\":[") })
    }

    @Test func theIndexFindsNamesSpellingsClaimsAndArticleText() throws {
        let fixture = try SiteFixture()
        let (corpus, _) = ContentLoader(contentDirectory: fixture.content.path).load()
        let (dossier, _) = Linker(corpus: try #require(corpus)).link()
        let files = SearchIndex.files(dossier)
        #expect(Set(files.map(\.path)) == Set(SearchIndex.paths(dossier.corpus)))
        let (terms, docs) = try decode(files.filter { $0.path != "search/meta.js" })
        func titles(_ term: String) -> [String] { (terms[term] ?? []).map { docs[$0][1] } }
        // An alias with a diacritic, folded: Vucic's alias Vučić.
        #expect(titles("vucic").contains("Vucic"))
        // A claim by its summary and by its quote; an article by its title and by a word of its body.
        #expect(titles("threat").contains("No threat."))
        #expect(titles("agreed").contains("First article"))
        #expect(titles("second").contains("Second article"))
        // The proposition by its statement; the location by its name.
        #expect(titles("threat").contains("There is a threat."))
        #expect(titles("skopje").contains("Skopje"))
        // Names rank above passing mentions: Stoltenberg's own entry is the best document for his name.
        #expect(titles("stoltenberg").first == "Jens Stoltenberg")
        #expect(docs.allSatisfy { $0.count == 5 })
    }

    @Test func aWordInEveryDocumentCostsNoMoreThanTheLimit() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 260, actors: 5, claims: 10))
        let (corpus, _) = ContentLoader(contentDirectory: fixture.content.path).load()
        let (dossier, _) = Linker(corpus: try #require(corpus)).link()
        let (terms, _) = try decode(SearchIndex.files(dossier).filter { $0.path != "search/meta.js" })
        #expect(terms["sentence"]?.count == SearchIndex.postingLimit)
    }
}

/// dossier.json's numbers and entity strings are written without making Strings for them: the bytes must be
/// what `String(value)` and the JSON of `entity.description` give.
@Suite struct JSONWriting {
    @Test(arguments: [0, 1, 9, 10, 99, 100, 12_345, -1, -10, -987_654, Int.max, Int.min])
    func integersAreTheirDecimalDigits(_ value: Int) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(String(decoding: writer.out, as: UTF8.self) == String(value))
    }

    @Test(arguments: [EntityRef(kind: .actors, id: "vucic"), EntityRef(kind: .locations, id: "north-macedonia"), EntityRef(kind: .actors, id: "a\"b<c>&\u{2028}")])
    func entitiesAreTheirDescriptionsAsJSON(_ entity: EntityRef) {
        var writer = JSONWriter()
        writer.entity(entity)
        var reference = JSONWriter()
        reference.string(entity.description)
        #expect(writer.out == reference.out)
    }
}
