// Lookups every page needs, computed once per build: claims by article, claimant, entity and
// proposition; contradictions by claim; mentions and co-occurrences by entity; outlet names; and each
// claim card and article link, built once and shared.
import DossierMarkdown
import Foundation

struct RenderIndex: Sendable {
    struct Mark: Sendable {
        let claim: String
        let number: Int
        let location: QuoteLocation
    }

    private(set) var dossier: Dossier
    let actors: [String: Actor]
    let locations: [String: Location]
    private(set) var articles: [String: Article]
    let claims: [String: Claim]
    let propositions: [String: Proposition]
    let outletNames: [String: String]
    let articleLinks: [String: ArticleLink]
    /// Cards for pages one folder down, and for the home page.
    let cards: [String: ClaimCard]
    let homeCards: [String: ClaimCard]
    /// Newest first; undated last; ties by id.
    let articlesByDate: [String]
    /// The articles each actor published (an article whose `source` is that actor), newest first.
    let publishedBy: [String: [String]]
    let claimsByDate: [String]
    /// Every article and claim in timeline order, undated ones last.
    let timeline: [TimelineEntry]
    /// The item of each entry of `timeline`, made once (nil where the entry's article or claim is not known).
    private(set) var timelineItems: [TimelineItem?] = []
    /// Each actor's and location's timeline (see `computeTimeline(of:_:_:)`), computed once.
    private(set) var entityTimelines: [EntityRef: EntityTimeline] = [:]
    /// The link chart, laid out once.
    var linkChart: LinkChartModel? { linkChartMemo.get { LinkChart.network(self) } }
    private let linkChartMemo = Memo<LinkChartModel?>()
    /// Claim ids, newest first, per key.
    let claimsByArticle: [String: [String]]
    let claimsByClaimant: [String: [String]]
    let claimsAbout: [String: [String]]
    let claimsAt: [String: [String]]
    let affirming: [String: [String]]
    let denying: [String: [String]]
    /// Indexes into `dossier.contradictions`, per claim.
    let contradictionsByClaim: [String: [Int]]
    let contradictionModels: [ContradictionModel]
    let homeContradictionModels: [ContradictionModel]
    private(set) var mentionsByOwner: [TextOwner: [Mention]]
    /// Article mentions per entity, newest article first, then in text order.
    private(set) var articleMentionsByEntity: [EntityRef: [Mention]]
    /// The same, grouped by article (runs of `articleMentionsByEntity`, sharing its storage).
    private(set) var mentionGroupsByEntity: [EntityRef: [(article: String, mentions: ArraySlice<Mention>)]]
    let cooccurrencesByEntity: [EntityRef: [(entity: EntityRef, count: Int)]]
    let members: [String: [String]]
    let contains: [String: [String]]
    let marksByArticle: [String: [Mark]]
    private(set) var articleTexts: [String: ArticleText]
    let articleRank: [String: Int]
    /// Propositions with at least one contradiction, most contradictions first.
    let contested: [Proposition]
    /// Per proposition: its contradicting pairs, and the actors (sorted) with a self-contradiction on it.
    let contradictionCount: [String: Int]
    let selfContradictors: [String: [String]]
    /// Contradictions with no proposition (explicit `contradicts` pairs), and how many are self-contradictions.
    let explicitContradictions: [Int]
    let selfContradictionCount: Int
    /// Indexes into `dossier.contradictions` of the pairs with a claim by each actor, ascending.
    let contradictionsByClaimant: [String: [Int]]
    /// The actors as the actors index lists them: people, then organizations, then states, each in corpus order.
    let actorsByKind: [Actor]
    /// The locations as the locations index lists them: countries, regions, cities, places, each in corpus order.
    let locationsByKind: [Location]

    var corpus: Corpus { dossier.corpus }

