// One mistake, one diagnostic: a file that fails to load still exists for references to it.
import Foundation
import Testing

@testable import DossierKit

@Suite struct DiagnosticCascadeTests {
    @Test func anArticleWithABadDateIsReportedOnceNotAtEveryClaimCitingIt() throws {
        let article = LoaderFixtureFiles.article.replacingOccurrences(of: "published: 2023-11-21", with: "published: 2023-13-45")
        let second = LoaderFixtureFiles.claim.replacingOccurrences(of: "quote: \"no threat\"", with: "quote: \"said no\"")
        let run = try LoaderFixture.check(["articles/report.md": article, "claims/second.md": second])
        #expect(run.diagnostics.map(\.code) == [.invalidDate])
        #expect(run.diagnostics.first?.location == SourceLocation(path: run.path("articles/report.md"), line: 4, column: 12))
    }

    @Test func anActorWithAYAMLSlipIsReportedOnceNotAtEveryClaimant() throws {
        let actor = "---\nname: Jens Stoltenberg\nkind: person\naliases: [Stoltenberg\n---\n"
        let run = try LoaderFixture.check(["actors/stoltenberg.md": actor])
        #expect(run.diagnostics.map(\.code) == [.yamlUnclosedBracket])
        #expect(run.diagnostics(for: "claims/no-threat.md") == [])
    }

    /// Quotes are checked only against articles that loaded: no "quote not found" in an article that failed.
    @Test func quotesCitingAnArticleThatFailedToLoadAreNotChecked() throws {
        let article = LoaderFixtureFiles.article.replacingOccurrences(of: "source: MIA\n", with: "")
        let claim = LoaderFixtureFiles.claim.replacingOccurrences(of: "quote: \"no threat\"", with: "quote: \"words that are not there\"")
        let run = try LoaderFixture.check(["articles/report.md": article, "claims/no-threat.md": claim])
        #expect(run.diagnostics.map(\.code) == [.missingField])
    }

    @Test func everyKindOfFailedFileStillResolves() throws {
        let broken = "---\nname: [\n---\n"
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            proposition: threat
            stance: deny
            location: skopje
            about: [skopje]
            contradicts: [other]
            evidence:
              - article: report
                quote: "no threat"
            ---

            """
        let run = try LoaderFixture.check([
            "actors/stoltenberg.md": broken, "locations/skopje.md": broken, "propositions/threat.md": "---\nstatement: [\n---\n",
            "claims/other.md": "---\nclaimant: [\n---\n", "claims/no-threat.md": claim,
        ])
        let claimDiagnostics = run.diagnostics(for: "claims/no-threat.md")
        #expect(claimDiagnostics.map(\.code) == [.invalidChoice])
        #expect(claimDiagnostics.first?.message == "'stance' must be one of affirms, denies, not 'deny'; did you mean 'denies'?")
        #expect(claimDiagnostics.first?.fix == "write 'stance: denies'")
        #expect(run.diagnostics.filter { $0.code.rawValue.hasPrefix("reference.") } == [])
    }

    @Test func aMisspelledReferenceIsStillAnErrorWhenItsTargetFailed() throws {
        let article = LoaderFixtureFiles.article.replacingOccurrences(of: "published: 2023-11-21", with: "published: someday")
        let claim = LoaderFixtureFiles.claim.replacingOccurrences(of: "article: report", with: "article: reprot")
        let run = try LoaderFixture.check(["articles/report.md": article, "claims/no-threat.md": claim])
        #expect(run.diagnostics.map(\.code).sorted { $0.rawValue < $1.rawValue } == [.invalidDate, .unknownArticle])
        #expect(run.diagnostics(for: "claims/no-threat.md").first?.fix == "write 'report'")
    }

    @Test func enumLikeFieldsSuggestByTheStartOfTheWord() {
        #expect(Suggest.closest(to: "deny", among: ["affirms", "denies"]) == "denies")
        #expect(Suggest.closest(to: "affirm", among: ["affirms", "denies"]) == "affirms")
        #expect(Suggest.closest(to: "org", among: ["person", "organization", "state"]) == "organization")
        #expect(Suggest.closest(to: "c", among: ["country", "city"]) == nil)
        #expect(Suggest.closest(to: "stat", among: ["state", "statement"]) == "state")
        #expect(Suggest.closest(to: "abcdef", among: ["abcdexyz-one", "abcdexyz-two"]) == nil)
    }

    @Test func aLowercaseReliabilityGradeSuggestsTheCapital() throws {
        let article = LoaderFixtureFiles.article.replacingOccurrences(of: "published: 2023-11-21", with: "published: 2023-11-21\nreliability: b")
        let run = try LoaderFixture.load(["articles/report.md": article])
        #expect(run.diagnostics.map(\.code) == [.invalidGrade])
        #expect(run.diagnostics.first?.fix == "write 'reliability: B'")
    }
}
