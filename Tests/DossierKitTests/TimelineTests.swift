// The timeline: date order, each date at its own precision, undated items apart.
import Foundation
import Testing

@testable import DossierKit

@Suite struct Timeline {
    static var files: [String: String] {
        var files = SiteFixture.standard
        // Article one is dated 2023-11-21 and article two 2023-11 in the standard fixture.
        files["articles/three.md"] = "---\ntitle: Third article\nsource: Outlet Two\npublished: 2023\n---\nStoltenberg spoke.\n"
        files["articles/four.md"] = "---\ntitle: Fourth article\nsource: Outlet Two\npublished: unknown\n---\nStoltenberg spoke again.\n"
        files["articles/five.md"] = "---\ntitle: Fifth article\nsource: Outlet Two\npublished: 2023-11-02\n---\nNATO met.\n"
        return files
    }

    @Test func itemsAreInDateOrderAtTheirOwnPrecisionWithUndatedApart() throws {
        let fixture = try SiteFixture(Self.files)
        #expect(fixture.build().summary != nil)
        let page = try fixture.page("timeline.html")
        let order = [
            #"<h2 id="t-2023">2023, month not known</h2>"#,
            #"<time datetime="2023">2023</time></span> <span class="badge">Article</span> <a href="articles/three.html">Third article</a>"#,
            #"<h2 id="t-2023-11">November 2023</h2>"#,
            #"<time datetime="2023-11">November 2023</time></span> <span class="badge">Article</span> <a href="articles/two.html">Second article</a>"#,
            #"<time datetime="2023-11-02">2 November 2023</time></span> <span class="badge">Article</span> <a href="articles/five.html">"#,
            #"<time datetime="2023-11-21">21 November 2023</time></span> <span class="badge">Article</span> <a href="articles/one.html">"#,
            #"<time datetime="2023-11-21">21 November 2023</time></span> <span class="badge">Claim</span> <a href="claims/no-threat.html">No threat.</a> <span class="muted">— Jens Stoltenberg</span>"#,
            #"<h2 id="t-undated">Undated</h2>"#,
            #"<span class="badge">Article</span> <a href="articles/four.html">Fourth article</a>"#,
            #"<span class="badge">Claim</span> <a href="claims/threat.html">There is a threat.</a>"#,
        ]
        var cursor = page.startIndex
        for piece in order {
            let found = try #require(page.range(of: piece, range: cursor..<page.endIndex), "\(piece)")
            cursor = found.upperBound
        }
        // Never padded to a day.
        #expect(!page.contains(#"datetime="2023-11-01""#) && !page.contains(#"datetime="2023-01-01""#))
        #expect(page.contains(#"<a href="timeline.html" aria-current="page">Timeline</a>"#))
    }

    @Test func entityPagesHaveTheirOwnTimelineAndLongOnesAFullPaginatedList() throws {
        let fixture = try SiteFixture(Self.files)
        #expect(fixture.build().summary != nil)
        let actor = try fixture.page("actors/stoltenberg.html")
        #expect(actor.contains(#"<h2 id="h-timeline">Timeline</h2>"#))
        #expect(actor.contains(#"<h3 id="t-2023" class="timeline-month">2023, month not known</h3>"#))
        #expect(!actor.contains("stoltenberg.timeline.html"))

        let big = try SiteFixture(syntheticContent(articles: 330, actors: 3, claims: 20))
        #expect(big.build().summary != nil)
        let person = try big.page("actors/a0.html")
        #expect(person.contains("The latest \(PageSizes.shortTimeline) dated items."))
        #expect(person.contains(#"href="../actors/a0.timeline.html""#))
        let list = try big.page("actors/a0.timeline.html")
        #expect(list.contains(#"<h3 id="t-2023-01" class="timeline-month">January 2023</h3>"#))
        let dates = list.components(separatedBy: #"<time datetime=""#).dropFirst().map { String($0.prefix(10)) }
        #expect(dates == dates.sorted())
        #expect(dates.count == PageSizes.timeline)
        #expect(FileManager.default.fileExists(atPath: big.output.appendingPathComponent("actors/a0.timeline.2.html").path))
    }

    /// Each entity's timeline is taken from the whole timeline's order; it must be the entries sorted as
    /// `TimelineEntry.ordered` sorts them (dates of every precision, undated, articles and claims).
    @Test func entityTimelinesAreTheirEntriesSorted() throws {
        var files = syntheticContent(articles: 120, actors: 6, claims: 30)
        for (name, text) in Self.files where name.hasPrefix("articles/") { files[name] = text }
        let fixture = try SiteFixture(files)
        let (corpus, _) = ContentLoader(contentDirectory: fixture.content.path).load()
        let (dossier, _) = Linker(corpus: try #require(corpus)).link()
        let index = RenderIndex(dossier: dossier, templates: nil)
        let entities = dossier.corpus.actors.map { EntityRef(kind: .actors, id: $0.id) } + dossier.corpus.locations.map { EntityRef(kind: .locations, id: $0.id) }
        #expect(entities.count >= 6)
        var compared = 0
        for entity in entities {
            let expected = index.timelineBySorting(of: entity)
            #expect(index.timeline(of: entity) == expected, "\(entity)")
            compared += expected.count
        }
        #expect(compared > 100)
    }

    @Test func theOrderIsTotalAndDeterministic() {
        let entries = [
            TimelineEntry(date: PartialDate("2023-11-21"), kind: .claim, id: "b"), TimelineEntry(date: nil, kind: .article, id: "z"),
            TimelineEntry(date: PartialDate("2023-11"), kind: .claim, id: "a"), TimelineEntry(date: PartialDate("2023"), kind: .article, id: "y"),
            TimelineEntry(date: PartialDate("2023-11-21"), kind: .article, id: "c"), TimelineEntry(date: nil, kind: .article, id: "x"),
        ]
        let sorted = entries.sorted(by: TimelineEntry.ordered).map(\.id)
        #expect(sorted == ["y", "a", "c", "b", "x", "z"])
        #expect(entries.reversed().sorted(by: TimelineEntry.ordered).map(\.id) == sorted)
    }
}
