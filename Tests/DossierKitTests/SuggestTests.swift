// `dossier suggest`: unknown names with a guess, spellings of known names that are not yet aliases,
// unclaimed quotations as claim stubs; and the command's YAML, which must read back as the same values.
import Foundation
import Testing
import Yams

@testable import DossierKit

enum SuggestFixture {
    static func article(_ body: String, title: String = "Report", published: String = "2023-11-21") -> String {
        "---\ntitle: \"\(title)\"\nsource: Wire\npublished: \(published)\n---\n\(body)\n"
    }

    static func actor(_ name: String, kind: String = "person", aliases: [String] = [], role: String? = nil) -> String {
        var text = "---\nname: \"\(name)\"\nkind: \(kind)\n"
        if !aliases.isEmpty { text += "aliases: [\(aliases.map { "\"\($0)\"" }.joined(separator: ", "))]\n" }
        if let role { text += "role: \"\(role)\"\n" }
        return text + "---\n"
    }

    static func location(_ name: String, kind: String = "city", aliases: [String] = []) -> String {
        var text = "---\nname: \"\(name)\"\nkind: \(kind)\n"
        if !aliases.isEmpty { text += "aliases: [\(aliases.map { "\"\($0)\"" }.joined(separator: ", "))]\n" }
        return text + "---\n"
    }

    /// Suggestions for a content folder of `files` (plus a dossier.yaml), written to a temporary folder.
    static func suggest(_ files: [String: String]) throws -> (suggestions: RegistrySuggestions, root: String) {
        let fixture = try LoaderFixture(files, base: ["dossier.yaml": "title: Test dossier\n"])
        defer { fixture.remove() }
        let (suggestions, diagnostics) = RegistrySuggester.suggest(contentDirectory: fixture.root)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return (try #require(suggestions), fixture.root)
    }
}

