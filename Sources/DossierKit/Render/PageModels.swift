// One content model per page kind. The layout's keys come from `Layout`; these are the rest.

struct CountItem: TemplateModel, Hashable {
    var label: String
    var value: Int
    var href: String

    static let fields = FieldTable<Self>(["label": { $0.label }, "value": { $0.value }, "href": { $0.href }])
}

/// A proposition with how many claims take each side.
struct PropositionRow: TemplateModel, Hashable {
    var statement: String
    var href: String
    var affirms: String
    var denies: String

    static let fields = FieldTable<Self>([
        "statement": { $0.statement }, "href": { $0.href }, "affirms": { $0.affirms }, "denies": { $0.denies },
    ])
}

struct HomePage: PageContent {
    var subtitle: String?
    var summary: LazyHTML?
    var counts: [CountItem]
    var contradictions: [ContradictionModel]
    var moreContradictions: MoreLink?
    var latestArticles: [ArticleLink]
    var moreArticles: MoreLink?
    var keyActors: [EntityLink]
    var moreActors: MoreLink?
    var contested: [PropositionRow]
    var moreContested: MoreLink?

    static let fields = FieldTable<Self>([
        "subtitle": { $0.subtitle }, "summary": { $0.summary }, "counts": { $0.counts }, "contradictions": { $0.contradictions },
        "hasContradictions": { !$0.contradictions.isEmpty }, "moreContradictions": { $0.moreContradictions },
        "latestArticles": { $0.latestArticles }, "moreArticles": { $0.moreArticles }, "keyActors": { $0.keyActors },
        "moreActors": { $0.moreActors }, "contested": { $0.contested }, "hasContested": { !$0.contested.isEmpty },
        "moreContested": { $0.moreContested },
    ])
}

struct NotFoundPage: PageContent {
    static let fields = FieldTable<Self>([:])
}

struct ArticlesPage: PageContent {
    var articles: [ArticleLink]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["articles": { $0.articles }, "pagination": { $0.pagination }])
}

struct ArticlePage: PageContent {
    var article: ArticleLink
    var body: LazyHTML
    var entities: [EntityLink]
    var claims: [ClaimCard]
    var author: String?
    var url: String?
    var language: String?
    var reliability: String?

    static let fields = FieldTable<Self>([
        "article": { $0.article }, "body": { $0.body }, "entities": { $0.entities }, "claims": { $0.claims },
        "author": { $0.author }, "url": { $0.url }, "language": { $0.language }, "reliability": { $0.reliability },
        "grade": { GradeModel(reliability: $0.reliability, credibility: nil) },
        "hasEntities": { !$0.entities.isEmpty }, "hasClaims": { !$0.claims.isEmpty },
    ])
}

/// A group of entities of one kind in an index (people, organizations, …).
struct EntityGroup: TemplateModel, Hashable {
    var title: String
    var id: String
    var entities: [EntityLink]

    static let fields = FieldTable<Self>(["title": { $0.title }, "id": { $0.id }, "entities": { $0.entities }])
}

struct EntitiesPage: PageContent {
    var groups: [EntityGroup]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["groups": { $0.groups }, "pagination": { $0.pagination }])
}

struct VariantRow: TemplateModel, Hashable {
    var text: String
    var count: String
    var outlets: String
    var articles: [ArticleLink]
    /// "and 230 more articles" when the row lists only the first few.
    var moreArticles: String?

    static let fields = FieldTable<Self>([
        "text": { $0.text }, "count": { $0.count }, "outlets": { $0.outlets }, "articles": { $0.articles },
        "moreArticles": { $0.moreArticles },
    ])
}

/// A mention shown in its sentence: keyword in context.
struct MentionContext: TemplateModel, Hashable {
    var before: String
    var match: String
    var after: String
    var href: String
    var article: String
    var outlet: String
    var date: DateModel

    static let fields = FieldTable<Self>([
        "before": { $0.before }, "match": { $0.match }, "after": { $0.after }, "href": { $0.href }, "article": { $0.article },
        "outlet": { $0.outlet }, "date": { $0.date },
    ])
}

/// What actor and location pages share.
struct NetworkPage: PageContent {
    var chart: LinkChartModel?

    static let fields = FieldTable<Self>(["chart": { $0.chart }])
}