    init(dossier: Dossier, templates: TemplateSet? = nil) {
        self.dossier = dossier
        let corpus = dossier.corpus
        var trace = StageTrace(enabled: ProcessInfo.processInfo.environment["DOSSIER_TRACE"] != nil, prefix: "index")
        actors = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        locations = Dictionary(corpus.locations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        articles = Dictionary(corpus.articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        claims = Dictionary(corpus.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        propositions = Dictionary(corpus.propositions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        trace.lap("tables")
        var outletNames: [String: String] = [:]
        for article in corpus.articles { outletNames[article.id] = SiteText.outletName(article, actors: actors) }
        self.outletNames = outletNames
        var articleLinks: [String: ArticleLink] = [:]
        for article in corpus.articles {
            var outletHref: String?
            if case .actor(let actor) = article.source, actors[actor] != nil { outletHref = "actors/\(actor).html" }
            articleLinks[article.id] = ArticleLink(
                id: article.id, title: article.title, href: "articles/\(article.id).html", outlet: outletNames[article.id] ?? "",
                outletHref: outletHref, date: DateModel(article.published))
        }
        self.articleLinks = articleLinks
        articlesByDate = Self.newestFirst(corpus.articles.map { ($0.id, $0.published) })
        var publishedBy: [String: [String]] = [:]
        for id in articlesByDate {
            if case .actor(let actor)? = articles[id]?.source { publishedBy[actor, default: []].append(id) }
        }
        self.publishedBy = publishedBy
        claimsByDate = Self.newestFirst(corpus.claims.map { ($0.id, $0.date) })
        timeline = Self.timeline(articles: corpus.articles, claims: corpus.claims)
        articleRank = Dictionary(uniqueKeysWithValues: articlesByDate.enumerated().map { ($1, $0) })

        trace.lap("links and dates")
        var byArticle: [String: [String]] = [:], byClaimant: [String: [String]] = [:], about: [String: [String]] = [:]
        var at: [String: [String]] = [:], affirming: [String: [String]] = [:], denying: [String: [String]] = [:]
        for id in claimsByDate {
            guard let claim = claims[id] else { continue }
            var cited = Set<String>()
            for item in claim.evidence where cited.insert(item.article.value).inserted { byArticle[item.article.value, default: []].append(id) }
            byClaimant[claim.claimant.value, default: []].append(id)
            var seen = Set<String>()
            for reference in claim.about where seen.insert(reference.value).inserted { about[reference.value, default: []].append(id) }
            if let location = claim.location { at[location.value, default: []].append(id) }
            if let proposition = claim.proposition, let stance = claim.stance {
                if stance == .affirms { affirming[proposition.value, default: []].append(id) } else { denying[proposition.value, default: []].append(id) }
            }
        }
        // The article page lists the claims it evidences in id order, as before.
        claimsByArticle = byArticle.mapValues { $0.sorted() }
        claimsByClaimant = byClaimant
        claimsAbout = about
        claimsAt = at
        self.affirming = affirming
        self.denying = denying

        trace.lap("claim lists")
        // Every list of contradictions the pages need, in one pass (indexes into `dossier.contradictions`).
        var contestedPairs: [String: Int] = [:]
        var contradictionsByClaim: [String: [Int]] = [:]
        var selfContradictors: [String: Set<String>] = [:]
        var explicit: [Int] = []
        var selfCount = 0
        var pairsByClaimant: [String: [Int]] = [:]
        for (position, contradiction) in dossier.contradictions.enumerated() {
            contradictionsByClaim[contradiction.first, default: []].append(position)
            if contradiction.second != contradiction.first { contradictionsByClaim[contradiction.second, default: []].append(position) }
            if contradiction.kind == .selfContradiction { selfCount += 1 }
            let first = claims[contradiction.first]?.claimant.value, second = claims[contradiction.second]?.claimant.value
            if let proposition = contradiction.proposition {
                contestedPairs[proposition, default: 0] += 1
                if contradiction.kind == .selfContradiction {
                    for claimant in [first, second] { if let claimant { selfContradictors[proposition, default: []].insert(claimant) } }
                }
            } else {
                explicit.append(position)
            }
            if let first { pairsByClaimant[first, default: []].append(position) }
            if let second, second != first { pairsByClaimant[second, default: []].append(position) }
        }
        let propositionsByID = propositions
        contested = contestedPairs.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.compactMap { propositionsByID[$0.key] }
        contradictionCount = contestedPairs
        self.contradictionsByClaim = contradictionsByClaim
        self.selfContradictors = selfContradictors.mapValues { $0.sorted() }
        explicitContradictions = explicit
        selfContradictionCount = selfCount
        contradictionsByClaimant = pairsByClaimant
        actorsByKind = ActorKind.allCases.flatMap { kind in corpus.actors.filter { $0.kind == kind } }
        locationsByKind = LocationKind.allCases.flatMap { kind in corpus.locations.filter { $0.kind == kind } }

        trace.lap("contradictions")
        let mentionsByOwner = dossier.mentionsByOwner
        self.mentionsByOwner = mentionsByOwner
        let memory = dossier.indexMemory
        if let memory, let known = memory.mentions, known.articlesByDate == articlesByDate, known.owners == dossier.mentionOwners,
            known.byOwner == mentionsByOwner
        {
            // The same mentions of the same articles in the same order: the same lists.
            articleMentionsByEntity = known.byEntity
            mentionGroupsByEntity = known.groups
        } else {
            // Per entity, newest article first, text order within an article: articles in date order, each
            // article's mentions in text order (they arrive sorted by owner, paragraph, leaf, range).
            var byEntity: [EntityRef: [Mention]] = [:]
            var perEntity: [EntityRef: Int] = [:]
            for (owner, mentions) in mentionsByOwner {
                guard case .article = owner else { continue }
                for mention in mentions { perEntity[mention.entity, default: 0] += 1 }
            }
            // Exact capacities: these arrays live for the whole build.
            for (entity, count) in perEntity {
                var list: [Mention] = []
                list.reserveCapacity(count)
                byEntity[entity] = list
            }
            for id in articlesByDate {
                for mention in mentionsByOwner[.article(id)] ?? [] { byEntity[mention.entity, default: []].append(mention) }
            }
            // Mentions of an article id no article has (none in a linked dossier) go last, in text order.
            let ranked = Set(articlesByDate)
            for owner in dossier.mentionOwners {
                guard case .article(let id) = owner, !ranked.contains(id) else { continue }
                for mention in mentionsByOwner[owner] ?? [] { byEntity[mention.entity, default: []].append(mention) }
            }
            articleMentionsByEntity = byEntity
            mentionGroupsByEntity = byEntity.mapValues(Self.groups)
            memory?.mentions = IndexMemory.Mentions(
                articlesByDate: articlesByDate, owners: dossier.mentionOwners, byOwner: mentionsByOwner, byEntity: articleMentionsByEntity,
                groups: mentionGroupsByEntity)
        }

        trace.lap("mentions")
        let names = IndexMemory.Names(actors: actors.mapValues(\.name.value), locations: locations.mapValues(\.name.value))
        if let memory, let known = memory.cooccurrences, known.pairs == dossier.cooccurrences, known.names == names {
            cooccurrencesByEntity = known.byEntity
        } else {
            var neighbours: [EntityRef: [(entity: EntityRef, count: Int)]] = [:]
            for pair in dossier.cooccurrences {
                neighbours[pair.first, default: []].append((pair.second, pair.count))
                neighbours[pair.second, default: []].append((pair.first, pair.count))
            }
            let actorsByID = actors, locationsByID = locations
            func name(_ entity: EntityRef) -> String {
                switch entity.kind {
                case .actors: actorsByID[entity.id]?.name.value ?? entity.id
                case .locations: locationsByID[entity.id]?.name.value ?? entity.id
                }
            }
            cooccurrencesByEntity = neighbours.mapValues { list in
                list.map { (entry: $0, name: name($0.entity)) }
                    .sorted { $0.entry.count != $1.entry.count ? $0.entry.count > $1.entry.count : ($0.name, $0.entry.entity) < ($1.name, $1.entry.entity) }
                    .map(\.entry)
            }
            memory?.cooccurrences = IndexMemory.Cooccurrences(pairs: dossier.cooccurrences, names: names, byEntity: cooccurrencesByEntity)
        }

        trace.lap("co-occurrence")
        var members: [String: [String]] = [:]
        for actor in corpus.actors {
            for affiliation in actor.affiliations { members[affiliation.value, default: []].append(actor.id) }
        }
        self.members = members
        var contains: [String: [String]] = [:]
        for location in corpus.locations {
            if let within = location.within { contains[within.value, default: []].append(location.id) }
        }
        self.contains = contains

        var marks: [String: [Mark]] = [:]
        for claim in corpus.claims {
            for result in dossier.evidence[claim.id] ?? [] {
                if let location = result.location { marks[result.article, default: []].append(Mark(claim: claim.id, number: result.number, location: location)) }
            }
        }
        marksByArticle = marks
        articleTexts = dossier.articleTexts

        trace.lap("members and marks")
        // Claim cards: built once, in parallel, shared by every page.
        let partial = PartialIndex(
            dossier: dossier, actors: actors, articles: articles, propositions: propositions, outletNames: outletNames)
        let built = ParallelMap.map(corpus.claims) { partial.card($0) }
        func rendered(_ card: ClaimCard, root: String) -> ClaimCard {
            var card = card
            card.root = root
            guard let library = templates?.library else { return card }
            let memo = Memo<String>()
            let plain = card
            card.html = LazyHTML(.card(id: card.id, root: root)) {
                memo.get { library.render(plain, template: "claim-card") }
            }
            return card
        }
        cards = Dictionary(built.map { ($0.id, rendered($0, root: "../")) }, uniquingKeysWith: { a, _ in a })
        homeCards = Dictionary(built.map { ($0.id, rendered($0, root: "")) }, uniquingKeysWith: { a, _ in a })
        trace.lap("cards")
        func models(_ cards: [String: ClaimCard]) -> [ContradictionModel] {
            dossier.contradictions.map { contradiction in
                ContradictionModel(
                    isSelf: contradiction.kind == .selfContradiction, explicit: contradiction.explicit,
                    kind: contradiction.kind == .selfContradiction ? "Self-contradiction" : "Between actors",
                    first: cards[contradiction.first], second: cards[contradiction.second],
                    proposition: contradiction.proposition.flatMap { propositionsByID[$0] }.map {
                        PropositionLink(statement: $0.statement, href: "propositions/\($0.id).html")
                    })
            }
        }
        contradictionModels = models(cards)
        homeContradictionModels = models(homeCards)
        trace.lap("contradiction models")
        let entities = corpus.actors.map { EntityRef(kind: .actors, id: $0.id) } + corpus.locations.map { EntityRef(kind: .locations, id: $0.id) }
        // Each entity's entries are taken in the order of the whole timeline (already sorted): sorting their
        // positions there orders them as `TimelineEntry.ordered` would, comparing integers, not dates and ids.
        var articlePosition: [String: Int32] = [:], claimPosition: [String: Int32] = [:]
        articlePosition.reserveCapacity(corpus.articles.count)
        claimPosition.reserveCapacity(corpus.claims.count)
        for (position, entry) in timeline.enumerated() {
            switch entry.kind {
            case .article: articlePosition[entry.id] = Int32(position)
            case .claim: claimPosition[entry.id] = Int32(position)
            }
        }
        timelineItems = timeline.map { timelineItem($0) }
        let partialSelf = self, articlePositions = articlePosition, claimPositions = claimPosition
        let timelines = ParallelMap.map(entities) { partialSelf.computeTimeline(of: $0, articlePositions, claimPositions) }
        entityTimelines = Dictionary(zip(entities, timelines), uniquingKeysWith: { a, _ in a })
        trace.lap("entity timelines")
    }

    static func articleID(_ mention: Mention) -> String? {
        if case .article(let id) = mention.owner { return id }
        return nil
    }

    /// Ids sorted newest first; undated after dated; ties by id.
    static func newestFirst(_ items: [(String, PartialDate?)]) -> [String] {
        items.sorted { a, b in
            switch (a.1, b.1) {
            case (let x?, let y?): return x != y ? x > y : a.0 < b.0
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.0 < b.0
            }
        }.map(\.0)
    }

    func name(of entity: EntityRef) -> String {
        switch entity.kind {
        case .actors: actors[entity.id]?.name.value ?? entity.id
        case .locations: locations[entity.id]?.name.value ?? entity.id
        }
    }

    func entityLink(_ entity: EntityRef, detail: String? = nil, count: String? = nil) -> EntityLink {
        EntityLink(name: name(of: entity), href: "\(entity).html", key: entity.description, detail: detail, count: count)
    }

    /// The articles that mention an entity, newest first, with how often and where first.
    func articleGroups(_ entity: EntityRef) -> [ArticleGroup] {
        (mentionGroupsByEntity[entity] ?? []).map {
            ArticleGroup(article: $0.article, count: $0.mentions.count, firstParagraph: $0.mentions.first?.paragraph ?? 0)
        }
    }

    func mentionCount(_ entity: EntityRef) -> Int { articleMentionsByEntity[entity]?.count ?? 0 }
}

/// What one render index leaves for the next of a build session: the lists that take longest to build,
/// each with the inputs it was built from, reused only when those are equal.
final class IndexMemory: @unchecked Sendable {
    struct Mentions {
        let articlesByDate: [String]
        let owners: [TextOwner]
        let byOwner: [TextOwner: [Mention]]
        let byEntity: [EntityRef: [Mention]]
        let groups: [EntityRef: [(article: String, mentions: ArraySlice<Mention>)]]
    }

    struct Names: Equatable {
        let actors: [String: String]
        let locations: [String: String]
    }

    struct Cooccurrences {
        let pairs: [Cooccurrence]
        let names: Names
        let byEntity: [EntityRef: [(entity: EntityRef, count: Int)]]
    }

    var mentions: Mentions?
    var cooccurrences: Cooccurrences?
}

/// What building a claim card needs, before the rest of the index exists.
private struct PartialIndex: Sendable {
    let dossier: Dossier
    let actors: [String: Actor]
    let articles: [String: Article]
    let propositions: [String: Proposition]
    let outletNames: [String: String]

    func card(_ claim: Claim) -> ClaimCard {
        let claimant = EntityRef(kind: .actors, id: claim.claimant.value)
        let results = dossier.evidence[claim.id] ?? []
        var carrying = Set(claim.evidence.map(\.article.value))
        for result in results { carrying.formUnion(result.corroborations.map(\.article)) }
        let first = results.first
        return ClaimCard(
            id: claim.id, href: "claims/\(claim.id).html", summary: claim.summary,
            claimant: EntityLink(
                name: actors[claim.claimant.value]?.name.value ?? claim.claimant.value, href: "\(claimant).html", key: claimant.description),
            date: DateModel(claim.date), stance: claim.stance?.rawValue,
            proposition: claim.proposition.flatMap { propositions[$0.value] }.map {
                PropositionLink(statement: $0.statement, href: "propositions/\($0.id).html")
            },
            quote: first?.quote, quoteHref: first.map { "articles/\($0.article).html#q-\(claim.id)-\($0.number)" },
            quoteSource: first.map { outletNames[$0.article] ?? $0.article },
            quoteTitle: first.flatMap { articles[$0.article]?.title }, carriedBy: Self.carriedBy(carrying, articles: articles, outletNames: outletNames))
    }

    /// "3 articles from 2 outlets", "1 article, outlet not known", "3 articles: 1 from 1 outlet, 2 with
    /// the outlet not known". Articles whose outlet is not known are not counted as outlets of their
    /// own, since they may share one.
    static func carriedBy(_ carrying: Set<String>, articles: [String: Article], outletNames: [String: String]) -> String {
        var outlets: [String] = []
        var unknown = 0
        for id in carrying {
            guard let article = articles[id] else { continue }
            if case .unknown = article.source { unknown += 1 } else { outlets.append(outletNames[id] ?? id) }
        }
        return SiteText.carriedBy(outlets: outlets, unknown: unknown)
    }
}

/// The mentions of one entity in one article.
struct ArticleGroup: Sendable {
    let article: String
    var count: Int
    let firstParagraph: Int
}

extension RenderIndex {
    /// An entity's mentions (newest article first) as runs by article, sharing the list's storage.
    static func groups(_ mentions: [Mention]) -> [(article: String, mentions: ArraySlice<Mention>)] {
        var groups: [(article: String, mentions: ArraySlice<Mention>)] = []
        var start = mentions.startIndex
        while start < mentions.endIndex {
            guard let id = articleID(mentions[start]) else {
                start += 1
                continue
            }
            var end = start + 1
            while end < mentions.endIndex, articleID(mentions[end]) == id { end += 1 }
            groups.append((id, mentions[start..<end]))
            start = end
        }
        return groups
    }

    /// This index for a dossier that differs from this one's only in the text of the `edited` articles and
    /// where their names stand in it (`TextEdit` has checked that): the articles, their texts and their
    /// mentions are taken from `dossier`, everything else (cards, lists, timelines, charts) is kept.
    func afterTextEdit(_ dossier: Dossier, edited: Set<String>) -> RenderIndex {
        var index = self
        index.dossier = dossier
        index.articleTexts = dossier.articleTexts
        index.mentionsByOwner = dossier.mentionsByOwner
        var affected: Set<EntityRef> = []
        for article in dossier.corpus.articles where edited.contains(article.id) {
            index.articles[article.id] = article
            for mention in dossier.mentionsByOwner[.article(article.id)] ?? [] { affected.insert(mention.entity) }
        }
        for entity in affected {
            guard var list = index.articleMentionsByEntity[entity] else { continue }
            // The new mentions of the entity in each edited article, in text order: the same number, in the
            // same places of the list, as the old ones.
            var fresh: [String: IndexingIterator<[Mention]>] = [:]
            for id in edited { fresh[id] = (dossier.mentionsByOwner[.article(id)] ?? []).filter { $0.entity == entity }.makeIterator() }
            for position in list.indices {
                guard let id = Self.articleID(list[position]), edited.contains(id), let next = fresh[id]?.next() else { continue }
                list[position] = next
            }
            index.articleMentionsByEntity[entity] = list
            index.mentionGroupsByEntity[entity] = Self.groups(list)
        }
        return index
    }
}