@Suite struct SuggestUnknownNames {
    @Test func namesNoEntityHasAreListedWithAGuessCountAndEvidence() throws {
        let body = """
            Prime Minister Edi Rama met Jens Stoltenberg in Tirana on Monday. The Ministry of Defence said it was ready.

            Later Stoltenberg travelled to Podgorica, where Edi Rama said nothing. The Kremlin quoted Путин in full.
            """
        let (found, root) = try SuggestFixture.suggest([
            "articles/report.md": SuggestFixture.article(body),
            "actors/stoltenberg.md": SuggestFixture.actor("Jens Stoltenberg", aliases: ["Stoltenberg"]),
        ])
        let byName = Dictionary(found.unknownNames.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let rama = try #require(byName["Edi Rama"])
        #expect(rama.guess == .person)
        #expect(rama.count == 2)
        #expect(rama.evidence.map(\.line) == [6, 8])
        #expect(rama.evidence.first?.path == root + "/articles/report.md")
        #expect(rama.evidence.first?.excerpt.contains("Prime Minister Edi Rama met") == true)
        #expect(byName["Ministry of Defence"]?.guess == .organization)
        #expect(byName["Podgorica"]?.guess == .place)
        #expect(byName["Tirana"]?.guess == .place)
        #expect(byName["Путин"]?.count == 1)
        #expect(byName["Kremlin"] != nil)
        // Known names, titles, sentence starts, weekdays: never.
        for noise in ["Stoltenberg", "Jens Stoltenberg", "Prime Minister", "The", "Later", "Monday", "Prime Minister Edi Rama"] {
            #expect(byName[noise] == nil, "\(noise)")
        }
        // Best first: most frequent, then by name.
        #expect(found.unknownNames.first?.name == "Edi Rama")
    }

    @Test func aRegisteredNameInAnyCaseOrDiacriticsIsNeverSuggested() throws {
        let body = """
            VUČIĆ met Vucic's allies. Aleksandar Vucic said Serbia would decide. ALEKSANDAR VUČIĆ and aleksandar vučić agreed.

            In Beograd and in BELGRADE, Jens STOLTENBERG met O’Brien and O'BRIEN. Зеленский spoke to ЗЕЛЕНСКИЙ.
            """
        let (found, _) = try SuggestFixture.suggest([
            "articles/report.md": SuggestFixture.article(body),
            "actors/vucic.md": SuggestFixture.actor("Aleksandar Vučić", aliases: ["Vučić"]),
            "actors/stoltenberg.md": SuggestFixture.actor("Jens Stoltenberg", aliases: ["Stoltenberg"]),
            "actors/obrien.md": SuggestFixture.actor("Sean O'Brien", aliases: ["O’Brien"]),
            "actors/zelensky.md": SuggestFixture.actor("Volodymyr Zelensky", aliases: ["Зеленский"]),
            "locations/belgrade.md": SuggestFixture.location("Belgrade", aliases: ["Beograd"]),
        ])
        let registered = ["vucic", "aleksandar vucic", "jens stoltenberg", "stoltenberg", "obrien", "sean obrien", "belgrade", "beograd", "зеленский"]
        let suggested = found.unknownNames.map(\.name) + found.aliases.map(\.alias)
        for name in suggested { #expect(!registered.contains(NameKey.folded(name)), "\(name) is registered") }
        #expect(found.unknownNames.map(\.name) == ["Serbia"])
        #expect(found.aliases.isEmpty)
    }
}

@Suite struct SuggestAliases {
    @Test func transliteratedAndNearSpellingsComeBackForTheirEntity() throws {
        let body = """
            PM Kovachevski met Zelenskyi. Later Kovecevski said Zelenskiy was right, and Vuchich agreed.

            Ukrainian media wrote Зеленський; Russian media wrote Путин, not Putin.
            """
        let (found, _) = try SuggestFixture.suggest([
            "articles/report.md": SuggestFixture.article(body),
            "actors/kovacevski.md": SuggestFixture.actor("Dimitar Kovacevski", aliases: ["Kovacevski"]),
            "actors/zelensky.md": SuggestFixture.actor("Volodymyr Zelensky", aliases: ["Zelensky"]),
            "actors/vucic.md": SuggestFixture.actor("Aleksandar Vučić", aliases: ["Vučić"]),
            "actors/putin.md": SuggestFixture.actor("Vladimir Putin", aliases: ["Putin"]),
        ])
        let byAlias = Dictionary(found.aliases.map { ($0.alias, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byAlias["Kovachevski"]?.entity.description == "actors/kovacevski")
        #expect(byAlias["Kovecevski"]?.entity.description == "actors/kovacevski")
        #expect(byAlias["Zelenskyi"]?.entity.description == "actors/zelensky")
        #expect(byAlias["Zelenskiy"]?.entity.description == "actors/zelensky")
        #expect(byAlias["Зеленський"]?.entity.description == "actors/zelensky")
        #expect(byAlias["Путин"]?.entity.description == "actors/putin")
        #expect(byAlias["Vuchich"]?.entity.description == "actors/vucic")
        #expect(byAlias["Vuchich"]?.resembles == "Vučić")
        #expect(byAlias["Kovachevski"]?.aliases == ["Kovacevski"])
        #expect(byAlias["Kovachevski"]?.reason == .spelling)
        #expect(byAlias["Kovachevski"]?.evidence.first?.line == 6)
        #expect(found.aliases.count == 7)
        // Spellings of known names are not unknown names.
        #expect(found.unknownNames.isEmpty, "\(found.unknownNames.map(\.name))")
    }

    @Test func aSurnameAloneIsSuggestedWhenOnlyTheFullNameIsRegistered() throws {
        let body = "Vucic said Serbia would consider it. Later, Vučić added more.\n"
        let (found, _) = try SuggestFixture.suggest([
            "articles/report.md": SuggestFixture.article(body),
            "actors/vucic.md": SuggestFixture.actor("Aleksandar Vučić"),
            "locations/serbia.md": SuggestFixture.location("Serbia", kind: "country"),
        ])
        let suggestion = try #require(found.aliases.first)
        #expect(found.aliases.count == 1)
        #expect(suggestion.entity.description == "actors/vucic")
        #expect(suggestion.reason == .surname)
        #expect(suggestion.count == 2)
        #expect(NameKey.folded(suggestion.alias) == "vucic")
    }

    @Test func skeletonsFoldTransliterations() {
        #expect(NameKey.skeleton(NameKey.folded("Kovachevski")) == NameKey.skeleton(NameKey.folded("Kovačevski")))
        #expect(NameKey.skeleton(NameKey.folded("Zelenskyy")) == NameKey.skeleton(NameKey.folded("Зеленський")))
        #expect(NameKey.skeleton(NameKey.folded("Aleksandar")) == NameKey.skeleton(NameKey.folded("Alexandar")))
        #expect(NameKey.skeleton(NameKey.folded("Zhukov")) == NameKey.skeleton(NameKey.folded("Žukov")))
        #expect(NameKey.skeleton(NameKey.folded("Shoigu")) == NameKey.skeleton(NameKey.folded("Šojgu")))
        #expect(NameKey.likeness("kovecevski", "kovacevski") == 1)
        #expect(NameKey.likeness("serbia", "servia") == 1)
        #expect(NameKey.likeness("russia", "prussia") == 0)
        #expect(NameKey.likeness("latvia", "serbia") == 0)
    }
}

@Suite struct SuggestStatements {
    static let body = """
        “We will stay vigilant and we will stay united,” Stoltenberg told reporters in Skopje.

        He met Prime Minister Kovacevski. “There is no threat to our stability at all,” he said.

        Stoltenberg stated that “Russia must stop its aggression now”. “A quote with no speech verb at all here.”

        “Nobody knows who said this one out loud,” a diplomat said. “A cited statement, word for word, is not proposed again,” Stoltenberg said.
        """

    static let files: [String: String] = [
        "articles/skopje.md": SuggestFixture.article(body, published: "2023-11-21"),
        "actors/stoltenberg.md": SuggestFixture.actor("Jens Stoltenberg", aliases: ["Stoltenberg"]),
        "actors/kovacevski.md": SuggestFixture.actor("Dimitar Kovacevski", aliases: ["Kovacevski"]),
        "claims/cited.md": """
            ---
            claimant: stoltenberg
            summary: "Cited."
            evidence:
              - article: skopje
                quote: "cited statement, word for word"
            ---

            """,
    ]

    @Test func attributedQuotationsNoClaimCitesBecomeClaimStubs() throws {
        let (found, root) = try SuggestFixture.suggest(Self.files)
        let quotes = found.statements.map(\.quote)
        #expect(
            Set(quotes) == [
                "We will stay vigilant and we will stay united", "There is no threat to our stability at all", "Russia must stop its aggression now",
            ])
        let byQuote = Dictionary(found.statements.map { ($0.quote, $0) }, uniquingKeysWith: { first, _ in first })
        let vigilant = try #require(byQuote["We will stay vigilant and we will stay united"])
        #expect(vigilant.claimant == "stoltenberg")
        #expect(vigilant.date?.description == "2023-11-21")
        #expect(vigilant.citations == [StatementCitation(article: "skopje", quote: "We will stay vigilant and we will stay united")])
        #expect(vigilant.evidence.first?.path == root + "/articles/skopje.md")
        #expect(vigilant.evidence.first?.line == 6)
        #expect(vigilant.id == "stoltenberg-we-will-stay-vigilant-and-we")
        // "he said": the speaker named in the sentence before (a person, not the one he met).
        #expect(byQuote["There is no threat to our stability at all"]?.claimant == "kovacevski")
        #expect(byQuote["Russia must stop its aggression now"]?.claimant == "stoltenberg")
    }

    @Test func aStubPastedAsAClaimFileChecksClean() throws {
        let (found, _) = try SuggestFixture.suggest(Self.files)
        var files = Self.files
        for statement in found.statements {
            let evidence = statement.citations.map { "  - article: \"\($0.article)\"\n    quote: \"\($0.quote)\"\n" }.joined()
            files["claims/\(statement.id).md"] = "---\nclaimant: \(statement.claimant)\nsummary: \"Draft.\"\nevidence:\n\(evidence)---\n"
        }
        let run = try LoaderFixture.check(files, base: ["dossier.yaml": "title: Test dossier\n"])
        #expect(!run.diagnostics.hasErrors, "\(run.diagnostics)")
        let again = try SuggestFixture.suggest(files)
        #expect(again.suggestions.statements.isEmpty)
    }
}

@Suite(.serialized) struct SuggestCommandLine {
    @Test func yamlReadsBackAsTheSameValues() throws {
        let body = """
            PM Kovachevski said “we are a \\"safe\\" country: no threat\\\\none” and Kovachevski left. Tirana’s Edi Rama said nothing.

            “We will stay vigilant and we will stay united,” Stoltenberg told reporters.
            """
        let fixture = try LoaderFixture(
            [
                "articles/report.md": SuggestFixture.article(body),
                "actors/stoltenberg.md": SuggestFixture.actor("Jens Stoltenberg", aliases: ["Stoltenberg"]),
                "actors/kovacevski.md": SuggestFixture.actor("Dimitar Kovacevski", aliases: ["Kovacevski", "Dimitar Kovačevski"]),
            ], base: ["dossier.yaml": "title: Test dossier\n"])
        defer { fixture.remove() }
        let run = try runDossier(["suggest", "--content", fixture.root, "--format", "yaml"])
        #expect(run.status == 0, "\(run.errors)")
        let document = try #require(try Yams.load(yaml: run.output) as? [String: Any])
        let (expected, _) = RegistrySuggester.suggest(contentDirectory: fixture.root)
        let suggestions = try #require(expected)

        let names = try #require(document["names"] as? [[String: Any]])
        #expect(names.map { $0["name"] as? String } == suggestions.unknownNames.map(\.name))
        #expect(names.map { $0["guess"] as? String } == suggestions.unknownNames.map(\.guess.rawValue))
        #expect(names.map { $0["count"] as? Int } == suggestions.unknownNames.map(\.count))
        #expect(names.first?["name"] as? String == "Edi Rama")

        let aliases = try #require(document["aliases"] as? [String: Any])
        let kovacevski = try #require(aliases["actors/kovacevski"] as? [String: Any])
        #expect(kovacevski["aliases"] as? [String] == ["Kovacevski", "Dimitar Kovačevski", "Kovachevski"])

        let claims = try #require(document["claims"] as? [[String: Any]])
        #expect(claims.count == suggestions.statements.count)
        for (claim, statement) in zip(claims, suggestions.statements) {
            #expect(claim["claimant"] as? String == statement.claimant)
            #expect(claim["date"] as? String == statement.date?.description)
            let evidence = try #require(claim["evidence"] as? [[String: Any]])
            #expect(evidence.map { $0["article"] as? String } == statement.citations.map(\.article))
            #expect(evidence.map { $0["quote"] as? String } == statement.citations.map(\.quote))
        }
        // The quote with quotation marks and a backslash in it survives the round trip.
        #expect(suggestions.statements.contains { $0.quote.contains("\"safe\"") && $0.quote.contains("\\n") })
    }

    @Test func jsonHasAnArrayPerKindAndTextHasFileLineEvidence() throws {
        let fixture = try LoaderFixture(
            ["articles/report.md": SuggestFixture.article("Edi Rama met Jens Stoltenberg.\n"),
             "actors/stoltenberg.md": SuggestFixture.actor("Jens Stoltenberg")],
            base: ["dossier.yaml": "title: Test dossier\n"])
        defer { fixture.remove() }
        let json = try runDossier(["suggest", "--content", fixture.root, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((object["unknown_names"] as? [[String: Any]])?.first?["name"] as? String == "Edi Rama")
        #expect((object["aliases"] as? [Any])?.isEmpty == true)
        #expect((object["statements"] as? [Any])?.isEmpty == true)
        let text = try runDossier(["suggest", "--content", fixture.root])
        #expect(text.status == 0)
        #expect(text.output.contains("  Edi Rama  [unknown] ×1\n    \(fixture.root)/articles/report.md:6: Edi Rama met Jens Stoltenberg."))
    }

    @Test func exitCodes() throws {
        let fixture = try LoaderFixture(
            ["articles/report.md": SuggestFixture.article("Text.\n"), "actors/bad.md": "---\nname: Bad\nkind: alliance\n---\n"],
            base: ["dossier.yaml": "title: Test dossier\n"])
        defer { fixture.remove() }
        let failed = try runDossier(["suggest", "--content", fixture.root])
        #expect(failed.status == 1)
        #expect(failed.errors.contains("\(fixture.root)/actors/bad.md:3:7: error: 'kind' must be one of person, organization, state, not 'alliance'"))
        #expect(failed.output.isEmpty)
        #expect(try runDossier(["suggest", "--format", "xml"]).status == 2)
        #expect(try runDossier(["suggest", "--limit", "-1"]).status == 2)
        let seed = try runDossier(["suggest", "--content", SiteFixture.repositoryRoot.appendingPathComponent("content").path, "--limit", "1"])
        #expect(seed.status == 0, "\(seed.errors)")
    }
}
