// Turns the loaded corpus into the dossier graph: mentions, verified quotes, corroboration,
// contradictions, naming variants and co-occurrence.
import DossierMarkdown
import Foundation

public struct Linker: Sendable {
    public let corpus: Corpus

    public init(corpus: Corpus) {
        self.corpus = corpus
    }

    public func link() -> (dossier: Dossier, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let matcher = MentionMatcher(corpus: corpus, diagnostics: &diagnostics)

        var texts: [(TextOwner, MarkdownDocument)] = corpus.articles.map { (.article($0.id), $0.body.document) }
        texts += corpus.actors.map { (.notes(kind: "actors", id: $0.id), $0.notes.document) }
        texts += corpus.locations.map { (.notes(kind: "locations", id: $0.id), $0.notes.document) }
        texts += corpus.propositions.map { (.notes(kind: "propositions", id: $0.id), $0.notes.document) }
        texts += corpus.claims.map { (.notes(kind: "claims", id: $0.id), $0.notes.document) }
        if let summary = corpus.dossier.summary { texts.append((.summary, summary.document)) }
        let mentions = ParallelMap.map(texts) { owner, document in matcher.mentions(in: document, owner: owner) }.flatMap { $0 }

        let articleTexts = ParallelMap.map(corpus.articles) { ArticleText(article: $0) }
        let textByID = Dictionary(uniqueKeysWithValues: articleTexts.map { ($0.id, $0) })
        var evidence: [String: [EvidenceResult]] = [:]
        var verifiedQuotes: [(claim: String, position: Int, text: String, article: String)] = []
        for claim in corpus.claims {
            var results: [EvidenceResult] = []
            for (offset, item) in claim.evidence.enumerated() {
                var result = EvidenceResult(article: item.article.value, quote: item.quote.value, number: offset + 1, location: nil, corroborations: [])
                if let text = textByID[item.article.value] {
                    result.location = text.find(item.quote.value)
                    if result.location == nil {
                        var message = "this quote is not in article '\(item.article.value)' (even ignoring differences in spaces, quotation marks, apostrophes and dashes)"
                        if let passage = text.closestPassage(to: item.quote.value) {
                            message += "; the closest passage is: \"\(passage)\""
                        }
                        diagnostics.append(.error(item.quote.location, message))
                    } else {
                        verifiedQuotes.append((claim.id, offset, item.quote.value, item.article.value))
                    }
                }
                results.append(result)
            }
            evidence[claim.id] = results
        }
        let corroborations = Corroborator.corroborations(of: verifiedQuotes.map { ($0.text, $0.article) }, in: articleTexts)
        for (quote, found) in zip(verifiedQuotes, corroborations) {
            evidence[quote.claim]?[quote.position].corroborations = found
        }
        let contradictions = ContradictionFinder(corpus: corpus).find()
        let variants = Self.variants(corpus: corpus, mentions: mentions)
        let cooccurrences = Self.cooccurrences(mentions)
        let dossier = Dossier(
            corpus: corpus, mentions: mentions, evidence: evidence, contradictions: contradictions,
            variants: variants, cooccurrences: cooccurrences)
        return (dossier, diagnostics)
    }

    /// Per entity, each surface form used in articles, with how often and by which articles and outlets.
    static func variants(corpus: Corpus, mentions: [Mention]) -> [EntityRef: [NamingVariant]] {
        let outletByArticle = Dictionary(uniqueKeysWithValues: corpus.articles.map { ($0.id, SiteText.outletName($0, corpus: corpus)) })
        struct Form: Hashable {
            let entity: EntityRef
            let text: String
        }
        var forms: [Form: (count: Int, articles: [String])] = [:]
        for mention in mentions {
            guard case .article(let article) = mention.owner else { continue }
            let key = Form(entity: mention.entity, text: mention.text)
            var entry = forms.removeValue(forKey: key) ?? (0, [])
            entry.count += 1
            if entry.articles.last != article { entry.articles.append(article) }
            forms[key] = entry
        }
        var result: [EntityRef: [NamingVariant]] = [:]
        for form in forms.keys.sorted(by: { ($0.entity, $0.text) < ($1.entity, $1.text) }) {
            guard let entry = forms[form] else { continue }
            let articles = Set(entry.articles).sorted()
            result[form.entity, default: []].append(
                NamingVariant(text: form.text, count: entry.count, articles: articles, outlets: Set(articles.compactMap { outletByArticle[$0] }).sorted()))
        }
        return result
    }

