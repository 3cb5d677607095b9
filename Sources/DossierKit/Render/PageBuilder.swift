// Builds the typed model of each page from the render index. Models are plain values: two builds of an
// unchanged page give equal models, which is how an incremental rebuild knows what to render again.
import DossierMarkdown
import Foundation

struct PageBuilder: Sendable {
    let index: RenderIndex

    var corpus: Corpus { index.corpus }
    var dossier: Dossier { index.dossier }

    // MARK: - The job list

    /// Every page, in a fixed order.
    func jobs() -> [PageJob] {
        var jobs: [PageJob] = [.home, .notFound, .search, .network]
        func lists(_ ref: ListRef, _ count: Int, _ shown: Int, _ size: Int) {
            guard count > shown else { return }
            for page in 1...PageSizes.pages(count, size) { jobs.append(.list(ref, page: page)) }
        }
        for page in 1...PageSizes.pages(corpus.articles.count, PageSizes.index) { jobs.append(.index(.articles, page: page)) }
        jobs += corpus.articles.map { .article($0.id) }
        for page in 1...PageSizes.pages(corpus.actors.count, PageSizes.index) { jobs.append(.index(.actors, page: page)) }
        for actor in corpus.actors {
            jobs.append(.actor(actor.id))
            let entity = EntityRef(kind: .actors, id: actor.id)
            lists(ListRef(folder: "actors", owner: actor.id, name: "claims-made"), index.claimsByClaimant[actor.id]?.count ?? 0, PageSizes.shortCards, PageSizes.cards)
            lists(ListRef(folder: "actors", owner: actor.id, name: "claims-about"), index.claimsAbout[actor.id]?.count ?? 0, PageSizes.shortCards, PageSizes.cards)
            lists(ListRef(folder: "actors", owner: actor.id, name: "contradictions"), contradictions(madeBy: actor.id).count, PageSizes.shortContradictions, PageSizes.contradictions)
            lists(ListRef(folder: "actors", owner: actor.id, name: "published"), index.publishedBy[actor.id]?.count ?? 0, PageSizes.shortCards, PageSizes.index)
            entityLists(entity, &jobs)
        }
        for page in 1...PageSizes.pages(corpus.locations.count, PageSizes.index) { jobs.append(.index(.locations, page: page)) }
        for location in corpus.locations {
            jobs.append(.location(location.id))
            lists(ListRef(folder: "locations", owner: location.id, name: "claims-here"), index.claimsAt[location.id]?.count ?? 0, PageSizes.shortCards, PageSizes.cards)
            lists(ListRef(folder: "locations", owner: location.id, name: "claims-about"), index.claimsAbout[location.id]?.count ?? 0, PageSizes.shortCards, PageSizes.cards)
            entityLists(EntityRef(kind: .locations, id: location.id), &jobs)
        }
        for page in 1...PageSizes.pages(corpus.claims.count, PageSizes.cards) { jobs.append(.index(.claims, page: page)) }
        for claim in corpus.claims {
            jobs.append(.claim(claim.id))
            // Listed as claim cards, so paginated as cards (the list page counts them the same way).
            lists(ListRef(folder: "claims", owner: claim.id, name: "contradictions"), index.contradictionsByClaim[claim.id]?.count ?? 0, PageSizes.shortContradictions, PageSizes.cards)
        }
        for page in 1...PageSizes.pages(corpus.propositions.count, PageSizes.index) { jobs.append(.index(.propositions, page: page)) }
        for proposition in corpus.propositions {
            jobs.append(.proposition(proposition.id))
            lists(ListRef(folder: "propositions", owner: proposition.id, name: "affirming"), index.affirming[proposition.id]?.count ?? 0, PageSizes.shortCards, PageSizes.cards)
            lists(ListRef(folder: "propositions", owner: proposition.id, name: "denying"), index.denying[proposition.id]?.count ?? 0, PageSizes.shortCards, PageSizes.cards)
        }
        for page in 1...PageSizes.pages(contested().count, PageSizes.contestedGroups) { jobs.append(.index(.contradictions, page: page)) }
        for page in 1...PageSizes.pages(index.timeline.count, PageSizes.timeline) { jobs.append(.timeline(page: page)) }
        lists(ListRef(folder: "contradictions", owner: "explicit", name: ""), explicitContradictions().count, PageSizes.shortContradictions, PageSizes.contradictions)
        return jobs
    }

    private func entityLists(_ entity: EntityRef, _ jobs: inout [PageJob]) {
        let folder = entity.kind.rawValue
        // One full list for both the timeline and the mentions: every article that mentions the entity (with
        // how often) and every claim by or about it, in date order. It exists when either short form on the
        // entity's page leaves something out.
        let timeline = index.timelineCount(of: entity)
        if Self.hasTimelineList(timeline: timeline, mentions: index.mentionCount(entity)) {
            for page in 1...PageSizes.pages(timeline, PageSizes.timeline) {
                jobs.append(.list(ListRef(folder: folder, owner: entity.id, name: "timeline"), page: page))
            }
        }
    }

    static func hasTimelineList(timeline: Int, mentions: Int) -> Bool {
        timeline > PageSizes.shortTimeline || mentions > PageSizes.shortContexts
    }

    // MARK: - Pages

    func page(_ job: PageJob) -> Page {
        switch job {
        case .home: home()
        case .notFound: notFound()
        case .index(.articles, let page): articlesIndex(page: page)
        case .index(.actors, let page): actorsIndex(page: page)
        case .index(.locations, let page): locationsIndex(page: page)
        case .index(.claims, let page): claimsIndex(page: page)
        case .index(.propositions, let page): propositionsIndex(page: page)
        case .index(.contradictions, let page): contradictionsIndex(page: page)
        case .article(let id): article(id)
        case .actor(let id): actor(id)
        case .location(let id): location(id)
        case .claim(let id): claim(id)
        case .proposition(let id): proposition(id)
        case .list(let ref, let page): list(ref, page: page)
        case .timeline(let page): timeline(page: page)
        case .search: searchPage()
        case .network: networkPage()
        }
    }

