// A build session's link memory: what it reuses must give exactly what a fresh link gives, and each kind
// of edit must make it redo what depends on the edited file.
import Foundation
import Testing

@testable import DossierKit
import DossierMarkdown

@Suite struct LinkMemoryReuse {
    /// Three articles saying nearly the same, a fourth about something else, and claims quoting two of them.
    func fixture() -> CorpusFixture {
        var fixture = people
        fixture.articles = [
            ("a", "We don't see any imminent military threat from Russia against any NATO ally or the region.\n\nStoltenberg spoke in North Macedonia.\n"),
            ("b", "- We see no immediate military threat from Russia against any NATO ally or region. But of course we are vigilant.\n"),
            ("c", "The weather in Skopje was fine and the press conference started late. Vucic was not there.\n"),
            ("d", "Stoltenberg said: we do not see an imminent military threat from Russia against any NATO ally or the region.\n"),
        ]
        fixture.claims = [
            ("s", "stoltenberg", nil, nil, [], [("a", "We don't see any imminent military threat from Russia against any NATO ally or the region.")]),
            ("t", "vucic", nil, nil, [], [("c", "the press conference started late")]),
        ]
        return fixture
    }

    /// Links `corpus` with `memory` and without, and expects the same dossier and diagnostics.
    @discardableResult
    func expectSameAsFresh(_ corpus: Corpus, _ memory: LinkMemory, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Dossier {
        let remembered = Linker(corpus: corpus, memory: memory).link()
        let fresh = Linker(corpus: corpus).link()
        #expect(remembered.dossier.mentions == fresh.dossier.mentions, sourceLocation: sourceLocation)
        #expect(DossierJSON.referenceBytes(remembered.dossier) == DossierJSON.referenceBytes(fresh.dossier), sourceLocation: sourceLocation)
        #expect(remembered.diagnostics.map(\.description) == fresh.diagnostics.map(\.description), sourceLocation: sourceLocation)
        return remembered.dossier
    }

    @Test func anUnchangedCorpusIsNotSearchedAgain() {
        let memory = LinkMemory()
        let corpus = fixture().corpus()
        let first = expectSameAsFresh(corpus, memory)
        #expect(first.evidence["s"]?.first?.corroborations.map(\.article) == ["b", "d"])
        expectSameAsFresh(corpus, memory)
        #expect(memory.relinked == 0)
        #expect(memory.corroboration.scanned == 0)
    }

    @Test func editingAnArticleRescansOnlyThatArticle() {
        let memory = LinkMemory()
        var fixture = fixture()
        expectSameAsFresh(fixture.corpus(), memory)
        fixture.articles[1].body = "- Nothing of the kind was said here. Vucic arrived.\n"
        let dossier = expectSameAsFresh(fixture.corpus(), memory)
        #expect(dossier.evidence["s"]?.first?.corroborations.map(\.article) == ["d"])
        #expect(memory.relinked == 1)
        #expect(memory.corroboration.scanned == 1)
    }

    @Test func editingTheArticleAQuoteIsFromChangesItsCorroboration() {
        let memory = LinkMemory()
        var fixture = fixture()
        expectSameAsFresh(fixture.corpus(), memory)
        // The quote is no longer in its article: it is not verified, so nothing corroborates it.
        fixture.articles[0].body = "We don't see any military threat at all.\n"
        let dossier = expectSameAsFresh(fixture.corpus(), memory)
        #expect(dossier.evidence["s"]?.first?.verified == false)
        #expect(dossier.evidence["s"]?.first?.corroborations.isEmpty == true)
        // Back as it was: verified and corroborated again.
        fixture.articles[0].body = self.fixture().articles[0].body
        let again = expectSameAsFresh(fixture.corpus(), memory)
        #expect(again.evidence["s"]?.first?.corroborations.map(\.article) == ["b", "d"])
    }

    @Test func editingAQuoteRedoesTheCorroboration() {
        let memory = LinkMemory()
        var fixture = fixture()
        expectSameAsFresh(fixture.corpus(), memory)
        fixture.claims[1].evidence = [("c", "The weather in Skopje was fine")]
        expectSameAsFresh(fixture.corpus(), memory)
        #expect(memory.corroboration.scanned == fixture.articles.count)
    }

    @Test func addingAndDeletingArticlesGivesWhatAFreshLinkGives() {
        let memory = LinkMemory()
        var fixture = fixture()
        expectSameAsFresh(fixture.corpus(), memory)
        fixture.articles.append(("e", "We see no imminent military threat from Russia against any NATO ally or the region, Stoltenberg said.\n"))
        let added = expectSameAsFresh(fixture.corpus(), memory)
        #expect(added.evidence["s"]?.first?.corroborations.map(\.article) == ["b", "d", "e"])
        fixture.articles.remove(at: 3)
        let removed = expectSameAsFresh(fixture.corpus(), memory)
        #expect(removed.evidence["s"]?.first?.corroborations.map(\.article) == ["b", "e"])
    }

    @Test func changingAnArticlesOutletChangesTheNamingVariants() {
        let memory = LinkMemory()
        var corpus = fixture().corpus()
        expectSameAsFresh(corpus, memory)
        corpus.articles[0].source = .outlet("Outlet b")
        let dossier = expectSameAsFresh(corpus, memory)
        #expect(memory.relinked == 0)
        #expect(dossier.variants[EntityRef(kind: .actors, id: "stoltenberg")]?.first?.outlets.contains("Outlet b") == true)
    }

    @Test func renamingAnActorRelinksMentionsInEveryText() {
        let memory = LinkMemory()
        var fixture = fixture()
        expectSameAsFresh(fixture.corpus(), memory)
        fixture.actors[0].aliases = ["Stoltenberg", "Jens"]
        fixture.actors[2].name = "Aleksandar Vucic the Elder"
        fixture.actors[2].aliases = []
        let corpus = fixture.corpus()
        let dossier = expectSameAsFresh(corpus, memory)
        let texts = corpus.articles.count + corpus.actors.count + corpus.locations.count + corpus.propositions.count + corpus.claims.count
        #expect(memory.relinked == texts)
        #expect(!dossier.mentions.contains { $0.entity.id == "vucic" })
    }
}

@Suite struct DossierJSONWriting {
    @Test func theByteWriterEqualsTheValueSerializer() {
        var fixture = LinkMemoryReuse().fixture()
        fixture.articles.append(("tricky", "Quotes \" and \\ backslash, <b> & 'apostrophes', tab\there, line\u{2028}sep\u{2029}, bell\u{7}, Vučić ✓.\n"))
        fixture.actors.append(("odd", "Name <with> & \"quotes\"", ["Al\u{1}ias"], .person, []))
        let (dossier, _) = fixture.link()
        #expect(String(decoding: DossierJSON.bytes(dossier), as: UTF8.self) == String(decoding: DossierJSON.referenceBytes(dossier), as: UTF8.self))
    }

