// Each limit gives a located error with its code, never a crash, a hang or running out of memory.
import Foundation
import Testing

@testable import DossierKit

@Suite struct ContentLimitTests {
    static func load(_ overrides: [String: String?], limits: ContentLimits) throws -> LoaderRun {
        let fixture = try LoaderFixture(overrides)
        defer { fixture.remove() }
        let (corpus, diagnostics) = ContentLoader(contentDirectory: fixture.root, limits: limits).load()
        return LoaderRun(root: fixture.root, corpus: corpus, diagnostics: diagnostics)
    }

    @Test func aFileOverTheSizeLimitIsAnErrorAtItsFirstLineAndStillResolves() throws {
        var limits = ContentLimits()
        limits.fileBytes = 200
        let article = LoaderFixtureFiles.article + String(repeating: "More words. ", count: 20)
        let run = try Self.load(["articles/report.md": article], limits: limits)
        #expect(
            run.diagnostics == [
                .error(
                    .fileTooLarge, SourceLocation(path: run.path("articles/report.md"), line: 1),
                    "this file is \(article.utf8.count) bytes, over the limit of 200 bytes for one content file; it was not read",
                    fix: "split it into smaller files, or remove what the dossier does not need")
            ])
        // The claim citing it is not also told the article does not exist.
        #expect(run.corpus?.unloaded.articles == ["report"])
    }

    @Test func theDefaultSizeLimitRefusesAFileOfElevenMegabytes() throws {
        let article = LoaderFixtureFiles.article + String(repeating: "x", count: 11 * 1024 * 1024)
        let run = try LoaderFixture.load(["articles/report.md": article])
        #expect(run.diagnostics.map(\.code) == [.fileTooLarge])
        #expect(run.diagnostics.first?.message.hasPrefix("this file is 11 MB, over the limit of 10 MB") == true)
    }

    @Test func moreFilesThanTheLimitIsOneErrorAtTheContentFolder() throws {
        var limits = ContentLimits()
        limits.files = 5
        var files: [String: String?] = [:]
        for index in 0..<6 { files["actors/person-\(index).md"] = "---\nname: Person \(index)\nkind: person\n---\n" }
        let run = try Self.load(files, limits: limits)
        #expect(run.corpus == nil)
        #expect(
            run.diagnostics == [
                .error(
                    .tooManyFiles, SourceLocation(path: run.root, line: 1),
                    "the content folder holds more than 5 content files, the most one dossier may have; nothing was loaded",
                    fix: "split the material into several dossiers")
            ])
        limits.files = 9
        #expect(try Self.load(files, limits: limits).diagnostics == [])
    }

    @Test func markdownNestedPastTheLimitIsAnErrorAtTheLineWhereItGetsTooDeep() throws {
        var limits = ContentLimits()
        limits.markdownNesting = 3
        let body = "Jens Stoltenberg said no threat.\n\n> one\n>\n> > two\n> >\n> > - three\n> >   > four\n"
        let article = LoaderFixtureFiles.article.replacingOccurrences(of: "Jens Stoltenberg said no threat.\n", with: body)
        let run = try Self.load(["articles/report.md": article], limits: limits)
        // The body starts on line 6; the fourth level opens on its line 6, the file's line 11.
        #expect(
            run.diagnostics == [
                .error(
                    .nestingTooDeep, SourceLocation(path: run.path("articles/report.md"), line: 13),
                    "block quotes and lists are nested 4 levels deep here, more than the 3 a text may have",
                    fix: "remove the extra '>' or list markers at the start of the lines")
            ])
    }

    @Test func tenThousandNestedBlockQuotesAreAnErrorNotACrash() throws {
        let article = LoaderFixtureFiles.article + String(repeating: ">", count: 10_000) + " deep\n"
        let run = try LoaderFixture.load(["articles/report.md": article])
        #expect(run.diagnostics.map(\.code) == [.nestingTooDeep])
        #expect(run.diagnostics.first?.location.line == 7)
    }

    @Test func aliasesThatExpandPastTheLimitAreAnErrorAtTheFirstAlias() throws {
        // The billion laughs: nine levels of ten aliases each stand for 10^9 values.
        var yaml = "name: NATO\nkind: organization\nrole: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "x\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let start = Date()
        let run = try LoaderFixture.load(["actors/stoltenberg.md": "---\n" + yaml + "---\n"])
        #expect(Date().timeIntervalSince(start) < 10)
        let diagnostics = run.diagnostics(for: "actors/stoltenberg.md")
        #expect(diagnostics.map(\.code) == [.yamlTooLarge])
        // The first alias: line 5 of the file ('x1: &a1 [*a0, …'), column 10.
        #expect(diagnostics.first?.location == SourceLocation(path: run.path("actors/stoltenberg.md"), line: 5, column: 10))
        #expect(diagnostics.first?.message == "with its aliases ('*name') expanded, this front matter holds more than 100000 values, the most one may have")
        // Nothing cascades: the claim naming this actor as claimant is not told it does not exist.
        #expect(run.diagnostics(for: "claims/no-threat.md") == [])
    }

    @Test func aFewAliasesUnderTheLimitStillLoad() throws {
        let actor = "---\nname: &n Jens Stoltenberg\nkind: person\n# an alias\naliases: [*n]\n---\n"
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        #expect(run.diagnostics == [])
        #expect(run.corpus?.actors.first?.aliases.map(\.value) == ["Jens Stoltenberg"])
    }

    @Test func anAliasUsedAsAFieldNameIsRefused() throws {
        let actor = "---\nname: NATO\nkind: organization\nrole: &big [a, b]\n*big : x\n---\n"
        let run = try LoaderFixture.load(["actors/stoltenberg.md": actor])
        #expect(run.diagnostics(for: "actors/stoltenberg.md").map(\.code) == [.yamlTooLarge])
        #expect(run.diagnostics(for: "actors/stoltenberg.md").first?.location.line == 5)
    }

    @Test func yamlNestedPastTheLimitIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let run = try LoaderFixture.load(["actors/stoltenberg.md": "---\nname: NATO\nkind: organization\nrole: \(deep)\n---\n"])
        let diagnostics = run.diagnostics(for: "actors/stoltenberg.md")
        #expect(diagnostics.map(\.code) == [.yamlNestingTooDeep])
        #expect(diagnostics.first?.location == SourceLocation(path: run.path("actors/stoltenberg.md"), line: 4, column: 71))
        let dashes = String(repeating: "- ", count: 1_000) + "x"
        let listRun = try LoaderFixture.load(["actors/stoltenberg.md": "---\nname: NATO\nkind: organization\naliases:\n\(dashes)\n---\n"])
        #expect(listRun.diagnostics(for: "actors/stoltenberg.md").map(\.code) == [.yamlNestingTooDeep])
    }

    @Test func sizesReadAsPeopleWriteThem() {
        #expect(ContentLimits.size(200) == "200 bytes")
        #expect(ContentLimits.size(10 * 1024 * 1024) == "10 MB")
        #expect(ContentLimits.size(11_534_336 + 200) == "11 MB")
        #expect(ContentLimits.size(1536 * 1024) == "1.5 MB")
    }
}