    static let sections: [(key: String, title: String)] = [
        ("index", "Overview"), ("contradictions", "Contradictions"), ("claims", "Claims"), ("propositions", "Propositions"),
        ("articles", "Articles"), ("actors", "Actors"), ("locations", "Locations"), ("timeline", "Timeline"), ("network", "Link chart"),
    ]

    func layout(path: String, title: String, description: String, section: String, crumbs: [(String, String?)], jsonLD: JSONValue) -> Layout {
        let info = corpus.dossier
        var breadcrumbs: [Crumb] = []
        if path != "index.html" {
            breadcrumbs.append(Crumb(title: "Overview", href: "index.html", current: false))
            for (label, href) in crumbs { breadcrumbs.append(Crumb(title: label, href: href, current: href == nil)) }
        }
        return Layout(
            root: path.contains("/") ? "../" : "", lang: info.language, siteTitle: info.title,
            pageTitle: title == info.title ? title : "\(title) · \(info.title)", heading: title, description: description, section: section,
            nav: Self.sections.map { key, label in
                NavItem(title: label, href: ["index", "timeline", "network"].contains(key) ? key + ".html" : key + "/index.html", current: key == section)
            },
            breadcrumbs: breadcrumbs, jsonld: jsonLD.serialized(), canonical: info.baseURL.map { Feeds.absolute($0, path) })
    }

    func collectionJSON(_ name: String) -> JSONValue {
        .object(["@context": .string("https://schema.org"), "@type": .string("CollectionPage"), "name": .string(name), "isPartOf": .string(corpus.dossier.title)])
    }

    /// Numbered page links of a list, or nil when it fits on one page: every page when there are at most
    /// `PageSizes.allPageLinks`, otherwise a window (`shownPages`), so a page's links do not grow with the list.
    func pagination(count: Int, size: Int, page: Int, path: (Int) -> String) -> Pagination? {
        let total = PageSizes.pages(count, size)
        guard total > 1 else { return nil }
        var links: [PageLink] = []
        var last = 0
        for number in Self.shownPages(total: total, current: page) {
            links.append(PageLink(number: number, href: path(number), current: number == page, gap: number > last + 1))
            last = number
        }
        let first = (page - 1) * size + 1, end = min(count, page * size)
        return Pagination(
            pages: links, previous: page > 1 ? PageLink(number: page - 1, href: path(page - 1), current: false) : nil,
            next: page < total ? PageLink(number: page + 1, href: path(page + 1), current: false) : nil,
            label: "Page \(page) of \(total) (items \(first)–\(end) of \(count))")
    }

    /// The page numbers a page of a long list links to, ascending: the first and last, two either side of
    /// `current`, and for each power of ten below `total` the two multiples of it nearest `current` on each
    /// side. About 4·log₁₀(total) + 7 links, and any page is a few clicks away (each click at least a tenth
    /// of the way closer).
    static func shownPages(total: Int, current: Int) -> [Int] {
        guard total > PageSizes.allPageLinks else { return Array(1...total) }
        var shown: Set<Int> = [1, total]
        for number in (current - 2)...(current + 2) where (1...total).contains(number) { shown.insert(number) }
        var step = 10
        while step < total {
            let below = (current - 1) / step * step
            for number in [below - step, below, below + step, below + 2 * step] where number > 0 && number <= total && number != current {
                shown.insert(number)
            }
            step *= 10
        }
        return shown.sorted()
    }

    func slice<T>(_ items: [T], page: Int, size: Int) -> [T] {
        Array(items[range(items.count, page: page, size: size)])
    }

    /// The positions page `page` shows of a list of `count` items, `size` a page.
    func range(_ count: Int, page: Int, size: Int) -> Range<Int> {
        let start = min(count, (page - 1) * size)
        return start..<min(count, start + size)
    }

    func more(_ ref: ListRef, total: Int, shown: Int, label: String) -> MoreLink? {
        total > shown ? MoreLink(href: ref.path(page: 1), label: label) : nil
    }

    func cards(_ ids: [String]) -> [ClaimCard] { ids.compactMap { index.cards[$0] } }

    // MARK: Home and 404

    func home() -> Page {
        let info = corpus.dossier
        let ranked: [(entity: EntityRef, count: Int)] = corpus.actors.map { actor in
            let entity = EntityRef(kind: .actors, id: actor.id)
            return (entity, index.mentionCount(entity))
        }
        let keyActors: [EntityLink] = ranked.sorted { $0.count != $1.count ? $0.count > $1.count : $0.entity < $1.entity }
            .prefix(PageSizes.homeActors)
            .map { index.entityLink($0.entity, detail: index.actors[$0.entity.id]?.role, count: SiteText.plural($0.count, "mention")) }
        let contested = contested()
        let content = HomePage(
            subtitle: info.subtitle,
            summary: info.summary.map { markdown($0, owner: .summary, root: "", anchors: false) },
            counts: [
                CountItem(label: "articles", value: corpus.articles.count, href: "articles/index.html"),
                CountItem(label: "actors", value: corpus.actors.count, href: "actors/index.html"),
                CountItem(label: "locations", value: corpus.locations.count, href: "locations/index.html"),
                CountItem(label: "claims", value: corpus.claims.count, href: "claims/index.html"),
                CountItem(label: "propositions", value: corpus.propositions.count, href: "propositions/index.html"),
                CountItem(label: "contradictions", value: dossier.contradictions.count, href: "contradictions/index.html"),
            ],
            contradictions: Array(index.homeContradictionModels.prefix(PageSizes.homeContradictions)),
            moreContradictions: index.contradictionModels.count > PageSizes.homeContradictions
                ? MoreLink(href: "contradictions/index.html", label: "All \(SiteText.plural(dossier.contradictions.count, "contradiction")), by proposition") : nil,
            latestArticles: index.articlesByDate.prefix(PageSizes.homeArticles).compactMap { index.articleLinks[$0] },
            moreArticles: corpus.articles.count > PageSizes.homeArticles
                ? MoreLink(href: "articles/index.html", label: "All \(SiteText.plural(corpus.articles.count, "article"))") : nil,
            keyActors: Array(keyActors),
            moreActors: corpus.actors.count > PageSizes.homeActors
                ? MoreLink(href: "actors/index.html", label: "All \(SiteText.plural(corpus.actors.count, "actor"))") : nil,
            contested: contested.prefix(PageSizes.homeContested).map(propositionRow),
            moreContested: contested.count > PageSizes.homeContested
                ? MoreLink(href: "contradictions/index.html", label: "All \(SiteText.plural(contested.count, "contested proposition"))") : nil)
        let json: JSONValue = .object([
            "@context": .string("https://schema.org"), "@type": .string("WebSite"), "name": .string(info.title),
            "description": .string(info.subtitle ?? info.title), "inLanguage": .string(info.language),
        ])
        return Page(
            template: "index",
            layout: layout(
                path: "index.html", title: info.title, description: info.subtitle ?? "Briefing dossier: \(info.title)", section: "index",
                crumbs: [], jsonLD: json),
            content: content)
    }

