// One content model per page kind. The layout's keys come from `Layout`; these are the rest.

struct CountItem: TemplateModel, Hashable {
    var label: String
    var value: Int
    var href: String

    static let fields = FieldTable<Self>(["label": .get { .of($0.pointee.label) }, "value": .get { .of($0.pointee.value) }, "href": .get { .of($0.pointee.href) }])
}

/// A proposition with how many claims take each side.
struct PropositionRow: TemplateModel, Hashable {
    var statement: String
    var href: String
    var affirms: String
    var denies: String

    static let fields = FieldTable<Self>([
        "statement": .get { .of($0.pointee.statement) }, "href": .get { .of($0.pointee.href) }, "affirms": .get { .of($0.pointee.affirms) }, "denies": .get { .of($0.pointee.denies) },
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
        "subtitle": .get { .of($0.pointee.subtitle) }, "summary": .get { .of($0.pointee.summary) }, "counts": .get { .of($0.pointee.counts) }, "contradictions": .get { .of($0.pointee.contradictions) },
        "hasContradictions": .get { .of(!$0.pointee.contradictions.isEmpty) }, "moreContradictions": .get { .of($0.pointee.moreContradictions) },
        "latestArticles": .get { .of($0.pointee.latestArticles) }, "moreArticles": .get { .of($0.pointee.moreArticles) }, "keyActors": .get { .of($0.pointee.keyActors) },
        "moreActors": .get { .of($0.pointee.moreActors) }, "contested": .get { .of($0.pointee.contested) }, "hasContested": .get { .of(!$0.pointee.contested.isEmpty) },
        "moreContested": .get { .of($0.pointee.moreContested) },
    ])
}

struct NotFoundPage: PageContent {
    static let fields = FieldTable<Self>([:])
}

struct ArticlesPage: PageContent {
    var articles: [ArticleLink]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["articles": .get { .of($0.pointee.articles) }, "pagination": .get { .of($0.pointee.pagination) }])
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
        "article": .get { .of($0.pointee.article) }, "body": .get { .of($0.pointee.body) }, "entities": .get { .of($0.pointee.entities) }, "claims": .get { .of($0.pointee.claims) },
        "author": .get { .of($0.pointee.author) }, "url": .get { .of($0.pointee.url) }, "language": .get { .of($0.pointee.language) }, "reliability": .get { .of($0.pointee.reliability) },
        "grade": .get { .of(GradeModel(reliability: $0.pointee.reliability, credibility: nil)) },
        "hasEntities": .get { .of(!$0.pointee.entities.isEmpty) }, "hasClaims": .get { .of(!$0.pointee.claims.isEmpty) },
    ])
}

/// A group of entities of one kind in an index (people, organizations, …).
struct EntityGroup: TemplateModel, Hashable {
    var title: String
    var id: String
    var entities: [EntityLink]

    static let fields = FieldTable<Self>(["title": .get { .of($0.pointee.title) }, "id": .get { .of($0.pointee.id) }, "entities": .get { .of($0.pointee.entities) }])
}

struct EntitiesPage: PageContent {
    var groups: [EntityGroup]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["groups": .get { .of($0.pointee.groups) }, "pagination": .get { .of($0.pointee.pagination) }])
}

struct VariantRow: TemplateModel, Hashable {
    var text: String
    var count: String
    var outlets: String
    var articles: [ArticleLink]
    /// "and 230 more articles" when the row lists only the first few.
    var moreArticles: String?

    static let fields = FieldTable<Self>([
        "text": .get { .of($0.pointee.text) }, "count": .get { .of($0.pointee.count) }, "outlets": .get { .of($0.pointee.outlets) }, "articles": .get { .of($0.pointee.articles) },
        "moreArticles": .get { .of($0.pointee.moreArticles) },
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
        "before": .get { .of($0.pointee.before) }, "match": .get { .of($0.pointee.match) }, "after": .get { .of($0.pointee.after) }, "href": .get { .of($0.pointee.href) }, "article": .get { .of($0.pointee.article) },
        "outlet": .get { .of($0.pointee.outlet) }, "date": .get { .of($0.pointee.date) },
    ])
}

/// What actor and location pages share.
struct NetworkPage: PageContent {
    var chart: LinkChartModel?

