// One content model per page kind. The layout's keys come from `Layout`; these are the rest.

struct CountItem: TemplateModel, Hashable {
    var label: String
    var value: Int
    var href: String

    static let fields = FieldTable<Self>(["label": { .of($0.label) }, "value": { .of($0.value) }, "href": { .of($0.href) }])
}

/// A proposition with how many claims take each side.
struct PropositionRow: TemplateModel, Hashable {
    var statement: String
    var href: String
    var affirms: String
    var denies: String

    static let fields = FieldTable<Self>([
        "statement": { .of($0.statement) }, "href": { .of($0.href) }, "affirms": { .of($0.affirms) }, "denies": { .of($0.denies) },
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
        "subtitle": { .of($0.subtitle) }, "summary": { .of($0.summary) }, "counts": { .of($0.counts) }, "contradictions": { .of($0.contradictions) },
        "hasContradictions": { .of(!$0.contradictions.isEmpty) }, "moreContradictions": { .of($0.moreContradictions) },
        "latestArticles": { .of($0.latestArticles) }, "moreArticles": { .of($0.moreArticles) }, "keyActors": { .of($0.keyActors) },
        "moreActors": { .of($0.moreActors) }, "contested": { .of($0.contested) }, "hasContested": { .of(!$0.contested.isEmpty) },
        "moreContested": { .of($0.moreContested) },
    ])
}

struct NotFoundPage: PageContent {
    static let fields = FieldTable<Self>([:])
}

struct ArticlesPage: PageContent {
    var articles: [ArticleLink]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["articles": { .of($0.articles) }, "pagination": { .of($0.pagination) }])
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
        "article": { .of($0.article) }, "body": { .of($0.body) }, "entities": { .of($0.entities) }, "claims": { .of($0.claims) },
        "author": { .of($0.author) }, "url": { .of($0.url) }, "language": { .of($0.language) }, "reliability": { .of($0.reliability) },
        "grade": { .of(GradeModel(reliability: $0.reliability, credibility: nil)) },
        "hasEntities": { .of(!$0.entities.isEmpty) }, "hasClaims": { .of(!$0.claims.isEmpty) },
    ])
}

/// A group of entities of one kind in an index (people, organizations, …).
struct EntityGroup: TemplateModel, Hashable {
    var title: String
    var id: String
    var entities: [EntityLink]

    static let fields = FieldTable<Self>(["title": { .of($0.title) }, "id": { .of($0.id) }, "entities": { .of($0.entities) }])
}

struct EntitiesPage: PageContent {
    var groups: [EntityGroup]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["groups": { .of($0.groups) }, "pagination": { .of($0.pagination) }])
}

struct VariantRow: TemplateModel, Hashable {
    var text: String
    var count: String
    var outlets: String
    var articles: [ArticleLink]
    /// "and 230 more articles" when the row lists only the first few.
    var moreArticles: String?

    static let fields = FieldTable<Self>([
        "text": { .of($0.text) }, "count": { .of($0.count) }, "outlets": { .of($0.outlets) }, "articles": { .of($0.articles) },
        "moreArticles": { .of($0.moreArticles) },
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
        "before": { .of($0.before) }, "match": { .of($0.match) }, "after": { .of($0.after) }, "href": { .of($0.href) }, "article": { .of($0.article) },
        "outlet": { .of($0.outlet) }, "date": { .of($0.date) },
    ])
}

/// What actor and location pages share.
struct NetworkPage: PageContent {
    var chart: LinkChartModel?

