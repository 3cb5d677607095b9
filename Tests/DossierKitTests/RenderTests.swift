// Rendering at scale: typed models and template keys, pagination, determinism across core counts,
// and incremental rebuilds that equal cold builds.
import Foundation
import Testing

@testable import DossierKit

/// A synthetic dossier big enough to paginate every list and to span several render chunks.
func syntheticContent(articles: Int, actors: Int, claims: Int) -> [String: String] {
    var files: [String: String] = ["dossier.yaml": "title: Synthetic\n"]
    let surnames = (0..<actors).map { "Surname\(String(UnicodeScalar(UInt8(65 + $0 % 26))))\($0)" }
    for (index, surname) in surnames.enumerated() {
        files["actors/a\(index).md"] = "---\nname: Person \(surname)\nkind: person\naliases: [\"\(surname)\"]\n---\n"
    }
    files["locations/city.md"] = "---\nname: Bigcity\nkind: city\n---\n"
    files["propositions/p.md"] = "---\nstatement: Something is true.\n---\n"
    for index in 0..<articles {
        let first = surnames[index % actors], second = surnames[(index * 7 + 3) % actors]
        let day = 1 + index % 28, month = 1 + index % 12
        files["articles/n\(index).md"] = """
            ---
            title: Article \(index)
            source: Outlet \(index % 5)
            published: 2023-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)
            ---
            \(first) met \(second) in Bigcity on day \(index). Sentence number \(index) ends here.

            A second paragraph names \(first) again.

            """
    }
    for index in 0..<claims {
        let article = index % articles
        files["claims/c\(index).md"] = """
            ---
            claimant: a\(article % actors)
            summary: Claim \(index).
            proposition: p
            stance: \(index % 2 == 0 ? "affirms" : "denies")
            evidence:
              - article: n\(article)
                quote: "Sentence number \(article) ends here."
            ---

            """
    }
    return files
}

@Suite struct TemplateKeys {
    @Test func everyNameInTheDefaultTemplatesIsAKeyOfSomeModel() {
        let templates = TemplateSet.load(directory: SiteFixture.templates)
        #expect(templates.diagnostics.isEmpty, "\(templates.diagnostics)")
        #expect(templates.names.contains("claim-card") && templates.names.contains("list"))
    }

    @Test func aTemplateNamingAKeyNoModelHasIsAnErrorAtItsTag() throws {
        let fixture = try SiteFixture()
        let templates = fixture.root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: templates.path)
        let claim = templates.appendingPathComponent("claim.mustache")
        let text = try String(contentsOf: claim, encoding: .utf8)
        try text.replacingOccurrences(of: "{{carriedBy}}", with: "{{carriedBi}}").write(to: claim, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{carriedBy}}") }.map { $0 + 1 }
        let lineText = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains("{{carriedBy}}") })
        let tag = try #require(lineText.range(of: "{{carriedBy}}"))
        let column: Int? = lineText.distance(from: lineText.startIndex, to: tag.lowerBound) + 1
        let report = fixture.build(templates: templates.path)
        #expect(report.summary == nil)
        #expect(
            report.diagnostics.map(\.description).contains(
                "\(claim.path):\(line ?? 0):\(column ?? 0): error: this template uses 'carriedBi', but no page model has a value of that name; did you mean 'carriedBy'? [template.unknown-key]"))
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }

    @Test func everyDeclaredKeyOfAClaimCardAnswersAndOthersFallThrough() {
        let card = ClaimCard(
            id: "c", href: "claims/c.html", summary: "S", claimant: EntityLink(name: "N", href: "actors/n.html", key: "actors/n"),
            date: DateModel(nil), stance: nil, proposition: nil, quote: nil, quoteHref: nil, quoteSource: nil, quoteTitle: nil,
            carriedBy: "1 article from 1 outlet")
        for key in ClaimCard.fields.keys { #expect(card.value(named: key) != nil, "\(key)") }
        // An absent value stops the lookup (renders empty) instead of falling through to an outer page's key.
        guard case .absent? = card.value(named: "stance") else {
            Issue.record("an absent stance should be .absent")
            return
        }
        #expect(card.value(named: "siteTitle") == nil)
    }
}

