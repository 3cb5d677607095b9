// Diagnostics are collected over the whole content, printed in a stable order, and the repository's
// own content is clean.
import Foundation
import Testing

@testable import DossierKit

@Suite struct LoaderCollectionTests {
    @Test func everyBrokenFileIsReportedInOneRun() throws {
        let actor = "---\nname: NATO\nkind: organisation\n---\n"
        let location = "---\nname: Skopje\nkind: city\ncoordinates: [41.99]\n---\n"
        let run = try LoaderFixture.load(["actors/nato.md": actor, "locations/skopje.md": location])
        #expect(
            run.diagnostics.sortedForOutput() == [
                .error(
                    .invalidChoice, SourceLocation(path: run.path("actors/nato.md"), line: 3, column: 7),
                    "'kind' must be one of person, organization, state, not 'organisation'; did you mean 'organization'?",
                    fix: "write 'kind: organization'"),
                .error(
                    .invalidCoordinates, SourceLocation(path: run.path("locations/skopje.md"), line: 4, column: 14),
                    "'coordinates' must be [latitude, longitude] in decimal degrees, such as [41.9981, 21.4254]"),
            ])
    }

    @Test func sortedForOutputOrdersByPathThenLine() throws {
        // The loader produces these out of order: dossier.yaml is read first and the claimant is
        // checked only after every file is loaded.
        let claim = """
            ---
            claimant: stoltenbrg
            summary: "There is no threat."
            evidence: []
            credibility: 7
            ---

            """
        let run = try LoaderFixture.load([
            "dossier.yaml": "subtitle: no title\n",
            "actors/stoltenberg.md": "---\nname: Jens Stoltenberg\nkind: human\n---\n",
            "claims/no-threat.md": claim,
        ])
        let produced = run.diagnostics.map { "\($0.location.path.dropFirst(run.root.count + 1)):\($0.location.line)" }
        let sorted = run.diagnostics.sortedForOutput().map { "\($0.location.path.dropFirst(run.root.count + 1)):\($0.location.line)" }
        #expect(sorted == ["actors/stoltenberg.md:3", "claims/no-threat.md:2", "claims/no-threat.md:4", "claims/no-threat.md:5", "dossier.yaml:1"])
        #expect(produced != sorted)
        #expect(produced.sorted() == sorted.sorted())
        #expect(
            run.diagnostics(for: "claims/no-threat.md").sortedForOutput().map(\.message) == [
                // The actor failed to load but still exists for references, so it is suggested.
                "claimant 'stoltenbrg' is not an actor in this dossier; did you mean 'stoltenberg'?",
                "'evidence' is empty: a claim needs at least one piece of evidence: a list of '- article: <id>' with 'quote: \"<exact words>\"'",
                "'credibility' is an Admiralty information grade: a number from 1 (confirmed) to 6 (cannot be judged), not '7'",
            ])
    }

    @Test func sortedForOutputBreaksTiesByColumnThenSeverityThenCodeThenMessage() {
        let a = SourceLocation(path: "/c/a.md", line: 2, column: 9)
        let b = SourceLocation(path: "/c/a.md", line: 2, column: 3)
        let diagnostics: [Diagnostic] = [
            .warning(.strayEntry, a, "w"), .error(.yamlSyntax, a, "a"), .error(.missingField, a, "z"), .error(.missingField, a, "b"),
            .error(.missingField, b, "x"), .error(.missingField, SourceLocation(path: "/c/a.md", line: 10), "ten"),
            .error(.missingField, SourceLocation(path: "/c/B.md", line: 99), "upper"),
        ]
        #expect(
            diagnostics.sortedForOutput() == [
                .error(.missingField, SourceLocation(path: "/c/B.md", line: 99), "upper"),
                .error(.missingField, b, "x"), .error(.missingField, a, "b"), .error(.missingField, a, "z"), .error(.yamlSyntax, a, "a"),
                .warning(.strayEntry, a, "w"), .error(.missingField, SourceLocation(path: "/c/a.md", line: 10), "ten"),
            ])
    }

    @Test func descriptionPrintsPathLineColumnSeverityMessageAndCode() throws {
        #expect(
            Diagnostic.error(.invalidChoice, SourceLocation(path: "/c/a.md", line: 3, column: 5), "bad").description
                == "/c/a.md:3:5: error: bad [field.invalid-choice]")
        #expect(
            Diagnostic.warning(.ignoredFile, SourceLocation(path: "/c/x.txt", line: 1), "ignored").description
                == "/c/x.txt:1:1: warning: ignored [content.ignored-file]")
        let run = try LoaderFixture.load(["locations/skopje.md": "---\nname: Skopje\nkind: cty\n---\n"])
        #expect(
            run.diagnostics.map(\.description) == [
                "\(run.root)/locations/skopje.md:3:7: error: 'kind' must be one of country, region, city, place, not 'cty'; did you mean 'city'? [field.invalid-choice]"
            ])
    }

    @Test func strayFilesAreWarnedAboutNotFatal() throws {
        let run = try LoaderFixture.load(["articles/notes.txt": "scratch\n", "claim/x.md": "---\n---\n"])
        #expect(
            run.diagnostics.sortedForOutput() == [
                .warning(.ignoredFile, SourceLocation(path: run.path("articles/notes.txt"), line: 1), "this file is ignored: content files end in '.md'"),
                .warning(
                    .strayEntry, SourceLocation(path: run.path("claim"), line: 1),
                    "'claim' is not part of a dossier and is ignored; content/ holds dossier.yaml and the folders articles, actors, locations, propositions, claims; did you mean 'claims'?",
                    fix: "rename it to 'claims'"),
            ])
        #expect(run.diagnostics.hasErrors == false)
        #expect(run.corpus?.articles.count == 1)
    }

    @Test func missingDossierYAMLIsAnError() throws {
        let run = try LoaderFixture.load(["dossier.yaml": nil])
        #expect(run.corpus == nil)
        #expect(
            run.diagnostics == [
                .error(.dossierFileMissing, SourceLocation(path: run.path("dossier.yaml"), line: 1), "dossier.yaml is missing: create it with at least a line 'title: …'")
            ])
    }

    @Test func repositoryContentChecksWithoutAnyDiagnostic() throws {
        let content = LoaderFixture.repositoryRoot().appendingPathComponent("content").path
        let articleFiles = try FileManager.default.contentsOfDirectory(atPath: content + "/articles").filter { $0.hasSuffix(".md") }
        #expect(!articleFiles.isEmpty)

        let diagnostics = Pipeline.check(contentDirectory: content)
        #expect(diagnostics.map(\.description) == [])

        let (corpus, loadDiagnostics) = ContentLoader(contentDirectory: content).load()
        #expect(loadDiagnostics.isEmpty)
        let loaded = try #require(corpus)
        #expect(!loaded.dossier.title.isEmpty)
        #expect(loaded.articles.count == articleFiles.count)
        #expect(!loaded.actors.isEmpty)
        #expect(!loaded.claims.isEmpty)
        #expect(loaded.claims.allSatisfy { !$0.evidence.isEmpty })
    }
}
