// References to ids that do not exist: one case per kind of reference, each with its "did you mean".
import Foundation
import Testing

@testable import DossierKit

struct LoaderReferenceCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// Files added to or replacing the base fixture.
    let files: [String: String]
    let file: String
    let line: Int
    let column: Int
    let message: String
    /// The code every such reference is reported with.
    var code: DiagnosticCode {
        switch message.split(separator: " ").first {
        case "article": .unknownArticle
        case "claimant", "affiliation": .unknownActor
        case "location", "within": .unknownLocation
        case "proposition": .unknownProposition
        case "contradicts": .unknownClaim
        case "about": .unknownSubject
        default: .unknownSourceActor
        }
    }
    /// The suggested id, when the message has one.
    var fix: String? {
        guard let range = message.range(of: "did you mean '") else { return nil }
        return "write '" + message[range.upperBound...].prefix { $0 != "'" } + "'"
    }

    var testDescription: String { name }

    /// Entities every case can refer to (and be suggested).
    static let targets: [String: String] = [
        "locations/skopje.md": "---\nname: Skopje\nkind: city\nwithin: north-macedonia\n---\n",
        "locations/north-macedonia.md": "---\nname: North Macedonia\nkind: country\n---\n",
        "actors/nato.md": "---\nname: NATO\nkind: organization\n---\n",
        "propositions/russia-threatens-balkans.md": "---\nstatement: Russia threatens the stability of the Western Balkans.\n---\n",
        "claims/other-claim.md": "---\nclaimant: nato\nsummary: \"Another claim.\"\nevidence:\n  - article: report\n    quote: \"said\"\n---\n",
    ]

    static func claim(_ extra: String, article: String = "report") -> String {
        """
        ---
        claimant: stoltenberg
        summary: "There is no threat."
        \(extra)
        evidence:
          - article: \(article)
            quote: "no threat"
        ---

        """
    }

    static let all: [LoaderReferenceCase] = [
        LoaderReferenceCase(
            name: "claimant → actor",
            files: ["claims/no-threat.md": claim("").replacingOccurrences(of: "claimant: stoltenberg", with: "claimant: stoltenbreg")],
            file: "claims/no-threat.md", line: 2, column: 11,
            message: "claimant 'stoltenbreg' is not an actor in this dossier; did you mean 'stoltenberg'?"),
        LoaderReferenceCase(
            name: "evidence article → article",
            files: ["claims/no-threat.md": claim("", article: "reprot")],
            file: "claims/no-threat.md", line: 6, column: 14,
            message: "article 'reprot' is not an article in this dossier; did you mean 'report'?"),
        LoaderReferenceCase(
            name: "location → location",
            files: ["claims/no-threat.md": claim("location: skopie")],
            file: "claims/no-threat.md", line: 4, column: 11,
            message: "location 'skopie' is not a location in this dossier; did you mean 'skopje'?"),
        LoaderReferenceCase(
            name: "proposition → proposition",
            files: ["claims/no-threat.md": claim("proposition: russia-threatens-balkan\nstance: affirms")],
            file: "claims/no-threat.md", line: 4, column: 14,
            message: "proposition 'russia-threatens-balkan' is not a proposition in this dossier; did you mean 'russia-threatens-balkans'?"),
        LoaderReferenceCase(
            name: "contradicts → claim",
            files: ["claims/no-threat.md": claim("contradicts: [other-clam]")],
            file: "claims/no-threat.md", line: 4, column: 15,
            message: "contradicts 'other-clam' is not a claim in this dossier; did you mean 'other-claim'?"),
        LoaderReferenceCase(
            name: "about → actor or location",
            files: ["claims/no-threat.md": claim("about: [stoltenberg, skopjee]")],
            file: "claims/no-threat.md", line: 4, column: 22,
            message: "about 'skopjee' is not an actor or a location in this dossier; did you mean 'skopje'?"),
        LoaderReferenceCase(
            name: "affiliation → actor",
            files: ["actors/stoltenberg.md": "---\nname: Jens Stoltenberg\nkind: person\naffiliations: [nato, natto]\n---\n"],
            file: "actors/stoltenberg.md", line: 4, column: 22,
            message: "affiliation 'natto' is not an actor in this dossier; did you mean 'nato'?"),
        LoaderReferenceCase(
            name: "within → location",
            files: ["locations/skopje.md": "---\nname: Skopje\nkind: city\nwithin: north-macedona\n---\n"],
            file: "locations/skopje.md", line: 4, column: 9,
            message: "within 'north-macedona' is not a location in this dossier; did you mean 'north-macedonia'?"),
        LoaderReferenceCase(
            name: "claimant with nothing close",
            files: ["claims/no-threat.md": claim("").replacingOccurrences(of: "claimant: stoltenberg", with: "claimant: putin")],
            file: "claims/no-threat.md", line: 2, column: 11,
            message: "claimant 'putin' is not an actor in this dossier; check the spelling of the id (the file name without '.md')"),
    ]
}

