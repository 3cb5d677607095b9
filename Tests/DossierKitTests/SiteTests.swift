// The built site: every page kind, links that resolve, determinism, the writer's promises, escaping.
import Foundation
import Testing

@testable import DossierKit

/// A content folder written from inline files into a temporary directory, removed on deinit.
final class SiteFixture {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var output: URL { root.appendingPathComponent("public") }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var templates: String { repositoryRoot.appendingPathComponent("Templates").path }

    static let standard: [String: String] = [
        "dossier.yaml": "title: Test dossier\nsubtitle: A subtitle\nbase_url: https://example.org/dossier/\nsummary: About *Jens Stoltenberg* in Skopje.\n",
        "articles/one.md": """
            ---
            title: First article
            source: Outlet One
            published: 2023-11-21
            url: https://news.example/one
            author: A. Writer
            ---
            Jens Stoltenberg said in Skopje: "We see no threat." NATO agreed.

            Later, Stoltenberg's team left Skopje.

            """,
        "articles/two.md": """
            ---
            title: Second article
            source: unknown
            published: 2023-11
            ---
            Vucic said there is a threat. We see no threat, said NATO's chief.

            """,
        "actors/stoltenberg.md": "---\nname: Jens Stoltenberg\nkind: person\naliases: [Stoltenberg]\nrole: Secretary General\naffiliations: [nato]\n---\nNATO's chief.\n",
        "actors/nato.md": "---\nname: NATO\nkind: organization\n---\n",
        "actors/vucic.md": "---\nname: Vucic\nkind: person\naliases: [Vučić]\n---\n",
        "locations/skopje.md": "---\nname: Skopje\nkind: city\nwithin: north-macedonia\ncoordinates: [41.99, 21.43]\n---\n",
        "locations/north-macedonia.md": "---\nname: North Macedonia\nkind: country\n---\n",
        "propositions/threat.md": "---\nstatement: There is a threat.\n---\n",
        "claims/no-threat.md": """
            ---
            claimant: stoltenberg
            summary: No threat.
            proposition: threat
            stance: denies
            date: 2023-11-21
            location: skopje
            about: [nato, skopje]
            evidence:
              - article: one
                quote: We see no threat.
            ---
            Said in Skopje.

            """,
        "claims/threat.md": """
            ---
            claimant: vucic
            summary: There is a threat.
            proposition: threat
            stance: affirms
            contradicts: [no-threat]
            evidence:
              - article: two
                quote: there is a threat
            ---

            """,
    ]

    init(_ files: [String: String] = SiteFixture.standard) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-site-\(UUID().uuidString)")
        try write(files)
    }

    func write(_ files: [String: String]) throws {
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func build(into directory: URL? = nil, templates: String = SiteFixture.templates) -> BuildReport {
        Pipeline.build(BuildOptions(contentDirectory: content.path, templatesDirectory: templates, outputDirectory: (directory ?? output).path))
    }

    func page(_ path: String, in directory: URL? = nil) throws -> String {
        try String(contentsOf: (directory ?? output).appendingPathComponent(path), encoding: .utf8)
    }
}

/// Every file below a folder with its bytes, keyed by relative path.
func snapshot(_ directory: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    while let relative = enumerator?.nextObject() as? String {
        let url = directory.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result[relative] = FileManager.default.contents(atPath: url.path)
        }
    }
    return result
}

