// The linked dossier: the corpus plus everything the linker derived from it. Pages render from this.

public enum EntityKind: String, Sendable, Hashable, Comparable {
    case actors, locations

    /// The cases in the order of their names ("actors" < "locations"), compared and hashed as small numbers: a
    /// String-backed enum otherwise hashes and compares its name, on every lookup of an `EntityRef`.
    private var rank: UInt8 {
        switch self {
        case .actors: 0
        case .locations: 1
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    public func hash(into hasher: inout Hasher) { hasher.combine(rank) }
}

/// An actor or a location, written `actors/ID` or `locations/ID`.
public struct EntityRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: EntityKind
    public var id: String

    public var description: String { "\(kind.rawValue)/\(id)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
}

/// Where a piece of Markdown lives: an article body, or the notes of an entry.
public enum TextOwner: Sendable, Hashable, Comparable {
    case article(String)
    case notes(kind: String, id: String)
    case summary

    private var key: String {
        switch self {
        case .article(let id): "0/\(id)"
        case .notes(let kind, let id): "1/\(kind)/\(id)"
        case .summary: "2"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.key < rhs.key }
}

/// One occurrence of an entity's name or alias.
public struct Mention: Sendable, Hashable {
    public var owner: TextOwner
    public var entity: EntityRef
    /// The surface form exactly as written.
    public var text: String
    /// 0-based leaf-block index in the owner's Markdown.
    public var paragraph: Int
    public var leaf: Int
    /// UTF-8 range within the leaf's text.
    public var range: Range<Int>
}

/// Where one evidence quote was found: a range cut into the text leaves it covers.
public struct QuoteLocation: Sendable, Hashable {
    public var paragraph: Int
    public var pieces: [QuotePiece]
}

public struct QuotePiece: Sendable, Hashable {
    public var leaf: Int
    public var range: Range<Int>
    /// Inside the text of a link: no other link may be put here.
    public var inLink: Bool
}

public enum DiffOperation: String, Sendable, Hashable {
    case equal, insert, delete
}

public struct DiffChunk: Sendable, Hashable {
    public var operation: DiffOperation
    public var text: String
}

/// A passage in another article that says (nearly) the same as an evidence quote.
public struct Corroboration: Sendable, Hashable {
    public var article: String
    public var paragraph: Int
    public var passage: String
    public var similarity: Double
    /// Word-level diff from the quote to the passage.
    public var diff: [DiffChunk]
}

public struct EvidenceResult: Sendable, Hashable {
    public var article: String
    public var quote: String
    /// 1-based position in the claim's evidence list: the N of `q-CLAIM-N`.
    public var number: Int
    public var location: QuoteLocation?
    public var corroborations: [Corroboration]

    public var verified: Bool { location != nil }
}

public enum ContradictionKind: String, Sendable, Hashable {
    case betweenActors = "between-actors"
    case selfContradiction = "self"
}

public struct Contradiction: Sendable, Hashable {
    /// The two claims, in id order.
    public var first: String
    public var second: String
    public var kind: ContradictionKind
    /// The proposition both take opposite stances on, when that is how it arose.
    public var proposition: String?
    /// Listed in `contradicts` by one of the claims.
    public var explicit: Bool
    public var firstDate: PartialDate?
    public var secondDate: PartialDate?
}

/// One spelling of an entity's name and who used it.
public struct NamingVariant: Sendable, Hashable {
    public var text: String
    public var count: Int
    public var articles: [String]
    public var outlets: [String]
}

public struct Cooccurrence: Sendable, Hashable {
    public var first: EntityRef
    public var second: EntityRef
    /// Number of paragraphs that mention both.
    public var count: Int
}

public struct Dossier: Sendable {
    public var corpus: Corpus
    /// Each text's mentions, in text order (paragraph, leaf, range). Held once: the renderer's index
    /// shares these arrays rather than grouping a copy.
    public var mentionsByOwner: [TextOwner: [Mention]]
    /// The texts that have mentions, articles by id first, then notes: the order of `mentions`.
    public var mentionOwners: [TextOwner]
    public var mentionCount: Int
    /// Every mention, text after text (built on each call).
    public var mentions: [Mention] { mentionOwners.flatMap { mentionsByOwner[$0] ?? [] } }
    /// Per claim id, one result per evidence entry, in the claim's order.
    public var evidence: [String: [EvidenceResult]]
    /// Sorted by (first, second).
    public var contradictions: [Contradiction]
    public var variants: [EntityRef: [NamingVariant]]
    public var cooccurrences: [Cooccurrence]
    /// Searchable article text the linker built (only when there were quotes to check); the renderer
    /// reuses it rather than building it again.
    var articleTexts: [String: ArticleText] = [:]
    /// What the previous build of a session indexed for rendering, for the render index to reuse.
    var indexMemory: IndexMemory?
}
