// What `dossier suggest` proposes for the registry: unknown names, missing aliases and unclaimed statements.

/// One place in an article that a suggestion rests on.
public struct SuggestionEvidence: Sendable, Hashable {
    /// The article file, as diagnostics name it.
    public var path: String
    public var line: Int
    public var article: String
    /// The text around the place, on one line.
    public var excerpt: String
}

/// What the text suggests a name stands for.
public enum NameGuess: String, Sendable, Hashable, CaseIterable {
    case person, organization, place, unknown
}

/// A name the articles use that no actor or location has.
public struct UnknownNameSuggestion: Sendable, Hashable {
    /// As most often written.
    public var name: String
    public var guess: NameGuess
    public var count: Int
    /// The first few places it is written, in article and line order.
    public var evidence: [SuggestionEvidence]
}

/// A spelling of a known name the articles use that is not yet an alias.
public struct AliasSuggestion: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable {
        /// A transliteration or a near spelling of a name or alias.
        case spelling
        /// The surname alone of a person's name or alias.
        case surname
    }

    public var entity: EntityRef
    /// The entity's file, as diagnostics name it.
    public var path: String
    /// The spelling as most often written.
    public var alias: String
    public var reason: Reason
    /// The name or alias it is a spelling or part of.
    public var resembles: String
    /// The entity's aliases as they are now, to add `alias` to.
    public var aliases: [String]
    public var count: Int
    public var evidence: [SuggestionEvidence]
}

/// A quotation attributed to a known actor that no claim cites: a claim stub.
public struct StatementSuggestion: Sendable, Hashable {
    /// A file name for the claim (without `.md`), unique among the claims and the other suggestions.
    public var id: String
    public var claimant: String
    /// The speaker as the text names them.
    public var speaker: String
    /// The earliest publication date of the articles quoting it.
    public var date: PartialDate?
    public var quote: String
    /// The articles that carry the quote, in id order (each with the quote as it writes it).
    public var citations: [StatementCitation]
    public var count: Int { citations.count }
    public var evidence: [SuggestionEvidence]
}

public struct StatementCitation: Sendable, Hashable {
    public var article: String
    public var quote: String
}

public struct RegistrySuggestions: Sendable {
    public var unknownNames: [UnknownNameSuggestion]
    public var aliases: [AliasSuggestion]
    public var statements: [StatementSuggestion]

    /// At most `limit` of each kind (the best ones).
    public func limited(to limit: Int?) -> RegistrySuggestions {
        guard let limit else { return self }
        return RegistrySuggestions(
            unknownNames: Array(unknownNames.prefix(limit)), aliases: Array(aliases.prefix(limit)), statements: Array(statements.prefix(limit)))
    }
}

public enum RegistrySuggester {
    /// Loads and links the content folder and reads its articles for registry work. Returns nil with the
    /// diagnostics when the content has errors.
    public static func suggest(contentDirectory: String) -> (suggestions: RegistrySuggestions?, diagnostics: [Diagnostic]) {
        let (corpus, diagnostics) = ContentLoader(contentDirectory: contentDirectory).load()
        guard let corpus, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let (dossier, linkDiagnostics) = Linker(corpus: corpus).link()
        let all = diagnostics + linkDiagnostics
        guard !all.hasErrors else { return (nil, all) }
        return (suggest(dossier), all)
    }

    /// The suggestions for a linked dossier, best first in each kind.
    public static func suggest(_ dossier: Dossier) -> RegistrySuggestions {
        let blocks = dossier.corpus.articles.flatMap { article -> [BlockWords] in
            let mentions = dossier.mentionsByOwner[.article(article.id)] ?? []
            return article.body.document.blocks.filter { $0.kind == .paragraph || $0.kind == .heading }.map {
                BlockWords(article: article, block: $0, mentions: mentions)
            }
        }
        let registry = KnownNames(corpus: dossier.corpus)
        let names = NameFinder(registry: registry, blocks: blocks).find()
        let statements = StatementFinder(corpus: dossier.corpus, registry: registry, blocks: blocks, resolved: names.resolved).find()
        return RegistrySuggestions(unknownNames: names.unknown, aliases: names.aliases, statements: statements)
    }
}