@Suite struct LoaderReferenceTests {
    @Test(arguments: LoaderReferenceCase.all)
    func referenceToMissingIDIsReportedAtTheValueWithSuggestion(_ testCase: LoaderReferenceCase) throws {
        var files: [String: String?] = [:]
        for (path, text) in LoaderReferenceCase.targets { files[path] = text }
        for (path, text) in testCase.files { files[path] = text }
        let run = try LoaderFixture.load(files)
        #expect(
            run.diagnostics == [
                .error(
                    testCase.code, SourceLocation(path: run.path(testCase.file), line: testCase.line, column: testCase.column), testCase.message,
                    fix: testCase.fix)
            ])
    }

    @Test func allTargetsResolveWhenSpelledRight() throws {
        var files: [String: String?] = [:]
        for (path, text) in LoaderReferenceCase.targets { files[path] = text }
        files["claims/no-threat.md"] = LoaderReferenceCase.claim(
            "proposition: russia-threatens-balkans\nstance: denies\nlocation: skopje\nabout: [stoltenberg, skopje]\ncontradicts: [other-claim]")
        files["actors/stoltenberg.md"] = "---\nname: Jens Stoltenberg\nkind: person\naffiliations: [nato]\n---\n"
        let run = try LoaderFixture.load(files)
        #expect(run.diagnostics.map(\.description) == [])
        let claim = try #require(run.corpus?.claims.first { $0.id == "no-threat" })
        #expect(claim.proposition?.value == "russia-threatens-balkans")
        #expect(claim.stance == .denies)
        #expect(claim.about.map(\.value) == ["stoltenberg", "skopje"])
    }

    @Test func articleSourceThatLooksLikeAMissingActorSuggestsTheActor() throws {
        let article = LoaderFixtureFiles.article.replacingOccurrences(of: "source: MIA", with: "source: stoltenbreg")
        let run = try LoaderFixture.load(["articles/report.md": article])
        // The source is on line 3 of the file, column 9.
        #expect(
            run.diagnostics == [
                .error(
                    .unknownSourceActor, SourceLocation(path: run.path("articles/report.md"), line: 3, column: 9),
                    "source 'stoltenbreg' looks like an actor id, but no actor has it; did you mean 'stoltenberg'? (an outlet's name is written as it is spelled, with capitals)",
                    fix: "write 'stoltenberg'")
            ])
    }

    @Test func claimContradictingItselfIsReported() throws {
        let run = try LoaderFixture.load(["claims/no-threat.md": LoaderReferenceCase.claim("contradicts: [no-threat]")])
        #expect(
            run.diagnostics == [
                .error(
                    .selfContradiction, SourceLocation(path: run.path("claims/no-threat.md"), line: 4, column: 15),
                    "a claim cannot contradict itself: remove 'no-threat' from 'contradicts'")
            ])
    }
}