    static let fields = FieldTable<Self>(["chart": .get { .of($0.pointee.chart) }])
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
        "chart": .get { .of($0.pointee.chart) },
        "timeline": .get { .of($0.pointee.timeline) }, "moreTimeline": .get { .of($0.pointee.moreTimeline) }, "timelineNote": .get { .of($0.pointee.timelineNote) },
        "hasTimeline": .get { .of(!$0.pointee.timeline.isEmpty) },
        "aliases": .get { .of($0.pointee.aliases) }, "variants": .get { .of($0.pointee.variants) }, "notes": .get { .of($0.pointee.notes) }, "mentionCount": .get { .of($0.pointee.mentionCount) },
        "contexts": .get { .of($0.pointee.contexts) }, "moreContexts": .get { .of($0.pointee.moreContexts) }, "comentioned": .get { .of($0.pointee.comentioned) },
        "moreComentioned": .get { .of($0.pointee.moreComentioned) }, "hasVariants": .get { .of(!$0.pointee.variants.isEmpty) }, "hasContexts": .get { .of(!$0.pointee.contexts.isEmpty) },
        "hasComentioned": .get { .of(!$0.pointee.comentioned.isEmpty) },
    ])
}

struct EntityInfo: TemplateModel, Hashable {
    var name: String
    var kind: String
    var role: String?
    var wikidata: String?
    var coordinates: String?

    static let fields = FieldTable<Self>([
        "name": .get { .of($0.pointee.name) }, "kind": .get { .of($0.pointee.kind) }, "role": .get { .of($0.pointee.role) }, "wikidata": .get { .of($0.pointee.wikidata) }, "coordinates": .get { .of($0.pointee.coordinates) },
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
        "published": .get { .of($0.pointee.published) }, "hasPublished": .get { .of(!$0.pointee.published.isEmpty) }, "morePublished": .get { .of($0.pointee.morePublished) },
        "entity": .get { .of($0.pointee.entity) }, "affiliations": .get { .of($0.pointee.affiliations) }, "members": .get { .of($0.pointee.members) }, "claimsMade": .get { .of($0.pointee.claimsMade) },
        "moreClaimsMade": .get { .of($0.pointee.moreClaimsMade) }, "contradictions": .get { .of($0.pointee.contradictions) },
        "moreContradictions": .get { .of($0.pointee.moreContradictions) }, "claimsAbout": .get { .of($0.pointee.claimsAbout) }, "moreClaimsAbout": .get { .of($0.pointee.moreClaimsAbout) },
        "common": .get { .of($0.pointee.common) },
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
        "entity": .get { .of($0.pointee.entity) }, "within": .get { .of($0.pointee.within) }, "contains": .get { .of($0.pointee.contains) }, "claimsMadeHere": .get { .of($0.pointee.claimsMadeHere) },
        "moreClaimsMadeHere": .get { .of($0.pointee.moreClaimsMadeHere) }, "claimsAbout": .get { .of($0.pointee.claimsAbout) }, "moreClaimsAbout": .get { .of($0.pointee.moreClaimsAbout) },
        "common": .get { .of($0.pointee.common) },
    ])
}

struct ClaimsPage: PageContent {
    var claims: [ClaimCard]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["claims": .get { .of($0.pointee.claims) }, "pagination": .get { .of($0.pointee.pagination) }])
}

struct DiffChunkModel: TemplateModel, Hashable {
    var text: String
    var operation: DiffOperation

    static let fields = FieldTable<Self>([
        "text": .get { .of($0.pointee.text) }, "equal": .get { .of($0.pointee.operation == .equal) }, "insert": .get { .of($0.pointee.operation == .insert) },
        "delete": .get { .of($0.pointee.operation == .delete) },
    ])
}

struct CorroborationModel: TemplateModel, Hashable {
    var href: String
    var similarity: String
    var diff: [DiffChunkModel]
    var article: ArticleLink?

    static let fields = FieldTable<Self>([
        "href": .get { .of($0.pointee.href) }, "similarity": .get { .of($0.pointee.similarity) }, "diff": .get { .of($0.pointee.diff) }, "article": .get { .of($0.pointee.article) },
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
        "grade": .get { .of($0.pointee.grade) },
        "quote": .get { .of($0.pointee.quote) }, "number": .get { .of($0.pointee.number) }, "href": .get { .of($0.pointee.href) }, "article": .get { .of($0.pointee.article) },
        "original": .get { .of($0.pointee.original) }, "corroborations": .get { .of($0.pointee.corroborations) },
    ])
}

/// A claim that contradicts the page's claim.
struct ContradictingClaim: TemplateModel, Hashable {
    var isSelf: Bool
    var other: ClaimCard

    static let fields = FieldTable<Self>(["self": .get { .of($0.pointee.isSelf) }, "other": .get { .of($0.pointee.other) }])
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
        "claim": .get { .of($0.pointee.claim) }, "place": .get { .of($0.pointee.place) }, "about": .get { .of($0.pointee.about) }, "credibility": .get { .of($0.pointee.credibility) }, "notes": .get { .of($0.pointee.notes) },
        "grade": .get { .of(GradeModel(reliability: nil, credibility: $0.pointee.credibility)) },
        "hasGrades": .get { .of($0.pointee.credibility != nil || $0.pointee.evidence.contains { $0.grade != nil }) },
        "hasDiffs": .get { .of($0.pointee.evidence.contains { !$0.corroborations.isEmpty }) },
        "evidence": .get { .of($0.pointee.evidence) }, "contradictions": .get { .of($0.pointee.contradictions) }, "moreContradictions": .get { .of($0.pointee.moreContradictions) },
    ])
}

