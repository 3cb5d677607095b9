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

/// An actor's or location's timeline: its entries' positions in the whole timeline (`RenderIndex.timeline`), and
/// for each article the place of its mention group in the entity's `mentionGroupsByEntity` (-1 for a claim).
struct EntityTimeline: Sendable {
    var positions: [Int32] = []
    var groups: [Int32] = []

    var count: Int { positions.count }
}

extension RenderIndex {
    /// An entry's model (the whole timeline's items are made once: `timelineItems`).
    func timelineItem(_ entry: TimelineEntry) -> TimelineItem? {
        switch entry.kind {
        case .article:
            guard let link = articleLinks[entry.id] else { return nil }
            return TimelineItem(date: link.date, kind: "Article", title: link.title, href: link.href, detail: link.outlet)
        case .claim:
            guard let claim = claims[entry.id] else { return nil }
            return TimelineItem(
                date: DateModel(claim.date), kind: "Claim", title: claim.summary, href: "claims/\(entry.id).html",
                detail: name(of: EntityRef(kind: .actors, id: claim.claimant.value)))
        }
    }

    /// The items of the whole timeline's entries `range`, with their dates.
    func timelineItems(_ range: Range<Int>) -> [(date: PartialDate?, item: TimelineItem)] {
        range.compactMap { position in timelineItems[position].map { (timeline[position].date, $0) } }
    }

    /// The items of an entity's timeline entries `range`, with their dates: an article's item says how often
    /// the article mentions the entity and leads to the first mention.
    func timelineItems(of entity: EntityRef, _ range: Range<Int>) -> [(date: PartialDate?, item: TimelineItem)] {
        guard let entityTimeline = entityTimelines[entity] else { return [] }
        let groups = mentionGroupsByEntity[entity] ?? []
        var items: [(date: PartialDate?, item: TimelineItem)] = []
        items.reserveCapacity(range.count)
        for offset in range {
            let position = Int(entityTimeline.positions[offset])
            guard var item = timelineItems[position] else { continue }
            let group = Int(entityTimeline.groups[offset])
            if group >= 0, group < groups.count, let first = groups[group].mentions.first {
                item.href += "#p-\(first.paragraph)"
                item.count = SiteText.plural(groups[group].mentions.count, "mention")
            }
            items.append((timeline[position].date, item))
        }
        return items
    }

    /// Dated items (already in order) grouped by month, or by year where the month is not known.
    func timelineGroups(_ items: some Sequence<(date: PartialDate?, item: TimelineItem)>) -> [TimelineGroup] {
        var groups: [TimelineGroup] = []
        for (date, item) in items {
            guard let date else { continue }
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
    func timeline(of entity: EntityRef) -> [TimelineEntry] { (entityTimelines[entity]?.positions ?? []).map { timeline[Int($0)] } }

    /// How many entries an entity's timeline has.
    func timelineCount(of entity: EntityRef) -> Int { entityTimelines[entity]?.count ?? 0 }

    /// How many of an entity's timeline entries are dated (they come first: `TimelineEntry.ordered`).
    func datedTimelineCount(of entity: EntityRef) -> Int {
        guard let positions = entityTimelines[entity]?.positions else { return 0 }
        return (positions.lastIndex { timeline[Int($0)].date != nil }).map { $0 + 1 } ?? 0
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

    /// The same, from each article's and claim's position in `timeline` (every article and claim, in order),
    /// with each article's mention group (`EntityTimeline`).
    func computeTimeline(of entity: EntityRef, _ articlePosition: [String: Int32], _ claimPosition: [String: Int32]) -> EntityTimeline {
        // (position, group) in one number, so that sorting orders by position, then group.
        var keys: [Int64] = []
        for (group, run) in (mentionGroupsByEntity[entity] ?? []).enumerated() {
            if let position = articlePosition[run.article] { keys.append(Int64(position) << 32 | Int64(group)) }
        }
        let other = entity.kind == .actors ? claimsByClaimant[entity.id] : claimsAt[entity.id]
        for list in [claimsAbout[entity.id], other] {
            for id in list ?? [] {
                if let position = claimPosition[id] { keys.append(Int64(position) << 32 | Int64(UInt32.max)) }
            }
        }
        keys.sort()
        var result = EntityTimeline()
        result.positions.reserveCapacity(keys.count)
        result.groups.reserveCapacity(keys.count)
        var last: Int32 = -1
        // A claim about an actor and made by it is listed once; an article whose mentions are in two runs, with
        // its first.
        for key in keys {
            let position = Int32(truncatingIfNeeded: key >> 32)
            guard position != last else { continue }
            let group = UInt32(truncatingIfNeeded: key)
            result.positions.append(position)
            result.groups.append(group == UInt32.max ? -1 : Int32(group))
            last = position
        }
        return result
    }
}
