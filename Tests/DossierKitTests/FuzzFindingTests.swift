// What fuzzing (`make fuzz`, Fuzz/) found, each pinned by the smallest input that showed it.
import Foundation
import Testing

@testable import DossierKit

@Suite struct FuzzFindingTests {
    /// Nine aliases of aliases stand for 9^9 values: Yams shares the anchored node, and copying it out value by
    /// value never finished (the front matter target's timeout). Now refused, at the front matter, in one error.
    @Test(.timeLimit(.minutes(1))) func yamlAliasesThatStandForBillionsOfValuesAreOneErrorNotAHang() throws {
        var lists = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...8 { lists.append("&l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        let actor = """
            ---
            name: Jens Stoltenberg
            kind: person
            aliases: [\(lists.joined(separator: ", "))]
            ---

            """
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        #expect(
            run.diagnostics(for: "actors/stoltenberg.md") == [
                .error(
                    SourceLocation(path: run.path("actors/stoltenberg.md"), line: 2),
                    "the front matter could not be read as YAML: with its aliases (*name) it stands for more than 100000 values; write the values out instead of repeating aliases"
                )
            ])
    }

    /// The limit counts values, not aliases: an alias of a value is read as that value.
    @Test func yamlAliasesWithinTheLimitAreReadAsTheirValues() throws {
        let actor = """
            ---
            name: &name Jens Stoltenberg
            kind: person
            aliases: [*name, Stoltenberg]
            ---

            """
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        #expect(run.diagnostics.map(\.description) == [])
        let actors = try #require(run.corpus?.actors)
        #expect(actors.first?.aliases.map(\.value) == ["Jens Stoltenberg", "Stoltenberg"])
    }
}
