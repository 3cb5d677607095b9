// The timeline: articles and dated claims in date order, grouped by month, each at its own precision.
// A date known only to the month is placed at the head of its month, one known only to the year at the
// head of its year, under a heading that says so; nothing is padded to a day. Undated items are apart.

/// One article or claim on a timeline, before it becomes a model.
struct TimelineEntry: Sendable, Hashable {
    enum Kind: Int, Sendable, Hashable {
        case article, claim
    }

    let date: PartialDate?
    let kind: Kind
    let id: String

    /// Date order (a less precise date first among equals: `PartialDate`'s order), then articles before
    /// claims, then by id.
    static func ordered(_ lhs: Self, _ rhs: Self) -> Bool {
        switch (lhs.date, rhs.date) {
        case let (left?, right?) where left != right: return left < right
        case (nil, _?): return false
        case (_?, nil): return true
        default: return (lhs.kind.rawValue, lhs.id) < (rhs.kind.rawValue, rhs.id)
        }
    }
}

struct TimelineItem: TemplateModel, Hashable {
    var date: DateModel
    /// "Article" or "Claim".
    var kind: String
    var title: String
    var href: String
    /// The outlet of an article, the claimant of a claim.
    var detail: String?
    /// In an entity's timeline, how often an article mentions it ("2 mentions"; the link leads to the first).
    var count: String?

    static let fields = FieldTable<Self>([
        "date": .get { .of($0.pointee.date) }, "kind": .get { .of($0.pointee.kind) }, "title": .get { .of($0.pointee.title) }, "href": .get { .of($0.pointee.href) }, "detail": .get { .of($0.pointee.detail) }, "count": .get { .of($0.pointee.count) },
    ])
}

/// The items of one month ("November 2023"), or of one year whose month is not known.
struct TimelineGroup: TemplateModel, Hashable {
    var label: String
    /// "2023-11" or "2023": an id for the group's heading.
    var anchor: String
    var items: [TimelineItem]

    static let fields = FieldTable<Self>(["label": .get { .of($0.pointee.label) }, "anchor": .get { .of($0.pointee.anchor) }, "items": .get { .of($0.pointee.items) }])
}

struct TimelinePage: PageContent {
    var intro: String
    var groups: [TimelineGroup]
    var undated: [TimelineItem]
    var pagination: Pagination?

    static let fields = FieldTable<Self>([
        "intro": .get { .of($0.pointee.intro) }, "groups": .get { .of($0.pointee.groups) }, "undated": .get { .of($0.pointee.undated) }, "hasUndated": .get { .of(!$0.pointee.undated.isEmpty) },
        "hasItems": .get { .of(!$0.pointee.groups.isEmpty || !$0.pointee.undated.isEmpty) }, "pagination": .get { .of($0.pointee.pagination) },
    ])
}

extension RenderIndex {
    /// An entry's model; in an entity's timeline (`mentions`: its articles' groups by id), an article's item
    /// says how often the article mentions the entity and leads to the first mention.
    func timelineItem(_ entry: TimelineEntry, mentions: [String: ArticleGroup] = [:]) -> TimelineItem? {
        switch entry.kind {
        case .article:
            guard let link = articleLinks[entry.id] else { return nil }
            if let group = mentions[entry.id] {
                return TimelineItem(
                    date: link.date, kind: "Article", title: link.title, href: "\(link.href)#p-\(group.firstParagraph)", detail: link.outlet,
                    count: SiteText.plural(group.count, "mention"))
            }
            return TimelineItem(date: link.date, kind: "Article", title: link.title, href: link.href, detail: link.outlet)
        case .claim:
            guard let claim = claims[entry.id] else { return nil }
            return TimelineItem(
                date: DateModel(claim.date), kind: "Claim", title: claim.summary, href: "claims/\(entry.id).html",
                detail: name(of: EntityRef(kind: .actors, id: claim.claimant.value)))
        }
    }

