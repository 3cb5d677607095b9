// One content model per page kind. The layout's keys come from `Layout`; these are the rest.

struct CountItem: TemplateModel, Hashable {
    var label: String
    var value: Int
    var href: String

    static let fields = FieldTable<Self>(["label": { .of($0.pointee.label) }, "value": { .of($0.pointee.value) }, "href": { .of($0.pointee.href) }])
}

/// A proposition with how many claims take each side.
struct PropositionRow: TemplateModel, Hashable {
    var statement: String
    var href: String
    var affirms: String
    var denies: String

    static let fields = FieldTable<Self>([
        "statement": { .of($0.pointee.statement) }, "href": { .of($0.pointee.href) }, "affirms": { .of($0.pointee.affirms) }, "denies": { .of($0.pointee.denies) },
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
        "subtitle": { .of($0.pointee.subtitle) }, "summary": { .of($0.pointee.summary) }, "counts": { .of($0.pointee.counts) }, "contradictions": { .of($0.pointee.contradictions) },
        "hasContradictions": { .of(!$0.pointee.contradictions.isEmpty) }, "moreContradictions": { .of($0.pointee.moreContradictions) },
        "latestArticles": { .of($0.pointee.latestArticles) }, "moreArticles": { .of($0.pointee.moreArticles) }, "keyActors": { .of($0.pointee.keyActors) },
        "moreActors": { .of($0.pointee.moreActors) }, "contested": { .of($0.pointee.contested) }, "hasContested": { .of(!$0.pointee.contested.isEmpty) },
        "moreContested": { .of($0.pointee.moreContested) },
    ])
}

struct NotFoundPage: PageContent {
    static let fields = FieldTable<Self>([:])
}

struct ArticlesPage: PageContent {
    var articles: [ArticleLink]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["articles": { .of($0.pointee.articles) }, "pagination": { .of($0.pointee.pagination) }])
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
        "article": { .of($0.pointee.article) }, "body": { .of($0.pointee.body) }, "entities": { .of($0.pointee.entities) }, "claims": { .of($0.pointee.claims) },
        "author": { .of($0.pointee.author) }, "url": { .of($0.pointee.url) }, "language": { .of($0.pointee.language) }, "reliability": { .of($0.pointee.reliability) },
        "grade": { .of(GradeModel(reliability: $0.pointee.reliability, credibility: nil)) },
        "hasEntities": { .of(!$0.pointee.entities.isEmpty) }, "hasClaims": { .of(!$0.pointee.claims.isEmpty) },
    ])
}

/// A group of entities of one kind in an index (people, organizations, …).
struct EntityGroup: TemplateModel, Hashable {
    var title: String
    var id: String
    var entities: [EntityLink]

    static let fields = FieldTable<Self>(["title": { .of($0.pointee.title) }, "id": { .of($0.pointee.id) }, "entities": { .of($0.pointee.entities) }])
}

struct EntitiesPage: PageContent {
    var groups: [EntityGroup]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["groups": { .of($0.pointee.groups) }, "pagination": { .of($0.pointee.pagination) }])
}

struct VariantRow: TemplateModel, Hashable {
    var text: String
    var count: String
    var outlets: String
    var articles: [ArticleLink]
    /// "and 230 more articles" when the row lists only the first few.
    var moreArticles: String?

    static let fields = FieldTable<Self>([
        "text": { .of($0.pointee.text) }, "count": { .of($0.pointee.count) }, "outlets": { .of($0.pointee.outlets) }, "articles": { .of($0.pointee.articles) },
        "moreArticles": { .of($0.pointee.moreArticles) },
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
        "before": { .of($0.pointee.before) }, "match": { .of($0.pointee.match) }, "after": { .of($0.pointee.after) }, "href": { .of($0.pointee.href) }, "article": { .of($0.pointee.article) },
        "outlet": { .of($0.pointee.outlet) }, "date": { .of($0.pointee.date) },
    ])
}

/// What actor and location pages share.
struct NetworkPage: PageContent {
    var chart: LinkChartModel?