    func notFound() -> Page {
        Page(
            template: "404",
            layout: layout(
                path: "404.html", title: "Page not found", description: "This page does not exist in the dossier.", section: "",
                crumbs: [("Page not found", nil)],
                jsonLD: .object(["@context": .string("https://schema.org"), "@type": .string("WebPage"), "name": .string("Page not found")])),
            content: NotFoundPage())
    }

    // MARK: Articles

    func articlesIndex(page: Int) -> Page {
        let ids = slice(index.articlesByDate, page: page, size: PageSizes.index)
        let title = page > 1 ? "Articles, page \(page)" : "Articles"
        return Page(
            template: "articles",
            layout: layout(
                path: IndexSection.articles.path(page: page), title: title,
                description: "The \(SiteText.plural(corpus.articles.count, "source article")) of this dossier, newest first.",
                section: "articles", crumbs: page > 1 ? [("Articles", "articles/index.html"), ("Page \(page)", nil)] : [("Articles", nil)],
                jsonLD: collectionJSON("Articles")),
            content: ArticlesPage(
                articles: ids.compactMap { index.articleLinks[$0] },
                pagination: pagination(count: corpus.articles.count, size: PageSizes.index, page: page) { IndexSection.articles.path(page: $0) }))
    }

    func article(_ id: String) -> Page {
        guard let article = index.articles[id], let link = index.articleLinks[id] else { return notFound() }
        let owner = TextOwner.article(id)
        var counts: [EntityRef: Int] = [:]
        for mention in index.mentionsByOwner[owner] ?? [] { counts[mention.entity, default: 0] += 1 }
        let entities = counts.sorted { ($1.value, $1.key) < ($0.value, $0.key) }.map { index.entityLink($0.key, count: "\($0.value)×") }
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string("NewsArticle"), "headline": .string(article.title),
            "publisher": .object(["@type": .string("Organization"), "name": .string(link.outlet)]),
        ]
        if let date = article.published { json["datePublished"] = .string(date.description) }
        if let url = article.url { json["url"] = .string(url) }
        if let author = article.author { json["author"] = .object(["@type": .string("Person"), "name": .string(author)]) }
        return Page(
            template: "article",
            layout: layout(
                path: "articles/\(id).html", title: article.title,
                description: "\(link.outlet), \(article.published?.display ?? "date unknown"): \(article.title)", section: "articles",
                crumbs: [("Articles", "articles/index.html"), (article.title, nil)], jsonLD: .object(json)),
            content: ArticlePage(
                article: link, body: markdown(article.body, owner: owner, root: "../", anchors: true), entities: entities,
                claims: cards(index.claimsByArticle[id] ?? []), author: article.author, url: article.url, language: article.language,
                reliability: article.reliability))
    }

    // MARK: Actors and locations

    func actorsIndex(page: Int) -> Page {
        let actors = slice(index.actorsByKind, page: page, size: PageSizes.index)
        let groups = ActorKind.allCases.compactMap { kind -> EntityGroup? in
            let members = actors.filter { $0.kind == kind }
            guard !members.isEmpty else { return nil }
            let title = ["person": "People", "organization": "Organizations", "state": "States"][kind.rawValue] ?? kind.rawValue
            return EntityGroup(
                title: title, id: kind.rawValue,
                entities: members.map { actor in
                    let entity = EntityRef(kind: .actors, id: actor.id)
                    return index.entityLink(entity, detail: actor.role, count: SiteText.plural(index.mentionCount(entity), "mention"))
                })
        }
        return Page(
            template: "actors",
            layout: layout(
                path: IndexSection.actors.path(page: page), title: page > 1 ? "Actors, page \(page)" : "Actors",
                description: "People, organizations and states in this dossier.", section: "actors",
                crumbs: page > 1 ? [("Actors", "actors/index.html"), ("Page \(page)", nil)] : [("Actors", nil)], jsonLD: collectionJSON("Actors")),
            content: EntitiesPage(
                groups: groups,
                pagination: pagination(count: corpus.actors.count, size: PageSizes.index, page: page) { IndexSection.actors.path(page: $0) }))
    }

    func locationsIndex(page: Int) -> Page {
        let locations = slice(index.locationsByKind, page: page, size: PageSizes.index)
        let groups = LocationKind.allCases.compactMap { kind -> EntityGroup? in
            let members = locations.filter { $0.kind == kind }
            guard !members.isEmpty else { return nil }
            let title = ["country": "Countries", "region": "Regions", "city": "Cities", "place": "Places"][kind.rawValue] ?? kind.rawValue
            return EntityGroup(
                title: title, id: kind.rawValue,
                entities: members.map { location in
                    let entity = EntityRef(kind: .locations, id: location.id)
                    let detail = location.within.flatMap { index.locations[$0.value]?.name.value }.map { "in \($0)" }
                    return index.entityLink(entity, detail: detail, count: SiteText.plural(index.mentionCount(entity), "mention"))
                })
        }
        return Page(
            template: "locations",
            layout: layout(
                path: IndexSection.locations.path(page: page), title: page > 1 ? "Locations, page \(page)" : "Locations",
                description: "Countries, regions, cities and places in this dossier.", section: "locations",
                crumbs: page > 1 ? [("Locations", "locations/index.html"), ("Page \(page)", nil)] : [("Locations", nil)],
                jsonLD: collectionJSON("Locations")),
            content: EntitiesPage(
                groups: groups,
                pagination: pagination(count: corpus.locations.count, size: PageSizes.index, page: page) { IndexSection.locations.path(page: $0) }))
    }

    func mentionContext(_ mention: Mention) -> MentionContext? {
        guard let articleID = RenderIndex.articleID(mention), let link = index.articleLinks[articleID],
            let text = index.articleTexts[articleID], let block = text.blocks.first(where: { $0.index == mention.paragraph }),
            let leaf = block.leaves.first(where: { $0.ordinal == mention.leaf })
        else { return nil }
        let offset = leaf.range.lowerBound
        let snippet = SiteText.keywordInContext(block.plain, (mention.range.lowerBound + offset)..<(mention.range.upperBound + offset))
        return MentionContext(
            before: snippet.before, match: snippet.match, after: snippet.after, href: "articles/\(articleID).html#p-\(mention.paragraph)",
            article: link.title, outlet: link.outlet, date: link.date)
    }

    func entityCommon(_ entity: EntityRef, aliases: [Located<String>], notes: MarkdownText) -> EntityCommon {
        let name = index.name(of: entity)
        let variants = (dossier.variants[entity] ?? []).map { variant in
            VariantRow(
                text: variant.text, count: SiteText.plural(variant.count, "time"), outlets: variant.outlets.joined(separator: ", "),
                articles: variant.articles.prefix(PageSizes.shortVariantArticles).compactMap { index.articleLinks[$0] },
                moreArticles: variant.articles.count > PageSizes.shortVariantArticles
                    ? "and \(SiteText.plural(variant.articles.count - PageSizes.shortVariantArticles, "more article"))" : nil)
        }
        let mentions = index.articleMentionsByEntity[entity] ?? []
        let neighbours = index.cooccurrencesByEntity[entity] ?? []
        let folder = entity.kind.rawValue
        let timeline = index.timelineCount(of: entity)
        // Undated entries come last (`TimelineEntry.ordered`).
        let dated = index.datedTimelineCount(of: entity)
        let hasList = Self.hasTimelineList(timeline: timeline, mentions: mentions.count)
        return EntityCommon(
            chart: LinkChart.neighbourhood(index, of: entity),
            timeline: index.timelineGroups(index.timelineItems(of: entity, max(0, dated - PageSizes.shortTimeline)..<dated)),
            moreTimeline: more(
                ListRef(folder: folder, owner: entity.id, name: "timeline"), total: timeline, shown: PageSizes.shortTimeline,
                label: "The whole timeline of \(name): \(SiteText.plural(timeline, "item"))"),
            timelineNote: dated > PageSizes.shortTimeline ? "The latest \(PageSizes.shortTimeline) dated items." : nil,
            aliases: aliases.map(\.value), variants: variants,
            notes: notes.isBlank ? nil : markdown(notes, owner: .notes(kind: folder, id: entity.id), root: "../", anchors: false),
            mentionCount: SiteText.plural(mentions.count, "mention"),
            contexts: mentions.prefix(PageSizes.shortContexts).compactMap(mentionContext),
            moreContexts: hasList && mentions.count > PageSizes.shortContexts
                ? MoreLink(
                    href: ListRef(folder: folder, owner: entity.id, name: "timeline").path(page: 1),
                    label: "All \(SiteText.plural(mentions.count, "mention")) of \(name), article by article, in its timeline") : nil,
            comentioned: neighbours.prefix(PageSizes.shortNeighbours).map { index.entityLink($0.entity, count: SiteText.plural($0.count, "paragraph")) },
            moreComentioned: neighbours.count > PageSizes.shortNeighbours
                ? "and \(SiteText.plural(neighbours.count - PageSizes.shortNeighbours, "more name")) (every pair is in dossier.json)" : nil)
    }

    func contradictions(madeBy actor: String) -> [Int] { index.contradictionsByClaimant[actor] ?? [] }

    func actor(_ id: String) -> Page {
        guard let actor = index.actors[id] else { return notFound() }
        let entity = EntityRef(kind: .actors, id: id)
        let made = index.claimsByClaimant[id] ?? [], about = index.claimsAbout[id] ?? []
        let contradictions = contradictions(madeBy: id)
        let published = index.publishedBy[id] ?? []
        let name = actor.name.value
        let type = actor.kind == .person ? "Person" : "Organization"
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string(type), "name": .string(name),
            "alternateName": .strings(actor.aliases.map(\.value)),
        ]
        if let role = actor.role { json[actor.kind == .person ? "jobTitle" : "description"] = .string(role) }
        if let wikidata = actor.wikidata { json["sameAs"] = .string("https://www.wikidata.org/wiki/\(wikidata)") }
        let description = [name, actor.role].compactMap { $0 }.joined(separator: ", ") + ": claims, mentions and naming variants."
        return Page(
            template: "actor",
            layout: layout(
                path: "actors/\(id).html", title: name, description: description, section: "actors",
                crumbs: [("Actors", "actors/index.html"), (name, nil)], jsonLD: .object(json)),
            content: ActorPage(
                entity: EntityInfo(name: name, kind: actor.kind.rawValue, role: actor.role, wikidata: actor.wikidata, coordinates: nil),
                affiliations: actor.affiliations.map { index.entityLink(EntityRef(kind: .actors, id: $0.value)) },
                members: (index.members[id] ?? []).map { index.entityLink(EntityRef(kind: .actors, id: $0)) },
                claimsMade: cards(Array(made.prefix(PageSizes.shortCards))),
                moreClaimsMade: more(
                    ListRef(folder: "actors", owner: id, name: "claims-made"), total: made.count, shown: PageSizes.shortCards,
                    label: "All \(SiteText.plural(made.count, "claim")) made by \(name)"),
                contradictions: contradictions.prefix(PageSizes.shortContradictions).map { index.contradictionModels[$0] },
                moreContradictions: more(
                    ListRef(folder: "actors", owner: id, name: "contradictions"), total: contradictions.count, shown: PageSizes.shortContradictions,
                    label: "All \(SiteText.plural(contradictions.count, "contradiction")) involving \(name)"),
                claimsAbout: cards(Array(about.prefix(PageSizes.shortCards))),
                moreClaimsAbout: more(
                    ListRef(folder: "actors", owner: id, name: "claims-about"), total: about.count, shown: PageSizes.shortCards,
                    label: "All \(SiteText.plural(about.count, "claim")) about \(name)"),
                published: published.prefix(PageSizes.shortCards).compactMap { index.articleLinks[$0] },
                morePublished: more(
                    ListRef(folder: "actors", owner: id, name: "published"), total: published.count, shown: PageSizes.shortCards,
                    label: "All \(SiteText.plural(published.count, "article")) \(name) published"),
                common: entityCommon(entity, aliases: actor.aliases, notes: actor.notes)))
    }

    func location(_ id: String) -> Page {
        guard let location = index.locations[id] else { return notFound() }
        let entity = EntityRef(kind: .locations, id: id)
        let here = index.claimsAt[id] ?? [], about = index.claimsAbout[id] ?? []
        let name = location.name.value
        var coordinates: String?
        if let latitude = location.latitude, let longitude = location.longitude { coordinates = "\(latitude), \(longitude)" }
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string("Place"), "name": .string(name),
            "alternateName": .strings(location.aliases.map(\.value)),
        ]
        if let latitude = location.latitude, let longitude = location.longitude {
            json["geo"] = .object(["@type": .string("GeoCoordinates"), "latitude": .double(latitude), "longitude": .double(longitude)])
        }
        if let wikidata = location.wikidata { json["sameAs"] = .string("https://www.wikidata.org/wiki/\(wikidata)") }
        return Page(
            template: "location",
            layout: layout(
                path: "locations/\(id).html", title: name, description: "\(name): claims and mentions in this dossier.", section: "locations",
                crumbs: [("Locations", "locations/index.html"), (name, nil)], jsonLD: .object(json)),
            content: LocationPage(
                entity: EntityInfo(name: name, kind: location.kind.rawValue, role: nil, wikidata: location.wikidata, coordinates: coordinates),
                within: location.within.map { index.entityLink(EntityRef(kind: .locations, id: $0.value)) },
                contains: (index.contains[id] ?? []).map { index.entityLink(EntityRef(kind: .locations, id: $0)) },
                claimsMadeHere: cards(Array(here.prefix(PageSizes.shortCards))),
                moreClaimsMadeHere: more(
                    ListRef(folder: "locations", owner: id, name: "claims-here"), total: here.count, shown: PageSizes.shortCards,
                    label: "All \(SiteText.plural(here.count, "claim")) made in \(name)"),
                claimsAbout: cards(Array(about.prefix(PageSizes.shortCards))),
                moreClaimsAbout: more(
                    ListRef(folder: "locations", owner: id, name: "claims-about"), total: about.count, shown: PageSizes.shortCards,
                    label: "All \(SiteText.plural(about.count, "claim")) about \(name)"),
                common: entityCommon(entity, aliases: location.aliases, notes: location.notes)))
    }

    // MARK: Claims

    func claimsIndex(page: Int) -> Page {
        Page(
            template: "claims",
            layout: layout(
                path: IndexSection.claims.path(page: page), title: page > 1 ? "Claims, page \(page)" : "Claims",
                description: "Every claim in this dossier with its claimant and evidence.", section: "claims",
                crumbs: page > 1 ? [("Claims", "claims/index.html"), ("Page \(page)", nil)] : [("Claims", nil)], jsonLD: collectionJSON("Claims")),
            content: ClaimsPage(
                claims: cards(slice(index.claimsByDate, page: page, size: PageSizes.cards)),
                pagination: pagination(count: corpus.claims.count, size: PageSizes.cards, page: page) { IndexSection.claims.path(page: $0) }))
    }

    func claim(_ id: String) -> Page {
        guard let claim = index.claims[id], let card = index.cards[id] else { return notFound() }
        let pairs = (index.contradictionsByClaim[id] ?? []).map { dossier.contradictions[$0] }
        let claimant = card.claimant.name
        var json: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string("Claim"), "text": .string(claim.summary),
            "author": .object(["@type": .string(index.actors[claim.claimant.value]?.kind == .person ? "Person" : "Organization"), "name": .string(claimant)]),
            "appearance": .array(claim.evidence.compactMap { index.articles[$0.article.value] }.map { article in
                var value: [String: JSONValue] = ["@type": .string("NewsArticle"), "headline": .string(article.title)]
                if let url = article.url { value["url"] = .string(url) }
                return .object(value)
            }),
        ]
        if let date = claim.date { json["dateCreated"] = .string(date.description) }
        return Page(
            template: "claim",
            layout: layout(
                path: "claims/\(id).html", title: claim.summary, description: "\(claimant): \(claim.summary)", section: "claims",
                crumbs: [("Claims", "claims/index.html"), (claim.summary, nil)], jsonLD: .object(json)),
            content: ClaimPage(
                claim: card, place: claim.location.map { index.entityLink(EntityRef(kind: .locations, id: $0.value)) },
                about: claim.about.map { reference in
                    index.entityLink(EntityRef(kind: index.actors[reference.value] != nil ? .actors : .locations, id: reference.value))
                },
                credibility: claim.credibility,
                notes: claim.notes.isBlank ? nil : markdown(claim.notes, owner: .notes(kind: "claims", id: id), root: "../", anchors: false),
                evidence: (dossier.evidence[id] ?? []).map { evidence($0, claim: id, credibility: claim.credibility) },
                contradictions: pairs.prefix(PageSizes.shortContradictions).compactMap { contradicting($0, claim: id) },
                moreContradictions: more(
                    ListRef(folder: "claims", owner: id, name: "contradictions"), total: pairs.count, shown: PageSizes.shortContradictions,
                    label: "All \(SiteText.plural(pairs.count, "contradicting claim"))")))
    }

    func contradicting(_ contradiction: Contradiction, claim: String) -> ContradictingClaim? {
        let other = contradiction.first == claim ? contradiction.second : contradiction.first
        return index.cards[other].map { ContradictingClaim(isSelf: contradiction.kind == .selfContradiction, other: $0) }
    }

    func evidence(_ result: EvidenceResult, claim: String, credibility: Int?) -> EvidenceModel {
        let article = index.articles[result.article]
        return EvidenceModel(
            quote: result.quote, number: result.number, href: "articles/\(result.article).html#q-\(claim)-\(result.number)",
            article: index.articleLinks[result.article], original: article?.url.map { SiteText.textFragmentURL($0, quote: result.quote) },
            corroborations: result.corroborations.map { corroboration in
                CorroborationModel(
                    href: "articles/\(corroboration.article).html#p-\(corroboration.paragraph)",
                    similarity: String(format: "%.0f%%", corroboration.similarity * 100),
                    diff: corroboration.diff.map { DiffChunkModel(text: $0.text, operation: $0.operation) },
                    article: index.articleLinks[corroboration.article])
            }, grade: GradeModel(reliability: article?.reliability, credibility: credibility))
    }

    // MARK: Propositions and contradictions

    func propositionRow(_ proposition: Proposition) -> PropositionRow {
        PropositionRow(
            statement: proposition.statement, href: "propositions/\(proposition.id).html",
            affirms: SiteText.plural(index.affirming[proposition.id]?.count ?? 0, "claim"),
            denies: SiteText.plural(index.denying[proposition.id]?.count ?? 0, "claim"))
    }

    func propositionsIndex(page: Int) -> Page {
        Page(
            template: "propositions",
            layout: layout(
                path: IndexSection.propositions.path(page: page), title: page > 1 ? "Propositions, page \(page)" : "Propositions",
                description: "Disputed statements and the claims that affirm or deny them.", section: "propositions",
                crumbs: page > 1 ? [("Propositions", "propositions/index.html"), ("Page \(page)", nil)] : [("Propositions", nil)],
                jsonLD: collectionJSON("Propositions")),
            content: PropositionsPage(
                propositions: slice(corpus.propositions, page: page, size: PageSizes.index).map(propositionRow),
                pagination: pagination(count: corpus.propositions.count, size: PageSizes.index, page: page) { IndexSection.propositions.path(page: $0) }))
    }

    func proposition(_ id: String) -> Page {
        guard let proposition = index.propositions[id] else { return notFound() }
        let affirming = index.affirming[id] ?? [], denying = index.denying[id] ?? []
        return Page(
            template: "proposition",
            layout: layout(
                path: "propositions/\(id).html", title: proposition.statement, description: "Claims affirming and denying: \(proposition.statement)",
                section: "propositions", crumbs: [("Propositions", "propositions/index.html"), (proposition.statement, nil)],
                jsonLD: .object(["@context": .string("https://schema.org"), "@type": .string("Claim"), "text": .string(proposition.statement)])),
            content: PropositionPage(
                statement: proposition.statement,
                notes: proposition.notes.isBlank
                    ? nil : markdown(proposition.notes, owner: .notes(kind: "propositions", id: id), root: "../", anchors: false),
                affirming: cards(Array(affirming.prefix(PageSizes.shortCards))),
                moreAffirming: more(
                    ListRef(folder: "propositions", owner: id, name: "affirming"), total: affirming.count, shown: PageSizes.shortCards,
                    label: "All \(SiteText.plural(affirming.count, "affirming claim"))"),
                denying: cards(Array(denying.prefix(PageSizes.shortCards))),
                moreDenying: more(
                    ListRef(folder: "propositions", owner: id, name: "denying"), total: denying.count, shown: PageSizes.shortCards,
                    label: "All \(SiteText.plural(denying.count, "denying claim"))")))
    }

    /// Propositions with at least one contradiction, most contradictions first (computed once by the index).
    func contested() -> [Proposition] { index.contested }

    func explicitContradictions() -> [Int] { index.explicitContradictions }

    func contestedGroup(_ proposition: Proposition) -> ContestedProposition {
        let id = proposition.id
        let affirming = index.affirming[id] ?? [], denying = index.denying[id] ?? []
        let shownMore = affirming.count > PageSizes.shortSides || denying.count > PageSizes.shortSides
        return ContestedProposition(
            id: id, statement: proposition.statement, href: "propositions/\(id).html", pairs: SiteText.plural(index.contradictionCount[id] ?? 0, "contradicting pair"),
            affirming: cards(Array(affirming.prefix(PageSizes.shortSides))),
            moreAffirming: shownMore && affirming.count > PageSizes.shortSides
                ? MoreLink(href: ListRef(folder: "propositions", owner: id, name: "affirming").path(page: 1), label: "All \(SiteText.plural(affirming.count, "affirming claim"))") : nil,
            denying: cards(Array(denying.prefix(PageSizes.shortSides))),
            moreDenying: shownMore && denying.count > PageSizes.shortSides
                ? MoreLink(href: ListRef(folder: "propositions", owner: id, name: "denying").path(page: 1), label: "All \(SiteText.plural(denying.count, "denying claim"))") : nil,
            selfContradicting: (index.selfContradictors[id] ?? []).map { index.entityLink(EntityRef(kind: .actors, id: $0)) })
    }

    /// Who holds which position, on the first page of the contradictions index: the propositions with
    /// the most claims taking a side (contested ones first), every actor with a claim on one of them (the
    /// most active if there are too many), and what each claim says. Nil when no claim takes a side.
    func positionGrid() -> PositionGrid? {
        let contestedRank = Dictionary(uniqueKeysWithValues: contested().enumerated().map { ($1.id, $0) })
        let candidates = corpus.propositions.filter { (index.affirming[$0.id]?.count ?? 0) + (index.denying[$0.id]?.count ?? 0) > 0 }
        guard !candidates.isEmpty else { return nil }
        func claims(_ proposition: Proposition) -> Int { (index.affirming[proposition.id]?.count ?? 0) + (index.denying[proposition.id]?.count ?? 0) }
        let ordered = candidates.sorted { a, b in
            let ra = contestedRank[a.id] ?? Int.max, rb = contestedRank[b.id] ?? Int.max
            if ra != rb { return ra < rb }
            return claims(a) != claims(b) ? claims(a) > claims(b) : a.id < b.id
        }
        let propositions = Array(ordered.prefix(PageSizes.gridColumns))
        var cells: [String: [Int: [StanceLink]]] = [:]
        var activity: [String: Int] = [:]
        for (column, proposition) in propositions.enumerated() {
            for (stance, ids) in [("affirms", index.affirming[proposition.id] ?? []), ("denies", index.denying[proposition.id] ?? [])] {
                for id in ids {
                    guard let claim = index.claims[id] else { continue }
                    cells[claim.claimant.value, default: [:]][column, default: []].append(
                        StanceLink(stance: stance, href: "claims/\(id).html", summary: claim.summary))
                    activity[claim.claimant.value, default: 0] += 1
                }
            }
        }
        let actors = activity.keys.sorted { (activity[$0] ?? 0) != (activity[$1] ?? 0) ? (activity[$0] ?? 0) > (activity[$1] ?? 0) : $0 < $1 }
        let rows = actors.prefix(PageSizes.gridRows).map { actor in
            let byColumn = cells[actor] ?? [:]
            return GridRow(
                actor: index.entityLink(EntityRef(kind: .actors, id: actor)),
                cells: propositions.indices.map { column in
                    let links = byColumn[column] ?? []
                    return GridCell(links: links, both: Set(links.map(\.stance)).count == 2)
                })
        }
        var omitted: [String] = []
        if ordered.count > propositions.count { omitted.append("\(SiteText.plural(ordered.count - propositions.count, "proposition")) with fewer claims") }
        if actors.count > rows.count { omitted.append("\(SiteText.plural(actors.count - rows.count, "actor")) with fewer claims on these") }
        return PositionGrid(
            columns: propositions.map { PropositionLink(statement: $0.statement, href: "propositions/\($0.id).html") },
            rows: rows.sorted { ($0.actor.name, $0.actor.key) < ($1.actor.name, $1.actor.key) },
            omitted: omitted.isEmpty ? nil : "Not shown: " + omitted.joined(separator: " and ") + "; each proposition's page lists every claim on it.")
    }

    func contradictionsIndex(page: Int) -> Page {
        let contested = contested()
        let onPage = slice(contested, page: page, size: PageSizes.contestedGroups)
        let explicit = explicitContradictions()
        let total = SiteText.plural(dossier.contradictions.count, "contradiction")
        return Page(
            template: "contradictions",
            layout: layout(
                path: IndexSection.contradictions.path(page: page), title: page > 1 ? "Contradictions, page \(page)" : "Contradictions",
                description: "Where claims in this dossier contradict each other.", section: "contradictions",
                crumbs: page > 1 ? [("Contradictions", "contradictions/index.html"), ("Page \(page)", nil)] : [("Contradictions", nil)],
                jsonLD: collectionJSON("Contradictions")),
            content: ContradictionsPage(
                grid: page == 1 ? positionGrid() : nil, total: total, selfCount: index.selfContradictionCount,
                groups: onPage.map(contestedGroup),
                explicit: page == 1 ? explicit.prefix(PageSizes.shortContradictions).map { index.contradictionModels[$0] } : [],
                moreExplicit: page == 1
                    ? more(
                        ListRef(folder: "contradictions", owner: "explicit", name: ""), total: explicit.count, shown: PageSizes.shortContradictions,
                        label: "All \(SiteText.plural(explicit.count, "explicit contradiction"))") : nil,
                pagination: pagination(count: contested.count, size: PageSizes.contestedGroups, page: page) { IndexSection.contradictions.path(page: $0) },
                empty: dossier.contradictions.isEmpty))
    }

    func timeline(page: Int) -> Page {
        let items = index.timelineItems(range(index.timeline.count, page: page, size: PageSizes.timeline))
        let title = page > 1 ? "Timeline, page \(page)" : "Timeline"
        return Page(
            template: "timeline",
            layout: layout(
                path: PageJob.timelinePath(page: page), title: title, description: "Every article and claim of this dossier in date order.",
                section: "timeline", crumbs: page > 1 ? [("Timeline", "timeline.html"), ("Page \(page)", nil)] : [("Timeline", nil)],
                jsonLD: collectionJSON("Timeline")),
            content: TimelinePage(
                intro: "Every article and claim in date order, grouped by month. A date known only to the month or the year is shown so, at the head of its month or year; undated items are listed apart, at the end.",
                groups: index.timelineGroups(items), undated: items.filter { $0.date == nil }.map(\.item),
                pagination: pagination(count: index.timeline.count, size: PageSizes.timeline, page: page) { PageJob.timelinePath(page: $0) }))
    }

    func networkPage() -> Page {
        Page(
            template: "network",
            layout: layout(
                path: "network.html", title: "Link chart", description: "Who is mentioned with whom, who contradicts whom, who belongs to whom.",
                section: "network", crumbs: [("Link chart", nil)], jsonLD: collectionJSON("Link chart")),
            content: NetworkPage(chart: index.linkChart))
    }

    func searchPage() -> Page {
        Page(
            template: "search",
            layout: layout(
                path: "search.html", title: "Search", description: "Search the names, claims, propositions and articles of this dossier.",
                section: "search", crumbs: [("Search", nil)], jsonLD: collectionJSON("Search")),
            content: NotFoundPage())
    }

    // MARK: Full lists

    func list(_ ref: ListRef, page: Int) -> Page {
        var content = ListPage(intro: "", back: MoreLink(href: "index.html", label: "Overview"), claims: [], entities: [], contradictions: [], pagination: nil)
        var title = ""
        var section = ref.folder
        var crumbs: [(String, String?)] = []
        var count = 0
        var size = PageSizes.cards
        let ownerPath = "\(ref.folder)/\(ref.owner).html"
        let sectionTitle = ["actors": "Actors", "locations": "Locations", "claims": "Claims", "propositions": "Propositions", "contradictions": "Contradictions"][ref.folder] ?? ref.folder
        switch (ref.folder, ref.name) {
        case ("contradictions", _):
            section = "contradictions"
            let all = explicitContradictions()
            count = all.count
            size = PageSizes.contradictions
            title = "Explicit contradictions"
            content.intro = "Pairs the analyst marked with contradicts, oldest claim id first."
            content.back = MoreLink(href: "contradictions/index.html", label: "Contradictions by proposition")
            content.contradictions = slice(all, page: page, size: size).map { index.contradictionModels[$0] }
        case (_, "timeline"):
            let entity = EntityRef(kind: ref.folder == "actors" ? .actors : .locations, id: ref.owner)
            let name = index.name(of: entity)
            content.back = MoreLink(href: ownerPath, label: name)
            count = index.timelineCount(of: entity)
            size = PageSizes.timeline
            title = "Timeline of \(name)"
            content.intro =
                "The articles that mention \(name), with how often (each title leads to the first mention), and the claims by or about it, in date order, each at the precision its source gives."
            let items = index.timelineItems(of: entity, range(count, page: page, size: size))
            content.timeline = index.timelineGroups(items)
            content.undated = items.filter { $0.date == nil }.map(\.item)
            crumbs = [(sectionTitle, "\(ref.folder)/index.html"), (name, ownerPath)]
        case ("actors", "published"):
            let name = index.name(of: EntityRef(kind: .actors, id: ref.owner))
            content.back = MoreLink(href: ownerPath, label: name)
            let all = index.publishedBy[ref.owner] ?? []
            count = all.count
            size = PageSizes.index
            title = "Articles published by \(name)"
            content.intro = "Every article whose outlet is \(name), newest first."
            content.articles = slice(all, page: page, size: size).compactMap { index.articleLinks[$0] }
            crumbs = [(sectionTitle, "\(ref.folder)/index.html"), (name, ownerPath)]
        default:
            let ids: [String]
            let ownerName: String
            switch (ref.folder, ref.name) {
            case ("actors", "claims-made"):
                ids = index.claimsByClaimant[ref.owner] ?? []
                ownerName = index.name(of: EntityRef(kind: .actors, id: ref.owner))
                title = "Claims made by \(ownerName)"
            case ("actors", "contradictions"):
                ids = []
                ownerName = index.name(of: EntityRef(kind: .actors, id: ref.owner))
                title = "Contradictions involving \(ownerName)"
                let all = contradictions(madeBy: ref.owner)
                count = all.count
                size = PageSizes.contradictions
                content.contradictions = slice(all, page: page, size: size).map { index.contradictionModels[$0] }
            case (_, "claims-about"):
                ids = index.claimsAbout[ref.owner] ?? []
                ownerName = index.name(of: EntityRef(kind: ref.folder == "actors" ? .actors : .locations, id: ref.owner))
                title = "Claims about \(ownerName)"
            case ("locations", "claims-here"):
                ids = index.claimsAt[ref.owner] ?? []
                ownerName = index.name(of: EntityRef(kind: .locations, id: ref.owner))
                title = "Claims made in \(ownerName)"
            case ("propositions", "affirming"), ("propositions", "denying"):
                ids = (ref.name == "affirming" ? index.affirming : index.denying)[ref.owner] ?? []
                ownerName = index.propositions[ref.owner]?.statement ?? ref.owner
                title = "\(ref.name == "affirming" ? "Affirming" : "Denying"): \(ownerName)"
            case ("claims", "contradictions"):
                let all = index.contradictionsByClaim[ref.owner] ?? []
                ids = all.compactMap { position in
                    let pair = dossier.contradictions[position]
                    return pair.first == ref.owner ? pair.second : pair.first
                }
                ownerName = index.claims[ref.owner]?.summary ?? ref.owner
                title = "Claims contradicting: \(ownerName)"
            default:
                ids = []
                ownerName = ref.owner
                title = ref.owner
            }
            if content.contradictions.isEmpty && count == 0 {
                count = ids.count
                size = PageSizes.cards
                content.claims = cards(slice(ids, page: page, size: size))
            }
            content.intro = "Newest first."
            content.back = MoreLink(href: ownerPath, label: ownerName)
            crumbs = [(sectionTitle, "\(ref.folder)/index.html"), (ownerName, ownerPath)]
        }
        let heading = page > 1 ? "\(title), page \(page)" : title
        crumbs.append((page > 1 ? "\(title), page \(page)" : title, nil))
        content.pagination = pagination(count: count, size: size, page: page) { ref.path(page: $0) }
        let path = ref.path(page: page)
        return Page(
            template: "list",
            layout: layout(path: path, title: heading, description: "\(title): the full list.", section: section, crumbs: crumbs, jsonLD: collectionJSON(title)),
            content: content)
    }

    // MARK: Markdown

    /// A Markdown body with mentions (and, for articles, evidence marks) spliced in; rendered when the page is.
    func markdown(_ text: MarkdownText, owner: TextOwner, root: String, anchors: Bool) -> LazyHTML {
        var spans: [Int: [Span]] = [:]
        for mention in index.mentionsByOwner[owner] ?? [] {
            let key = mention.entity.description
            spans[mention.leaf, default: []].append(
                Span(
                    range: mention.range, priority: 1,
                    open: "<a class=\"mention\" data-entity=\"\(key)\" href=\"\(root)\(key).html\">", close: "</a>"))
        }
        if case .article(let articleID) = owner {
            for mark in index.marksByArticle[articleID] ?? [] {
                let claimID = mark.claim
                // The link back to the claim follows the last piece that is not inside a link (links don't nest).
                let linkAfter = mark.location.pieces.lastIndex { !$0.inLink }
                for (position, piece) in mark.location.pieces.enumerated() {
                    let id = position == 0 ? " id=\"q-\(claimID)-\(mark.number)\"" : ""
                    let open = "<mark class=\"evidence\"\(id) data-claim=\"\(claimID)\">"
                    var close = "</mark>"
                    if position == linkAfter {
                        let summary = SiteText.html(index.claims[claimID]?.summary ?? claimID)
                        close += "<a class=\"evidence-link\" href=\"\(root)claims/\(claimID).html\" title=\"Claim: \(summary)\" aria-label=\"Claim: \(summary)\">↩</a>"
                    }
                    spans[piece.leaf, default: []].append(
                        Span(range: piece.range, priority: 0, open: open, reopen: "<mark class=\"evidence\" data-claim=\"\(claimID)\">", close: close))
                }
            }
        }
        let document = text.document
        let spliced = spans
        let source = HTMLSource.markdown(source: document.digest, spans: spliced, anchors: anchors)
        if anchors {
            return LazyHTML(source, bytes: { document.renderHTML(spans: spliced, blockAnchor: { block in Self.paragraphAnchor(block) }, into: &$0) })
        }
        return LazyHTML(source, bytes: { document.renderHTML(spans: spliced, into: &$0) })
    }

    static func paragraphAnchor(_ block: Int) -> String? {
        "<span class=\"anchor\" id=\"p-\(block)\"></span>"
    }
}
