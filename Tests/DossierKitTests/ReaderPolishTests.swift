// What a reader of the seed site noticed: outlets that are actors, wording of the claim card, empty
// sections.
import Foundation
import Testing

@testable import DossierKit

@Suite struct ReaderPolish {
    @Test func anOutletThatIsAnActorLinksToItsPageAndThatPageListsWhatItPublished() throws {
        var files = SiteFixture.standard
        files["actors/outlet-one.md"] = "---\nname: Outlet One\nkind: organization\n---\n"
        files["articles/one.md"] = files["articles/one.md"]?.replacingOccurrences(of: "source: Outlet One", with: "source: outlet-one")
        let fixture = try SiteFixture(files)
        let report = fixture.build()
        #expect(report.summary != nil, "\(report.diagnostics)")
        let article = try fixture.page("articles/one.html")
        #expect(article.contains(#"<dt>Outlet</dt><dd><a href="../actors/outlet-one.html">Outlet One</a></dd>"#))
        let actor = try fixture.page("actors/outlet-one.html")
        #expect(actor.contains(#"<h2 id="h-published">Articles published</h2>"#))
        #expect(actor.contains(#"<a href="../articles/one.html">First article</a>"#))
        // An actor that published nothing has no such section, not an empty one.
        #expect(!(try fixture.page("actors/nato.html")).contains("Articles published"))
        // The articles index links the outlet too; an outlet given by name stays text.
        let index = try fixture.page("articles/index.html")
        #expect(index.contains(#"<td><a href="../actors/outlet-one.html">Outlet One</a></td>"#))
        #expect(index.contains("<td>Unknown outlet</td>"))
    }

    @Test func theClaimCardSaysWhatItsQuoteLinkIsAndHowWidelyTheQuoteWasCarried() throws {
        let fixture = try SiteFixture()
        #expect(fixture.build().summary != nil)
        let claims = try fixture.page("claims/index.html")
        #expect(claims.contains(#"">The quote in its article</a>, <cite>First article</cite> (Outlet One) · carried by 2 articles: 1 from 1 outlet, 1 with the outlet not known</footer>"#))
        #expect(claims.contains("<cite>Second article</cite> (Unknown outlet) · carried by 1 article, outlet not known</footer>"))
        #expect(!claims.contains("of unknown outlet"))
    }

    @Test(arguments: [
        (["A", "A", "B"], 0, "3 articles from 2 outlets"),
        ([], 1, "1 article, outlet not known"),
        ([], 2, "2 articles, outlets not known"),
        (["A"], 2, "3 articles: 1 from 1 outlet, 2 with the outlet not known"),
    ])
    func carriedByReadsNaturally(_ outlets: [String], _ unknown: Int, _ expected: String) {
        #expect(SiteText.carriedBy(outlets: outlets, unknown: unknown) == expected)
    }

    @Test func emptySectionsSayNoneRecordedInsteadOfShowingAnEmptyListOrTable() throws {
        var files = SiteFixture.standard
        files["articles/three.md"] = "---\ntitle: Third article\nsource: Outlet Two\npublished: 2023-11-23\n---\nNothing of note.\n"
        files["actors/nobody.md"] = "---\nname: Nobody Mentioned\nkind: person\n---\n"
        let fixture = try SiteFixture(files)
        #expect(fixture.build().summary != nil)
        let article = try fixture.page("articles/three.html")
        #expect(article.contains("<p class=\"muted\">No actor or location recorded.</p>"))
        #expect(article.contains("<h2>Claims evidenced here</h2>\n<p class=\"muted\">None recorded.</p>"))
        #expect(!article.contains("<ul class=\"claim-list\">\n</ul>"))
        let actor = try fixture.page("actors/nobody.html")
        for heading in ["h-variants\">Naming variants</h2>", "h-comentioned\">Mentioned in the same paragraph</h2>"] {
            #expect(actor.contains(heading + "\n<p class=\"muted\">None recorded.</p>"), "\(heading)")
        }
        #expect(!actor.contains("<tbody>\n</tbody>"))
    }