@Suite struct LargeSites {
    @Test func listsArePaginatedAndEveryPageIsLinked() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 230, actors: 12, claims: 60))
        let report = fixture.build()
        #expect(report.summary != nil, "\(report.diagnostics.prefix(3))")
        let first = try fixture.page("articles/index.html")
        #expect(first.contains("href=\"../articles/index.2.html\"") && first.contains("href=\"../articles/index.3.html\""))
        let third = try fixture.page("articles/index.3.html")
        #expect(third.contains("Page 3 of 3 (items 201–230 of 230)"))
        #expect(third.components(separatedBy: "<tr><td>").count - 1 == 30)
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("articles/index.4.html").path))
        // 60 claims at 25 a page, and the claimant lists and proposition sides shortened with a link to the full list.
        #expect(try fixture.page("claims/index.3.html").contains("Page 3 of 3"))
        let proposition = try fixture.page("propositions/p.html")
        #expect(proposition.contains("href=\"../propositions/p.affirming.html\"") && proposition.contains("All 30 affirming claims"))
        #expect(try fixture.page("propositions/p.affirming.2.html").contains("Page 2 of 2"))
        // The home page is a digest: ten latest articles, not all of them.
        let home = try fixture.page("index.html")
        #expect(home.components(separatedBy: "href=\"articles/n").count - 1 <= 10 + 20)
        #expect(home.contains("All 230 articles"))
        // Entity pages show the latest mentions and link to the full list of the articles mentioning them:
        // the entity's timeline, where each article says how often it mentions the entity and leads to the first.
        let actor = try fixture.page("actors/a0.html")
        #expect(actor.contains("href=\"../actors/a0.timeline.html\""))
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("actors/a0.mentions.html").path))
        let timeline = try fixture.page("actors/a0.timeline.html")
        #expect(timeline.contains("<span class=\"count\">2 mentions</span>"))
        #expect(timeline.range(of: #"href="\.\./articles/n\d+\.html#p-0""#, options: .regularExpression) != nil)
    }

    /// A long list's pages link to a window of pages, not to all of them: the link count grows with the
    /// logarithm of the page count, and following links still reaches every page in a few clicks.
    @Test func longListsLinkToAWindowOfPagesFromWhichEveryPageIsReachable() throws {
        for total in 1...PageSizes.allPageLinks {
            for current in 1...total { #expect(PageBuilder.shownPages(total: total, current: current) == Array(1...total)) }
        }
        for total in [10, 57, 200, 2_000, 12_345] {
            var clicks = [Int](repeating: -1, count: total + 1)
            clicks[1] = 0
            var queue = [1], head = 0
            var mostLinks = 0
            while head < queue.count {
                let current = queue[head]
                head += 1
                let shown = PageBuilder.shownPages(total: total, current: current)
                #expect(shown == shown.sorted() && Set(shown).count == shown.count)
                #expect(shown.first == 1 && shown.last == total && shown.contains(current))
                #expect(shown.allSatisfy { (1...total).contains($0) })
                // The previous and next pages are always there, so the window never strands a page.
                for neighbour in [current - 1, current + 1] where (1...total).contains(neighbour) { #expect(shown.contains(neighbour)) }
                mostLinks = max(mostLinks, shown.count)
                for page in shown where clicks[page] < 0 {
                    clicks[page] = clicks[current] + 1
                    queue.append(page)
                }
            }
            #expect(clicks.dropFirst().allSatisfy { $0 >= 0 }, "every page of \(total) is reachable from the first")
            let decades = Int((log10(Double(total))).rounded(.up))
            #expect(mostLinks <= 4 * decades + 7, "\(mostLinks) links for \(total) pages")
            #expect((clicks.max() ?? 0) <= 10 * decades, "\(clicks.max() ?? 0) clicks to the farthest of \(total) pages")
        }
        let window = PageBuilder.shownPages(total: 200, current: 57)
        #expect(window == [1, 40, 50, 55, 56, 57, 58, 59, 60, 70, 100, 200])
    }

    /// The rendered window: 12 pages of claims, so page 1 leaves pages out, marks the gap, and following the
    /// page links from the first page reaches every page.
    @Test func aLongListsPagesMarkTheirGapsAndLinkToEveryPageInTurn() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 20, actors: 4, claims: 12 * PageSizes.cards - 3))
        #expect(fixture.build().summary != nil)
        let first = try fixture.page("claims/index.html")
        #expect(first.contains("Page 1 of 12"))
        for shown in ["index.2.html", "index.3.html", "index.10.html", "index.12.html"] {
            #expect(first.contains("href=\"../claims/\(shown)\">"), "\(shown)")
        }
        #expect(!first.contains("href=\"../claims/index.5.html\">") && !first.contains("href=\"../claims/index.11.html\">"))
        #expect(first.contains("<li><a href=\"../claims/index.3.html\">3</a></li><li class=\"gap\">…</li><li><a href=\"../claims/index.10.html\">10</a></li>"))
        var seen: Set<String> = ["index.html"], queue = ["index.html"]
        while let name = queue.popLast() {
            let page = try fixture.page("claims/" + name)
            guard let nav = page.range(of: #"<nav class="pagination"[\s\S]*?</nav>"#, options: .regularExpression) else { continue }
            for match in page[nav].matches(of: /href="\.\.\/claims\/(index(?:\.\d+)?\.html)"/) where seen.insert(String(match.1)).inserted {
                queue.append(String(match.1))
            }
        }
        #expect(seen.count == 12, "\(seen.sorted())")
    }

    @Test func outputIsTheSameWithOneRenderWorkerOrSeveral() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 420, actors: 15, claims: 40))
        let one = fixture.root.appendingPathComponent("one"), four = fixture.root.appendingPathComponent("four")
        let options = { (output: URL, workers: Int) in
            BuildOptions(contentDirectory: fixture.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: output.path, workers: workers)
        }
        let first = Pipeline.build(options(one, 1))
        let second = Pipeline.build(options(four, 4))
        #expect(first.summary != nil && second.summary != nil)
        #expect(first.pages > SiteRenderer.chunkSize, "the fixture must span several chunks")
        let a = snapshot(one), b = snapshot(four)
        #expect(a.count > 300)
        #expect(a == b)
    }
}

