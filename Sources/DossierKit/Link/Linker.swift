// Turns the loaded corpus into the dossier graph: mentions, verified quotes, corroboration,
// contradictions, naming variants and co-occurrence.
import DossierMarkdown
import Foundation

public struct Linker: Sendable {
    public let corpus: Corpus
    /// What the previous link of a build session found, reused where its inputs did not change.
    let memory: LinkMemory?

    public init(corpus: Corpus) {
        self.corpus = corpus
        memory = nil
    }

    init(corpus: Corpus, memory: LinkMemory?) {
        self.corpus = corpus
        self.memory = memory
    }

    public func link() -> (dossier: Dossier, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var trace = StageTrace(enabled: ProcessInfo.processInfo.environment["DOSSIER_TRACE"] != nil)
        let matcher = mentionMatcher(&diagnostics)
        trace.lap("automaton")

        var texts: [(TextOwner, MarkdownDocument)] = corpus.articles.map { (.article($0.id), $0.body.document) }
        texts += corpus.actors.map { (.notes(kind: "actors", id: $0.id), $0.notes.document) }
        texts += corpus.locations.map { (.notes(kind: "locations", id: $0.id), $0.notes.document) }
        texts += corpus.propositions.map { (.notes(kind: "propositions", id: $0.id), $0.notes.document) }
        texts += corpus.claims.map { (.notes(kind: "claims", id: $0.id), $0.notes.document) }
        if let summary = corpus.dossier.summary { texts.append((.summary, summary.document)) }
        let documents = documentLinks(texts, matcher)
        var mentionsByOwner: [TextOwner: [Mention]] = [:]
        var mentionOwners: [TextOwner] = []
        var mentionCount = 0
        for ((owner, _), document) in zip(texts, documents) where !document.mentions.isEmpty {
            mentionCount += document.mentions.count
            if mentionsByOwner[owner] == nil {
                mentionOwners.append(owner)
                mentionsByOwner[owner] = document.mentions
            } else {
                mentionsByOwner[owner]?.append(contentsOf: document.mentions)
            }
        }
        trace.lap("mentions")

        // Searchable article text is only needed when there are quotes to verify and corroborate.
        let articleTexts = corpus.claims.isEmpty ? [] : self.articleTexts()
        let textByID = Dictionary(articleTexts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        trace.lap("article texts")
        var evidence: [String: [EvidenceResult]] = [:]
        var verifiedQuotes: [(claim: String, position: Int, text: String, article: String)] = []
        var checks = QuoteChecks(previous: memory?.quotes ?? [:])
        checks.prepare(corpus.claims.flatMap { claim in
            claim.evidence.compactMap { item in textByID[item.article.value].map { (item.quote.value, $0) } }
        })
        for claim in corpus.claims {
            var results: [EvidenceResult] = []
            for (offset, item) in claim.evidence.enumerated() {
                var result = EvidenceResult(article: item.article.value, quote: item.quote.value, number: offset + 1, location: nil, corroborations: [])
                if let text = textByID[item.article.value] {
                    switch checks.check(item.quote.value, in: text) {
                    case .found(let location):
                        result.location = location
                        verifiedQuotes.append((claim.id, offset, item.quote.value, item.article.value))
                    case .missing(let passage):
                        var message = "this quote is not in article '\(item.article.value)' (even ignoring differences in spaces, quotation marks, apostrophes and dashes)"
                        if let passage {
                            message += "; the closest passage is: \"\(passage)\""
                        }
                        diagnostics.append(.error(.quoteNotFound, item.quote.location, message))
                    }
                }
                results.append(result)
            }
            evidence[claim.id] = results
        }
        memory?.quotes = checks.current
        trace.lap("quotes")
        // Contradictions, naming variants and co-occurrence each run on one thread: they are worked out on another
        // while corroboration, which uses every core but not always both, goes on here.
        let linker = self
        let others = Background { () -> (contradictions: [Contradiction], variants: [EntityRef: [NamingVariant]], cooccurrences: [Cooccurrence]) in
            (ContradictionFinder(corpus: linker.corpus).find(), linker.variants(matcher, documents), linker.cooccurrences(matcher, documents))
        }
        let corroborations = Corroborator.corroborations(
            of: verifiedQuotes.map { ($0.text, $0.article) }, in: articleTexts, memory: memory?.corroboration)
        for (quote, found) in zip(verifiedQuotes, corroborations) {
            evidence[quote.claim]?[quote.position].corroborations = found
        }
        trace.lap("corroboration")
        let (contradictions, variants, cooccurrences) = others.value
        trace.lap("contradictions, naming variants and co-occurrence (after corroboration)")
        let dossier = Dossier(
            corpus: corpus, mentionsByOwner: mentionsByOwner, mentionOwners: mentionOwners, mentionCount: mentionCount, evidence: evidence, contradictions: contradictions,
            variants: variants, cooccurrences: cooccurrences, articleTexts: textByID)
        return (dossier, diagnostics)
    }

    /// The matcher for the corpus's names: the previous one (with its diagnostics) when no name, alias
    /// or where one is written changed.
    private func mentionMatcher(_ diagnostics: inout [Diagnostic]) -> MentionMatcher {
        let key = MatcherKey(
            actors: corpus.actors.map { [Located($0.id, at: SourceLocation(path: "", line: 0)), $0.name] + $0.aliases },
            locations: corpus.locations.map { [Located($0.id, at: SourceLocation(path: "", line: 0)), $0.name] + $0.aliases })
        if let memory, memory.matcherKey == key, let matcher = memory.matcher {
            diagnostics += memory.matcherDiagnostics
            return matcher
        }
        var found: [Diagnostic] = []
        let matcher = MentionMatcher(corpus: corpus, diagnostics: &found)
        diagnostics += found
        if let memory {
            memory.matcherKey = key
            memory.matcher = matcher
            memory.matcherDiagnostics = found
            memory.documents = [:]
        }
        return matcher
    }

    /// Each text's mentions: the previous build's for a text whose Markdown and matcher are the same.
    private func documentLinks(_ texts: [(TextOwner, MarkdownDocument)], _ matcher: MentionMatcher) -> [MentionMatcher.DocumentLinks] {
        guard let memory else { return ParallelMap.map(texts) { owner, document in matcher.links(in: document, owner: owner) } }
        let previous = memory.documents
        var result = [MentionMatcher.DocumentLinks?](repeating: nil, count: texts.count)
        var missing: [Int] = []
        for (position, (owner, document)) in texts.enumerated() {
            if let known = previous[owner], known.source == document.digest {
                result[position] = known.links
            } else {
                missing.append(position)
            }
        }
        let fresh = ParallelMap.map(missing) { position in matcher.links(in: texts[position].1, owner: texts[position].0) }
        for (position, links) in zip(missing, fresh) { result[position] = links }
        var kept: [TextOwner: LinkMemory.Document] = [:]
        kept.reserveCapacity(texts.count)
        let links = result.map { $0 ?? MentionMatcher.DocumentLinks() }
        for ((owner, document), found) in zip(texts, links) { kept[owner] = LinkMemory.Document(source: document.digest, links: found) }
        memory.documents = kept
        memory.relinked = missing.count
        return links
    }

    /// Naming variants: the previous ones when the matcher, every text's surface forms and every article's
    /// outlet are the same.
    private func variants(_ matcher: MentionMatcher, _ documents: [MentionMatcher.DocumentLinks]) -> [EntityRef: [NamingVariant]] {
        guard let memory else { return matcher.variants(corpus: corpus, documents: documents) }
        let actorsByID = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let key = LinkMemory.VariantsKey(
            forms: documents.map { LinkMemory.Forms(article: $0.article, forms: $0.forms) },
            outlets: corpus.articles.map { LinkMemory.Outlet(article: $0.id, name: SiteText.outletName($0, actors: actorsByID)) })
        if let known = memory.variants, known.matcher === matcher, known.key == key { return known.variants }
        let variants = matcher.variants(corpus: corpus, documents: documents)
        memory.variants = (matcher, key, variants)
        return variants
    }

    /// Co-occurrences: the previous ones when the matcher and every text's entity pairs are the same.
    private func cooccurrences(_ matcher: MentionMatcher, _ documents: [MentionMatcher.DocumentLinks]) -> [Cooccurrence] {
        guard let memory else { return matcher.cooccurrences(documents) }
        let pairs = documents.map(\.pairs)
        if let known = memory.cooccurrences, known.matcher === matcher, known.pairs == pairs { return known.cooccurrences }
        let cooccurrences = matcher.cooccurrences(documents)
        memory.cooccurrences = (matcher, pairs, cooccurrences)
        return cooccurrences
    }

    /// Every article's searchable text, reusing the previous one of an article whose Markdown is the same.
    private func articleTexts() -> [ArticleText] {
        guard let memory else { return ParallelMap.map(corpus.articles) { ArticleText(article: $0) } }
        let previous = memory.articleTexts
        let texts = ParallelMap.map(corpus.articles) { article -> ArticleText in
            if let known = previous[article.id], known.source == article.body.document.digest { return known }
            return ArticleText(article: article)
        }
        memory.articleTexts = Dictionary(texts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return texts
    }
}

/// What linking leaves for the next link of the same build session. Every entry is keyed by what it was
/// computed from (Markdown source, names), so a changed input is never served a stale result.
final class LinkMemory: @unchecked Sendable {
    struct Document {
        let source: ContentDigest
        let links: MentionMatcher.DocumentLinks
    }

    var matcherKey: MatcherKey?
    var matcher: MentionMatcher?
    var matcherDiagnostics: [Diagnostic] = []
    /// Mentions, surface forms and entity pairs per text; emptied when the matcher changes.
    var documents: [TextOwner: Document] = [:]
    var articleTexts: [String: ArticleText] = [:]
    /// Quote checks per article id.
    var quotes: [String: QuoteChecks.Article] = [:]
    let corroboration = Corroborator.Memory()

    struct Forms: Equatable {
        let article: String?
        let forms: [MentionMatcher.SurfaceForm: Int]
    }

    struct Outlet: Equatable {
        let article: String
        let name: String
    }

    struct VariantsKey: Equatable {
        let forms: [Forms]
        let outlets: [Outlet]
    }

    var variants: (matcher: MentionMatcher, key: VariantsKey, variants: [EntityRef: [NamingVariant]])?
    var cooccurrences: (matcher: MentionMatcher, pairs: [[Int: Int]], cooccurrences: [Cooccurrence])?
    /// Texts whose mentions the last link searched for (for tests).
    var relinked = 0
}

/// Every name and alias of every actor and location, with where each is written: equal keys give the
/// same automaton and the same diagnostics.
struct MatcherKey: Equatable {
    let actors: [[Located<String>]]
    let locations: [[Located<String>]]
}

/// Quote lookups in article texts, remembered per article while its Markdown stays the same.
struct QuoteChecks {
    enum Result: Sendable {
        case found(QuoteLocation)
        /// Not there; the closest passage, if any.
        case missing(String?)
    }

    struct Article {
        let source: ContentDigest
        var results: [String: Result]
    }

    let previous: [String: Article]
    private(set) var current: [String: Article] = [:]
    /// Results computed ahead, in parallel (`prepare`), by article id and quote.
    private var computed: [String: [String: Result]] = [:]

    init(previous: [String: Article]) { self.previous = previous }

    /// Checks, on every core, the quotes `check` will be asked about that the previous run does not answer.
    mutating func prepare(_ pairs: [(quote: String, text: ArticleText)]) {
        var seen: Set<[String]> = []
        var todo: [(quote: String, text: ArticleText)] = []
        for pair in pairs {
            if let known = previous[pair.text.id], known.source == pair.text.source, known.results[pair.quote] != nil { continue }
            if seen.insert([pair.text.id, pair.quote]).inserted { todo.append(pair) }
        }
        let results = ParallelMap.map(todo) { pair -> Result in
            if let location = pair.text.find(pair.quote) { return .found(location) }
            return .missing(pair.text.closestPassage(to: pair.quote))
        }
        for (pair, result) in zip(todo, results) { computed[pair.text.id, default: [:]][pair.quote] = result }
    }

    mutating func check(_ quote: String, in text: ArticleText) -> Result {
        if let known = current[text.id], known.source == text.source, let result = known.results[quote] { return result }
        let result: Result
        if let known = previous[text.id], known.source == text.source, let remembered = known.results[quote] {
            result = remembered
        } else if let ready = computed[text.id]?[quote] {
            result = ready
        } else if let location = text.find(quote) {
            result = .found(location)
        } else {
            result = .missing(text.closestPassage(to: quote))
        }
        if current[text.id]?.source != text.source { current[text.id] = Article(source: text.source, results: [:]) }
        current[text.id]?.results[quote] = result
        return result
    }
}

/// With DOSSIER_TRACE set, prints how long each linking stage took (to standard error).
struct StageTrace {
    let enabled: Bool
    let prefix: String
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = processorSeconds()

    init(enabled: Bool, prefix: String = "link") {
        self.enabled = enabled
        self.prefix = prefix
    }

    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let cpu = processorSeconds()
        FileHandle.standardError.write(
            Data(String(format: "trace: %@/%@: %.1f ms (processor %.1f ms)\n", prefix, stage, Double(now - last) / 1e6, (cpu - lastCPU) * 1000).utf8))
        last = now
        lastCPU = cpu
    }

    /// The trace line of work done on a thread of its own (dossier.json, the search index): that thread's
    /// processor time since `started` (a `threadProcessorSeconds()` reading).
    static func threadLine(_ work: String, since started: Double) {
        FileHandle.standardError.write(
            Data(String(format: "trace: %@ (its own thread): processor %.1f ms\n", work, (threadProcessorSeconds() - started) * 1000).utf8))
    }
}

/// The processor time this process has used so far, user and system, on every thread (for traces: a stage whose
/// processor time is close to its wall time runs on one core).
func processorSeconds() -> Double {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Processor time of the calling thread alone (for work done on a thread of its own, beside others).
func threadProcessorSeconds() -> Double {
    var time = timespec()
    guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Finds mentions of every actor and location in a Markdown document with one automaton.
final class MentionMatcher: Sendable {
    let entities: [EntityRef]
    let automaton: NameAutomaton
    /// Entity numbers in id order, and each number's position in it: output sorts by integers, not ids.
    let order: [Int]
    let rank: [Int]

    init(corpus: Corpus, diagnostics: inout [Diagnostic]) {
        var entities: [EntityRef] = []
        var declarations: [[UInt8]: [(entity: Int, name: Located<String>)]] = [:]
        func declare(_ entity: EntityRef, _ names: [Located<String>]) {
            let index = entities.count
            entities.append(entity)
            var seen = Set<[UInt8]>()
            for name in names {
                let folded = FoldedText(name.value.trimmingCharacters(in: .whitespaces), folding: .name).bytes
                guard !folded.isEmpty, seen.insert(folded).inserted else { continue }
                declarations[folded, default: []].append((index, name))
            }
        }
        for actor in corpus.actors { declare(EntityRef(kind: .actors, id: actor.id), [actor.name] + actor.aliases) }
        for location in corpus.locations { declare(EntityRef(kind: .locations, id: location.id), [location.name] + location.aliases) }

        var names: [(bytes: [UInt8], entity: Int)] = []
        for folded in declarations.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let owners = declarations[folded] else { continue }
            if owners.count > 1 {
                for owner in owners {
                    let others = owners.filter { $0.entity != owner.entity }.map { "\(entities[$0.entity]) ('\($0.name.value)')" }
                    diagnostics.append(
                        .error(
                            .sharedName, owner.name.location,
                            "the name '\(owner.name.value)' of \(entities[owner.entity]) is also declared by \(others.joined(separator: " and ")): a name may belong to only one actor or location, so mentions are never ambiguous"
                        ))
                }
                continue
            }
            names.append((folded, owners[0].entity))
        }
        self.entities = entities
        self.automaton = NameAutomaton(names: names)
        order = entities.indices.sorted { entities[$0] < entities[$1] }
        var rank = [Int](repeating: 0, count: entities.count)
        for (position, number) in order.enumerated() { rank[number] = position }
        self.rank = rank
    }

    /// What one Markdown text contributes: its mentions and, for an article, its surface forms and the
    /// entity pairs of its paragraphs (counted here, in parallel, and merged afterwards).
    struct DocumentLinks: Sendable {
        var mentions: [Mention] = []
        /// For articles: (entity number, surface text) → occurrences.
        var forms: [SurfaceForm: Int] = [:]
        /// For articles: entity numbers (lower << 32 | higher) → paragraphs naming both.
        var pairs: [Int: Int] = [:]
        var article: String?
    }

    struct SurfaceForm: Hashable, Sendable {
        let entity: Int
        let text: String
    }

    func links(in document: MarkdownDocument, owner: TextOwner) -> DocumentLinks {
        var links = DocumentLinks()
        if case .article(let id) = owner { links.article = id }
        var paragraph: [Int] = []
        var found: [(range: Range<Int>, entity: Int)] = []
        for block in document.blocks where block.kind == .paragraph || block.kind == .heading {
            for leaf in block.inlines where leaf.kind == .text && !leaf.inLink {
                leaf.withUTF8 { utf8 in
                    found.removeAll(keepingCapacity: true)
                    collect(in: utf8, into: &found)
                    for (range, entity) in found {
                        let surface = String(decoding: utf8[range], as: UTF8.self)
                        links.mentions.append(
                            Mention(owner: owner, entity: entities[entity], text: surface, paragraph: block.index, leaf: leaf.ordinal, range: range))
                        guard links.article != nil else { continue }
                        links.forms[SurfaceForm(entity: entity, text: surface), default: 0] += 1
                        paragraph.append(entity)
                    }
                }
            }
            if paragraph.count > 1 {
                paragraph.sort()
                var previous = -1
                for (i, first) in paragraph.enumerated() where first != previous {
                    previous = first
                    var last = -1
                    for second in paragraph[(i + 1)...] where second != first && second != last {
                        links.pairs[first << 32 | second, default: 0] += 1
                        last = second
                    }
                }
            }
            paragraph.removeAll(keepingCapacity: true)
        }
        // Exact size: every text's mentions are held for the whole build.
        links.mentions = links.mentions.withUnsafeBufferPointer { Array($0) }
        return links
    }


    /// Per entity, each surface form used in articles, with how often and by which articles and outlets.
    /// Articles and outlets are numbered, so merging costs integer work, not string work.
    func variants(corpus: Corpus, documents: [DocumentLinks]) -> [EntityRef: [NamingVariant]] {
        let articleIDs = corpus.articles.map(\.id).sorted()
        let articleNumber = Dictionary(articleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let actorsByID = Dictionary(corpus.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let outletNames = corpus.articles.map { SiteText.outletName($0, actors: actorsByID) }
        let outletList = Set(outletNames).sorted()
        let outletNumber = Dictionary(uniqueKeysWithValues: outletList.enumerated().map { ($1, $0) })
        var outletOfArticle = [Int](repeating: 0, count: articleIDs.count)
        for (article, outlet) in zip(corpus.articles, outletNames) {
            if let number = articleNumber[article.id] { outletOfArticle[number] = outletNumber[outlet] ?? 0 }
        }
        var counts: [SurfaceForm: Int] = [:]
        var articles: [SurfaceForm: [Int]] = [:]
        for document in documents {
            guard let id = document.article, let number = articleNumber[id] else { continue }
            for (form, count) in document.forms {
                counts[form, default: 0] += count
                articles[form, default: []].append(number)
            }
        }
        var result: [EntityRef: [NamingVariant]] = [:]
        for form in counts.keys.sorted(by: { (rank[$0.entity], $0.text) < (rank[$1.entity], $1.text) }) {
            let used = Array(Set(articles[form] ?? [])).sorted()
            let outlets = Set(used.map { outletOfArticle[$0] }).sorted().map { outletList[$0] }
            result[entities[form.entity], default: []].append(
                NamingVariant(text: form.text, count: counts[form] ?? 0, articles: used.map { articleIDs[$0] }, outlets: outlets))
        }
        return result
    }

    /// Entity pairs named in the same article paragraph, with the number of such paragraphs.
    func cooccurrences(_ documents: [DocumentLinks]) -> [Cooccurrence] {
        var counts: [Int: Int] = [:]
        for document in documents {
            for (pair, count) in document.pairs { counts[pair, default: 0] += count }
        }
        return counts.map { key, count -> (Int, Int, Int) in
            let a = rank[key >> 32], b = rank[key & 0xFFFF_FFFF]
            return (min(a, b), max(a, b), count)
        }
        .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        .map { Cooccurrence(first: entities[order[$0.0]], second: entities[order[$0.1]], count: $0.2) }
    }

    /// Appends the whole-word matches of `utf8` to `chosen`: longest first at each start, overlaps resolved
    /// left to right.
    func collect(in utf8: UnsafeBufferPointer<UInt8>, into chosen: inout [(range: Range<Int>, entity: Int)]) {
        var candidates: [(range: Range<Int>, entity: Int)] = []
        automaton.scanFolding(utf8) { found, patternIndex in
            var range = found
            // Combining marks after the last letter belong to the match.
            while range.upperBound < utf8.count, let scalar = Self.decodeScalar(utf8, at: range.upperBound),
                scalar.properties.generalCategory == .nonspacingMark
            {
                range = range.lowerBound..<(range.upperBound + UTF8.width(scalar))
            }
            if Self.isBoundary(before: range.lowerBound, in: utf8), Self.isBoundary(after: range.upperBound, in: utf8) {
                candidates.append((range, automaton.patterns[patternIndex].entity))
            }
        }
        if candidates.isEmpty { return }
        if candidates.count > 1 {
            candidates.sort { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        }
        var covered = 0
        for candidate in candidates where candidate.range.lowerBound >= covered {
            chosen.append(candidate)
            covered = candidate.range.upperBound
        }
    }

    /// A letter or digit right before the start blocks the match.
    static func isBoundary(before offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard offset > 0 else { return true }
        if bytes[offset - 1] < 0x80 { return !isWordScalar(Unicode.Scalar(bytes[offset - 1])) }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        // Skip back over combining marks to the base letter.
        var scalar = decodeScalar(bytes, at: start)
        while let current = scalar, current.properties.generalCategory == .nonspacingMark, start > 0 {
            start -= 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            scalar = decodeScalar(bytes, at: start)
        }
        guard let scalar else { return true }
        return !isWordScalar(scalar)
    }

    /// A letter or digit right after the end blocks the match.
    static func isBoundary(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard offset < bytes.count else { return true }
        if bytes[offset] < 0x80 { return !isWordScalar(Unicode.Scalar(bytes[offset])) }
        guard let scalar = decodeScalar(bytes, at: offset) else { return true }
        return !isWordScalar(scalar) && scalar.properties.generalCategory != .nonspacingMark
    }

    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Unicode.Scalar? {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

}

/// Contradictions: opposite stances on one proposition, and explicit `contradicts` pairs.
struct ContradictionFinder {
    let corpus: Corpus

    func find() -> [Contradiction] {
        let claims = Dictionary(uniqueKeysWithValues: corpus.claims.map { ($0.id, $0) })
        let affiliations = Dictionary(uniqueKeysWithValues: corpus.actors.map { ($0.id, Set($0.affiliations.map(\.value))) })
        struct Key: Hashable, Comparable {
            let first: String, second: String
            static func < (lhs: Key, rhs: Key) -> Bool { (lhs.first, lhs.second) < (rhs.first, rhs.second) }
        }
        var found: [Key: (proposition: String?, explicit: Bool)] = [:]
        func key(_ a: String, _ b: String) -> Key { a < b ? Key(first: a, second: b) : Key(first: b, second: a) }

        let byProposition = Dictionary(grouping: corpus.claims.filter { $0.proposition != nil && $0.stance != nil }) { $0.proposition?.value ?? "" }
        for proposition in byProposition.keys.sorted() {
            let group = byProposition[proposition] ?? []
            for a in group where a.stance == .affirms {
                for b in group where b.stance == .denies {
                    found[key(a.id, b.id), default: (nil, false)].proposition = proposition
                }
            }
        }
        for claim in corpus.claims {
            for other in claim.contradicts where claims[other.value] != nil && other.value != claim.id {
                found[key(claim.id, other.value), default: (nil, false)].explicit = true
            }
        }
        return found.keys.sorted().compactMap { pair in
            guard let a = claims[pair.first], let b = claims[pair.second], let entry = found[pair] else { return nil }
            let x = a.claimant.value, y = b.claimant.value
            let related = x == y || affiliations[x]?.contains(y) == true || affiliations[y]?.contains(x) == true
            return Contradiction(
                first: a.id, second: b.id, kind: related ? .selfContradiction : .betweenActors, proposition: entry.proposition,
                explicit: entry.explicit, firstDate: a.date, secondDate: b.date)
        }
    }
}