    @Test func gradesAreShownTogetherWithTheirMeaningAndALegend() throws {
        var files = SiteFixture.standard
        files["articles/one.md"] = files["articles/one.md"]?.replacingOccurrences(of: "author: A. Writer", with: "author: A. Writer\nreliability: B")
        files["claims/no-threat.md"] = files["claims/no-threat.md"]?.replacingOccurrences(of: "stance: denies", with: "stance: denies\ncredibility: 2")
        let fixture = try SiteFixture(files)
        #expect(fixture.build().summary != nil)
        let article = try fixture.page("articles/one.html")
        #expect(article.contains(#"<dt>Source grade</dt><dd><span class="grade">B</span> usually reliable source</dd>"#))
        #expect(article.contains(#"<aside class="legend grades-legend" aria-label="Source grades">"#))
        let claim = try fixture.page("claims/no-threat.html")
        #expect(claim.contains(#"<dt>Credibility</dt><dd><span class="grade">2</span> information probably true</dd>"#))
        #expect(claim.contains(#"Grade <span class="grade">B2</span>: usually reliable source; information probably true</p>"#))
        #expect(claim.contains("grades-legend"))
        // The quote is also reported in article two, so the word differences are shown with their legend.
        #expect(claim.contains(#"<p class="legend diff-legend">"#))
        // Article two has no grade, and the claim quoting it has no credibility: no grade, no legend.
        #expect(!(try fixture.page("articles/two.html")).contains("grades-legend"))
        #expect(!(try fixture.page("claims/threat.html")).contains("grades-legend"))
    }

    @Test(arguments: [("B", 2, "B2"), ("F", nil, "F"), (nil, 6, "6")] as [(String?, Int?, String)])
    func aGradeCombinesTheLetterAndTheDigitPresent(_ reliability: String?, _ credibility: Int?, _ code: String) throws {
        let grade = try #require(GradeModel(reliability: reliability, credibility: credibility))
        #expect(grade.code == code)
        #expect(GradeModel(reliability: nil, credibility: nil) == nil)
    }

    @Test func theGridShowsEachActorsPositionPerPropositionAndHighlightsBoth() throws {
        var files = SiteFixture.standard
        files["claims/vucic-denies.md"] = """
            ---
            claimant: vucic
            summary: There is no threat after all.
            proposition: threat
            stance: denies
            evidence:
              - article: two
                quote: We see no threat
            ---

            """
        let fixture = try SiteFixture(files)
        #expect(fixture.build().summary != nil)
        let page = try fixture.page("contradictions/index.html")
        let grid = try #require(page.range(of: #"<table class="grid">"#).map { String(page[$0.lowerBound...].prefix(while: { _ in true })) })
        let table = String(grid[..<(grid.range(of: "</table>")?.upperBound ?? grid.endIndex)])
        #expect(table.contains(#"<th scope="col"><a href="../propositions/threat.html">There is a threat.</a></th>"#))
        // Rows by name: Jens Stoltenberg, then Vucic.
        let stoltenberg = try #require(table.range(of: #"<th scope="row"><a href="../actors/stoltenberg.html">Jens Stoltenberg</a></th><td><a class="stance-denies" href="../claims/no-threat.html""#))
        let vucic = try #require(table.range(of: #"<th scope="row"><a href="../actors/vucic.html">Vucic</a></th><td class="is-both">"#))
        #expect(stoltenberg.lowerBound < vucic.lowerBound)
        #expect(table.contains(#"<a class="stance-affirms" href="../claims/threat.html" title="There is a threat.">affirms</a> <a class="stance-denies" href="../claims/vucic-denies.html" title="There is no threat after all.">denies</a> <strong class="badge badge-self">both</strong></td>"#))
        #expect(!page.contains("Not shown:"))
    }

    @Test func aLargeGridSaysWhatItLeavesOut() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 80, actors: 80, claims: 160))
        #expect(fixture.build().summary != nil)
        let page = try fixture.page("contradictions/index.html")
        let rows = page.components(separatedBy: #"<tr><th scope="row">"#).count - 1
        #expect(rows == PageSizes.gridRows)
        #expect(page.contains("Not shown:"))
        #expect(page.contains("actors with fewer claims on these"))
    }
}
