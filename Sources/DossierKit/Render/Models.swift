import Foundation

// The pieces pages share: dates, links, claim cards, contradictions, the layout, pagination.
// Every href here is relative to the site root; templates write `{{root}}{{href}}`, so one value serves
// pages at any depth and a claim card is built once per build.

struct DateModel: TemplateModel, Hashable {
    var display: String
    var iso: String?
    var known: Bool

    init(_ date: PartialDate?) {
        display = date?.display ?? "date unknown"
        iso = date?.description
        known = date != nil
    }

    static let fields = FieldTable<Self>(["display": .get { .of($0.pointee.display) }, "iso": .get { .of($0.pointee.iso) }, "known": .get { .of($0.pointee.known) }])
}

struct EntityLink: TemplateModel, Hashable {
    var name: String
    var href: String
    var key: String
    /// A role, "in Serbia", or another short description.
    var detail: String?
    /// "3 mentions", "2 paragraphs", "4×".
    var count: String?

    static let fields = FieldTable<Self>([
        "name": .get { .of($0.pointee.name) }, "href": .get { .of($0.pointee.href) }, "key": .get { .of($0.pointee.key) }, "detail": .get { .of($0.pointee.detail) }, "count": .get { .of($0.pointee.count) },
    ])
}

struct ArticleLink: TemplateModel, Hashable {
    var id: String
    var title: String
    var href: String
    var outlet: String
    /// The outlet's actor page, when the outlet is an actor of the dossier (`source: mia`).
    var outletHref: String?
    var date: DateModel

    static let fields = FieldTable<Self>([
        "id": .get { .of($0.pointee.id) }, "title": .get { .of($0.pointee.title) }, "href": .get { .of($0.pointee.href) }, "outlet": .get { .of($0.pointee.outlet) }, "outletHref": .get { .of($0.pointee.outletHref) },
        "date": .get { .of($0.pointee.date) },
    ])
}

struct PropositionLink: TemplateModel, Hashable {
    var statement: String
    var href: String

    static let fields = FieldTable<Self>(["statement": .get { .of($0.pointee.statement) }, "href": .get { .of($0.pointee.href) }])
}

/// A claim as every list shows it: built once per build and shared by every page that lists the claim.
struct ClaimCard: TemplateModel, Hashable {
    var id: String
    var href: String
    var summary: String
    var claimant: EntityLink
    var date: DateModel
    var stance: String?
    var proposition: PropositionLink?
    var quote: String?
    var quoteHref: String?
    var quoteSource: String?
    /// The title of the article the quote link leads to.
    var quoteTitle: String?
    /// "3 articles from 2 outlets" (see `PartialIndex.carriedBy`).
    var carriedBy: String
    /// The root of the pages this copy of the card is for ("../" or "").
    var root: String = "../"
    /// The card rendered through the claim-card template, once per build and root, shared by every page.
    var html: LazyHTML?

    static let fields = FieldTable<Self>([
        "root": .get { .of($0.pointee.root) }, "html": .get { .of($0.pointee.html) },
        "id": .get { .of($0.pointee.id) }, "href": .get { .of($0.pointee.href) }, "summary": .get { .of($0.pointee.summary) }, "claimant": .get { .of($0.pointee.claimant) }, "date": .get { .of($0.pointee.date) },
        "stance": .get { .of($0.pointee.stance) }, "proposition": .get { .of($0.pointee.proposition) }, "quote": .get { .of($0.pointee.quote) }, "quoteHref": .get { .of($0.pointee.quoteHref) },
        "quoteSource": .get { .of($0.pointee.quoteSource) }, "quoteTitle": .get { .of($0.pointee.quoteTitle) }, "carriedBy": .get { .of($0.pointee.carriedBy) },
    ])
}

struct ContradictionModel: TemplateModel, Hashable {
    var isSelf: Bool
    var explicit: Bool
    var kind: String
    var first: ClaimCard?
    var second: ClaimCard?
    var proposition: PropositionLink?

    static let fields = FieldTable<Self>([
        "self": .get { .of($0.pointee.isSelf) }, "explicit": .get { .of($0.pointee.explicit) }, "kind": .get { .of($0.pointee.kind) }, "first": .get { .of($0.pointee.first) }, "second": .get { .of($0.pointee.second) },
        "proposition": .get { .of($0.pointee.proposition) },
    ])
}

/// An Admiralty grade: the source's reliability (A–F), the information's credibility (1–6), or both
/// together ("B2") where a claim's quote comes from a graded article.
struct GradeModel: TemplateModel, Hashable {
    var code: String
    /// "usually reliable source; information probably true".
    var meaning: String