@Suite struct PageKinds {
    @Test func everyPageKindIsWrittenWithItsLinks() throws {
        let fixture = try SiteFixture()
        let report = fixture.build()
        #expect(report.summary != nil, "\(report.diagnostics)")
        let home = try fixture.page("index.html")
        for link in ["contradictions/index.html", "articles/one.html", "actors/stoltenberg.html", "claims/no-threat.html", "assets/style.css"] {
            #expect(home.contains("href=\"\(link)\""), "index.html lacks \(link)")
        }
        let article = try fixture.page("articles/one.html")
        #expect(article.contains("<a class=\"mention\" data-entity=\"actors/stoltenberg\" href=\"../actors/stoltenberg.html\">Jens Stoltenberg</a>"))
        #expect(article.contains("<mark class=\"evidence\" id=\"q-no-threat-1\" data-claim=\"no-threat\">"))
        #expect(article.contains("href=\"https://news.example/one\""))
        #expect(article.contains("<span class=\"anchor\" id=\"p-1\"></span>"))
        let actor = try fixture.page("actors/stoltenberg.html")
        for link in ["../actors/nato.html", "../claims/no-threat.html", "../articles/one.html#p-0", "../articles/one.html#p-1", "../claims/threat.html"] {
            #expect(actor.contains("href=\"\(link)\""), "actor page lacks \(link)")
        }
        #expect(actor.contains("<strong>Stoltenberg</strong><span class=\"kwic-after\">’s team left"))
        let location = try fixture.page("locations/skopje.html")
        #expect(location.contains("href=\"../locations/north-macedonia.html\""))
        #expect(location.contains("41.99, 21.43"))
        #expect(try fixture.page("locations/north-macedonia.html").contains("href=\"../locations/skopje.html\""))
        let claim = try fixture.page("claims/no-threat.html")
        #expect(claim.contains("href=\"../articles/one.html#q-no-threat-1\""))
        #expect(claim.contains("href=\"https://news.example/one#:~:text=We%20see%20no%20threat.\""))
        #expect(claim.contains("href=\"../claims/threat.html\""))
        #expect(claim.contains("Also reported in"))
        #expect(claim.contains("href=\"../articles/two.html#p-0\""))
        let proposition = try fixture.page("propositions/threat.html")
        #expect(proposition.contains("href=\"../claims/no-threat.html\"") && proposition.contains("href=\"../claims/threat.html\""))
        let contradictions = try fixture.page("contradictions/index.html")
        #expect(contradictions.contains("href=\"../propositions/threat.html\""))
        #expect(contradictions.contains("href=\"../claims/threat.html\"") && contradictions.contains("href=\"../claims/no-threat.html\""))
        for index in ["articles", "actors", "locations", "claims", "propositions"] {
            #expect(try fixture.page("\(index)/index.html").contains("href=\"../index.html\""))
        }
        #expect(try fixture.page("404.html").contains("href=\"index.html\""))
        #expect(try fixture.page("sitemap.xml").contains("<loc>https://example.org/dossier/articles/one.html</loc>"))
        #expect(try fixture.page("feed.xml").contains("<link href=\"https://example.org/dossier/articles/two.html\"/>"))
        let json = try JSONSerialization.jsonObject(with: Data(try fixture.page("dossier.json").utf8)) as? [String: Any]
        #expect(json?.keys.sorted() == ["actors", "articles", "claims", "contradictions", "cooccurrences", "dossier", "locations", "mentions", "propositions"])
    }

    @Test func everyPageHasTheLandmarksAReaderNeeds() throws {
        let fixture = try SiteFixture()
        fixture.build()
        for (path, data) in snapshot(fixture.output) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<html lang=\"en\">"), "\(path)")
            #expect(html.contains("<title>") && html.contains("<meta name=\"description\" content=\""), "\(path)")
            #expect(html.contains("class=\"skip-link\" href=\"#main\"") && html.contains("<main id=\"main\""), "\(path)")
            #expect(html.contains("<nav class=\"site-nav\" aria-label=\"Sections\">"), "\(path)")
            #expect(html.contains("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\""), "\(path)")
            if path != "index.html" { #expect(html.contains("aria-label=\"Breadcrumb\""), "\(path)") }
        }
    }

    @Test func noFeedOrSitemapWithoutABaseURL() throws {
        var files = SiteFixture.standard
        files["dossier.yaml"] = "title: No base\n"
        let fixture = try SiteFixture(files)
        fixture.build()
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("feed.xml").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("sitemap.xml").path))
        #expect(!(try fixture.page("index.html")).contains("rel=\"canonical\""))
    }
}

@Suite struct SeedSiteLinks {
    /// Every href and src of every page of the built seed dossier resolves to a file, and every #fragment to an id in it.
    @Test func everyInternalLinkAndAnchorResolves() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = Pipeline.build(
            BuildOptions(
                contentDirectory: SiteFixture.repositoryRoot.appendingPathComponent("content").path, templatesDirectory: SiteFixture.templates,
                outputDirectory: output.path))
        #expect(report.summary != nil, "\(report.diagnostics)")
        let files = snapshot(output)
        var idsByFile: [String: Set<String>] = [:]
        let idPattern = try NSRegularExpression(pattern: "\\sid=\"([^\"]+)\"")
        let linkPattern = try NSRegularExpression(pattern: "\\s(?:href|src)=\"([^\"]*)\"")
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let range = NSRange(html.startIndex..., in: html)
            idsByFile[path] = Set(idPattern.matches(in: html, range: range).compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } })
        }
        var checked = 0, fragments = 0
        for (path, data) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let base = URL(fileURLWithPath: "/site/" + path).deletingLastPathComponent()
            for match in linkPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let range = Range(match.range(at: 1), in: html) else { continue }
                let link = html[range].replacingOccurrences(of: "&amp;", with: "&")
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                #expect(!link.isEmpty && !link.hasPrefix("/"), "\(path): link '\(link)' is not relative to a file")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? path : String(URL(fileURLWithPath: parts[0], relativeTo: base).standardizedFileURL.path.dropFirst("/site/".count))
                #expect(files[target] != nil, "\(path): link '\(link)' points to missing \(target)")
                if parts.count == 2 {
                    fragments += 1
                    #expect(idsByFile[target]?.contains(parts[1]) == true, "\(path): anchor '\(link)' has no id in \(target)")
                }
                checked += 1
            }
        }
        #expect(checked > 1000)
        #expect(fragments > 100)
        #expect(idsByFile["articles/mia-2023-11-21-no-imminent-threat.html"]?.contains("q-stoltenberg-no-imminent-military-threat-2") == true)
    }
}