struct EntityCommon: TemplateModel, Hashable {
    /// Its strongest neighbours, drawn around it.
    var chart: LazyHTML?
    /// The latest dated items of the entity's timeline, grouped by month.
    var timeline: [TimelineGroup]
    var moreTimeline: MoreLink?
    var timelineNote: String?
    var aliases: [String]
    var variants: [VariantRow]
    var notes: LazyHTML?
    var mentionCount: String
    var contexts: [MentionContext]
    var moreContexts: MoreLink?
    var comentioned: [EntityLink]
    /// "and 230 more names" when only the strongest are shown.
    var moreComentioned: String?

    static let fields = FieldTable<Self>([
        "chart": { $0.chart },
        "timeline": { $0.timeline }, "moreTimeline": { $0.moreTimeline }, "timelineNote": { $0.timelineNote },
        "hasTimeline": { !$0.timeline.isEmpty },
        "aliases": { $0.aliases }, "variants": { $0.variants }, "notes": { $0.notes }, "mentionCount": { $0.mentionCount },
        "contexts": { $0.contexts }, "moreContexts": { $0.moreContexts }, "comentioned": { $0.comentioned },
        "moreComentioned": { $0.moreComentioned }, "hasVariants": { !$0.variants.isEmpty }, "hasContexts": { !$0.contexts.isEmpty },
        "hasComentioned": { !$0.comentioned.isEmpty },
    ])
}

struct EntityInfo: TemplateModel, Hashable {
    var name: String
    var kind: String
    var role: String?
    var wikidata: String?
    var coordinates: String?

    static let fields = FieldTable<Self>([
        "name": { $0.name }, "kind": { $0.kind }, "role": { $0.role }, "wikidata": { $0.wikidata }, "coordinates": { $0.coordinates },
    ])
}


struct ActorPage: PageContent {
    var entity: EntityInfo
    var affiliations: [EntityLink]
    var members: [EntityLink]
    var claimsMade: [ClaimCard]
    var moreClaimsMade: MoreLink?
    var contradictions: [ContradictionModel]
    var moreContradictions: MoreLink?
    var claimsAbout: [ClaimCard]
    var moreClaimsAbout: MoreLink?
    /// Articles this actor published, when it is also an outlet.
    var published: [ArticleLink]
    var morePublished: MoreLink?
    var common: EntityCommon

    static let fields = FieldTable<Self>([
        "published": { $0.published }, "hasPublished": { !$0.published.isEmpty }, "morePublished": { $0.morePublished },
        "entity": { $0.entity }, "affiliations": { $0.affiliations }, "members": { $0.members }, "claimsMade": { $0.claimsMade },
        "moreClaimsMade": { $0.moreClaimsMade }, "contradictions": { $0.contradictions },
        "moreContradictions": { $0.moreContradictions }, "claimsAbout": { $0.claimsAbout }, "moreClaimsAbout": { $0.moreClaimsAbout },
        "common": { $0.common },
    ])
}

struct LocationPage: PageContent {
    var entity: EntityInfo
    var within: EntityLink?
    var contains: [EntityLink]
    var claimsMadeHere: [ClaimCard]
    var moreClaimsMadeHere: MoreLink?
    var claimsAbout: [ClaimCard]
    var moreClaimsAbout: MoreLink?
    var common: EntityCommon

    static let fields = FieldTable<Self>([
        "entity": { $0.entity }, "within": { $0.within }, "contains": { $0.contains }, "claimsMadeHere": { $0.claimsMadeHere },
        "moreClaimsMadeHere": { $0.moreClaimsMadeHere }, "claimsAbout": { $0.claimsAbout }, "moreClaimsAbout": { $0.moreClaimsAbout },
        "common": { $0.common },
    ])
}

struct ClaimsPage: PageContent {
    var claims: [ClaimCard]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["claims": { $0.claims }, "pagination": { $0.pagination }])
}

struct DiffChunkModel: TemplateModel, Hashable {
    var text: String
    var operation: DiffOperation

    static let fields = FieldTable<Self>([
        "text": { $0.text }, "equal": { $0.operation == .equal }, "insert": { $0.operation == .insert },
        "delete": { $0.operation == .delete },
    ])
}