    init?(reliability: String?, credibility: Int?) {
        let letter = reliability.flatMap { SiteText.reliabilityMeanings[$0] }
        let digit = credibility.flatMap { SiteText.credibilityMeanings[$0] }
        guard letter != nil || digit != nil else { return nil }
        code = (letter == nil ? "" : reliability ?? "") + (digit == nil ? "" : credibility.map(String.init) ?? "")
        meaning = [letter.map { "\($0) source" }, digit.map { "information \($0)" }].compactMap { $0 }.joined(separator: "; ")
    }

    static let fields = FieldTable<Self>(["code": .get { .of($0.pointee.code) }, "meaning": .get { .of($0.pointee.meaning) }])
}

/// A value computed once by whichever thread first needs it, then shared.
final class Memo<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}

/// "All 230 claims made": the way from a shortened list on a page to the full, paginated list.
struct MoreLink: TemplateModel, Hashable {
    var href: String
    var label: String

    static let fields = FieldTable<Self>(["href": .get { .of($0.pointee.href) }, "label": .get { .of($0.pointee.label) }])
}

struct PageLink: TemplateModel, Hashable {
    var number: Int
    var href: String
    var current: Bool
    /// Pages are left out between the one before and this one.
    var gap = false

    static let fields = FieldTable<Self>([
        "number": .get { .of($0.pointee.number) }, "href": .get { .of($0.pointee.href) }, "current": .get { .of($0.pointee.current) }, "gap": .get { .of($0.pointee.gap) },
    ])
}

/// Numbered links to the pages of a list (all, or a window around the current one with gaps marked);
/// present only when the list has more than one page.
struct Pagination: TemplateModel, Hashable {
    var pages: [PageLink]
    var previous: PageLink?
    var next: PageLink?
    /// "Page 2 of 7 (items 101–200 of 650)".
    var label: String

    static let fields = FieldTable<Self>([
        "pages": .get { .of($0.pointee.pages) }, "previous": .get { .of($0.pointee.previous) }, "next": .get { .of($0.pointee.next) }, "label": .get { .of($0.pointee.label) },
    ])
}

struct NavItem: TemplateModel, Hashable {
    var title: String
    var href: String
    var current: Bool

    static let fields = FieldTable<Self>(["title": .get { .of($0.pointee.title) }, "href": .get { .of($0.pointee.href) }, "current": .get { .of($0.pointee.current) }])
}

struct Crumb: TemplateModel, Hashable {
    var title: String
    var href: String?
    var current: Bool

    static let fields = FieldTable<Self>(["title": .get { .of($0.pointee.title) }, "href": .get { .of($0.pointee.href) }, "current": .get { .of($0.pointee.current) }])
}

/// What the shared layout reads: the head, the header, the breadcrumbs.
struct Layout: TemplateModel, Hashable {
    /// Leads from the page back to the site root: "" or "../".
    var root: String
    var lang: String
    var siteTitle: String
    var pageTitle: String
    var heading: String
    var description: String
    var section: String
    var nav: [NavItem]
    var breadcrumbs: [Crumb]
    var jsonld: String
    var canonical: String?

    static let fields = FieldTable<Self>([
        "root": .get { .of($0.pointee.root) }, "lang": .get { .of($0.pointee.lang) }, "siteTitle": .get { .of($0.pointee.siteTitle) }, "pageTitle": .get { .of($0.pointee.pageTitle) },
        "heading": .get { .of($0.pointee.heading) }, "description": .get { .of($0.pointee.description) }, "section": .get { .of($0.pointee.section) }, "nav": .get { .of($0.pointee.nav) },
        "breadcrumbs": .get { .of($0.pointee.breadcrumbs) }, "hasBreadcrumbs": .get { .of(!$0.pointee.breadcrumbs.isEmpty) }, "jsonld": .get { .of($0.pointee.jsonld) },
        "canonical": .get { .of($0.pointee.canonical) },
    ])
}

/// A page's own content model.
protocol PageContent: TemplateModel, Hashable {}

/// A whole page: its content, then the layout. Equal pages render to equal bytes.
struct Page: Sendable, Equatable {
    var template: String
    var layout: Layout
    var content: any PageContent

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.template == rhs.template && lhs.layout == rhs.layout && AnyHashable(lhs.content) == AnyHashable(rhs.content)
    }

    /// A 64-bit digest of the whole model (SipHash, seeded once per process): what a build session keeps
    /// of each page instead of the model, to tell whether the page changed. Two different models give the
    /// same digest with a chance of about 1 in 2^64.
    var digest: Int {
        var hasher = Hasher()
        hasher.combine(template)
        hasher.combine(layout)
        hasher.combine(AnyHashable(content))
        return hasher.finalize()
    }
}