    static let fields = FieldTable<Self>(["chart": { .of($0.chart) }])
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
        "chart": { .of($0.chart) },
        "timeline": { .of($0.timeline) }, "moreTimeline": { .of($0.moreTimeline) }, "timelineNote": { .of($0.timelineNote) },
        "hasTimeline": { .of(!$0.timeline.isEmpty) },
        "aliases": { .of($0.aliases) }, "variants": { .of($0.variants) }, "notes": { .of($0.notes) }, "mentionCount": { .of($0.mentionCount) },
        "contexts": { .of($0.contexts) }, "moreContexts": { .of($0.moreContexts) }, "comentioned": { .of($0.comentioned) },
        "moreComentioned": { .of($0.moreComentioned) }, "hasVariants": { .of(!$0.variants.isEmpty) }, "hasContexts": { .of(!$0.contexts.isEmpty) },
        "hasComentioned": { .of(!$0.comentioned.isEmpty) },
    ])
}

struct EntityInfo: TemplateModel, Hashable {
    var name: String
    var kind: String
    var role: String?
    var wikidata: String?
    var coordinates: String?

    static let fields = FieldTable<Self>([
        "name": { .of($0.name) }, "kind": { .of($0.kind) }, "role": { .of($0.role) }, "wikidata": { .of($0.wikidata) }, "coordinates": { .of($0.coordinates) },
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
        "published": { .of($0.published) }, "hasPublished": { .of(!$0.published.isEmpty) }, "morePublished": { .of($0.morePublished) },
        "entity": { .of($0.entity) }, "affiliations": { .of($0.affiliations) }, "members": { .of($0.members) }, "claimsMade": { .of($0.claimsMade) },
        "moreClaimsMade": { .of($0.moreClaimsMade) }, "contradictions": { .of($0.contradictions) },
        "moreContradictions": { .of($0.moreContradictions) }, "claimsAbout": { .of($0.claimsAbout) }, "moreClaimsAbout": { .of($0.moreClaimsAbout) },
        "common": { .of($0.common) },
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
        "entity": { .of($0.entity) }, "within": { .of($0.within) }, "contains": { .of($0.contains) }, "claimsMadeHere": { .of($0.claimsMadeHere) },
        "moreClaimsMadeHere": { .of($0.moreClaimsMadeHere) }, "claimsAbout": { .of($0.claimsAbout) }, "moreClaimsAbout": { .of($0.moreClaimsAbout) },
        "common": { .of($0.common) },
    ])
}

struct ClaimsPage: PageContent {
    var claims: [ClaimCard]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["claims": { .of($0.claims) }, "pagination": { .of($0.pagination) }])
}

struct DiffChunkModel: TemplateModel, Hashable {
    var text: String
    var operation: DiffOperation

    static let fields = FieldTable<Self>([
        "text": { .of($0.text) }, "equal": { .of($0.operation == .equal) }, "insert": { .of($0.operation == .insert) },
        "delete": { .of($0.operation == .delete) },
    ])
}

struct CorroborationModel: TemplateModel, Hashable {
    var href: String
    var similarity: String
    var diff: [DiffChunkModel]
    var article: ArticleLink?

    static let fields = FieldTable<Self>([
        "href": { .of($0.href) }, "similarity": { .of($0.similarity) }, "diff": { .of($0.diff) }, "article": { .of($0.article) },
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
        "grade": { .of($0.grade) },
        "quote": { .of($0.quote) }, "number": { .of($0.number) }, "href": { .of($0.href) }, "article": { .of($0.article) },
        "original": { .of($0.original) }, "corroborations": { .of($0.corroborations) },
    ])
}

/// A claim that contradicts the page's claim.
struct ContradictingClaim: TemplateModel, Hashable {
    var isSelf: Bool
    var other: ClaimCard

    static let fields = FieldTable<Self>(["self": { .of($0.isSelf) }, "other": { .of($0.other) }])
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
        "claim": { .of($0.claim) }, "place": { .of($0.place) }, "about": { .of($0.about) }, "credibility": { .of($0.credibility) }, "notes": { .of($0.notes) },
        "grade": { .of(GradeModel(reliability: nil, credibility: $0.credibility)) },
        "hasGrades": { .of($0.credibility != nil || $0.evidence.contains { $0.grade != nil }) },
        "hasDiffs": { .of($0.evidence.contains { !$0.corroborations.isEmpty }) },
        "evidence": { .of($0.evidence) }, "contradictions": { .of($0.contradictions) }, "moreContradictions": { .of($0.moreContradictions) },
    ])
}