struct CorroborationModel: TemplateModel, Hashable {
    var href: String
    var similarity: String
    var diff: [DiffChunkModel]
    var article: ArticleLink?

    static let fields = FieldTable<Self>([
        "href": { $0.href }, "similarity": { $0.similarity }, "diff": { $0.diff }, "article": { $0.article },
    ])
}

struct EvidenceModel: TemplateModel, Hashable {
    var quote: String
    var number: Int
    var href: String
    var article: ArticleLink?
    var original: String?
    var corroborations: [CorroborationModel]
    /// The quoted article's reliability with the claim's credibility ("B2").
    var grade: GradeModel?

    static let fields = FieldTable<Self>([
        "grade": { $0.grade },
        "quote": { $0.quote }, "number": { $0.number }, "href": { $0.href }, "article": { $0.article },
        "original": { $0.original }, "corroborations": { $0.corroborations },
    ])
}

/// A claim that contradicts the page's claim.
struct ContradictingClaim: TemplateModel, Hashable {
    var isSelf: Bool
    var other: ClaimCard

    static let fields = FieldTable<Self>(["self": { $0.isSelf }, "other": { $0.other }])
}

struct ClaimPage: PageContent {
    var claim: ClaimCard
    var place: EntityLink?
    var about: [EntityLink]
    var credibility: Int?
    var notes: LazyHTML?
    var evidence: [EvidenceModel]
    var contradictions: [ContradictingClaim]
    var moreContradictions: MoreLink?

    static let fields = FieldTable<Self>([
        "claim": { $0.claim }, "place": { $0.place }, "about": { $0.about }, "credibility": { $0.credibility }, "notes": { $0.notes },
        "grade": { GradeModel(reliability: nil, credibility: $0.credibility) },
        "hasGrades": { $0.credibility != nil || $0.evidence.contains { $0.grade != nil } },
        "hasDiffs": { $0.evidence.contains { !$0.corroborations.isEmpty } },
        "evidence": { $0.evidence }, "contradictions": { $0.contradictions }, "moreContradictions": { $0.moreContradictions },
    ])
}

struct PropositionsPage: PageContent {
    var propositions: [PropositionRow]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["propositions": { $0.propositions }, "pagination": { $0.pagination }])
}

struct PropositionPage: PageContent {
    var statement: String
    var notes: LazyHTML?
    var affirming: [ClaimCard]
    var moreAffirming: MoreLink?
    var denying: [ClaimCard]
    var moreDenying: MoreLink?

    static let fields = FieldTable<Self>([
        "statement": { $0.statement }, "notes": { $0.notes }, "affirming": { $0.affirming }, "moreAffirming": { $0.moreAffirming },
        "denying": { $0.denying }, "moreDenying": { $0.moreDenying },
    ])
}

/// One proposition on the contradictions index: each side's claims once, and who contradicts themselves.
struct ContestedProposition: TemplateModel, Hashable {
    var id: String
    var statement: String
    var href: String
    var pairs: String
    var affirming: [ClaimCard]
    var moreAffirming: MoreLink?
    var denying: [ClaimCard]
    var moreDenying: MoreLink?
    /// Actors (or an actor and an organization it belongs to) found on both sides.
    var selfContradicting: [EntityLink]

    static let fields = FieldTable<Self>([
        "id": { $0.id }, "statement": { $0.statement }, "href": { $0.href }, "pairs": { $0.pairs }, "affirming": { $0.affirming },
        "moreAffirming": { $0.moreAffirming }, "denying": { $0.denying }, "moreDenying": { $0.moreDenying },
        "selfContradicting": { $0.selfContradicting }, "isSelf": { !$0.selfContradicting.isEmpty },
    ])
}

/// One claim in a cell of the position grid.
struct StanceLink: TemplateModel, Hashable {
    var stance: String
    var href: String
    var summary: String

    static let fields = FieldTable<Self>(["stance": { $0.stance }, "href": { $0.href }, "summary": { $0.summary }])
}

struct GridCell: TemplateModel, Hashable {
    var links: [StanceLink]
    /// The actor both affirms and denies the proposition: a self-contradiction.
    var both: Bool

    static let fields = FieldTable<Self>(["links": { $0.links }, "both": { $0.both }])
}

