// One test per class of content error the loader reports: exact file, line, column and message.
import Foundation
import Testing

@testable import DossierKit

@Suite struct LoaderErrorTests {
    @Test func minimalFixtureLoadsAndChecksWithoutDiagnostics() throws {
        let loaded = try LoaderFixture.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        let corpus = try #require(loaded.corpus)
        #expect(corpus.dossier.title == "Test dossier")
        #expect(corpus.articles.map(\.id) == ["report"])
        #expect(corpus.actors.map(\.id) == ["stoltenberg"])
        #expect(corpus.claims.map(\.id) == ["no-threat"])
        #expect(corpus.claims.first?.evidence.map(\.quote.value) == ["no threat"])
        #expect(corpus.articles.first?.published == PartialDate("2023-11-21"))
        #expect(corpus.articles.first?.source == .outlet("MIA"))
        let checked = try LoaderFixture.check()
        #expect(checked.diagnostics.map(\.description) == [])
    }

    @Test func malformedYAMLIsReportedAtTheOffendingCharacterWithAHint() throws {
        let article = """
            ---
            title: NATO: no threat
            source: MIA
            published: 2023-11-21
            ---
            Jens Stoltenberg said no threat.

            """
        let run = try LoaderFixture.load(["articles/report.md": article, "dossier.yaml": "subtitle: x\ntitle: Test: dossier\n"])
        // Front matter starts on line 2 of the file: the YAML's line 1 is reported as line 2.
        #expect(
            run.diagnostics(for: "articles/report.md").first
                == .error(
                    .yamlNeedsQuotes, SourceLocation(path: run.path("articles/report.md"), line: 2, column: 12),
                    "the front matter cannot be read: a value that contains ': ' must be put in quotes", fix: "write title: \"NATO: no threat\""))
        // dossier.yaml is YAML from its first line: no offset.
        #expect(
            run.diagnostics(for: "dossier.yaml").first
                == .error(
                    .yamlNeedsQuotes, SourceLocation(path: run.path("dossier.yaml"), line: 2, column: 12),
                    "dossier.yaml cannot be read: a value that contains ': ' must be put in quotes", fix: "write title: \"Test: dossier\""))
    }

    /// A syntax error is the one thing wrong with such a file: the fields written in it are not missing.
    @Test func malformedYAMLDoesNotAlsoReportWrittenFieldsAsMissing() throws {
        let article = """
            ---
            title: NATO: no threat
            source: MIA
            published: 2023-11-21
            ---
            Jens Stoltenberg said no threat.

            """
        let run = try LoaderFixture.load(["articles/report.md": article, "dossier.yaml": "subtitle: x\ntitle: Test: dossier\n"])
        #expect(run.diagnostics(for: "articles/report.md").map(\.message).filter { $0.hasPrefix("missing required field") } == [])
        #expect(run.diagnostics(for: "dossier.yaml").map(\.message).filter { $0.hasPrefix("missing required field") } == [])
        #expect(run.diagnostics(for: "articles/report.md").count == 1)
        #expect(run.diagnostics(for: "dossier.yaml").count == 1)
    }

    @Test func valueStartingWithSpecialCharacterGetsQuotingHint() throws {
        let article = """
            ---
            title: "NATO chief in Skopje"
            source: @nato
            published: 2023-11-21
            ---
            Jens Stoltenberg said no threat.

            """
        let run = try LoaderFixture.load(["articles/report.md": article])
        let diagnostic = try #require(run.diagnostics(for: "articles/report.md").first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == SourceLocation(path: run.path("articles/report.md"), line: 3, column: 9))
        #expect(diagnostic.code == .yamlNeedsQuotes)
        #expect(diagnostic.message == "the front matter cannot be read: a value that starts with '@' must be put in quotes")
        #expect(diagnostic.fix == "write source: \"@nato\"")
    }

    @Test func fileWithoutFrontMatterIsReportedOnLineOne() throws {
        let run = try LoaderFixture.load(["articles/report.md": "title: NATO chief in Skopje\n\nJens Stoltenberg said no threat.\n"])
        #expect(
            run.diagnostics(for: "articles/report.md") == [
                .error(
                    .noFrontMatter, SourceLocation(path: run.path("articles/report.md"), line: 1, column: 1),
                    "this file has no front matter: it must start with a line containing only '---', then its fields (such as 'title: …'), then another line '---'"
                )
            ])
        // The article is not loaded, but its id still resolves: the claim citing it is not told it does not exist.
        #expect(run.corpus?.articles.isEmpty == true)
        #expect(run.corpus?.unloaded.articles == ["report"])
        #expect(run.diagnostics(for: "claims/no-threat.md") == [])
    }

    @Test func unterminatedFrontMatterIsReportedAtItsOpeningLine() throws {
        let actor = """
            ---
            name: Jens Stoltenberg
            kind: person
            aliases: [Stoltenberg]

            Visited Skopje.

            """
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        #expect(
            run.diagnostics(for: "actors/stoltenberg.md") == [
                .error(
                    .unclosedFrontMatter, SourceLocation(path: run.path("actors/stoltenberg.md"), line: 1, column: 1),
                    "the front matter that starts on line 1 is never closed: add a line containing only '---' after the last field")
            ])
        #expect(run.corpus?.actors.isEmpty == true)
    }

    @Test func missingRequiredFieldsAreNamedWithWhatToWrite() throws {
        let article = """
            ---
            title: "NATO chief in Skopje"
            published: 2023-11-21
            ---
            Jens Stoltenberg said no threat.

            """
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            ---

            """
        let run = try LoaderFixture.load([
            "articles/report.md": article, "claims/no-threat.md": claim, "dossier.yaml": "subtitle: Only a subtitle\n",
            "actors/nato.md": "---\nname: NATO\n---\n",
        ])
        #expect(
            run.diagnostics(for: "articles/report.md") == [
                .error(
                    .missingField, SourceLocation(path: run.path("articles/report.md"), line: 1),
                    "missing required field 'source': write the outlet's name, the id of the actor that published it, or 'unknown'")
            ])
        #expect(
            run.diagnostics(for: "claims/no-threat.md") == [
                .error(
                    .missingField, SourceLocation(path: run.path("claims/no-threat.md"), line: 1),
                    "missing required field 'evidence': a claim needs at least one piece of evidence: a list of '- article: <id>' with 'quote: \"<exact words>\"'"
                )
            ])
        #expect(
            run.diagnostics(for: "dossier.yaml") == [
                .error(.missingField, SourceLocation(path: run.path("dossier.yaml"), line: 1), "missing required field 'title': the dossier needs a title")
            ])
        #expect(
            run.diagnostics(for: "actors/nato.md") == [
                .error(.missingField, SourceLocation(path: run.path("actors/nato.md"), line: 1), "missing required field 'kind': write person, organization or state")
            ])
    }

    @Test func evidenceEntryWithoutQuoteIsReportedAtTheEntry() throws {
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            evidence:
              - article: report
            ---

            """
        let run = try LoaderFixture.load(["claims/no-threat.md": claim])
        #expect(
            run.diagnostics(for: "claims/no-threat.md") == [
                .error(
                    .evidenceEntry, SourceLocation(path: run.path("claims/no-threat.md"), line: 5, column: 5),
                    "missing required field 'quote' in this evidence entry: copy the exact words from the article")
            ])
    }

    @Test func valueOfTheWrongShapeIsReportedAtTheValue() throws {
        let actor = """
            ---
            name: Jens Stoltenberg
            kind: person
            aliases: Stoltenberg
            ---

            """
        let article = """
            ---
            title: [NATO, Skopje]
            source: MIA
            published: 2023-11-21
            ---
            Jens Stoltenberg said no threat.

            """
        let claim = """
            ---
            claimant: stoltenberg
            summary:
              text: "There is no threat."
            evidence:
              - article: report
                quote: "no threat"
            ---

            """
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor, "articles/report.md": article, "claims/no-threat.md": claim])
        #expect(
            run.diagnostics(for: "actors/stoltenberg.md") == [
                .error(
                    .notList, SourceLocation(path: run.path("actors/stoltenberg.md"), line: 4, column: 10),
                    "'aliases' should be a list (write it as [a, b] or as lines starting with '- '), but it is a single value")
            ])
        #expect(
            run.diagnostics(for: "articles/report.md") == [
                .error(.notText, SourceLocation(path: run.path("articles/report.md"), line: 2, column: 8), "'title' should be a single text value, but it is a list")
            ])
        #expect(
            run.diagnostics(for: "claims/no-threat.md") == [
                .error(.notText, SourceLocation(path: run.path("claims/no-threat.md"), line: 4, column: 3), "'summary' should be a single text value, but it is a set of fields")
            ])
    }

    @Test func unknownFieldSuggestsClosestName() throws {
        let article = """
            ---
            titel: "NATO chief in Skopje"
            source: MIA
            published: 2023-11-21
            ---
            Jens Stoltenberg said no threat.

            """
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            evidence:
              - article: report
                qoute: "no threat"
            ---

            """
        let actor = """
            ---
            name: Jens Stoltenberg
            kind: person
            born: 1959
            ---

            """
        let run = try LoaderFixture.load([
            "articles/report.md": article, "claims/no-threat.md": claim, "actors/stoltenberg.md": actor,
            "dossier.yaml": "title: Test dossier\nsubtitel: About NATO\n",
        ])
        #expect(
            run.diagnostics(for: "articles/report.md") == [
                .error(.unknownField, SourceLocation(path: run.path("articles/report.md"), line: 2, column: 1), "unknown field 'titel' for an article; did you mean 'title'?", fix: "write 'title'"),
                .error(
                    .missingField, SourceLocation(path: run.path("articles/report.md"), line: 1),
                    "missing required field 'title': an article needs its headline (or a title in [brackets] if it has none)"),
            ])
        #expect(
            run.diagnostics(for: "claims/no-threat.md") == [
                .error(.unknownField, SourceLocation(path: run.path("claims/no-threat.md"), line: 6, column: 5), "unknown field 'qoute' for an evidence entry; did you mean 'quote'?", fix: "write 'quote'"),
                .error(
                    .evidenceEntry, SourceLocation(path: run.path("claims/no-threat.md"), line: 5, column: 5),
                    "missing required field 'quote' in this evidence entry: copy the exact words from the article"),
            ])
        #expect(
            run.diagnostics(for: "dossier.yaml") == [
                .error(.unknownField, SourceLocation(path: run.path("dossier.yaml"), line: 2, column: 1), "unknown field 'subtitel' for dossier.yaml; did you mean 'subtitle'?", fix: "write 'subtitle'")
            ])
        // Nothing close: the allowed fields are listed instead.
        #expect(
            run.diagnostics(for: "actors/stoltenberg.md") == [
                .error(
                    .unknownField, SourceLocation(path: run.path("actors/stoltenberg.md"), line: 4, column: 1),
                    "unknown field 'born' for an actor; the fields are: name, kind, aliases, role, affiliations, wikidata")
            ])
    }

    @Test(arguments: ["2023-13-01", "2023-02-30", "2023-00-10", "2023-1", "21 November 2023"])
    func impossibleOrMisformattedDateIsRejectedAtTheValue(_ value: String) throws {
        let article = """
            ---
            title: "NATO chief in Skopje"
            source: MIA
            published: \(value)
            ---
            Jens Stoltenberg said no threat.

            """
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            date: \(value)
            evidence:
              - article: report
                quote: "no threat"
            ---

            """
        let run = try LoaderFixture.load(["articles/report.md": article, "claims/no-threat.md": claim])
        #expect(
            run.diagnostics(for: "articles/report.md") == [
                .error(
                    .invalidDate, SourceLocation(path: run.path("articles/report.md"), line: 4, column: 12),
                    "'published' is not a valid date: write YYYY-MM-DD, or YYYY-MM or YYYY when only that much is known, or 'unknown' (found '\(value)')")
            ])
        // A claim's date may not be 'unknown', so the message does not offer it.
        #expect(
            run.diagnostics(for: "claims/no-threat.md").first
                == .error(
                    .invalidDate, SourceLocation(path: run.path("claims/no-threat.md"), line: 4, column: 7),
                    "'date' is not a valid date: write YYYY-MM-DD, or YYYY-MM or YYYY when only that much is known (found '\(value)')"))
    }

    @Test func publishedMayBeUnknownOrPartial() throws {
        let article = """
            ---
            title: "NATO chief in Skopje"
            source: unknown
            published: unknown
            ---
            Jens Stoltenberg said no threat.

            """
        let other = """
            ---
            title: "Earlier report"
            source: stoltenberg
            published: 2024-02
            ---
            Stoltenberg again.

            """
        let run = try LoaderFixture.load(["articles/report.md": article, "articles/earlier.md": other])
        #expect(run.diagnostics.map(\.description) == [])
        let articles = try #require(run.corpus?.articles)
        #expect(articles.map(\.id) == ["earlier", "report"])
        #expect(articles.map(\.published) == [PartialDate("2024-02"), nil])
        #expect(articles.map(\.source) == [.actor("stoltenberg"), .unknown])
    }

    @Test func fileNameThatIsNotAValidIDSuggestsOne() throws {
        let run = try LoaderFixture.load([
            "articles/report.md": nil, "articles/NATO_Report.md": LoaderFixtureFiles.article,
            "actors/Vučić.md": "---\nname: Aleksandar Vučić\nkind: person\n---\n",
        ])
        #expect(
            run.diagnostics(for: "articles/NATO_Report.md") == [
                .error(
                    .invalidID, SourceLocation(path: run.path("articles/NATO_Report.md"), line: 1, column: 1),
                    "'NATO_Report' is not a valid id: a file name may use only lowercase letters a–z, digits 0–9 and hyphens (for example 'nato-report.md')")
            ])
        #expect(
            run.diagnostics(for: "actors/Vučić.md") == [
                .error(
                    .invalidID, SourceLocation(path: run.path("actors/Vučić.md"), line: 1, column: 1),
                    "'Vučić' is not a valid id: a file name may use only lowercase letters a–z, digits 0–9 and hyphens (for example 'vucic.md')")
            ])
    }

    @Test func sameIDTwiceIsReportedOnBothFiles() throws {
        let run = try LoaderFixture.load(["actors/nato/stoltenberg.md": LoaderFixtureFiles.actor])
        let first = run.path("actors/nato/stoltenberg.md"), second = run.path("actors/stoltenberg.md")
        #expect(
            run.diagnostics.sortedForOutput() == [
                .error(.duplicateID, SourceLocation(path: first, line: 1), "duplicate id 'stoltenberg': \(second) has the same id; rename one of the files"),
                .error(.duplicateID, SourceLocation(path: second, line: 1), "duplicate id 'stoltenberg': \(first) has the same id; rename one of the files"),
            ])
    }

    @Test func articleIDDuplicatedAcrossSubfoldersIsReported() throws {
        let run = try LoaderFixture.load(["articles/2023/report.md": LoaderFixtureFiles.article])
        let first = run.path("articles/2023/report.md"), second = run.path("articles/report.md")
        #expect(
            run.diagnostics.sortedForOutput() == [
                .error(.duplicateID, SourceLocation(path: first, line: 1), "duplicate id 'report': \(second) has the same id; rename one of the files"),
                .error(.duplicateID, SourceLocation(path: second, line: 1), "duplicate id 'report': \(first) has the same id; rename one of the files"),
            ])
    }

    @Test func actorAndLocationSharingAnIDAreReported() throws {
        let run = try LoaderFixture.load([
            "actors/north-macedonia.md": "---\nname: Government of North Macedonia\nkind: state\n---\n",
            "locations/north-macedonia.md": "---\nname: North Macedonia\nkind: country\n---\n",
        ])
        let actor = run.path("actors/north-macedonia.md"), location = run.path("locations/north-macedonia.md")
        #expect(
            run.diagnostics.sortedForOutput() == [
                .error(.duplicateID, SourceLocation(path: actor, line: 1), "duplicate id 'north-macedonia': \(location) has the same id; rename one of the files"),
                .error(.duplicateID, SourceLocation(path: location, line: 1), "duplicate id 'north-macedonia': \(actor) has the same id; rename one of the files"),
            ])
    }

    @Test func stanceWithoutPropositionIsReportedAtTheStanceField() throws {
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            stance: denies
            evidence:
              - article: report
                quote: "no threat"
            ---

            """
        let run = try LoaderFixture.load(["claims/no-threat.md": claim])
        #expect(
            run.diagnostics == [
                .error(
                    .stanceWithoutProposition, SourceLocation(path: run.path("claims/no-threat.md"), line: 4, column: 1),
                    "'stance' is set but 'proposition' is not: a stance says whether the claim affirms or denies a proposition, so name the proposition too (or remove the stance)"
                )
            ])
    }

    @Test func propositionWithoutStanceIsReportedAtThePropositionValue() throws {
        let claim = """
            ---
            claimant: stoltenberg
            summary: "There is no threat."
            proposition: russia-threatens-balkans
            evidence:
              - article: report
                quote: "no threat"
            ---

            """
        let run = try LoaderFixture.load([
            "claims/no-threat.md": claim, "propositions/russia-threatens-balkans.md": "---\nstatement: Russia threatens the Western Balkans.\n---\n",
        ])
        #expect(
            run.diagnostics == [
                .error(
                    .propositionWithoutStance, SourceLocation(path: run.path("claims/no-threat.md"), line: 4, column: 14),
                    "'proposition' is set but 'stance' is not: add 'stance: affirms' or 'stance: denies'")
            ])
    }

    @Test func articleWithoutTextIsReportedOnTheLineAfterTheFrontMatter() throws {
        let blank = """
            ---
            title: "NATO chief in Skopje"
            source: MIA
            published: 2023-11-21
            ---

               \t

            """
        let run = try LoaderFixture.load(["articles/report.md": blank, "articles/empty.md": "---\ntitle: Empty\nsource: MIA\npublished: 2023\n---\n"])
        let message = "the article has no text: paste the article's text below the closing '---'"
        #expect(run.diagnostics(for: "articles/report.md") == [.error(.emptyArticle, SourceLocation(path: run.path("articles/report.md"), line: 6), message)])
        #expect(run.diagnostics(for: "articles/empty.md") == [.error(.emptyArticle, SourceLocation(path: run.path("articles/empty.md"), line: 6), message)])
    }

    @Test func emptyAliasIsReportedAtTheEntry() throws {
        let actor = """
            ---
            name: Jens Stoltenberg
            kind: person
            aliases: [Stoltenberg, ""]
            ---

            """
        let location = """
            ---
            name: Skopje
            kind: city
            aliases:
              - Skoplje
              - "  "
            ---

            """
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor, "locations/skopje.md": location])
        let message = "an alias is empty: remove the line or write the other name"
        #expect(run.diagnostics(for: "actors/stoltenberg.md") == [.error(.emptyEntry, SourceLocation(path: run.path("actors/stoltenberg.md"), line: 4, column: 24), message)])
        #expect(run.diagnostics(for: "locations/skopje.md") == [.error(.emptyEntry, SourceLocation(path: run.path("locations/skopje.md"), line: 6, column: 5), message)])
        // The good aliases are kept, the empty ones dropped.
        #expect(run.corpus?.actors.first?.aliases.map(\.value) == ["Stoltenberg"])
        #expect(run.corpus?.locations.first?.aliases.map(\.value) == ["Skoplje"])
    }

    /// FieldReader's own message for a repeated key, at the repetition; Yams must not pre-empt it
    /// with a multi-line dump of the YAML at the front matter's first line.
    @Test func fieldGivenTwiceIsReportedAtTheSecondOne() throws {
        let actor = "---\nname: Jens Stoltenberg\nkind: person\nname: Stoltenberg\n---\n"
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        #expect(
            run.diagnostics == [
                .error(.yamlDuplicateKey, SourceLocation(path: run.path("actors/stoltenberg.md"), line: 4, column: 1), "the field 'name' is given twice; keep only one",
                    fix: "remove this line, or the first 'name:'")
            ])
    }

    @Test func wrongChoiceSuggestsTheClosestWord() throws {
        let location = "---\nname: Skopje\nkind: cty\n---\n"
        let run = try LoaderFixture.load(["locations/skopje.md": location])
        #expect(
            run.diagnostics == [
                .error(
                    .invalidChoice, SourceLocation(path: run.path("locations/skopje.md"), line: 3, column: 7),
                    "'kind' must be one of country, region, city, place, not 'cty'; did you mean 'city'?", fix: "write 'kind: city'")
            ])
    }
}