struct PropositionsPage: PageContent {
    var propositions: [PropositionRow]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["propositions": { .of($0.propositions) }, "pagination": { .of($0.pagination) }])
}

struct PropositionPage: PageContent {
    var statement: String
    var notes: LazyHTML?
    var affirming: [ClaimCard]
    var moreAffirming: MoreLink?
    var denying: [ClaimCard]
    var moreDenying: MoreLink?

    static let fields = FieldTable<Self>([
        "statement": { .of($0.statement) }, "notes": { .of($0.notes) }, "affirming": { .of($0.affirming) }, "moreAffirming": { .of($0.moreAffirming) },
        "denying": { .of($0.denying) }, "moreDenying": { .of($0.moreDenying) },
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
        "id": { .of($0.id) }, "statement": { .of($0.statement) }, "href": { .of($0.href) }, "pairs": { .of($0.pairs) }, "affirming": { .of($0.affirming) },
        "moreAffirming": { .of($0.moreAffirming) }, "denying": { .of($0.denying) }, "moreDenying": { .of($0.moreDenying) },
        "selfContradicting": { .of($0.selfContradicting) }, "isSelf": { .of(!$0.selfContradicting.isEmpty) },
    ])
}

/// One claim in a cell of the position grid.
struct StanceLink: TemplateModel, Hashable {
    var stance: String
    var href: String
    var summary: String

    static let fields = FieldTable<Self>(["stance": { .of($0.stance) }, "href": { .of($0.href) }, "summary": { .of($0.summary) }])
}

struct GridCell: TemplateModel, Hashable {
    var links: [StanceLink]
    /// The actor both affirms and denies the proposition: a self-contradiction.
    var both: Bool

    static let fields = FieldTable<Self>(["links": { .of($0.links) }, "both": { .of($0.both) }])
}

struct GridRow: TemplateModel, Hashable {
    var actor: EntityLink
    var cells: [GridCell]

    static let fields = FieldTable<Self>(["actor": { .of($0.actor) }, "cells": { .of($0.cells) }])
}

/// Who holds which position: one row per actor, one column per proposition of the page.
struct PositionGrid: TemplateModel, Hashable {
    var columns: [PropositionLink]
    var rows: [GridRow]
    /// What a large dossier's grid leaves out, said in words.
    var omitted: String?

    static let fields = FieldTable<Self>(["columns": { .of($0.columns) }, "rows": { .of($0.rows) }, "omitted": { .of($0.omitted) }])
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
        "grid": { .of($0.grid) },
        "total": { .of($0.total) }, "selfCount": { .of($0.selfCount) }, "groups": { .of($0.groups) }, "explicit": { .of($0.explicit) },
        "moreExplicit": { .of($0.moreExplicit) }, "pagination": { .of($0.pagination) }, "empty": { .of($0.empty) },
        "firstPage": { .of($0.pagination.map { $0.pages.first?.current ?? true } ?? true) },
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
        "articles": { .of($0.articles) }, "hasArticles": { .of(!$0.articles.isEmpty) }, "timeline": { .of($0.timeline) }, "undated": { .of($0.undated) },
        "hasTimeline": { .of(!$0.timeline.isEmpty || !$0.undated.isEmpty) }, "hasUndated": { .of(!$0.undated.isEmpty) },
        "intro": { .of($0.intro) }, "back": { .of($0.back) }, "claims": { .of($0.claims) },
        "entities": { .of($0.entities) }, "contradictions": { .of($0.contradictions) }, "pagination": { .of($0.pagination) },
        "hasEntities": { .of(!$0.entities.isEmpty) },
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
