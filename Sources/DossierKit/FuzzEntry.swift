// The stages the libFuzzer targets in Fuzz/ drive (an executable cannot `@testable import`): each takes one input's
// bytes and runs one stage exactly as a build does, returning a count only so the work cannot be optimized away.
import DossierMarkdown

public enum FuzzEntry {
    /// The loader's parse of one content file: bytes decoded, front matter cut, YAML read and every field of the
    /// file's kind checked. The first byte picks the kind (articles, actors, locations, propositions, claims,
    /// dossier.yaml); the rest is the file. Returns the number of diagnostics.
    public static func frontMatter(_ input: [UInt8]) -> Int {
        guard let selector = input.first else { return 0 }
        let bytes = Array(input.dropFirst())
        let kinds = ContentLoader.kinds
        let choice = Int(selector) % (kinds.count + 1)
        guard choice < kinds.count else {
            // dossier.yaml is YAML without delimiters.
            guard case .success(let text) = bytes.withUnsafeBytes({ ContentText.decode($0, path: "dossier.yaml") }) else { return 1 }
            return FieldReader(yaml: text.text, firstLine: 1, path: "dossier.yaml", kind: ContentLoader.dossierKind).diagnostics.count
        }
        let loader = ContentLoader(contentDirectory: "fuzz")
        return loader.parse("fuzz/\(kinds[choice].folder)/fuzz-input.md", bytes, choice).1.count
    }

    /// One article linked against a fixed registry of actors and locations: the body is the input, one claim
    /// quotes its first line and one quotes a passage from its middle. The body is then rendered with its
    /// mentions and evidence marks spliced in, as the article's page does. Returns the length of the HTML.
    public static func article(_ input: [UInt8]) -> Int {
        let body = String(decoding: input, as: UTF8.self)
        let path = "fuzz/articles/fuzz-article.md"
        let here = SourceLocation(path: path, line: 1)
        func named(_ text: String) -> Located<String> { Located(text, at: here) }
        func notes() -> MarkdownText { MarkdownText("", firstLine: 1, path: path) }
        func actor(_ id: String, _ name: String, _ aliases: [String], _ kind: ActorKind) -> Actor {
            Actor(id: id, path: path, name: named(name), kind: kind, aliases: aliases.map(named), role: nil, affiliations: [], wikidata: nil, notes: notes())
        }
        func location(_ id: String, _ name: String, _ aliases: [String]) -> Location {
            Location(
                id: id, path: path, name: named(name), kind: .city, aliases: aliases.map(named), latitude: nil, longitude: nil, within: nil, wikidata: nil,
                notes: notes())
        }
        // Names that overlap, fold (diacritics, case, dashes) and nest, to exercise the matcher.
        let actors = [
            actor("nato", "NATO", ["North Atlantic Treaty Organization", "the Alliance"], .organization),
            actor("stoltenberg", "Jens Stoltenberg", ["Stoltenberg"], .person),
            actor("kovacevski", "Dimitar Kovačevski", ["Kovachevski", "Kovacevski"], .person),
            actor("russia", "Russia", ["Russian Federation", "Русија"], .state),
        ]
        let locations = [
            location("skopje", "Skopje", ["Скопје"]),
            location("north-macedonia", "North Macedonia", ["Macedonia"]),
            location("balkans", "Balkans", ["Western Balkans", "the Balkans"]),
        ]
        let lines = body.split(separator: "\n", omittingEmptySubsequences: true)
        // Short quotes: a quote not found is compared with every passage of the article (edit distance, quadratic).
        let firstLine = String((lines.first ?? body[...]).prefix(80))
        let middle = String((lines.isEmpty ? body[...] : lines[lines.count / 2]).prefix(80))
        let article = Article(
            id: "fuzz-article", path: path, title: "Fuzz", source: .actor("nato"), sourceLocation: here, published: nil, url: nil, author: nil,
            language: nil, reliability: nil, body: MarkdownText(body, firstLine: 1, path: path, keepingSource: true))
        func claim(_ id: String, _ quote: String) -> Claim {
            Claim(
                id: id, path: path, claimant: named("stoltenberg"), summary: "A claim", proposition: nil, stance: nil, date: nil, location: nil,
                about: [named("russia")], credibility: nil, contradicts: [], evidence: [Evidence(article: named(article.id), quote: named(quote))],
                notes: notes())
        }
        let corpus = Corpus(
            dossier: DossierInfo(title: "Fuzz", subtitle: nil, language: "en", baseURL: nil, summary: nil), articles: [article], actors: actors,
            locations: locations, propositions: [], claims: [claim("first-line", firstLine), claim("middle", middle)])
        let (dossier, diagnostics) = Linker(corpus: corpus).link()
        var spans: [Int: [Span]] = [:]
        for mention in dossier.mentionsByOwner[.article(article.id)] ?? [] {
            spans[mention.leaf, default: []].append(Span(range: mention.range, priority: 1, open: "<a>", close: "</a>"))
        }
        for (claim, results) in dossier.evidence.sorted(by: { $0.key < $1.key }) {
            for result in results {
                for piece in result.location?.pieces ?? [] {
                    spans[piece.leaf, default: []].append(Span(range: piece.range, priority: 0, open: "<mark id=\"\(claim)\">", close: "</mark>"))
                }
            }
        }
        let anchor: (Int) -> String? = { "<span id=\"p-\($0)\"></span>" }
        let html = article.body.document.renderHTML(spans: spans, blockAnchor: anchor)
        // The oracle: filling the skeleton made at parse time equals changing a freshly parsed tree.
        precondition(html == article.body.document.renderHTMLParsing(spans: spans, blockAnchor: anchor), "the skeleton's HTML differs from cmark's")
        return html.utf8.count + diagnostics.count
    }
}