struct PropositionsPage: PageContent {
    var propositions: [PropositionRow]
    var pagination: Pagination?

    static let fields = FieldTable<Self>(["propositions": .get { .of($0.pointee.propositions) }, "pagination": .get { .of($0.pointee.pagination) }])
}

struct PropositionPage: PageContent {
    var statement: String
    var notes: LazyHTML?
    var affirming: [ClaimCard]
    var moreAffirming: MoreLink?
    var denying: [ClaimCard]
    var moreDenying: MoreLink?

    static let fields = FieldTable<Self>([
        "statement": .get { .of($0.pointee.statement) }, "notes": .get { .of($0.pointee.notes) }, "affirming": .get { .of($0.pointee.affirming) }, "moreAffirming": .get { .of($0.pointee.moreAffirming) },
        "denying": .get { .of($0.pointee.denying) }, "moreDenying": .get { .of($0.pointee.moreDenying) },
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
        "id": .get { .of($0.pointee.id) }, "statement": .get { .of($0.pointee.statement) }, "href": .get { .of($0.pointee.href) }, "pairs": .get { .of($0.pointee.pairs) }, "affirming": .get { .of($0.pointee.affirming) },
        "moreAffirming": .get { .of($0.pointee.moreAffirming) }, "denying": .get { .of($0.pointee.denying) }, "moreDenying": .get { .of($0.pointee.moreDenying) },
        "selfContradicting": .get { .of($0.pointee.selfContradicting) }, "isSelf": .get { .of(!$0.pointee.selfContradicting.isEmpty) },
    ])
}

/// One claim in a cell of the position grid.
struct StanceLink: TemplateModel, Hashable {
    var stance: String
    var href: String
    var summary: String

    static let fields = FieldTable<Self>(["stance": .get { .of($0.pointee.stance) }, "href": .get { .of($0.pointee.href) }, "summary": .get { .of($0.pointee.summary) }])
}

struct GridCell: TemplateModel, Hashable {
    var links: [StanceLink]
    /// The actor both affirms and denies the proposition: a self-contradiction.
    var both: Bool

    static let fields = FieldTable<Self>(["links": .get { .of($0.pointee.links) }, "both": .get { .of($0.pointee.both) }])
}

struct GridRow: TemplateModel, Hashable {
    var actor: EntityLink
    var cells: [GridCell]

    static let fields = FieldTable<Self>(["actor": .get { .of($0.pointee.actor) }, "cells": .get { .of($0.pointee.cells) }])
}

/// Who holds which position: one row per actor, one column per proposition of the page.
struct PositionGrid: TemplateModel, Hashable {
    var columns: [PropositionLink]
    var rows: [GridRow]
    /// What a large dossier's grid leaves out, said in words.
    var omitted: String?

    static let fields = FieldTable<Self>(["columns": .get { .of($0.pointee.columns) }, "rows": .get { .of($0.pointee.rows) }, "omitted": .get { .of($0.pointee.omitted) }])
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
        "grid": .get { .of($0.pointee.grid) },
        "total": .get { .of($0.pointee.total) }, "selfCount": .get { .of($0.pointee.selfCount) }, "groups": .get { .of($0.pointee.groups) }, "explicit": .get { .of($0.pointee.explicit) },
        "moreExplicit": .get { .of($0.pointee.moreExplicit) }, "pagination": .get { .of($0.pointee.pagination) }, "empty": .get { .of($0.pointee.empty) },
        "firstPage": .get { .of($0.pointee.pagination.map { $0.pages.first?.current ?? true } ?? true) },
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
        "articles": .get { .of($0.pointee.articles) }, "hasArticles": .get { .of(!$0.pointee.articles.isEmpty) }, "timeline": .get { .of($0.pointee.timeline) }, "undated": .get { .of($0.pointee.undated) },
        "hasTimeline": .get { .of(!$0.pointee.timeline.isEmpty || !$0.pointee.undated.isEmpty) }, "hasUndated": .get { .of(!$0.pointee.undated.isEmpty) },
        "intro": .get { .of($0.pointee.intro) }, "back": .get { .of($0.pointee.back) }, "claims": .get { .of($0.pointee.claims) },
        "entities": .get { .of($0.pointee.entities) }, "contradictions": .get { .of($0.pointee.contradictions) }, "pagination": .get { .of($0.pointee.pagination) },
        "hasEntities": .get { .of(!$0.pointee.entities.isEmpty) },
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