struct GridRow: TemplateModel, Hashable {
    var actor: EntityLink
    var cells: [GridCell]

    static let fields = FieldTable<Self>(["actor": { $0.actor }, "cells": { $0.cells }])
}

/// Who holds which position: one row per actor, one column per proposition of the page.
struct PositionGrid: TemplateModel, Hashable {
    var columns: [PropositionLink]
    var rows: [GridRow]
    /// What a large dossier's grid leaves out, said in words.
    var omitted: String?

    static let fields = FieldTable<Self>(["columns": { $0.columns }, "rows": { $0.rows }, "omitted": { $0.omitted }])
}

struct ContradictionsPage: PageContent {
    var grid: PositionGrid?
    var total: String
    var selfCount: Int
    var groups: [ContestedProposition]
    var explicit: [ContradictionModel]
    var moreExplicit: MoreLink?
    var pagination: Pagination?
    var empty: Bool

    static let fields = FieldTable<Self>([
        "grid": { $0.grid },
        "total": { $0.total }, "selfCount": { $0.selfCount }, "groups": { $0.groups }, "explicit": { $0.explicit },
        "moreExplicit": { $0.moreExplicit }, "pagination": { $0.pagination }, "empty": { $0.empty },
        "firstPage": { $0.pagination.map { $0.pages.first?.current ?? true } ?? true },
    ])
}

/// The full, paginated form of a list shortened elsewhere: claims, a timeline, articles, entities or contradictions.
struct ListPage: PageContent {
    var intro: String
    var back: MoreLink
    var claims: [ClaimCard]
    var entities: [EntityLink]
    var contradictions: [ContradictionModel]
    var articles: [ArticleLink] = []
    var timeline: [TimelineGroup] = []
    var undated: [TimelineItem] = []
    var pagination: Pagination?

    static let fields = FieldTable<Self>([
        "articles": { $0.articles }, "hasArticles": { !$0.articles.isEmpty }, "timeline": { $0.timeline }, "undated": { $0.undated },
        "hasTimeline": { !$0.timeline.isEmpty || !$0.undated.isEmpty }, "hasUndated": { !$0.undated.isEmpty },
        "intro": { $0.intro }, "back": { $0.back }, "claims": { $0.claims },
        "entities": { $0.entities }, "contradictions": { $0.contradictions }, "pagination": { $0.pagination },
        "hasEntities": { !$0.entities.isEmpty },
    ])
}

/// Every model type, for checking the names templates use.
enum TemplateModels {
    static let allKeys: Set<String> = {
        var keys = Set<String>()
        let tables: [Set<String>] = [
            DateModel.fields.keys, EntityLink.fields.keys, ArticleLink.fields.keys, PropositionLink.fields.keys,
            ClaimCard.fields.keys, ContradictionModel.fields.keys, MoreLink.fields.keys, PageLink.fields.keys,
            Pagination.fields.keys, NavItem.fields.keys, Crumb.fields.keys, Layout.fields.keys, CountItem.fields.keys,
            PropositionRow.fields.keys, HomePage.fields.keys, NotFoundPage.fields.keys, ArticlesPage.fields.keys,
            ArticlePage.fields.keys, EntityGroup.fields.keys, EntitiesPage.fields.keys, VariantRow.fields.keys,
            MentionContext.fields.keys, EntityCommon.fields.keys, EntityInfo.fields.keys, ActorPage.fields.keys,
            LocationPage.fields.keys, ClaimsPage.fields.keys, DiffChunkModel.fields.keys, CorroborationModel.fields.keys,
            EvidenceModel.fields.keys, ContradictingClaim.fields.keys, ClaimPage.fields.keys, PropositionsPage.fields.keys,
            PropositionPage.fields.keys, ContestedProposition.fields.keys, ContradictionsPage.fields.keys, ListPage.fields.keys,
            NetworkPage.fields.keys, LinkChartModel.fields.keys, ChartEdgeRow.fields.keys,
            GradeModel.fields.keys, TimelineItem.fields.keys, TimelineGroup.fields.keys, TimelinePage.fields.keys, StanceLink.fields.keys, GridCell.fields.keys, GridRow.fields.keys, PositionGrid.fields.keys,
        ]
        for table in tables { keys.formUnion(table) }
        return keys
    }()
}