    static let fields = FieldTable<Self>(["chart": { .of($0.pointee.chart) }])
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
        "chart": { .of($0.pointee.chart) },
        "timeline": { .of($0.pointee.timeline) }, "moreTimeline": { .of($0.pointee.moreTimeline) }, "timelineNote": { .of($0.pointee.timelineNote) },
        "hasTimeline": { .of(!$0.pointee.timeline.isEmpty) },
        "aliases": { .of($0.pointee.aliases) }, "variants": { .of($0.pointee.variants) }, "notes": { .of($0.pointee.notes) }, "mentionCount": { .of($0.pointee.mentionCount) },
        "contexts": { .of($0.pointee.contexts) }, "moreContexts": { .of($0.pointee.moreContexts) }, "comentioned": { .of($0.pointee.comentioned) },
        "moreComentioned": { .of($0.pointee.moreComentioned) }, "hasVariants": { .of(!$0.pointee.variants.isEmpty) }, "hasContexts": { .of(!$0.pointee.contexts.isEmpty) },
        "hasComentioned": { .of(!$0.pointee.comentioned.isEmpty) },
    ])
}

struct EntityInfo: TemplateModel, Hashable {
    var name: String
    var kind: String
    var role: String?
    var wikidata: String?
    var coordinates: String?

    static let fields = FieldTable<Self>([
        "name": { .of($0.pointee.name) }, "kind": { .of($0.pointee.kind) }, "role": { .of($0.pointee.role) }, "wikidata": { .of($0.pointee.wikidata) }, "coordinates": { .of($0.pointee.coordinates) },
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
        "published": { .of($0.pointee.published) }, "hasPublished": { .of(!$0.pointee.published.isEmpty) }, "morePublished": { .of($0.pointee.morePublished) },
        "entity": { .of($0.pointee.entity) }, "affiliations": { .of($0.pointee.affiliations) }, "members": { .of($0.pointee.members) }, "claimsMade": { .of($0.pointee.claimsMade) },
        "moreClaimsMade": { .of($0.pointee.moreClaimsMade) }, "contradictions": { .of($0.pointee.contradictions) },
        "moreContradictions": { .of($0.pointee.moreContradictions) }, "claimsAbout": { .of($0.pointee.claimsAbout) }, "moreClaimsAbout": { .of($0.pointee.moreClaimsAbout) },
        "common": { .of($0.pointee.common) },
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
        "entity": { .of($0.pointee.entity) }, "within": { .of($0.pointee.within) }, "contains": { .of($0.pointee.contains) }, "claimsMadeHere": { .of($0.pointee.claimsMadeHere) },
        "moreClaimsMadeHere": { .of($0.pointee.moreClaimsMadeHere) }, "claimsAbout": { .of($0.pointee.claimsAbout) }, "moreClaimsAbout": { .of($0.pointee.moreClaimsAbout) },
        "common": { .of($0.pointee.common) },
    ])
}

struct ClaimsPage: PageContent {
    var claims: [ClaimCard]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["claims": { .of($0.pointee.claims) }, "pagination": { .of($0.pointee.pagination) }])
}

struct DiffChunkModel: TemplateModel, Hashable {
    var text: String
    var operation: DiffOperation

    static let fields = FieldTable<Self>([
        "text": { .of($0.pointee.text) }, "equal": { .of($0.pointee.operation == .equal) }, "insert": { .of($0.pointee.operation == .insert) },
        "delete": { .of($0.pointee.operation == .delete) },
    ])
}

struct CorroborationModel: TemplateModel, Hashable {
    var href: String
    var similarity: String
    var diff: [DiffChunkModel]
    var article: ArticleLink?

    static let fields = FieldTable<Self>([
        "href": { .of($0.pointee.href) }, "similarity": { .of($0.pointee.similarity) }, "diff": { .of($0.pointee.diff) }, "article": { .of($0.pointee.article) },
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
        "grade": { .of($0.pointee.grade) },
        "quote": { .of($0.pointee.quote) }, "number": { .of($0.pointee.number) }, "href": { .of($0.pointee.href) }, "article": { .of($0.pointee.article) },
        "original": { .of($0.pointee.original) }, "corroborations": { .of($0.pointee.corroborations) },
    ])
}

/// A claim that contradicts the page's claim.
struct ContradictingClaim: TemplateModel, Hashable {
    var isSelf: Bool
    var other: ClaimCard

    static let fields = FieldTable<Self>(["self": { .of($0.pointee.isSelf) }, "other": { .of($0.pointee.other) }])
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
        "claim": { .of($0.pointee.claim) }, "place": { .of($0.pointee.place) }, "about": { .of($0.pointee.about) }, "credibility": { .of($0.pointee.credibility) }, "notes": { .of($0.pointee.notes) },
        "grade": { .of(GradeModel(reliability: nil, credibility: $0.pointee.credibility)) },
        "hasGrades": { .of($0.pointee.credibility != nil || $0.pointee.evidence.contains { $0.grade != nil }) },
        "hasDiffs": { .of($0.pointee.evidence.contains { !$0.corroborations.isEmpty }) },
        "evidence": { .of($0.pointee.evidence) }, "contradictions": { .of($0.pointee.contradictions) }, "moreContradictions": { .of($0.pointee.moreContradictions) },
    ])
}

