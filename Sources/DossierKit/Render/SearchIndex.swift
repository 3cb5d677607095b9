// The offline search index: written at build time as JavaScript files that search.js loads with
// <script> elements (browsers refuse fetch and XHR from file://), in shards so that one query loads
// little of it at 10,000 articles.
//
//   search/docs-N.js     DossierSearch.docs(N, [[kind, title, href, detail, text], …]): 100 documents each
//   search/terms-B.js    DossierSearch.terms(B, {term: [doc, weight, doc, weight, …], …}): every term
//                        whose first two characters (UTF-16 code units a, b, folded: see `fold`) give
//                        bucket B = (a × 31 + b) mod buckets
//   search/meta.js       DossierSearch.meta({documents, shardSize, buckets}): loaded first
//
// The number of files follows from the number of documents alone, so the writer knows every path
// before the index is built (it is built on another thread while the pages render).
//
// A term's postings are capped at the `postingLimit` best documents, so a word found in every article
// costs no more than a rare one. Weights: names, aliases and spellings seen in the articles 12; titles,
// claim summaries and proposition statements 6; quotes 3; article text 1 per occurrence (at most 5).
import Foundation

enum SearchIndex {
    static let shardSize = 100
    static let postingLimit = 200

    struct Document {
        var kind: String
        var title: String
        var href: String
        var detail: String
        /// What the result shows under its title, where the matched words are highlighted.
        var text: String
        var fields: [(text: String, weight: Int)]
    }

    /// Lowercase, without diacritics, curly quotes and apostrophes made straight: what both the index
    /// and the query are compared in ("Vučić" and "vucic" fold alike). search.js folds the same way.
    static func fold(_ text: String) -> String {
        let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: continue
            default: break
            }
            switch scalar {
            case "\u{2019}", "\u{2018}", "\u{02BC}": out.append("'")
            case "đ": out.append("d")
            case "ł": out.append("l")
            case "ø": out.append("o")
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The searchable words of a text: folded, split at anything that is not a letter or digit, at
    /// least two characters long.
    static func terms(_ text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count >= 2 }
    }

    /// Term files: about one per 40 documents, 1 to 256.
    static func buckets(documents: Int) -> Int { max(1, min(256, documents / 40)) }

    /// The term file a term is in, computed as search.js computes it.
    static func bucket(of term: String, buckets: Int) -> Int {
        var units = term.utf16.makeIterator()
        let a = Int(units.next() ?? 0), b = Int(units.next() ?? 0)
        return (a * 31 + b) % buckets
    }

    static func documentCount(_ corpus: Corpus) -> Int {
        corpus.actors.count + corpus.locations.count + corpus.claims.count + corpus.propositions.count + corpus.articles.count
    }

    /// Every path `files` writes, from the corpus's size alone.
    static func paths(_ corpus: Corpus) -> [String] {
        let documents = documentCount(corpus)
        let docShards = (documents + shardSize - 1) / shardSize
        return ["search/meta.js"] + (0..<docShards).map { "search/docs-\($0).js" } + (0..<buckets(documents: documents)).map { "search/terms-\($0).js" }
    }

