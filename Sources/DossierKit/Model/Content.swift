// The loaded content: typed values for every file of content/, each knowing where it came from.
import DossierMarkdown

/// A value read from a content file, with the place it was read from (for diagnostics).
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// Markdown text with the line its first line has in its file.
public struct MarkdownText: Sendable {
    public var document: MarkdownDocument
    /// Line in the content file of the Markdown's first line.
    public var firstLine: Int
    public var path: String

    public init(_ source: String, firstLine: Int, path: String, keepingSource: Bool = false) {
        self.document = MarkdownDocument(parsing: source, keepingSource: keepingSource)
        self.firstLine = firstLine
        self.path = path
    }

    public var isBlank: Bool { document.isBlank }

    public func location(ofBlock block: LeafBlock) -> SourceLocation {
        SourceLocation(path: path, line: firstLine + block.line - 1)
    }
}

public struct DossierInfo: Sendable {
    public var title: String
    public var subtitle: String?
    public var language: String
    public var baseURL: String?
    public var summary: MarkdownText?
}

public enum ArticleSource: Sendable, Hashable {
    case outlet(String)
    case actor(String)
    case unknown
}

public struct Article: Sendable {
    public var id: String
    public var path: String
    public var title: String
    public var source: ArticleSource
    /// Where `source` is written, for diagnostics about it.
    public var sourceLocation: SourceLocation
    /// nil when the analyst wrote `unknown`.
    public var published: PartialDate?
    public var url: String?
    public var author: String?
    public var language: String?
    /// Admiralty source grade, A–F.
    public var reliability: String?
    public var body: MarkdownText
}

public enum ActorKind: String, Sendable, CaseIterable {
    case person, organization, state
}

public enum LocationKind: String, Sendable, CaseIterable {
    case country, region, city, place
}

public struct Actor: Sendable {
    public var id: String
    public var path: String
    public var name: Located<String>
    public var kind: ActorKind
    public var aliases: [Located<String>]
    public var role: String?
    public var affiliations: [Located<String>]
    public var wikidata: String?
    public var notes: MarkdownText
}

public struct Location: Sendable {
    public var id: String
    public var path: String
    public var name: Located<String>
    public var kind: LocationKind
    public var aliases: [Located<String>]
    public var latitude: Double?
    public var longitude: Double?
    public var within: Located<String>?
    public var wikidata: String?
    public var notes: MarkdownText
}

public struct Proposition: Sendable {
    public var id: String
    public var path: String
    public var statement: String
    public var notes: MarkdownText
}

public enum Stance: String, Sendable, CaseIterable {
    case affirms, denies

    public var opposite: Stance { self == .affirms ? .denies : .affirms }
}

public struct Evidence: Sendable {
    public var article: Located<String>
    public var quote: Located<String>
}

public struct Claim: Sendable {
    public var id: String
    public var path: String
    public var claimant: Located<String>
    public var summary: String
    public var proposition: Located<String>?
    public var stance: Stance?
    public var date: PartialDate?
    public var location: Located<String>?
    public var about: [Located<String>]
    /// Admiralty information grade, 1–6.
    public var credibility: Int?
    public var contradicts: [Located<String>]
    public var evidence: [Evidence]
    public var notes: MarkdownText
}

/// Everything in content/, sorted by id within each kind.
public struct Corpus: Sendable {
    public var dossier: DossierInfo
    public var articles: [Article]
    public var actors: [Actor]
    public var locations: [Location]
    public var propositions: [Proposition]
    public var claims: [Claim]
    /// Files that are there but did not load (their errors are reported in them): references to their ids still
    /// resolve, so one mistake is reported once, where it is, and not again at every reference.
    public var unloaded = UnloadedIDs()
}

/// The ids, by kind, of content files that failed to load: the file name says the id even when the content is wrong.
public struct UnloadedIDs: Sendable, Hashable {
    public var articles: Set<String> = []
    public var actors: Set<String> = []
    public var locations: Set<String> = []
    public var propositions: Set<String> = []
    public var claims: Set<String> = []

    public init() {}
}