    /// Dated entries (already in order) grouped by month, or by year where the month is not known.
    func timelineGroups(_ entries: some Sequence<TimelineEntry>, mentions: [String: ArticleGroup] = [:]) -> [TimelineGroup] {
        var groups: [TimelineGroup] = []
        for entry in entries {
            guard let date = entry.date, let item = timelineItem(entry, mentions: mentions) else { continue }
            let anchor: String, label: String
            if let month = date.month {
                anchor = String(date.year) + (month < 10 ? "-0" : "-") + String(month)
                label = "\(PartialDate.monthNames[month - 1]) \(date.year)"
            } else {
                anchor = String(date.year)
                label = "\(date.year), month not known"
            }
            if groups.last?.anchor == anchor {
                groups[groups.count - 1].items.append(item)
            } else {
                groups.append(TimelineGroup(label: label, anchor: anchor, items: [item]))
            }
        }
        return groups
    }

    /// Every article, and every claim with a date or evidence, in timeline order; undated ones last.
    static func timeline(articles: [Article], claims: [Claim]) -> [TimelineEntry] {
        let entries =
            articles.map { TimelineEntry(date: $0.published, kind: .article, id: $0.id) }
            + claims.map { TimelineEntry(date: $0.date, kind: .claim, id: $0.id) }
        return entries.sorted(by: TimelineEntry.ordered)
    }

    /// What an entity's timeline holds: the articles that mention it, the claims it made, and the claims
    /// about it or made at it (see `computeTimeline(of:_:_:)`).
    func timeline(of entity: EntityRef) -> [TimelineEntry] { entityTimelines[entity] ?? [] }

    /// An entity's articles' mention groups by article id, for its timeline's items.
    /// Made once per entity with more than a page of articles (each of its timeline's pages asks again).
    func mentionGroups(_ entity: EntityRef) -> [String: ArticleGroup] {
        let make = { Dictionary(self.articleGroups(entity).map { ($0.article, $0) }, uniquingKeysWith: { first, _ in first }) }
        guard (mentionGroupsByEntity[entity]?.count ?? 0) > PageSizes.timeline else { return make() }
        return mentionGroupsMemo.get(entity, make)
    }

    /// The reference for `computeTimeline(of:_:_:)` (a test compares them): the entries made and sorted.
    func timelineBySorting(of entity: EntityRef) -> [TimelineEntry] {
        var claimIDs = Set(claimsAbout[entity.id] ?? [])
        switch entity.kind {
        case .actors: claimIDs.formUnion(claimsByClaimant[entity.id] ?? [])
        case .locations: claimIDs.formUnion(claimsAt[entity.id] ?? [])
        }
        let entries =
            articleGroups(entity).map { TimelineEntry(date: articles[$0.article]?.published, kind: .article, id: $0.article) }
            + claimIDs.map { TimelineEntry(date: claims[$0]?.date, kind: .claim, id: $0) }
        return entries.sorted(by: TimelineEntry.ordered)
    }

    /// The same, from each article's and claim's position in `timeline` (every article and claim, in order).
    func computeTimeline(of entity: EntityRef, _ articlePosition: [String: Int32], _ claimPosition: [String: Int32]) -> [TimelineEntry] {
        var positions: [Int32] = []
        for group in mentionGroupsByEntity[entity] ?? [] {
            if let position = articlePosition[group.article] { positions.append(position) }
        }
        let other = entity.kind == .actors ? claimsByClaimant[entity.id] : claimsAt[entity.id]
        for list in [claimsAbout[entity.id], other] {
            for id in list ?? [] {
                if let position = claimPosition[id] { positions.append(position) }
            }
        }
        positions.sort()
        var entries: [TimelineEntry] = []
        entries.reserveCapacity(positions.count)
        var last: Int32 = -1
        timeline.withUnsafeBufferPointer { timeline in
            // A claim about an actor and made by it is listed once.
            for position in positions where position != last {
                entries.append(timeline[Int(position)])
                last = position
            }
        }
        return entries
    }
}