@Suite struct Writer {
    @Test func twoBuildsAreByteIdentical() throws {
        let fixture = try SiteFixture()
        let second = fixture.root.appendingPathComponent("second")
        fixture.build()
        fixture.build(into: second)
        let a = snapshot(fixture.output), b = snapshot(second)
        #expect(a.count > 20)
        #expect(a == b)
    }

    @Test func unchangedFilesKeepTheirMtimeAndChangedOnesAreRewritten() throws {
        let fixture = try SiteFixture()
        fixture.build()
        let old = Date(timeIntervalSince1970: 1_000_000)
        let unchanged = fixture.output.appendingPathComponent("articles/two.html").path
        let changed = fixture.output.appendingPathComponent("articles/one.html").path
        for path in [unchanged, changed] { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path) }
        try fixture.write(["articles/one.md": SiteFixture.standard["articles/one.md", default: ""].replacingOccurrences(of: "NATO agreed.", with: "NATO agreed again.")])
        let report = fixture.build()
        #expect(report.write?.written ?? 0 >= 1)
        #expect(report.write?.unchanged ?? 0 > 10)
        let mtime = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil }
        #expect(mtime(unchanged) == old)
        #expect(mtime(changed) != old)
        #expect(report.summary?.contains("unchanged") == true)
    }

    @Test func filesNoLongerProducedAreRemovedAndOthersAreLeftAlone() throws {
        let fixture = try SiteFixture()
        fixture.build()
        let foreign = fixture.output.appendingPathComponent("CNAME")
        try "example.org".write(to: foreign, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("actors/vucic.md"))
        var files = SiteFixture.standard
        files["claims/threat.md"] = files["claims/threat.md", default: ""].replacingOccurrences(of: "claimant: vucic", with: "claimant: nato")
        try fixture.write(files.filter { $0.key == "claims/threat.md" })
        let report = fixture.build()
        #expect(report.summary != nil, "\(report.diagnostics)")
        #expect(report.write?.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("actors/vucic.html").path))
        #expect(FileManager.default.fileExists(atPath: foreign.path))
    }

    @Test func aFailedBuildLeavesTheOutputExactlyAsItWas() throws {
        let fixture = try SiteFixture()
        fixture.build()
        let before = snapshot(fixture.output)
        try fixture.write(["claims/threat.md": "---\nclaimant: nobody\nsummary: x\nevidence:\n  - article: two\n    quote: not in the text\n---\n"])
        let report = fixture.build()
        #expect(report.summary == nil)
        #expect(report.diagnostics.hasErrors)
        #expect(snapshot(fixture.output) == before)
    }

    @Test func aBrokenTemplateStopsTheBuildWithFileAndLine() throws {
        let fixture = try SiteFixture()
        fixture.build()
        let before = snapshot(fixture.output)
        let templates = fixture.root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: templates.path)
        try "line one\n{{#section}}\nnever closed\n".write(to: templates.appendingPathComponent("claim.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("proposition.mustache"))
        let report = fixture.build(templates: templates.path)
        #expect(report.summary == nil)
        let messages = report.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix(templates.appendingPathComponent("claim.mustache").path + ":") && $0.contains("error: this template does not parse") })
        // A theme folder without proposition.mustache uses the built-in one; the broken claim template is reported
        // once, where it is, not again as a missing page kind.
        #expect(messages.count == 1, "\(messages)")
        #expect(snapshot(fixture.output) == before)
    }

    @Test func withoutTheBuiltInThemeAMissingPageKindIsAnError() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: folder.url.appendingPathComponent("t").path)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("t/proposition.mustache"))
        let set = TemplateSet.load(directory: folder.url.appendingPathComponent("t").path, builtIn: false)
        #expect(
            set.diagnostics.map(\.description) == [
                "\(folder.url.appendingPathComponent("t/proposition.mustache").path):1:1: error: no template for the 'proposition' page kind: create proposition.mustache (see the default Templates/ folder) [template.missing-page-kind]"
            ])
        #expect(TemplateSet.load(directory: folder.url.appendingPathComponent("t").path).diagnostics.isEmpty)
    }

    @Test func aMissingPartialIsAnErrorAtItsTag() throws {
        let fixture = try SiteFixture()
        let templates = fixture.root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: templates.path)
        let claims = templates.appendingPathComponent("claims.mustache")
        try (try String(contentsOf: claims, encoding: .utf8)).replacingOccurrences(of: "{{>pagination}}", with: "{{> paginashun}}")
            .write(to: claims, atomically: true, encoding: .utf8)
        let report = fixture.build(templates: templates.path)
        #expect(report.summary == nil)
        #expect(report.diagnostics.map(\.description) == ["\(claims.path):5:1: error: this template uses 'paginashun', but there is no paginashun.mustache [template.missing-partial]"])
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }

    @Test func unsafeOutputPathsAreRefused() {
        #expect(SiteWriter.isSafe("articles/a.html"))
        for path in ["../x.html", "/etc/passwd", "a/../../b", "a//b", "./a", "", "a\\b", "a/", "a/.", "a/..", "..", ".", "/", "a\0b"] {
            #expect(!SiteWriter.isSafe(path), "\(path)")
        }
        for path in ["...", ".hidden", "a/.hidden", "a.b/c..d", "..a/b", "a/...", "search/terms-1.js", "actors/vučić.html"] {
            #expect(SiteWriter.isSafe(path), "\(path)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-unsafe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: SiteWriter.WriteError.self) {
            try SiteWriter(outputDirectory: directory.path).write([OutputFile(path: "ok.html", text: "x"), OutputFile(path: "../escape.html", text: "x")])
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("ok.html").path))
    }
}

