// From an inline content folder to a site on disk with the repository's templates; and a failing
// build that leaves the output folder exactly as it was.
import Foundation
import Testing

@testable import DossierKit

@Suite struct LoaderPipelineTests {
    /// A temporary folder holding `content/` (the fixture) and `site/` (the output), removed afterwards.
    static func withBuildFolders<T>(_ overrides: [String: String?] = [:], _ body: (_ content: String, _ output: String) throws -> T) throws -> T {
        let fixture = try LoaderFixture(overrides)
        defer { fixture.remove() }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-loader-site-\(UUID().uuidString)", isDirectory: true).path
        defer { try? FileManager.default.removeItem(atPath: output) }
        return try body(fixture.root, output)
    }

    static func options(content: String, output: String) -> BuildOptions {
        BuildOptions(
            contentDirectory: content, templatesDirectory: LoaderFixture.repositoryRoot().appendingPathComponent("Templates").path,
            outputDirectory: output)
    }

    /// Every file below `root` (hidden ones too), by relative path, with its bytes.
    static func snapshot(_ root: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
            result[relative + (isDirectory.boolValue ? "/" : "")] = isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
        }
        return result
    }

    /// The page's text without tags and without the "↩" links from quotes back to their claims.
    static func plainText(_ html: String) -> String {
        html.replacingOccurrences(of: "<a class=\"evidence-link\"[^>]*>↩</a>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    @Test func buildWritesIndexAndArticlePageWithMentionLinks() throws {
        try Self.withBuildFolders { content, output in
            let report = Pipeline.build(Self.options(content: content, output: output))
            #expect(report.diagnostics.map(\.description) == [])
            let summary = try #require(report.summary)
            #expect(summary.hasPrefix("built \(report.pages) pages: "))
            #expect(report.pages > 0)

            #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
            #expect(FileManager.default.fileExists(atPath: output + "/actors/stoltenberg.html"))
            let page = try String(contentsOfFile: output + "/articles/report.html", encoding: .utf8)
            #expect(page.contains("NATO chief in Skopje"))
            #expect(Self.plainText(page).contains("Jens Stoltenberg said no threat."))

            // The mention of the actor in the body links to the actor's page, relative to articles/.
            let mentionStart = try #require(page.range(of: "<a class=\"mention\""))
            let tagEnd = try #require(page[mentionStart.upperBound...].range(of: ">"))
            let tag = String(page[mentionStart.lowerBound..<tagEnd.upperBound])
            #expect(tag.contains("href=\"../actors/stoltenberg.html\""))
            #expect(page[tagEnd.upperBound...].hasPrefix("Jens Stoltenberg</a>"))
            // The quoted evidence links back to its claim.
            #expect(page.contains("href=\"../claims/no-threat.html\""))
        }
    }

    @Test func secondBuildOfUnchangedContentWritesNothing() throws {
        try Self.withBuildFolders { content, output in
            let first = Pipeline.build(Self.options(content: content, output: output))
            #expect(first.summary != nil)
            let before = try Self.snapshot(output)
            let second = Pipeline.build(Self.options(content: content, output: output))
            #expect(second.write?.written == 0)
            #expect(second.write?.unchanged == first.write?.written)
            #expect(try Self.snapshot(output) == before)
        }
    }

    @Test func failingBuildLeavesExistingOutputByteIdentical() throws {
        // The quote is not in the article: only the linker finds this, after the loader succeeded.
        let claim = LoaderFixtureFiles.claim.replacingOccurrences(of: "quote: \"no threat\"", with: "quote: \"a grave threat\"")
        try Self.withBuildFolders(["claims/no-threat.md": claim]) { content, output in
            // An earlier build's output, plus a file of the user's own.
            try LoaderFixture.write(Data("<p>old index</p>\n".utf8), to: output + "/index.html")
            try LoaderFixture.write(Data("old article\n".utf8), to: output + "/articles/report.html")
            try LoaderFixture.write(Data("index.html\narticles/report.html\narticles/gone.html\n".utf8), to: output + "/" + SiteWriter.manifestName)
            try LoaderFixture.write(Data("gone\n".utf8), to: output + "/articles/gone.html")
            try LoaderFixture.write(Data([0x00, 0xFF, 0x10]), to: output + "/notes/keep.bin")
            let before = try Self.snapshot(output)

            let report = Pipeline.build(Self.options(content: content, output: output))
            #expect(report.summary == nil)
            #expect(report.write == nil)
            #expect(report.diagnostics.hasErrors)
            #expect(report.diagnostics.contains { $0.location.path == content + "/claims/no-threat.md" && $0.location.line == 6 })
            #expect(try Self.snapshot(output) == before)

            // The same output folder does change once the content is fixed: the comparison can see writes.
            try LoaderFixture.write(Data(LoaderFixtureFiles.claim.utf8), to: content + "/claims/no-threat.md")
            let fixed = Pipeline.build(Self.options(content: content, output: output))
            #expect(fixed.summary != nil)
            let after = try Self.snapshot(output)
            #expect(after != before)
            #expect(after["articles/gone.html"] == nil)
            #expect(after["notes/keep.bin"] == Data([0x00, 0xFF, 0x10]))
        }
    }

    @Test func loaderErrorStopsTheBuildBeforeAnythingIsCreated() throws {
        let article = LoaderFixtureFiles.article.replacingOccurrences(of: "published: 2023-11-21", with: "published: 2023-02-30")
        try Self.withBuildFolders(["articles/report.md": article]) { content, output in
            let report = Pipeline.build(Self.options(content: content, output: output))
            #expect(report.summary == nil)
            #expect(
                report.diagnostics.contains(
                    .error(
                        .invalidDate, SourceLocation(path: content + "/articles/report.md", line: 4, column: 12),
                        "'published' is not a valid date: write YYYY-MM-DD, or YYYY-MM or YYYY when only that much is known, or 'unknown' (found '2023-02-30')"
                    )))
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }
}