/// A small seeded generator, so a failing sequence can be replayed.
struct SplitMix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

@Suite struct IncrementalRebuilds {
    /// Each step edits the content or the templates, rebuilds in the same session with the changed paths,
    /// and compares the output folder with a cold build of the same input into a fresh folder.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomEditSequencesGiveTheSameBytesAsColdBuilds(seed: UInt64) throws {
        let fixture = try SiteFixture(syntheticContent(articles: 40, actors: 8, claims: 12))
        let templates = fixture.root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: templates.path)
        let session = BuildSession(
            options: BuildOptions(contentDirectory: fixture.content.path, templatesDirectory: templates.path, outputDirectory: fixture.output.path))
        #expect(session.build().summary != nil)
        var random = SplitMix(state: seed)
        var nextArticle = 40
        let content = fixture.content.path
        func path(_ relative: String) -> String { content + "/" + relative }
        func existing(_ folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: path(folder)).sorted().map { folder + "/" + $0 }
        }
        for step in 0..<10 {
            var changed = Set<String>()
            var description = ""
            switch random.next(8) {
            case 0:
                let articles = try existing("articles")
                let article = articles[random.next(articles.count)]
                let text = try String(contentsOfFile: path(article), encoding: .utf8)
                try (text + "\nA new paragraph about SurnameA0 and Bigcity, step \(step).\n").write(toFile: path(article), atomically: true, encoding: .utf8)
                changed.insert(path(article))
                description = "edit the body of \(article)"
            case 1:
                let actor = "actors/a\(random.next(8)).md"
                let text = try String(contentsOfFile: path(actor), encoding: .utf8)
                try text.replacingOccurrences(of: "aliases: [", with: "aliases: [\"Nickname\(step)\", ").write(toFile: path(actor), atomically: true, encoding: .utf8)
                changed.insert(path(actor))
                description = "add an alias to \(actor)"
            case 2:
                let actor = "actors/a\(random.next(8)).md"
                let text = try String(contentsOfFile: path(actor), encoding: .utf8)
                try text.replacingOccurrences(of: "name: Person", with: "name: Renamed\(step) Person").write(toFile: path(actor), atomically: true, encoding: .utf8)
                changed.insert(path(actor))
                description = "rename \(actor)"
            case 3:
                let claims = try existing("claims")
                guard claims.count > 1 else { continue }
                let claim = claims[random.next(claims.count)]
                try FileManager.default.removeItem(atPath: path(claim))
                changed.insert(path(claim))
                description = "delete \(claim)"
            case 4:
                let article = "articles/n\(nextArticle).md"
                nextArticle += 1
                try "---\ntitle: Added \(step)\nsource: Outlet 9\npublished: 2024-01\n---\nSurnameB1 spoke in Bigcity.\n"
                    .write(toFile: path(article), atomically: true, encoding: .utf8)
                changed.insert(path(article))
                description = "add \(article)"
            case 6:
                // Text alone (the build's fast path): a paragraph without names.
                let articles = try existing("articles")
                let article = articles[random.next(articles.count)]
                let text = try String(contentsOfFile: path(article), encoding: .utf8)
                try (text + "\nA plain paragraph without names, step \(step).\n").write(toFile: path(article), atomically: true, encoding: .utf8)
                changed.insert(path(article))
                description = "add a paragraph without names to \(article)"
            case 7:
                // Text alone, with the names of the paragraph moved along.
                let articles = try existing("articles")
                let article = articles[random.next(articles.count)]
                let text = try String(contentsOfFile: path(article), encoding: .utf8)
                try text.replacingOccurrences(of: "A second paragraph names", with: "Step \(step): a second paragraph names")
                    .write(toFile: path(article), atomically: true, encoding: .utf8)
                changed.insert(path(article))
                description = "reword the second paragraph of \(article)"
            default:
                let card = templates.appendingPathComponent("claim-card.mustache")
                let text = try String(contentsOf: card, encoding: .utf8)
                try text.replacingOccurrences(of: "<article class=\"claim-card", with: "<article data-step=\"\(step)\" class=\"claim-card")
                    .write(to: card, atomically: true, encoding: .utf8)
                changed.insert(card.path)
                description = "edit the claim-card template"
            }
            let incremental = session.build(changed: changed)
            #expect(incremental.summary != nil, "step \(step) (\(description)): \(incremental.diagnostics.prefix(3))")
            let cold = fixture.root.appendingPathComponent("cold-\(step)")
            let reference = Pipeline.build(
                BuildOptions(contentDirectory: content, templatesDirectory: templates.path, outputDirectory: cold.path))
            #expect(reference.summary != nil)
            let got = snapshot(fixture.output), want = snapshot(cold)
            #expect(Set(got.keys) == Set(want.keys), "step \(step) (\(description)): different files")
            let different = want.keys.filter { got[$0] != want[$0] }.sorted()
            #expect(different.isEmpty, "step \(step) (\(description)): \(different.prefix(5))")
        }
    }

    @Test func anEditOfTextAloneBuildsOnlyThePagesThatShowIt() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 60, actors: 10, claims: 10))
        let session = BuildSession(
            options: BuildOptions(contentDirectory: fixture.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: fixture.output.path))
        let cold = session.build()
        #expect(cold.summary != nil)
        let article = fixture.content.appendingPathComponent("articles/n59.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        try text.replacingOccurrences(of: "A second paragraph names", with: "Later, a second paragraph names")
            .write(to: article, atomically: true, encoding: .utf8)
        let again = session.build(changed: [article.path])
        #expect(again.summary != nil)
        // The article, and the page of the actor the reworded paragraph names (its mention context shows the
        // new words; the other names' contexts are in the first paragraph, unchanged); then the search files
        // the new words touch.
        #expect(again.rendered == 2, "rendered \(again.rendered)")
        #expect(try fixture.page("articles/n59.html").contains("Later, a second paragraph names"))
        #expect(try fixture.page("actors/a9.html").contains("Later, a second paragraph names"))
        let written = again.write?.written ?? 0
        #expect(written > again.rendered && written < 20, "wrote \(written) files")
        let reference = fixture.root.appendingPathComponent("cold")
        #expect(Pipeline.build(BuildOptions(contentDirectory: fixture.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: reference.path)).summary != nil)
        #expect(snapshot(fixture.output) == snapshot(reference))
    }

    /// A failed build leaves the last good site, so the files it was told about still count as changed for
    /// the next build: here an actor renamed in the failed build, while the next names only an article.
    @Test func whatAFailedBuildWasToldCarriesOverToTheNext() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 20, actors: 4, claims: 4))
        let session = BuildSession(
            options: BuildOptions(contentDirectory: fixture.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: fixture.output.path))
        #expect(session.build().summary != nil)
        let actor = fixture.content.appendingPathComponent("actors/a0.md")
        let article = fixture.content.appendingPathComponent("articles/n3.md")
        let original = try String(contentsOf: article, encoding: .utf8)
        try String(contentsOf: actor, encoding: .utf8).replacingOccurrences(of: "name: Person", with: "name: Renamed Person")
            .write(to: actor, atomically: true, encoding: .utf8)
        try original.replacingOccurrences(of: "published: ", with: "published: not a date ").write(to: article, atomically: true, encoding: .utf8)
        let failed = session.build(changed: [actor.path, article.path])
        #expect(failed.summary == nil)
        try (original + "\nOne more plain paragraph.\n").write(to: article, atomically: true, encoding: .utf8)
        let fixed = session.build(changed: [article.path])
        #expect(fixed.summary != nil)
        #expect(try fixture.page("actors/a0.html").contains("Renamed Person"))
        let reference = fixture.root.appendingPathComponent("cold")
        #expect(Pipeline.build(BuildOptions(contentDirectory: fixture.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: reference.path)).summary != nil)
        #expect(snapshot(fixture.output) == snapshot(reference))
    }

    @Test func editingOneArticleRendersOnlyThePagesItShows() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 60, actors: 10, claims: 10))
        let session = BuildSession(
            options: BuildOptions(contentDirectory: fixture.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: fixture.output.path))
        let cold = session.build()
        #expect(cold.rendered == cold.pages)
        let article = fixture.content.appendingPathComponent("articles/n59.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        try text.replacingOccurrences(of: "again.", with: "again, and once more.").write(to: article, atomically: true, encoding: .utf8)
        let again = session.build(changed: [article.path])
        #expect(again.summary != nil)
        #expect(again.rendered >= 1 && again.rendered < cold.pages / 4, "rendered \(again.rendered) of \(again.pages)")
        #expect(try fixture.page("articles/n59.html").contains("and once more."))
        let nothing = session.build(changed: [])
        #expect(nothing.rendered == 0)
        #expect(nothing.write?.written == 0)
    }
}