@Suite struct HostileContent {
    static let hostile = "<script>alert(1)</script></script>\"'&<b>"

    @Test func hostileStringsInEveryFieldComeOutInert() throws {
        let h = Self.hostile
        let quoted = h.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let files: [String: String] = [
            "dossier.yaml": "title: \"T \(quoted)\"\nsubtitle: \"S \(quoted)\"\nsummary: \"Sum \(quoted) [x](javascript:alert(2))\"\n",
            "articles/a.md": "---\ntitle: \"A \(quoted)\"\nsource: \"O \(quoted)\"\npublished: 2023\nauthor: \"W \(quoted)\"\n---\nBody \(h) [link](javascript:alert(3)) Evil Name here. Quote \\<script>alert(1)\\</script> end.\n",
            "actors/e.md": "---\nname: Evil Name\nkind: person\naliases: [\"E \(quoted)\"]\nrole: \"R \(quoted)\"\n---\nNotes \(h)\n",
            "locations/l.md": "---\nname: \"L \(quoted)\"\nkind: place\n---\n",
            "propositions/p.md": "---\nstatement: \"P \(quoted)\"\n---\n",
            "claims/c.md": "---\nclaimant: e\nsummary: \"C \(quoted)\"\nproposition: p\nstance: affirms\nabout: [l]\nevidence:\n  - article: a\n    quote: \"Quote <script>alert(1)</script> end.\"\n---\nClaim notes \(h)\n",
        ]
        let fixture = try SiteFixture(files)
        let report = fixture.build()
        #expect(report.summary != nil, "\(report.diagnostics)")
        var pages = 0
        for (path, data) in snapshot(fixture.output) where path.hasSuffix(".html") {
            pages += 1
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(path)")
            #expect(!html.contains("<b>"), "\(path)")
            #expect(!html.lowercased().contains("javascript:"), "\(path)")
            // The only inline script element is the JSON-LD one, and nothing inside it can close it; the
            // search page also loads the theme's search.js (a file, not content).
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == (path == "search.html" ? 2 : 1), "\(path)")
            if let start = html.range(of: "<script type=\"application/ld+json\">"), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) {
                let json = String(html[start.upperBound..<end.lowerBound])
                #expect(!json.contains("<") && !json.contains(">"), "\(path)")
                #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(path)")
            }
        }
        #expect(pages >= 12)
        let json = try fixture.page("dossier.json")
        #expect(!json.contains("<script"))
        #expect(json.contains("\\u003cscript\\u003e"))
    }

    @Test func aJavascriptURLInAFieldIsRejected() throws {
        var files = SiteFixture.standard
        files["articles/one.md"] = files["articles/one.md", default: ""].replacingOccurrences(of: "https://news.example/one", with: "javascript:alert(1)")
        let fixture = try SiteFixture(files)
        let report = fixture.build()
        #expect(report.summary == nil)
        #expect(report.diagnostics.contains { $0.message.hasPrefix("'url' must be an absolute web address") && $0.location.line == 5 })
    }
}