    @Test func anEmptyDossierToo() {
        let (dossier, _) = CorpusFixture().link()
        #expect(DossierJSON.bytes(dossier) == DossierJSON.referenceBytes(dossier))
    }
}

@Suite struct StreamedOtherFiles {
    @Test func theBuildWritesTheOtherFilesTheRendererWouldMake() throws {
        let fixture = try SiteFixture()
        #expect(fixture.build().summary != nil)
        let (corpus, _) = ContentLoader(contentDirectory: fixture.content.path).load()
        let dossier = Linker(corpus: try #require(corpus)).link().dossier
        let renderer = SiteRenderer(dossier: dossier, templates: TemplateSet.load(directory: SiteFixture.templates))
        let files = renderer.otherFiles(pagePaths: renderer.pagePaths())
        #expect(files.map(\.path).contains("sitemap.xml"))
        for file in files {
            let written = FileManager.default.contents(atPath: fixture.output.appendingPathComponent(file.path).path)
            #expect(written.map { [UInt8]($0) } == file.contents, "\(file.path)")
        }
    }

    @Test func aStreamedFileIsWrittenOnlyWhenItsBytesChange() throws {
        let fixture = try SiteFixture()
        let writer = SiteWriter(outputDirectory: fixture.output.path)
        func store(_ pieces: [String]) throws -> Bool {
            let session = try writer.begin(paths: ["data/file.json"])
            let result = try session.store(path: "data/file.json") { emit in for piece in pieces { emit(Array(piece.utf8)) } }
            #expect(result.digest == ContentDigest(Array(pieces.joined().utf8)))
            session.record("data/file.json", written: result.written)
            _ = try session.finish()
            return result.written
        }
        let path = fixture.output.appendingPathComponent("data/file.json").path
        #expect(try store(["{\"a\":", " 1}"]))
        #expect(try store(["{\"a\": 1", "}"]) == false)
        #expect(try store(["{\"a\": 1}", "\n"]))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\": 1}\n")
        #expect(try store(["{\"a\": 1}"]))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\": 1}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.output.appendingPathComponent("data").path) == ["file.json"])
        // Nothing is left beside the output folder.
        let beside = try FileManager.default.contentsOfDirectory(atPath: fixture.output.deletingLastPathComponent().path)
        #expect(beside.filter { $0.contains("dossier-") }.isEmpty, "\(beside)")
    }
}

@Suite struct IndexMemoryReuse {
    func summary(_ index: RenderIndex) -> [String] {
        let mentions = index.articleMentionsByEntity.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.map { "\($0.owner)/\($0.text)/\($0.paragraph)" })" }
        let groups = index.mentionGroupsByEntity.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.map { "\($0.article)×\($0.mentions.count)" })" }
        let pairs = index.cooccurrencesByEntity.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.map { "\($0.entity)=\($0.count)" })" }
        return mentions + groups + pairs
    }

    @Test func reusedListsEqualFreshOnesAfterEveryKindOfEdit() {
        let memory = IndexMemory()
        var fixture = LinkMemoryReuse().fixture()
        func index() -> (RenderIndex, RenderIndex) {
            var (dossier, _) = fixture.link()
            let fresh = RenderIndex(dossier: dossier)
            dossier.indexMemory = memory
            return (RenderIndex(dossier: dossier), fresh)
        }
        var (remembered, fresh) = index()
        #expect(summary(remembered) == summary(fresh))
        (remembered, fresh) = index()
        #expect(memory.mentions != nil && summary(remembered) == summary(fresh))
        // A new mention, a renamed actor (the co-occurrence order is by name), an added article.
        fixture.articles[2].body = "Stoltenberg and Vucic met in Skopje. NATO said so.\n"
        (remembered, fresh) = index()
        #expect(summary(remembered) == summary(fresh))
        fixture.actors[1].name = "AAA Alliance"
        fixture.actors[1].aliases = ["NATO"]
        (remembered, fresh) = index()
        #expect(summary(remembered) == summary(fresh))
        fixture.articles.append(("e", "NATO and Vucic, again, in North Macedonia.\n"))
        (remembered, fresh) = index()
        #expect(summary(remembered) == summary(fresh))
    }
}

@Suite struct JSONEscaping {
    /// The escaping JSON values had before they were written as bytes, scalar by scalar.
    func reference(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func bytesAreEscapedAsScalarsWere() {
        let samples = [
            "", "plain", "Quotes \" and \\ backslash", "<script>&</script>", "tab\there\r\nline", "line\u{2028}sep\u{2029}end",
            "bell\u{7}\u{0}\u{1F}", "Vučić ✓ — “curly” 日本 🇲🇰", "\u{2027}\u{202A}\u{E2}", "e\u{301}",
        ]
        for sample in samples {
            #expect(JSONValue.string(sample).serialized() == reference(sample), "\(sample.debugDescription)")
        }
        let nested: JSONValue = .object(["b": .array([.int(-3), .double(0.25), .bool(true), .null]), "a": .string("x<y")])
        #expect(nested.serialized() == "{\"a\":\"x\\u003cy\",\"b\":[-3,0.25,true,null]}")
        #expect(nested.serialized(pretty: true) == "{\n  \"a\": \"x\\u003cy\",\n  \"b\": [\n    -3,\n    0.25,\n    true,\n    null\n  ]\n}")
    }
}