struct PropositionsPage: PageContent {
    var propositions: [PropositionRow]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["propositions": { .of($0.pointee.propositions) }, "pagination": { .of($0.pointee.pagination) }])
}

struct PropositionPage: PageContent {
    var statement: String
    var notes: LazyHTML?
    var affirming: [ClaimCard]
    var moreAffirming: MoreLink?
    var denying: [ClaimCard]
    var moreDenying: MoreLink?

    static let fields = FieldTable<Self>([
        "statement": { .of($0.pointee.statement) }, "notes": { .of($0.pointee.notes) }, "affirming": { .of($0.pointee.affirming) }, "moreAffirming": { .of($0.pointee.moreAffirming) },
        "denying": { .of($0.pointee.denying) }, "moreDenying": { .of($0.pointee.moreDenying) },
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
        "id": { .of($0.pointee.id) }, "statement": { .of($0.pointee.statement) }, "href": { .of($0.pointee.href) }, "pairs": { .of($0.pointee.pairs) }, "affirming": { .of($0.pointee.affirming) },
        "moreAffirming": { .of($0.pointee.moreAffirming) }, "denying": { .of($0.pointee.denying) }, "moreDenying": { .of($0.pointee.moreDenying) },
        "selfContradicting": { .of($0.pointee.selfContradicting) }, "isSelf": { .of(!$0.pointee.selfContradicting.isEmpty) },
    ])
}

/// One claim in a cell of the position grid.
struct StanceLink: TemplateModel, Hashable {
    var stance: String
    var href: String
    var summary: String

    static let fields = FieldTable<Self>(["stance": { .of($0.pointee.stance) }, "href": { .of($0.pointee.href) }, "summary": { .of($0.pointee.summary) }])
}

struct GridCell: TemplateModel, Hashable {
    var links: [StanceLink]
    /// The actor both affirms and denies the proposition: a self-contradiction.
    var both: Bool

    static let fields = FieldTable<Self>(["links": { .of($0.pointee.links) }, "both": { .of($0.pointee.both) }])
}

struct GridRow: TemplateModel, Hashable {
    var actor: EntityLink
    var cells: [GridCell]

    static let fields = FieldTable<Self>(["actor": { .of($0.pointee.actor) }, "cells": { .of($0.pointee.cells) }])
}

/// Who holds which position: one row per actor, one column per proposition of the page.
struct PositionGrid: TemplateModel, Hashable {
    var columns: [PropositionLink]
    var rows: [GridRow]
    /// What a large dossier's grid leaves out, said in words.
    var omitted: String?

    static let fields = FieldTable<Self>(["columns": { .of($0.pointee.columns) }, "rows": { .of($0.pointee.rows) }, "omitted": { .of($0.pointee.omitted) }])
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
        "grid": { .of($0.pointee.grid) },
        "total": { .of($0.pointee.total) }, "selfCount": { .of($0.pointee.selfCount) }, "groups": { .of($0.pointee.groups) }, "explicit": { .of($0.pointee.explicit) },
        "moreExplicit": { .of($0.pointee.moreExplicit) }, "pagination": { .of($0.pointee.pagination) }, "empty": { .of($0.pointee.empty) },
        "firstPage": { .of($0.pointee.pagination.map { $0.pages.first?.current ?? true } ?? true) },
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
        "articles": { .of($0.pointee.articles) }, "hasArticles": { .of(!$0.pointee.articles.isEmpty) }, "timeline": { .of($0.pointee.timeline) }, "undated": { .of($0.pointee.undated) },
        "hasTimeline": { .of(!$0.pointee.timeline.isEmpty || !$0.pointee.undated.isEmpty) }, "hasUndated": { .of(!$0.pointee.undated.isEmpty) },
        "intro": { .of($0.pointee.intro) }, "back": { .of($0.pointee.back) }, "claims": { .of($0.pointee.claims) },
        "entities": { .of($0.pointee.entities) }, "contradictions": { .of($0.pointee.contradictions) }, "pagination": { .of($0.pointee.pagination) },
        "hasEntities": { .of(!$0.pointee.entities.isEmpty) },
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
