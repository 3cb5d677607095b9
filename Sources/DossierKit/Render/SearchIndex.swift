// The offline search index: written at build time as JavaScript files that search.js loads with
// <script> elements (browsers refuse fetch and XHR from file://), in shards so that one query loads
// little of it at 10,000 articles.
//
//   search/docs-N.js     DossierSearch.docs(N, [[kind, title, href, detail, text], …]): 100 documents each
//   search/terms-B.js    DossierSearch.terms(B, {term: [doc, weight, doc, weight, …], …}): every term
//                        whose first three characters (UTF-16 code units a, b, c, 0 past the end; folded:
//                        see `fold`) give bucket B = ((a × 31 + b) × 31 + c) mod buckets. A half-typed last
//                        word of three characters or more is matched as a prefix, within its bucket.
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
        /// The texts indexed, each with its weight: made when the document is indexed, then dropped (an
        /// article's paragraphs as plain text are held for one article at a time, not for the whole corpus).
        var fields: @Sendable () -> [(text: String, weight: Int)]

        init(kind: String, title: String, href: String, detail: String, text: String, fields: @escaping @Sendable () -> [(text: String, weight: Int)]) {
            self.kind = kind
            self.title = title
            self.href = href
            self.detail = detail
            self.text = text
            self.fields = fields
        }

        init(kind: String, title: String, href: String, detail: String, text: String, fields: [(text: String, weight: Int)]) {
            self.init(kind: kind, title: title, href: href, detail: detail, text: text) { fields }
        }
    }

    /// Lowercase, without diacritics, curly quotes and apostrophes made straight: what both the index
    /// and the query are compared in ("Vučić" and "vucic" fold alike). search.js folds the same way:
    /// lowercase, canonical decomposition, combining marks dropped.
    static func fold(_ text: String) -> String {
        var folder = Folder()
        var out = ""
        for scalar in text.unicodeScalars { out += folder.fold(scalar) }
        return out
    }

    /// Folds one scalar at a time; what it learns about scalars outside ASCII it keeps.
    struct Folder {
        private var cache: [UInt32: String] = [:]

        mutating func fold(_ scalar: Unicode.Scalar) -> String {
            if scalar.isASCII { return String(Character(scalar).lowercased()) }
            if let known = cache[scalar.value] { return known }
            var out = ""
            for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
                switch part.properties.generalCategory {
                case .nonspacingMark, .enclosingMark, .spacingMark: continue
                default: break
                }
                switch part {
                case "\u{2019}", "\u{2018}", "\u{02BC}": out += "'"
                case "đ": out += "d"
                case "ł": out += "l"
                case "ø": out += "o"
                case "ß": out += "ss"
                default: out.unicodeScalars.append(part)
                }
            }
            cache[scalar.value] = out
            return out
        }

        /// Whether a folded scalar is part of a word (a letter or a digit), as search.js's \p{Alphabetic}\p{N}.
        static func isWord(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII {
                let value = scalar.value
                return (value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
            }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// The searchable words of a text: folded, split at anything that is not a letter or digit, at
    /// least two characters long (as `TermTable` cuts them for the index).
    static func terms(_ text: String) -> [String] {
        var table = TermTable()
        var ids: [Int32] = []
        table.terms(text, into: &ids)
        return ids.map { table.term($0) }
    }

    /// Term files: about one per 20 documents, 1 to 1,024 (at 10,000 articles about 30 KB each).
    static func buckets(documents: Int) -> Int { max(1, min(1024, documents / 20)) }

    /// The term file a term is in, computed as search.js computes it.
    static func bucket(of term: String, buckets: Int) -> Int {
        var units = term.utf16.makeIterator()
        let a = Int(units.next() ?? 0), b = Int(units.next() ?? 0), c = Int(units.next() ?? 0)
        return ((a * 31 + b) * 31 + c) % buckets
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
        for article in corpus.articles.sorted(by: { $0.id < $1.id }) { documents.append(document(article, actors: actors)) }
        return documents
    }

    /// An article's document.
    static func document(_ article: Article, actors: [String: Actor]) -> Document {
        // The opening: the first paragraphs joined by spaces, cut at 240 characters.
        var opening = ""
        for block in article.body.document.blocks {
            if !opening.isEmpty { opening += " " }
            opening += block.plainText
            if opening.count >= 240 { break }
        }
        return Document(
            kind: "Articles", title: article.title, href: "articles/\(article.id).html",
            detail: [SiteText.outletName(article, actors: actors), article.published?.display].compactMap { $0 }.joined(separator: ", "),
            text: String(opening.prefix(240))
        ) { [(article.title, 6)] + article.body.document.blocks.map { ($0.plainText, 1) } }
    }

    /// Every file of the index, by path under the output folder.
    static func files(_ dossier: Dossier) -> [OutputFile] {
        var files: [OutputFile] = []
        write(dossier) { files.append($0) }
        return files
    }

    /// The same files, handed to `sink` one at a time as each is made (so they are never all in memory).
    static func write(_ dossier: Dossier, sink: (OutputFile) -> Void) {
        let documents = documents(dossier)
        var table = TermTable()
        var postings: [[(document: Int32, weight: Int32)]] = []
        // Per term, the weight a posting must beat once the list has been cut (0 before).
        var floors: [Int32] = []
        var weighing = Weighing()
        for (number, document) in documents.enumerated() {
            weighing.weigh(document, &table) { term, weight in
                let id = Int(term)
                if id >= postings.count {
                    let more = id - postings.count + 1024
                    postings += [[(document: Int32, weight: Int32)]](repeating: [], count: more)
                    floors += [Int32](repeating: 0, count: more)
                }
                // Only the best `postingLimit` are written: a long list is cut to them as it grows (what is
                // cut has that many better postings already, so it could never be among the best). After a
                // cut, a posting no heavier than the last one kept is worse than every kept one (documents come
                // in order, and a tie goes to the earlier document), so it is never stored at all.
                if weight <= floors[id] { return }
                postings[id].append((Int32(number), weight))
                if postings[id].count >= 4 * postingLimit {
                    best(&postings[id])
                    floors[id] = postings[id].last?.weight ?? 0
                }
            }
        }
        let bucketCount = buckets(documents: documents.count)
        var shards = [[(term: String, postings: [(document: Int32, weight: Int32)])]](repeating: [], count: bucketCount)
        for id in 0..<min(table.count, postings.count) where !postings[id].isEmpty {
            // Sorted and cut in place, then moved: the postings are never held twice.
            best(&postings[id])
            let term = table.term(Int32(id))
            shards[bucket(of: term, buckets: bucketCount)].append((term, postings[id]))
            postings[id] = []
        }
        postings = []
        for number in shards.indices {
            sink(termFile(number, shards[number]))
            shards[number] = []
        }
        var shard = 0
        while shard * shardSize < documents.count {
            sink(docsFile(shard, documents))
            shard += 1
        }
        sink(metaFile(documents: documents.count))
    }

    /// A term's postings, best first (weight, then document number), cut at `postingLimit`.
    static func best(_ postings: inout [(document: Int32, weight: Int32)]) {
        postings.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.document < $1.document }
        if postings.count > postingLimit { postings.removeLast(postings.count - postingLimit) }
    }

    /// `search/terms-N.js`: the bucket's terms in order, each with its best postings.
    static func termFile(_ number: Int, _ terms: [(term: String, postings: [(document: Int32, weight: Int32)])]) -> OutputFile {
        var bytes = Array("DossierSearch.terms(\(number), {".utf8)
        for (position, entry) in terms.sorted(by: { $0.term < $1.term }).enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            appendEntry(entry.term, entry.postings[...], to: &bytes)
        }
        bytes.append(contentsOf: "});\n".utf8)
        return OutputFile(path: "search/terms-\(number).js", contents: bytes)
    }

    /// `"term":[doc,weight,doc,weight,…]`, the postings as they are (already the best, in order).
    static func appendEntry(_ term: String, _ postings: ArraySlice<(document: Int32, weight: Int32)>, to bytes: inout [UInt8]) {
        JSONWriter.appendString(term, to: &bytes)
        bytes.append(contentsOf: ":[".utf8)
        var first = true
        for posting in postings {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            appendNumber(posting.document, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            appendNumber(posting.weight, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A non-negative number in decimal digits. Digits are cut from the right by constant divisions (which
    /// compile to multiplications), not from the left by a divisor that changes (a real division per digit).
    static func appendNumber(_ value: Int32, to bytes: inout [UInt8]) {
        var rest = UInt32(max(0, value))
        if rest < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest))
            return
        }
        var digits: (UInt64, UInt64) = (0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            var position = 16
            while rest > 0 {
                position -= 1
                digits[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            count = 16 - position
        }
        withUnsafeBytes(of: &digits) { digits in
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[(16 - count)...]))
        }
    }

    /// `search/docs-N.js`: documents N × shardSize ..< (N + 1) × shardSize.
    static func docsFile(_ shard: Int, _ documents: [Document]) -> OutputFile {
        let slice = documents[(shard * shardSize)..<min(documents.count, (shard + 1) * shardSize)]
        // As `JSONValue.array(…).serialized()` writes it (a test compares), without the tree of values between.
        var bytes = Array("DossierSearch.docs(\(shard), [".utf8)
        for (position, document) in slice.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            for (field, text) in [document.kind, document.title, document.href, document.detail, document.text].enumerated() {
                if field > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(text, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(contentsOf: "]);\n".utf8)
        return OutputFile(path: "search/docs-\(shard).js", contents: bytes)
    }

    static func metaFile(documents: Int) -> OutputFile {
        let meta = JSONValue.object(["documents": .int(documents), "shardSize": .int(shardSize), "buckets": .int(buckets(documents: documents))])
        return OutputFile(path: "search/meta.js", text: "DossierSearch.meta(\(meta.serialized()));\n")
    }

    /// One document's terms with their weights. Body words count per occurrence up to 5; a name counts once
    /// at its weight.
    struct Weighing {
        private var weights: [Int32] = []
        private var touched: [Int32] = []
        private var ids: [Int32] = []

        /// Hands each distinct term of the document to `emit` once, with its weight, in order of first use.
        mutating func weigh(_ document: Document, _ table: inout TermTable, _ emit: (Int32, Int32) -> Void) {
            for field in document.fields() {
                ids.removeAll(keepingCapacity: true)
                table.terms(field.text, into: &ids)
                if weights.count < table.count { weights += [Int32](repeating: 0, count: table.count - weights.count + 1024) }
                let weight = field.weight
                weights.withUnsafeMutableBufferPointer { weights in
                    for term in ids {
                        let id = Int(term)
                        let current = Int(weights[id])
                        if current == 0 { touched.append(term) }
                        weights[id] = Int32(weight == 1 ? min(current + 1, max(current, 5)) : max(current, weight + min(current, 5)))
                    }
                }
            }
            for term in touched {
                emit(term, weights[Int(term)])
                weights[Int(term)] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
    }
}

/// The search index kept between the builds of a session: every document's terms, every term's full
/// postings (best first) and its entry as last written, so that an edit of some articles' text re-indexes
/// only those and writes only the term files where a term's best postings changed. The files are the
/// bytes `SearchIndex.write` makes for the same dossier (a test compares them).
final class SearchIndexState: @unchecked Sendable {
    private typealias Posting = (document: Int32, weight: Int32)
    private var documents: [SearchIndex.Document]
    private var table = TermTable()
    private var weighing = SearchIndex.Weighing()
    /// Per document, its terms.
    private var documentTerms: [[Int32]] = []
    /// Per term, every document that has it, best first (`SearchIndex.best`'s order, not cut).
    private var postings: [[Posting]] = []
    /// Per term, its entry in its term file (`"term":[doc,weight,…]`), nil while no document has it.
    private var entries: [[UInt8]?] = []
    /// Per term file, its terms in the order the file lists them.
    private var bucketTerms: [[Int32]]
    private let bucketCount: Int
    /// The document number of each article.
    private let articleDocument: [String: Int]
    /// Terms placed in their bucket: ids below this.
    private var placed = 0

    init(_ dossier: Dossier) {
        documents = SearchIndex.documents(dossier)
        bucketCount = SearchIndex.buckets(documents: documents.count)
        bucketTerms = Array(repeating: [], count: bucketCount)
        var numbers: [String: Int] = [:]
        for (number, document) in documents.enumerated() where document.kind == "Articles" {
            numbers[String(document.href.dropFirst("articles/".count).dropLast(".html".count))] = number
        }
        articleDocument = numbers
        documentTerms.reserveCapacity(documents.count)
        for number in documents.indices {
            var terms: [Int32] = []
            weighing.weigh(documents[number], &table) { term, weight in
                grow(to: Int(term))
                postings[Int(term)].append((Int32(number), weight))
                terms.append(term)
            }
            documentTerms.append(terms)
        }
        for id in 0..<table.count {
            postings[id].sort(by: Self.better)
            entries[id] = entry(Int32(id))
        }
        placeNewTerms()
    }

    private static func better(_ a: Posting, _ b: Posting) -> Bool {
        a.weight != b.weight ? a.weight > b.weight : a.document < b.document
    }

    private func grow(to id: Int) {
        if id >= postings.count {
            postings += [[Posting]](repeating: [], count: id - postings.count + 1024)
            entries += [[UInt8]?](repeating: nil, count: id - entries.count + 1024)
        }
    }

    /// New terms join their bucket, in the file's order (by term).
    private func placeNewTerms() {
        var touched: Set<Int> = []
        while placed < table.count {
            let bucket = SearchIndex.bucket(of: table.term(Int32(placed)), buckets: bucketCount)
            bucketTerms[bucket].append(Int32(placed))
            touched.insert(bucket)
            placed += 1
        }
        for bucket in touched { bucketTerms[bucket].sort { table.term($0) < table.term($1) } }
    }

    /// The term's entry, from its best postings; nil when no document has it.
    private func entry(_ term: Int32) -> [UInt8]? {
        let all = postings[Int(term)]
        guard !all.isEmpty else { return nil }
        var bytes: [UInt8] = []
        SearchIndex.appendEntry(table.term(term), all.prefix(SearchIndex.postingLimit), to: &bytes)
        return bytes
    }

    /// Every file, as `SearchIndex.write` makes them.
    func writeAll(sink: (OutputFile) -> Void) {
        for bucket in 0..<bucketCount { sink(termFile(bucket)) }
        var shard = 0
        while shard * SearchIndex.shardSize < documents.count {
            sink(SearchIndex.docsFile(shard, documents))
            shard += 1
        }
        sink(SearchIndex.metaFile(documents: documents.count))
    }

    private func termFile(_ bucket: Int) -> OutputFile {
        var bytes = Array("DossierSearch.terms(\(bucket), {".utf8)
        var first = true
        for term in bucketTerms[bucket] {
            guard let entry = entries[Int(term)] else { continue }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes += entry
        }
        bytes.append(contentsOf: "});\n".utf8)
        return OutputFile(path: "search/terms-\(bucket).js", contents: bytes)
    }

    /// Indexes the given articles again (their text changed, nothing else did: `TextEdit`) and hands `sink`
    /// the files that changed with them: the documents' shards, and the term files where a term's best
    /// postings changed.
    func update(_ dossier: Dossier, articles: Set<String>, sink: (OutputFile) -> Void) {
        let actors = Dictionary(dossier.corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let byID = Dictionary(dossier.corpus.articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var changedTerms: Set<Int32> = []
        var shards: Set<Int> = []
        for id in articles.sorted() {
            guard let number = articleDocument[id], let article = byID[id] else { continue }
            let document = Int32(number)
            for term in documentTerms[number] {
                guard let position = postings[Int(term)].firstIndex(where: { $0.document == document }) else { continue }
                postings[Int(term)].remove(at: position)
                if position < SearchIndex.postingLimit { changedTerms.insert(term) }
            }
            let old = documents[number]
            documents[number] = SearchIndex.document(article, actors: actors)
            let new = documents[number]
            if (old.kind, old.title, old.href, old.detail, old.text) != (new.kind, new.title, new.href, new.detail, new.text) {
                shards.insert(number / SearchIndex.shardSize)
            }
            var terms: [Int32] = []
            weighing.weigh(documents[number], &table) { term, weight in
                grow(to: Int(term))
                let posting: Posting = (document, weight)
                // Binary search for the first posting that is not better than the new one.
                var low = 0, high = postings[Int(term)].count
                while low < high {
                    let middle = (low + high) / 2
                    if Self.better(postings[Int(term)][middle], posting) { low = middle + 1 } else { high = middle }
                }
                postings[Int(term)].insert(posting, at: low)
                if low < SearchIndex.postingLimit { changedTerms.insert(term) }
                terms.append(term)
            }
            documentTerms[number] = terms
        }
        placeNewTerms()
        var buckets: Set<Int> = []
        for term in changedTerms {
            let fresh = entry(term)
            guard fresh != entries[Int(term)] else { continue }
            entries[Int(term)] = fresh
            buckets.insert(SearchIndex.bucket(of: table.term(term), buckets: bucketCount))
        }
        for bucket in buckets.sorted() { sink(termFile(bucket)) }
        for shard in shards.sorted() { sink(SearchIndex.docsFile(shard, documents)) }
    }
}

/// The index's words as numbers: each distinct folded word's UTF-8 bytes are kept once, and a text is cut
/// into words straight from its bytes (ASCII on a fast path; anything else folded by `Folder`), so
/// indexing 10,000 articles makes no String per word.
struct TermTable {
    private var arena: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var slots = [UInt64](repeating: 0, count: 1 << 16)
    private var folder = SearchIndex.Folder()
    private var word: [UInt8] = []
    private var wordScalars = 0

    var count: Int { starts.count }

    func term(_ id: Int32) -> String {
        let start = Int(starts[Int(id)])
        return String(decoding: arena[start..<(start + Int(lengths[Int(id)]))], as: UTF8.self)
    }

    /// Eight bytes at a time, each word multiplied in and folded down (words are short: most take one or two steps).
    /// With `lowering`, of the bytes with bit 5 set (ASCII letters and digits lowercased: digits have it already),
    /// without copying them.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, lowering: Bool = false) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let lower: UInt64 = lowering ? 0x2020_2020_2020_2020 : 0
        var value = UInt64(truncatingIfNeeded: bytes.count) &* 0xC2B2_AE3D_27D4_EB4F
        guard let base = bytes.baseAddress else { return value }
        var index = 0
        while index + 8 <= bytes.count {
            value = (value ^ (UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) | lower)) &* multiplier
            value ^= value >> 29
            index += 8
        }
        if index < bytes.count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                word |= UInt64(base[index] | UInt8(truncatingIfNeeded: lower)) << shift
                shift += 8
                index += 1
            }
            value = (value ^ word) &* multiplier
            value ^= value >> 29
        }
        value = (value ^ (value >> 32)) &* 0x1656_67B1_9E37_79F9
        return value ^ (value >> 29)
    }

    /// A slot holds 0 (empty) or the top half of its term's hash over its id + 1, so that a probe of another
    /// term is turned away without reading the term's bytes. With `lowering`, the term is `bytes` lowercased (ASCII
    /// letters and digits only, as `hash` lowers them).
    private mutating func id(of bytes: UnsafeBufferPointer<UInt8>, lowering: Bool = false) -> Int32 {
        if count * 2 >= slots.count { grow() }
        let hash = Self.hash(bytes, lowering: lowering)
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let existing = slots[slot]
            if existing == 0 {
                let id = Int32(count)
                starts.append(Int32(arena.count))
                lengths.append(Int32(bytes.count))
                if lowering { arena.append(contentsOf: bytes.lazy.map { $0 | 0x20 }) } else { arena.append(contentsOf: bytes) }
                slots[slot] = tag << 32 | UInt64(id + 1)
                return id
            }
            if existing >> 32 == tag {
                let id = Int(truncatingIfNeeded: existing & 0xFFFF_FFFF) - 1
                let start = Int(starts[id]), length = Int(lengths[id])
                if length == bytes.count, arena.withUnsafeBufferPointer({ stored in
                    guard let stored = stored.baseAddress, let new = bytes.baseAddress else { return length == 0 }
                    if !lowering { return memcmp(stored + start, new, length) == 0 }
                    var index = 0
                    while index < length, stored[start + index] == new[index] | 0x20 { index += 1 }
                    return index == length
                }) {
                    return Int32(id)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        arena.withUnsafeBufferPointer { arena in
            for id in 0..<count {
                let start = Int(starts[id]), length = Int(lengths[id])
                let hash = Self.hash(UnsafeBufferPointer(rebasing: arena[start..<(start + length)]))
                var slot = Int(truncatingIfNeeded: hash) & mask
                while larger[slot] != 0 { slot = (slot + 1) & mask }
                larger[slot] = (hash >> 32) << 32 | UInt64(id + 1)
            }
        }
        slots = larger
    }

    /// The words of a text, as `SearchIndex.terms` cuts them, by number, appended to `ids`.
    ///
    /// One pass over the UTF-8 bytes. A word of ASCII letters and digits (most of them) is looked up where it
    /// lies, copied only to lowercase it; a word with a scalar outside ASCII is built folded in `word`, its
    /// ASCII part copied in when the first such scalar comes. A word is at least two scalars once folded.
    mutating func terms(_ text: String, into ids: inout [Int32]) {
        var copy = text
        copy.withUTF8 { bytes in
            // The word's ASCII bytes not yet copied into `word`, from `run` (-1: none), and whether any is uppercase.
            var run = -1
            var upper = false
            // Whether the word so far is in `word` (it has a folded scalar outside ASCII), `wordScalars` long.
            var folded = false
            func copyRun(_ end: Int) {
                guard run >= 0 else { return }
                for byte in bytes[run..<end] { word.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) }
                wordScalars += end - run
                run = -1
                upper = false
            }
            func finish(_ end: Int) {
                if folded {
                    copyRun(end)
                    if wordScalars >= 2 { ids.append(word.withUnsafeBufferPointer { self.id(of: $0) }) }
                    word.removeAll(keepingCapacity: true)
                    wordScalars = 0
                    folded = false
                } else if run >= 0 {
                    if end - run >= 2 {
                        if upper {
                            copyRun(end)
                            ids.append(word.withUnsafeBufferPointer { self.id(of: $0) })
                            word.removeAll(keepingCapacity: true)
                            wordScalars = 0
                        } else {
                            ids.append(self.id(of: UnsafeBufferPointer(rebasing: bytes[run..<end])))
                        }
                    }
                    run = -1
                    upper = false
                }
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    let isUpper = byte &- 0x41 < 26
                    guard isUpper || byte &- 0x61 < 26 || byte &- 0x30 < 10 else {
                        finish(index)
                        index += 1
                        continue
                    }
                    if run < 0, !folded {
                        // A word that starts with ASCII (most of them): its run of ASCII letters and digits in one
                        // loop. Ended by ASCII, it is a term as it lies (lowered as it is hashed, never copied);
                        // going on past ASCII, it is the run the general path below would have made of it.
                        var end = index + 1
                        var anyUpper = isUpper
                        while end < bytes.count {
                            let next = bytes[end]
                            if next &- 0x61 < 26 || next &- 0x30 < 10 {
                                end += 1
                            } else if next &- 0x41 < 26 {
                                anyUpper = true
                                end += 1
                            } else {
                                break
                            }
                        }
                        if end == bytes.count || bytes[end] < 0x80 {
                            if end - index >= 2 { ids.append(self.id(of: UnsafeBufferPointer(rebasing: bytes[index..<end]), lowering: anyUpper)) }
                        } else {
                            run = index
                            upper = anyUpper
                        }
                        index = end
                        continue
                    }
                    if run < 0 { run = index }
                    if isUpper { upper = true }
                    index += 1
                    continue
                }
                let start = index
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                for offset in 1..<length where index + offset < bytes.count { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
                index += length
                guard let scalar = Unicode.Scalar(value) else {
                    finish(start)
                    continue
                }
                if run >= 0 {
                    // The word goes on in `word`, even where the scalar folds away (a combining mark).
                    copyRun(start)
                    folded = true
                }
                for part in folder.fold(scalar).unicodeScalars {
                    if SearchIndex.Folder.isWord(part) {
                        copyRun(start)
                        word.append(contentsOf: String(part).utf8)
                        wordScalars += 1
                        folded = true
                    } else {
                        finish(start)
                    }
                }
            }
            finish(bytes.count)
        }
    }
}
