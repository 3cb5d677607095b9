// The link chart: deterministic, every label clear of every other, large networks cut to their
// strongest part with a note, and the table listing the same edges.
import Foundation
import Testing

@testable import DossierKit

@Suite struct LinkCharts {
    private func index(_ files: [String: String]) throws -> (RenderIndex, SiteFixture) {
        let fixture = try SiteFixture(files)
        let (corpus, _) = ContentLoader(contentDirectory: fixture.content.path).load()
        let (dossier, _) = Linker(corpus: try #require(corpus)).link()
        return (RenderIndex(dossier: dossier, templates: nil), fixture)
    }

    /// Coordinates are written in tenths, as `%.1f` writes them, without a trailing ".0".
    @Test func numbersAreWrittenInTenths() {
        for value in [0, -0.04, 0.04, -0.05, 0.05, 0.95, -0.95, 1, -1, 91.94, -91.94, 110.0, -129.0, 4.6, 2.55, 392.5, -147.5, 12_345.67] {
            let rounded = (value * 10).rounded() / 10
            let expected = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
            #expect(LinkChart.number(value) == expected, "\(value)")
        }
        #expect(LinkChart.number(-91.94) == "-91.9")
        #expect(LinkChart.number(110.02) == "110")
    }

    @Test func theSeedChartIsTheSameEachTimeAndNoLabelOverlapsAnother() throws {
        let (corpus, _) = ContentLoader(contentDirectory: SiteFixture.repositoryRoot.appendingPathComponent("content").path).load()
        let (dossier, _) = Linker(corpus: try #require(corpus)).link()
        let first = try #require(LinkChart.network(RenderIndex(dossier: dossier, templates: nil)))
        let second = try #require(LinkChart.network(RenderIndex(dossier: dossier, templates: nil)))
        #expect(first.svg.renderText == second.svg.renderText)
        let plan = try #require(LinkChart.plan(RenderIndex(dossier: dossier, templates: nil)))
        for i in plan.nodes.indices {
            for j in plan.nodes.indices where j > i {
                #expect(LinkChart.overlap(plan.nodes[i], plan.nodes[j], gap: 0) == nil, "\(plan.nodes[i].name) / \(plan.nodes[j].name)")
            }
        }
        // Every node is a link to its page; the table lists every line.
        #expect(first.svg.renderText.components(separatedBy: "<a href=").count - 1 == plan.nodes.count)
        #expect(first.edges.count == plan.edges.count)
        #expect(first.edges.contains { $0.relation == "their claims contradict each other" })
        #expect(first.edges.contains { $0.relation == "affiliated" })
        #expect(first.omitted == nil || first.omitted?.contains("Not shown") == true)
    }

    @Test func aLargeNetworkShowsItsStrongestPartAndSaysWhatIsLeftOut() throws {
        let (index, _) = try index(syntheticContent(articles: 120, actors: 90, claims: 10))
        let plan = try #require(LinkChart.plan(index))
        #expect(plan.nodes.count == LinkChart.maxNodes)
        #expect(plan.edges.filter { $0.relation == .cooccurrence }.count <= LinkChart.maxEdges)
        let chart = try #require(LinkChart.network(index))
        #expect(chart.omitted?.contains("less mentioned names") == true)
        for i in plan.nodes.indices {
            for j in plan.nodes.indices where j > i { #expect(LinkChart.overlap(plan.nodes[i], plan.nodes[j], gap: 0) == nil) }
        }
    }

    @Test func entityPagesDrawTheirStrongestNeighbours() throws {
        let fixture = try SiteFixture()
        #expect(fixture.build().summary != nil)
        let page = try fixture.page("actors/stoltenberg.html")
        #expect(page.contains(#"<figure class="chart-figure chart-small"><svg class="link-chart""#))
        #expect(page.contains(#"<a href="../locations/skopje.html" class="node node-location">"#))
        let network = try fixture.page("network.html")
        #expect(network.contains(#"<a href="actors/stoltenberg.html" class="node node-actor">"#))
        #expect(network.contains("<caption>Every line of the chart</caption>"))
    }
}