    static func documents(_ dossier: Dossier) -> [Document] {
        let corpus = dossier.corpus
        let actors = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var documents: [Document] = []
        func variants(_ entity: EntityRef) -> [String] { (dossier.variants[entity] ?? []).map(\.text) }
        for actor in corpus.actors.sorted(by: { $0.id < $1.id }) {
            let names = [actor.name.value] + actor.aliases.map(\.value) + variants(EntityRef(kind: .actors, id: actor.id))
            documents.append(
                Document(
                    kind: "Actors", title: actor.name.value, href: "actors/\(actor.id).html", detail: actor.role ?? "",
                    text: Set(names.dropFirst()).subtracting([actor.name.value]).sorted().joined(separator: " · "), fields: names.map { ($0, 12) } + [(actor.role ?? "", 3)]))
        }
        for location in corpus.locations.sorted(by: { $0.id < $1.id }) {
            let names = [location.name.value] + location.aliases.map(\.value) + variants(EntityRef(kind: .locations, id: location.id))
            documents.append(
                Document(
                    kind: "Locations", title: location.name.value, href: "locations/\(location.id).html", detail: location.kind.rawValue,
                    text: Set(names.dropFirst()).subtracting([location.name.value]).sorted().joined(separator: " · "), fields: names.map { ($0, 12) }))
        }
        for claim in corpus.claims.sorted(by: { $0.id < $1.id }) {
            let quotes = claim.evidence.map(\.quote.value)
            documents.append(
                Document(
                    kind: "Claims", title: claim.summary, href: "claims/\(claim.id).html",
                    detail: actors[claim.claimant.value]?.name.value ?? claim.claimant.value, text: quotes.first.map { "“\($0)”" } ?? "",
                    fields: [(claim.summary, 6)] + quotes.map { ($0, 3) }))
        }
        for proposition in corpus.propositions.sorted(by: { $0.id < $1.id }) {
            documents.append(
                Document(
                    kind: "Propositions", title: proposition.statement, href: "propositions/\(proposition.id).html", detail: "", text: "",
                    fields: [(proposition.statement, 6)]))
        }
        for article in corpus.articles.sorted(by: { $0.id < $1.id }) {
            let paragraphs = article.body.document.blocks.map(\.plainText)
            let opening = paragraphs.joined(separator: " ")
            documents.append(
                Document(
                    kind: "Articles", title: article.title, href: "articles/\(article.id).html",
                    detail: [SiteText.outletName(article, actors: actors), article.published?.display].compactMap { $0 }.joined(separator: ", "),
                    text: String(opening.prefix(240)), fields: [(article.title, 6)] + paragraphs.map { ($0, 1) }))
        }
        return documents
    }

    /// Every file of the index, by path under the output folder.
    static func files(_ dossier: Dossier) -> [OutputFile] {
        let documents = documents(dossier)
        var postings: [String: [Int: Int]] = [:]
        for (number, document) in documents.enumerated() {
            var weights: [String: Int] = [:]
            for field in document.fields {
                for term in terms(field.text) {
                    let current = weights[term, default: 0]
                    // Body words count per occurrence up to 5; a name counts once at its weight.
                    weights[term] = field.weight == 1 ? min(current + 1, max(current, 5)) : max(current, field.weight + min(current, 5))
                }
            }
            for (term, weight) in weights { postings[term, default: [:]][number] = weight }
        }
        let bucketCount = buckets(documents: documents.count)
        var shards = [[String: JSONValue]](repeating: [:], count: bucketCount)
        for (term, byDocument) in postings {
            let best = byDocument.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(postingLimit)
            shards[bucket(of: term, buckets: bucketCount)][term] = .array(best.flatMap { [JSONValue.int($0.key), .int($0.value)] })
        }
        var files: [OutputFile] = []
        for (number, terms) in shards.enumerated() {
            files.append(OutputFile(path: "search/terms-\(number).js", text: "DossierSearch.terms(\(number), \(JSONValue.object(terms).serialized()));\n"))
        }
        var shard = 0
        while shard * shardSize < documents.count {
            let slice = documents[(shard * shardSize)..<min(documents.count, (shard + 1) * shardSize)]
            let rows = JSONValue.array(slice.map { .array([.string($0.kind), .string($0.title), .string($0.href), .string($0.detail), .string($0.text)]) })
            files.append(OutputFile(path: "search/docs-\(shard).js", text: "DossierSearch.docs(\(shard), \(rows.serialized()));\n"))
            shard += 1
        }
        let meta = JSONValue.object(["documents": .int(documents.count), "shardSize": .int(shardSize), "buckets": .int(bucketCount)])
        files.append(OutputFile(path: "search/meta.js", text: "DossierSearch.meta(\(meta.serialized()));\n"))
        return files
    }
}
