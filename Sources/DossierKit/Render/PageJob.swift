// The job list: every page of the site, with its path, in a fixed order.

/// A full list shortened on another page: `<folder>/<owner>.<name>.html`, then `.2.html`, `.3.html`…
/// (ids never contain a dot, so these names cannot collide with a page of their own).
struct ListRef: Hashable, Sendable {
    var folder: String
    var owner: String
    var name: String

    func path(page: Int) -> String {
        let stem = name.isEmpty ? "\(folder)/\(owner)" : "\(folder)/\(owner).\(name)"
        return page > 1 ? "\(stem).\(page).html" : "\(stem).html"
    }
}

enum IndexSection: String, Sendable, CaseIterable {
    case articles, actors, locations, claims, propositions, contradictions

    /// `articles/index.html`, then `articles/index.2.html`…
    func path(page: Int) -> String { page > 1 ? "\(rawValue)/index.\(page).html" : "\(rawValue)/index.html" }
}

enum PageJob: Hashable, Sendable {
    case home
    case notFound
    case index(IndexSection, page: Int)
    case article(String)
    case actor(String)
    case location(String)
    case claim(String)
    case proposition(String)
    case list(ListRef, page: Int)
    case timeline(page: Int)
    case search
    case network

    var path: String {
        switch self {
        case .home: "index.html"
        case .notFound: "404.html"
        case .index(let section, let page): section.path(page: page)
        case .article(let id): "articles/\(id).html"
        case .actor(let id): "actors/\(id).html"
        case .location(let id): "locations/\(id).html"
        case .claim(let id): "claims/\(id).html"
        case .proposition(let id): "propositions/\(id).html"
        case .list(let list, let page): list.path(page: page)
        case .timeline(let page): Self.timelinePath(page: page)
        case .search: "search.html"
        case .network: "network.html"
        }
    }

    /// `timeline.html`, then `timeline.2.html`…
    static func timelinePath(page: Int) -> String { page > 1 ? "timeline.\(page).html" : "timeline.html" }
}

/// How many items a page shows: full lists are paginated at these sizes, and lists shortened on a
/// page show at most `short…` items before the link to the full list.
enum PageSizes {
    static let index = 100
    static let cards = 25
    static let entities = 100
    static let contradictions = 20
    static let contestedGroups = 10
    /// The position grid on the contradictions index: propositions (columns) and actors (rows).
    static let gridColumns = 12
    static let gridRows = 60
    static let timeline = 100
    /// A list of more pages than this links to a window of them (see `PageBuilder.shownPages`).
    static let allPageLinks = 9
    static let shortTimeline = 12

    static let shortCards = 10
    static let shortContexts = 10
    static let shortNeighbours = 20
    static let shortContradictions = 10
    static let shortVariantArticles = 5
    static let shortSides = 10

    static let homeContradictions = 10
    static let homeArticles = 10
    static let homeActors = 8
    static let homeContested = 5

    static func pages(_ count: Int, _ size: Int) -> Int { max(1, (count + size - 1) / size) }
}