    /// Entity pairs named in the same article paragraph, counted once per paragraph. Mentions arrive
    /// grouped by owner and paragraph, so each paragraph is one run; entities are numbered for speed.
    static func cooccurrences(_ mentions: [Mention]) -> [Cooccurrence] {
        var numbers: [EntityRef: Int] = [:]
        var entities: [EntityRef] = []
        var counts: [Int: Int] = [:]
        var run: [Int] = []
        var current: (TextOwner, Int)?
        func flush() {
            let unique = Set(run).sorted()
            for (i, first) in unique.enumerated() {
                for second in unique[(i + 1)...] { counts[first << 32 | second, default: 0] += 1 }
            }
            run.removeAll(keepingCapacity: true)
        }
        for mention in mentions {
            guard case .article = mention.owner else { continue }
            if let current, current.1 != mention.paragraph || current.0 != mention.owner { flush() }
            current = (mention.owner, mention.paragraph)
            let number = numbers[mention.entity] ?? {
                entities.append(mention.entity)
                numbers[mention.entity] = entities.count - 1
                return entities.count - 1
            }()
            run.append(number)
        }
        flush()
        // Sort by rank (integers), not by comparing ids, and emit each pair in rank order.
        let order = entities.indices.sorted { entities[$0] < entities[$1] }
        var rank = [Int](repeating: 0, count: entities.count)
        for (position, number) in order.enumerated() { rank[number] = position }
        return counts.map { key, count -> (Int, Int, Int) in
            let a = rank[key >> 32], b = rank[key & 0xFFFF_FFFF]
            return (min(a, b), max(a, b), count)
        }
        .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        .map { Cooccurrence(first: entities[order[$0.0]], second: entities[order[$0.1]], count: $0.2) }
    }
}

/// Finds mentions of every actor and location in a Markdown document with one automaton.
struct MentionMatcher: Sendable {
    let entities: [EntityRef]
    let automaton: NameAutomaton

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
                            owner.name.location,
                            "the name '\(owner.name.value)' of \(entities[owner.entity]) is also declared by \(others.joined(separator: " and ")): a name may belong to only one actor or location, so mentions are never ambiguous"
                        ))
                }
                continue
            }
            names.append((folded, owners[0].entity))
        }
        self.entities = entities
        self.automaton = NameAutomaton(names: names)
    }

    func mentions(in document: MarkdownDocument, owner: TextOwner) -> [Mention] {
        var result: [Mention] = []
        for block in document.blocks where block.kind == .paragraph || block.kind == .heading {
            for leaf in block.inlines where leaf.kind == .text && !leaf.inLink {
                let found = matches(in: leaf.text)
                if found.isEmpty { continue }
                let utf8 = Array(leaf.text.utf8)
                for (range, entity) in found {
                    let bytes = utf8[range]
                    result.append(
                        Mention(
                            owner: owner, entity: entities[entity], text: String(decoding: bytes, as: UTF8.self), paragraph: block.index,
                            leaf: leaf.ordinal, range: range))
                }
            }
        }
        return result
    }

    /// Whole-word matches, longest first at each start, overlaps resolved left to right.
    func matches(in text: String) -> [(Range<Int>, Int)] {
        let original = Array(text.utf8)
        // ASCII text folds to itself: scan it directly, without the offset maps.
        let folded = original.allSatisfy { $0 < 0x80 } ? nil : FoldedText(text, folding: .name)
        var candidates: [(range: Range<Int>, entity: Int)] = []
        automaton.scan(folded?.bytes ?? original) { end, patternIndex in
            let pattern = automaton.patterns[patternIndex]
            let range = folded?.originalRange((end - pattern.length)..<end) ?? (end - pattern.length)..<end
            if Self.isBoundary(before: range.lowerBound, in: original), Self.isBoundary(after: range.upperBound, in: original) {
                candidates.append((range, pattern.entity))
            }
        }
        candidates.sort { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        var chosen: [(Range<Int>, Int)] = []
        var covered = 0
        for candidate in candidates where candidate.range.lowerBound >= covered {
            chosen.append((candidate.range, candidate.entity))
            covered = candidate.range.upperBound
        }
        return chosen
    }

    /// A letter or digit right before the start blocks the match.
    static func isBoundary(before offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset > 0 else { return true }
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
    static func isBoundary(after offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset < bytes.count, let scalar = decodeScalar(bytes, at: offset) else { return true }
        return !isWordScalar(scalar) && scalar.properties.generalCategory != .nonspacingMark
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func decodeScalar(_ bytes: [UInt8], at offset: Int) -> Unicode.Scalar? {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
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
