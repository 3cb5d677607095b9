// Finds the same statement in other articles: token similarity over sentence windows, plus a word diff.
import CSystem
import Foundation

/// Similarity is the Dice coefficient of the two word multisets (2·shared / (words in quote + words in
/// passage)), words compared lowercased with diacritics and typography folded. A passage corroborates a
/// quote at `threshold` or above: 0.6 accepts "We see no immediate military threat from Russia against any
/// NATO ally or region" for "We don't see any imminent military threat from Russia against any NATO ally or
/// the region" (0.80) while unrelated sentences that share a few function words stay well below it.
struct Corroborator {
    static let threshold = 0.6

    struct Sentence {
        /// UTF-8 range in the block's plain text.
        let start: Int32
        let end: Int32
        /// Words in the sentence, with repeats.
        let wordCount: Int32
        /// Range in the article's slot buffer of the quote words this sentence uses.
        let slotStart: Int32
        let slotEnd: Int32

        var range: Range<Int> { Int(start)..<Int(end) }
        var slots: Range<Int> { Int(slotStart)..<Int(slotEnd) }
    }

    /// One article's sentences, as the quote words each uses. Words no quote has are only counted: they
    /// can never be shared with a quote, so their hashes are not kept.
    struct Tokenized: Sendable {
        let blocks: [[Sentence]]
        /// Per sentence (see `Sentence.slots`), the quote-word slots of its distinct words, by slot, and how
        /// often the sentence has each.
        let slots: [Int32]
        let slotCounts: [Int32]

        /// Adds to `frequency` the sentences of this article that use each slot; returns the sentence count.
        func count(into frequency: inout [Int], sign: Int) -> Int {
            for slot in slots { frequency[Int(slot)] += sign }
            return blocks.reduce(0) { $0 + $1.count }
        }
    }

    struct Quote {
        let text: String
        let article: String
        let sentenceCount: Int
        let words: [UInt64]
        /// The quote's distinct words as (slot, occurrences), by slot.
        var slots: [(slot: Int32, count: Int32)] = []
    }

    /// What one corroboration run leaves for the next in a build session: with the same quotes, an
    /// article whose text did not change is not scanned again, as long as the words common enough to be
    /// ignored and the words each quote needs stay the same.
    final class Memory: @unchecked Sendable {
        struct Article {
            let text: ArticleText
            /// (quote index, corroboration) found in this article.
            let found: [(Int, Corroboration)]
        }

        var quotes: [QuoteKey] = []
        /// In how many sentences each quote-word slot occurs, and the number of sentences, over `articles`.
        var frequency: [Int] = []
        var sentenceCount = 0
        var distinctive: [Bool] = []
        var needed: [Int] = []
        /// The quotes as prepared for `quotes`: their words, the table of quote words and its postings.
        var prepared: [Quote] = []
        var words: WordTable?
        var postingLists: [[(quote: Int32, count: Int32)]] = []
        /// The candidate index for `quotes`, `distinctive` and `needed` (which quote words each quote is found by;
        /// the word frequencies only order its lookups, and its candidates are exact in any order).
        var index: CandidateIndex?
        var articles: [String: Article] = [:]
        /// Articles the last run scanned (for tests).
        var scanned = 0
    }

    struct QuoteKey: Hashable {
        let text: String
        let article: String
    }

    /// For each quote (text and the article it is from), the best-matching passage in each other article at
    /// or above the threshold, sorted by article id.
    ///
    /// Two passes over the corpus, each parallel by article. The first splits sentences, hashes words and
    /// counts in how many sentences each quote word occurs. Words in more than `commonLimit` sentences ("the",
    /// "and") are too common to find candidates by; the second pass keeps, per quote, the sentences that
    /// share at least a third of its distinctive words and scores windows of one to (quote sentences + 1)
    /// sentences starting there.
    ///
    /// Nothing walks a list that grows with the corpus for every sentence: with a fixed vocabulary each
    /// distinctive word is in a fixed share of the quotes, so walking every quote of each of a sentence's
    /// words (as this once did) costs sentences × quotes. `CandidateIndex` instead looks up the pairs of the
    /// sentence's distinctive words (prefix filtering), and a pair of such words is in few quotes; a cheap
    /// bound on the shared words (`WordMask`) then turns away almost every candidate window before the exact
    /// count. Quotes with five or fewer distinctive words need just one, so they are still found by single
    /// words: that part still grows with sentences × those quotes (a quarter of them), and is most of the
    /// work at 100,000 articles.
    ///
    /// With `memory`, only what changed since the run that filled it is done again (see `Memory`); the
    /// result is the same as without.
    ///
    /// `batchPairs` chooses how the candidate index looks up pairs (for tests; see `CandidateIndex.batchPairs`).
    static func corroborations(
        of quotes: [(text: String, article: String)], in articles: [ArticleText], memory: Memory? = nil, batchPairs: Bool? = nil
    ) -> [[Corroboration]] {
        guard !quotes.isEmpty else {
            if let memory { reset(memory) }
            return []
        }
        var trace = StageTrace(enabled: ProcessInfo.processInfo.environment["DOSSIER_TRACE"] != nil, prefix: "corroboration")
        let keys = quotes.map { QuoteKey(text: $0.text, article: $0.article) }
        var prepared: [Quote]
        var table: WordTable
        var postingLists: [[(quote: Int32, count: Int32)]]
        if let memory, memory.quotes == keys, let words = memory.words {
            // The same quotes as last time: prepared the same way.
            prepared = memory.prepared
            table = words
            postingLists = memory.postingLists
        } else {
            prepared = quotes.map { quote -> Quote in
                let sentences = Tokens.sentences(in: quote.text)
                return Quote(text: quote.text, article: quote.article, sentenceCount: max(1, sentences.count), words: sentences.flatMap(\.words).sorted())
            }
            // Every distinct quote word gets a slot in an open-addressing table; postings list its quotes, each with
            // how often the quote has the word.
            table = WordTable()
            postingLists = []
            for (index, quote) in prepared.enumerated() {
                var start = 0
                var slots: [(slot: Int32, count: Int32)] = []
                while start < quote.words.count {
                    var end = start + 1
                    while end < quote.words.count, quote.words[end] == quote.words[start] { end += 1 }
                    let slot = table.insert(quote.words[start])
                    if slot == postingLists.count { postingLists.append([]) }
                    postingLists[slot].append((Int32(index), Int32(end - start)))
                    slots.append((Int32(slot), Int32(end - start)))
                    start = end
                }
                prepared[index].slots = slots.sorted { $0.slot < $1.slot }
            }
        }
        let words = table
        let slotCount = postingLists.count
        trace.lap("quote words")

        // Which articles to tokenize: all, or with a memory of the same quotes, those whose text changed.
        let ids = articles.map(\.id)
        let uniqueIDs = Set(ids).count == ids.count
        let sameQuotes = memory.map { $0.quotes == keys && $0.frequency.count == slotCount } ?? false && uniqueIDs
        var tokenized = [Tokenized?](repeating: nil, count: articles.count)
        var frequency: [Int]
        var sentenceCount: Int
        var changed: [Int] = []
        if let memory, sameQuotes {
            frequency = memory.frequency
            sentenceCount = memory.sentenceCount
            var gone: [ArticleText] = []
            let current = Set(ids)
            for (id, old) in memory.articles where !current.contains(id) { gone.append(old.text) }
            for (position, article) in articles.enumerated() {
                guard let old = memory.articles[article.id] else {
                    changed.append(position)
                    continue
                }
                if !old.text.hasSameText(as: article) {
                    changed.append(position)
                    gone.append(old.text)
                }
            }
            for old in ParallelMap.map(gone, { tokenize($0, words) }) { sentenceCount -= old.count(into: &frequency, sign: -1) }
            let fresh = ParallelMap.map(changed) { tokenize(articles[$0], words) }
            for (position, tokens) in zip(changed, fresh) {
                tokenized[position] = tokens
                sentenceCount += tokens.count(into: &frequency, sign: 1)
            }
        } else {
            frequency = [Int](repeating: 0, count: slotCount)
            sentenceCount = 0
            let all = ParallelMap.map(articles) { tokenize($0, words) }
            for (position, tokens) in all.enumerated() {
                tokenized[position] = tokens
                sentenceCount += tokens.count(into: &frequency, sign: 1)
            }
            changed = Array(articles.indices)
        }
        trace.lap("tokens")
        let commonLimit = max(200, sentenceCount / 100)
        let distinctive = frequency.map { $0 <= commonLimit }
        var neededCounts = [Int](repeating: 0, count: prepared.count)
        for slot in 0..<slotCount where distinctive[slot] {
            for posting in postingLists[slot] { neededCounts[Int(posting.quote)] += 1 }
        }
        let needed = neededCounts.map { max(1, $0 / 3) }
        // Unchanged articles keep what they gave last time, unless what makes a candidate changed.
        let reuse = sameQuotes && memory.map { $0.distinctive == distinctive && $0.needed == needed } ?? false
        let toScan = reuse ? changed : Array(articles.indices)
        let missing = toScan.filter { tokenized[$0] == nil }
        for (position, tokens) in zip(missing, ParallelMap.map(missing) { tokenize(articles[$0], words) }) { tokenized[position] = tokens }

        // Article ids by number (the first article with the id), so the same-article test compares integers.
        let articleNumber = Dictionary(articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let articleOfQuote = prepared.map { quote in articleNumber[quote.article] ?? -1 }
        let articleKey = articles.map { articleNumber[$0.id] ?? -1 }

        // Candidates by prefix filtering (see `CandidateIndex`), a cheap upper bound on each window's shared
        // words, and the exact count only for windows that pass it.
        trace.lap("before the index")
        func makeIndex() -> CandidateIndex {
            CandidateIndex(quotes: prepared, frequency: frequency, distinctive: distinctive, needed: needed, batchPairs: batchPairs)
        }
        let index = reuse ? memory?.index ?? makeIndex() : makeIndex()
        trace.lap("candidate index")
        let quotesPrepared = prepared
        let quoteLength = prepared.map { Int32($0.words.count) }
        let quoteWindows = prepared.map { Int32($0.sentenceCount + 1) }
        let windowLimit = prepared.reduce(1) { max($0, $1.sentenceCount + 1) }
        let tokens = tokenized

        // Articles in chunks, so each chunk allocates its scratch state once.
        let chunkSize = max(64, (toScan.count + 255) / 256)
        let chunks = stride(from: 0, to: toScan.count, by: chunkSize).map { toScan[$0..<min($0 + chunkSize, toScan.count)] }
        let perChunk = ParallelMap.map(chunks) { chunk -> [(position: Int, found: [(Int, Corroboration)])] in
            var scan = CandidateScan(index)
            var windows = WindowMerger()
            var masks: [WordMask] = []
            var candidates: [Int32] = []
            var reach: [(mask: WordMask, words: Int)] = []
            var results: [(position: Int, found: [(Int, Corroboration)])] = []
            for position in chunk {
                let article = articles[position]
                guard let tokens = tokens[position] else { continue }
                let own = articleKey[position]
                var found: [(Int, Corroboration)] = []
                var best: [Int: (similarity: Double, block: Int, sentence: Int, length: Int)] = [:]
                for (b, sentences) in tokens.blocks.enumerated() {
                    masks.removeAll(keepingCapacity: true)
                    for sentence in sentences { masks.append(WordMask(tokens.slots[sentence.slots])) }
                    for s in sentences.indices {
                        // The masks of the windows from s, and their word counts.
                        reach.removeAll(keepingCapacity: true)
                        var union = WordMask(), total = 0
                        for next in s..<min(s + windowLimit, sentences.count) {
                            union.formUnion(masks[next])
                            total += Int(sentences[next].wordCount)
                            reach.append((union, total))
                        }
                        candidates.removeAll(keepingCapacity: true)
                        scan.candidates(of: sentences[s], tokens, reach: union, words: reach[0].words, into: &candidates)
                        guard !candidates.isEmpty else { continue }
                        if index.batchPairs { index.prefetchBounds(candidates) }
                        windows.reset()
                        for candidate in candidates {
                            let quote = Int(candidate)
                            guard articleOfQuote[quote] != own else { continue }
                            let n = Int(quoteLength[quote])
                            let longest = min(Int(quoteWindows[quote]), reach.count)
                            // No window can reach the threshold if even the longest one's bound on shared words,
                            // over the shortest one's length, falls short (10·shared < 3·(n + m) is Dice < 0.6).
                            if 10 * min(index.sharedBound(quote, reach[longest - 1].mask), n) < 3 * (n + reach[0].words) { continue }
                            for length in 1...longest {
                                let m = reach[length - 1].words
                                // Dice can reach the threshold only if every word of the shorter side is shared;
                                // past the quote's length, longer windows only lower that bound.
                                if 10 * min(n, m) < 3 * (n + m) {
                                    if m > n { break }
                                    continue
                                }
                                // Nor if the quote words whose mask buckets the window has are too few.
                                if 10 * min(index.sharedBound(quote, reach[length - 1].mask), n, m) < 3 * (n + m) { continue }
                                let shared = shared(quotesPrepared[quote].slots, windows.window(length, sentences[s...], tokens))
                                let similarity = Double(2 * shared) / Double(n + m)
                                guard similarity >= threshold else { continue }
                                if let current = best[quote], similarity <= current.similarity { continue }
                                best[quote] = (similarity, b, s, length)
                            }
                        }
                    }
                }
                for (quote, match) in best {
                    let sentences = tokens.blocks[match.block]
                    let block = article.blocks[match.block]
                    let passage = block.substring(sentences[match.sentence].range.lowerBound..<sentences[match.sentence + match.length - 1].range.upperBound)
                    found.append(
                        (
                            quote,
                            Corroboration(
                                article: article.id, paragraph: block.index, passage: passage, similarity: match.similarity,
                                diff: WordDiff.diff(quotesPrepared[quote].text, passage))
                        ))
                }
                results.append((position, found))
            }
            return results
        }
        trace.lap("scan")
        var foundAt = [[(Int, Corroboration)]?](repeating: nil, count: articles.count)
        for chunk in perChunk {
            for (position, found) in chunk { foundAt[position] = found }
        }
        var result = [[Corroboration]](repeating: [], count: quotes.count)
        for (position, article) in articles.enumerated() {
            for (quote, corroboration) in foundAt[position] ?? memory?.articles[article.id]?.found ?? [] {
                result[quote].append(corroboration)
            }
        }
        if let memory {
            if uniqueIDs {
                memory.quotes = keys
                memory.frequency = frequency
                memory.sentenceCount = sentenceCount
                memory.distinctive = distinctive
                memory.needed = needed
                memory.prepared = prepared
                memory.words = words
                memory.postingLists = postingLists
                memory.index = index
                var kept: [String: Memory.Article] = [:]
                kept.reserveCapacity(articles.count)
                for (position, article) in articles.enumerated() {
                    kept[article.id] = Memory.Article(text: article, found: foundAt[position] ?? memory.articles[article.id]?.found ?? [])
                }
                memory.articles = kept
            } else {
                reset(memory)
            }
            memory.scanned = toScan.count
        }
        trace.lap("results")
        return result.map { $0.sorted { $0.article < $1.article } }
    }

    private static func reset(_ memory: Memory) {
        memory.quotes = []
        memory.frequency = []
        memory.prepared = []
        memory.words = nil
        memory.postingLists = []
        memory.index = nil
        memory.articles = [:]
        memory.scanned = 0
    }

    /// One article's sentences as quote-word slots. Word hashes live only while a block is split.
    static func tokenize(_ article: ArticleText, _ words: WordTable) -> Tokenized {
        var buffer: [UInt64] = []
        var slots: [Int32] = []
        var slotCounts: [Int32] = []
        var blocks: [[Sentence]] = []
        blocks.reserveCapacity(article.blocks.count)
        var ranges: [(range: Range<Int>, words: Range<Int>)] = []
        var found: [Int32] = []
        for block in article.blocks {
            ranges.removeAll(keepingCapacity: true)
            buffer.removeAll(keepingCapacity: true)
            Tokens.tokenize(block.plain, words: &buffer, sentences: &ranges)
            blocks.append(
                ranges.map { sentence in
                    // The sentence's quote words as slots (words no quote has are only counted), sorted, then
                    // each distinct slot once with how often the sentence has it.
                    found.removeAll(keepingCapacity: true)
                    for word in buffer[sentence.words] {
                        if let slot = words.slot(of: word) { found.append(Int32(truncatingIfNeeded: slot)) }
                    }
                    Self.sortSmall(&found)
                    let first = slots.count
                    var index = 0
                    while index < found.count {
                        let slot = found[index]
                        var end = index + 1
                        while end < found.count, found[end] == slot { end += 1 }
                        slots.append(slot)
                        slotCounts.append(Int32(end - index))
                        index = end
                    }
                    return Sentence(
                        start: Int32(sentence.range.lowerBound), end: Int32(sentence.range.upperBound), wordCount: Int32(sentence.words.count),
                        slotStart: Int32(first), slotEnd: Int32(slots.count))
                })
        }
        // Exact-size copies: every article's tokens are held at once.
        return Tokenized(
            blocks: blocks, slots: slots.withUnsafeBufferPointer { Array($0) }, slotCounts: slotCounts.withUnsafeBufferPointer { Array($0) })
    }

    /// Sorts a sentence's slots: by insertion (shifting, not swapping) up to 32 of them, most sentences; the
    /// library's sort for longer ones, where insertion's quadratic cost would show.
    @inline(__always)
    static func sortSmall(_ values: inout [Int32]) {
        guard values.count > 1 else { return }
        guard values.count <= 32 else { return values.sort() }
        values.withUnsafeMutableBufferPointer { values in
            for index in 1..<values.count {
                let value = values[index]
                var position = index
                while position > 0, values[position - 1] > value {
                    values[position] = values[position - 1]
                    position -= 1
                }
                values[position] = value
            }
        }
    }

    /// Words (with multiplicity) a quote shares with a window (slots by slot, counts summed): for each
    /// quote word, the lesser of its count in the quote and in the window. What `dice` counts for the two
    /// word multisets, since any word the window shares with the quote is a quote word, so has a slot.
    static func shared(_ quote: [(slot: Int32, count: Int32)], _ window: ArraySlice<(slot: Int32, count: Int32)>) -> Int {
        var shared = 0
        var i = window.startIndex, j = 0
        while i < window.endIndex, j < quote.count {
            if window[i].slot == quote[j].slot {
                shared += Int(min(window[i].count, quote[j].count))
                i += 1
                j += 1
            } else if window[i].slot < quote[j].slot {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    /// Dice coefficient of two sorted multisets.
    static func dice(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var i = a.startIndex, j = b.startIndex, shared = 0
        while i < a.endIndex, j < b.endIndex {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(2 * shared) / Double(a.count + b.count)
    }
}

/// Which quotes a sentence may corroborate: those sharing at least `needed` of their distinctive words with it,
/// found without walking every quote that has one of the sentence's words.
///
/// Prefix filtering: order the distinctive words by how many sentences have them (rarest first). A quote
/// with d distinctive words that needs t of them shares, with any sentence that has t, at least two of its
/// first d − t + 2 (only t − 2 lie beyond them). So a quote needing two or more is indexed under the pairs
/// of those words, and a sentence looks up the pairs of its own distinctive words: a pair of rare words is
/// in few quotes, however large the corpus. A quote needing one word is indexed under each of them. Every
/// quote a pair or word yields is checked against the sentence's words, so the candidates are exactly those
/// sharing enough.
struct CandidateIndex: Sendable {
    let quoteCount: Int
    let slotCount: Int
    let needed: [Int32]
    /// Per quote, its distinctive slots: `distinctiveSlots[distinctiveStart[q] ..< distinctiveStart[q + 1]]`.
    let distinctiveStart: [Int32]
    let distinctiveSlots: [Int32]
    /// Per slot, its position in the rarest-first order of distinctive slots, or -1 if it is in no indexed pair.
    let pairRank: [Int32]
    /// Quotes needing one word, by slot: `singles[singleStart[k] ..< singleStart[k + 1]]`.
    let singleStart: [Int32]
    let singles: [SinglePosting]
    /// Open addressing on (rank, rank) keys (0 is empty); each key's quotes at pairQuotes[pairStart[i] ..< pairEnd[i]].
    let pairKeys: [UInt64]
    let pairStart: [Int32]
    let pairEnd: [Int32]
    let pairQuotes: [Int32]
    /// A blocked Bloom filter of the pair keys, an eighth of the table's size: most of a sentence's pairs are in
    /// no quote, and are turned away here without a probe of the table.
    let pairFilter: [UInt64]
    /// Whether a sentence's pairs are looked up in batches (see `CandidateScan.candidates`): when the table is
    /// far larger than a processor's cache (from `batchCapacity` slots, 16 MiB of keys; 100,000 articles of
    /// the benchmark make 4 million slots, 10,000 articles half a million, which the cache holds well
    /// enough that the batches' extra passes cost more than they save: 10% more scan time there).
    let batchPairs: Bool
    static let batchCapacity = 1 << 21
    /// Per quote, `WordMask.levels` masks: bit b of level k is set when the quote has at least k + 1 words
    /// (with repeats) in bucket b; and its words beyond that.
    let levels: [UInt64]
    let excess: [Int32]

    static let levelCount = 3

    init(quotes: [Corroborator.Quote], frequency: [Int], distinctive: [Bool], needed: [Int], batchPairs: Bool? = nil) {
        quoteCount = quotes.count
        slotCount = frequency.count
        self.needed = needed.map { Int32($0) }
        // Rarest first; ties by slot, so the order is the same in every run.
        let order = (0..<slotCount).filter { distinctive[$0] }.sorted { (frequency[$0], $0) < (frequency[$1], $1) }
        var rank = [Int32](repeating: -1, count: slotCount)
        for (position, slot) in order.enumerated() { rank[slot] = Int32(position) }

        var distinctiveStart: [Int32] = [0]
        var distinctiveSlots: [Int32] = []
        var singles: [(slot: Int32, quote: Int32)] = []
        var firstLevel: [(mask: WordMask, excess: Int32)] = []
        firstLevel.reserveCapacity(quotes.count)
        var pairs: [(key: UInt64, quote: Int32)] = []
        var inPair = [Bool](repeating: false, count: slotCount)
        var levels = [UInt64](repeating: 0, count: quotes.count * 4 * Self.levelCount)
        var excess = [Int32](repeating: 0, count: quotes.count)
        var sums = [Int32](repeating: 0, count: WordMask.bucketCount)
        for (q, quote) in quotes.enumerated() {
            let own = quote.slots.map(\.slot).filter { distinctive[Int($0)] }
            distinctiveSlots += own
            distinctiveStart.append(Int32(distinctiveSlots.count))
            let t = needed[q]
            if t == 1 {
                for slot in own { singles.append((slot, Int32(q))) }
            } else if own.count >= t {
                let prefix = own.map { rank[Int($0)] }.sorted().prefix(own.count - t + 2)
                for (i, a) in prefix.enumerated() {
                    inPair[Int(order[Int(a)])] = true
                    for b in prefix.dropFirst(i + 1) { pairs.append((UInt64(a) << 32 | UInt64(b), Int32(q))) }
                }
            }
            for i in sums.indices { sums[i] = 0 }
            for (slot, count) in quote.slots { sums[WordMask.bucket(slot)] += count }
            var extra: Int32 = 0
            for (bucket, sum) in sums.enumerated() where sum > 0 {
                for level in 0..<min(Int(sum), Self.levelCount) {
                    levels[(q * Self.levelCount + level) * 4 + bucket >> 6] |= 1 << UInt64(bucket & 63)
                }
                excess[q] += max(0, sum - Int32(Self.levelCount))
                extra += sum - 1
            }
            var mask = WordMask()
            let row = q * Self.levelCount * 4
            mask.words = (levels[row], levels[row + 1], levels[row + 2], levels[row + 3])
            firstLevel.append((mask, extra))
        }
        self.distinctiveStart = distinctiveStart
        self.distinctiveSlots = distinctiveSlots
        self.levels = levels
        self.excess = excess
        pairRank = (0..<slotCount).map { inPair[$0] ? rank[$0] : -1 }

        singles.sort { ($0.slot, $0.quote) < ($1.slot, $1.quote) }
        var singleStart = [Int32](repeating: 0, count: slotCount + 1)
        for single in singles { singleStart[Int(single.slot) + 1] += 1 }
        for k in 0..<slotCount { singleStart[k + 1] += singleStart[k] }
        self.singleStart = singleStart
        self.singles = singles.map { single in
            let quote = Int(single.quote)
            return SinglePosting(
                quote: single.quote, length: Int32(quotes[quote].words.count), excess: firstLevel[quote].excess, mask: firstLevel[quote].mask)
        }

        pairs.sort { ($0.key, $0.quote) < ($1.key, $1.quote) }
        var capacity = 16
        while capacity < pairs.count * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var starts = [Int32](repeating: 0, count: capacity)
        var ends = [Int32](repeating: 0, count: capacity)
        var i = 0
        while i < pairs.count {
            var j = i + 1
            while j < pairs.count, pairs[j].key == pairs[i].key { j += 1 }
            var probe = Self.home(pairs[i].key, capacity)
            while keys[probe] != 0 { probe = (probe + 1) & (capacity - 1) }
            keys[probe] = pairs[i].key
            starts[probe] = Int32(i)
            ends[probe] = Int32(j)
            i = j
        }
        pairKeys = keys
        var filterSize = 64
        while filterSize * 4 < pairs.count { filterSize *= 2 }
        var filter = [UInt64](repeating: 0, count: filterSize)
        for pair in pairs {
            let (word, bits) = Self.filterBits(pair.key, filterSize)
            filter[word] |= bits
        }
        pairFilter = filter
        pairStart = starts
        pairEnd = ends
        pairQuotes = pairs.map(\.quote)
        self.batchPairs = batchPairs ?? (capacity >= Self.batchCapacity)
    }

    static func home(_ key: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (capacity - 1)
    }

    /// The filter word of a key, and its two bits there.
    static func filterBits(_ key: UInt64, _ size: Int) -> (word: Int, bits: UInt64) {
        let hash = key &* 0xD6E8_FEB8_6659_FD93
        return (Int(truncatingIfNeeded: hash >> 40) & (size - 1), 1 << (hash & 63) | 1 << ((hash >> 6) & 63))
    }

    /// Where the pair's quotes are in `pairQuotes` (empty if none).
    func pair(_ key: UInt64) -> Range<Int> {
        let (word, bits) = Self.filterBits(key, pairFilter.count)
        guard pairFilter[word] & bits == bits else { return 0..<0 }
        return tablePair(key)
    }

    /// The same, without asking the filter first.
    func tablePair(_ key: UInt64) -> Range<Int> {
        let mask = pairKeys.count - 1
        var probe = Self.home(key, pairKeys.count)
        while true {
            let found = pairKeys[probe]
            if found == key { return Int(pairStart[probe])..<Int(pairEnd[probe]) }
            if found == 0 { return 0..<0 }
            probe = (probe + 1) & mask
        }
    }

    /// Starts loading what `sharedBound` reads for each of the quotes (see `batchPairs`).
    func prefetchBounds(_ quotes: [Int32]) {
        levels.withUnsafeBufferPointer { levels in
            guard let base = levels.baseAddress else { return }
            for quote in quotes {
                let row = base + Int(quote) * Self.levelCount * 4
                dossier_prefetch(row)
                dossier_prefetch(row + Self.levelCount * 4 - 1)
            }
        }
    }

    /// At least the number of words (with repeats) the quote shares with a window whose slots are in `window`.
    func sharedBound(_ quote: Int, _ window: WordMask) -> Int {
        var total = Int(excess[quote])
        var row = quote * Self.levelCount * 4
        for _ in 0..<Self.levelCount {
            total += (levels[row] & window.words.0).nonzeroBitCount + (levels[row + 1] & window.words.1).nonzeroBitCount
                + (levels[row + 2] & window.words.2).nonzeroBitCount + (levels[row + 3] & window.words.3).nonzeroBitCount
            row += 4
        }
        return total
    }
}

/// A quote needing one distinctive word, as listed under each of its words, with what it takes to turn it
/// away without looking anywhere else: its length and a bound on the words it shares with a window (the
/// first of `CandidateIndex.levels`' masks, and its words beyond one per bucket). Sentences with a common
/// enough word meet a growing number of these as the corpus grows, and reading them in sequence, not from
/// four tables by quote, is what keeps that part fast.
struct SinglePosting {
    let quote: Int32
    let length: Int32
    let excess: Int32
    let mask: WordMask

    /// At least the number of words (with repeats) the quote shares with a window whose slots are in `window`.
    @inline(__always)
    func sharedBound(_ window: WordMask) -> Int {
        Int(excess) + (mask.words.0 & window.words.0).nonzeroBitCount + (mask.words.1 & window.words.1).nonzeroBitCount
            + (mask.words.2 & window.words.2).nonzeroBitCount + (mask.words.3 & window.words.3).nonzeroBitCount
    }
}

/// One worker's scratch state for `CandidateIndex`: which slots the current sentence has, and which quotes
/// it has already tried, each marked with the sentence's stamp so nothing is cleared between sentences.
struct CandidateScan {
    let index: CandidateIndex
    private var slotStamp: [Int32]
    private var quoteStamp: [Int32]
    private var stamp: Int32 = 0
    private var ranks: [Int32] = []
    private var probes: [UInt64] = []
    private var found: [Range<Int>] = []

    init(_ index: CandidateIndex) {
        self.index = index
        slotStamp = Array(repeating: 0, count: index.slotCount)
        quoteStamp = Array(repeating: 0, count: index.quoteCount)
    }

    /// Appends the quotes sharing at least `needed` distinctive words with `sentence`, each once; of those
    /// needing one word, only those that can reach the threshold with some window from `sentence`:
    /// `reach` is the slots of the longest window, `words` the sentence's word count (see the scan).
    mutating func candidates(
        of sentence: Corroborator.Sentence, _ tokens: Corroborator.Tokenized, reach: WordMask, words: Int, into candidates: inout [Int32]
    ) {
        stamp += 1
        ranks.removeAll(keepingCapacity: true)
        // The single postings of each of the sentence's words lie apart, and at 100,000 articles they do not all
        // stay in the processor's own cache: their first lines are asked for together before the walk below,
        // instead of one miss after another as it reaches each word.
        index.singles.withUnsafeBufferPointer { singles in
            guard let base = singles.baseAddress else { return }
            for k in sentence.slots {
                let slot = Int(tokens.slots[k])
                let start = Int(index.singleStart[slot])
                let end = Int(index.singleStart[slot + 1])
                guard start < end else { continue }
                dossier_prefetch(base + start)
                if end - start > 1 { dossier_prefetch(base + start + 1) }
            }
        }
        for k in sentence.slots {
            let slot = Int(tokens.slots[k])
            slotStamp[slot] = stamp
            index.singles.withUnsafeBufferPointer { singles in
                for posting in Int(index.singleStart[slot])..<Int(index.singleStart[slot + 1]) {
                    let single = singles[posting]
                    // The scan's first test, with the longest window any quote has (a bound no lower).
                    let n = Int(single.length)
                    if 10 * min(single.sharedBound(reach), n) < 3 * (n + words) { continue }
                    let quote = Int(single.quote)
                    if quoteStamp[quote] != stamp {
                        quoteStamp[quote] = stamp
                        candidates.append(Int32(quote))
                    }
                }
            }
            let rank = index.pairRank[slot]
            if rank >= 0 { ranks.append(rank) }
        }
        guard ranks.count >= 2 else { return }
        ranks.sort()
        guard index.batchPairs else {
            for i in 0..<(ranks.count - 1) {
                let high = UInt64(ranks[i]) << 32
                for j in (i + 1)..<ranks.count { add(index.pair(high | UInt64(ranks[j])), into: &candidates) }
            }
            return
        }
        // With tables larger than the cache (see `CandidateIndex.batchPairs`), the sentence's pairs are looked
        // up in passes over all of them, each starting the next pass's loads (`dossier_prefetch`) instead of
        // waiting for one miss after another: the filter words, then the table slots of the keys the filter
        // lets through, then the quote lists of the keys found. The same pairs in the same order as above.
        probes.removeAll(keepingCapacity: true)
        index.pairFilter.withUnsafeBufferPointer { filter in
            guard let base = filter.baseAddress else { return }
            for i in 0..<(ranks.count - 1) {
                let high = UInt64(ranks[i]) << 32
                for j in (i + 1)..<ranks.count {
                    let key = high | UInt64(ranks[j])
                    dossier_prefetch(base + CandidateIndex.filterBits(key, filter.count).word)
                    probes.append(key)
                }
            }
        }
        var passed = 0
        index.pairFilter.withUnsafeBufferPointer { filter in
            index.pairKeys.withUnsafeBufferPointer { keys in
                guard let base = keys.baseAddress else { return }
                for key in probes {
                    let (word, bits) = CandidateIndex.filterBits(key, filter.count)
                    guard filter[word] & bits == bits else { continue }
                    dossier_prefetch(base + CandidateIndex.home(key, keys.count))
                    probes[passed] = key
                    passed += 1
                }
            }
        }
        found.removeAll(keepingCapacity: true)
        index.pairQuotes.withUnsafeBufferPointer { quotes in
            guard let base = quotes.baseAddress else { return }
            for key in probes[0..<passed] {
                let range = index.tablePair(key)
                guard !range.isEmpty else { continue }
                dossier_prefetch(base + range.lowerBound)
                found.append(range)
            }
        }
        // Then the distinctive words of the quotes that will be counted (see `add`).
        index.distinctiveSlots.withUnsafeBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            for range in found {
                for posting in range {
                    let quote = Int(index.pairQuotes[posting])
                    if index.needed[quote] > 2 { dossier_prefetch(base + Int(index.distinctiveStart[quote])) }
                }
            }
        }
        for range in found { add(range, into: &candidates) }
    }

    /// Appends the quotes of one pair's postings not yet seen for this sentence that share enough distinctive
    /// words with it.
    @inline(__always)
    private mutating func add(_ postings: Range<Int>, into candidates: inout [Int32]) {
        for posting in postings {
            let quote = Int(index.pairQuotes[posting])
            guard quoteStamp[quote] != stamp else { continue }
            quoteStamp[quote] = stamp
            // The pair is two of the quote's distinctive words, both in the sentence: enough for a quote
            // needing two. Others count their words in the sentence until they have enough.
            let needed = index.needed[quote]
            if needed > 2 {
                var shared: Int32 = 0
                for d in Int(index.distinctiveStart[quote])..<Int(index.distinctiveStart[quote + 1])
                where slotStamp[Int(index.distinctiveSlots[d])] == stamp {
                    shared += 1
                    if shared == needed { break }
                }
                guard shared == needed else { continue }
            }
            candidates.append(Int32(quote))
        }
    }
}

/// A set of slots hashed into 256 buckets, as four words of bits.
struct WordMask {
    static let bucketCount = 256
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static func bucket(_ slot: Int32) -> Int { Int((UInt32(bitPattern: slot) &* 0x9E37_79B9) >> 24) }

    init() {}

    init(_ slots: ArraySlice<Int32>) {
        for slot in slots {
            let bucket = Self.bucket(slot)
            let bit: UInt64 = 1 << UInt64(bucket & 63)
            switch bucket >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    mutating func formUnion(_ other: WordMask) {
        words.0 |= other.words.0
        words.1 |= other.words.1
        words.2 |= other.words.2
        words.3 |= other.words.3
    }
}

/// The quote-word slots of the windows of one, two, … sentences from one start sentence, by slot with
/// counts summed, built on demand by merging and shared by every quote scored at that start.
struct WindowMerger {
    /// Windows 1, 2, …; arrays keep their capacity across starts.
    private var merged: [[(slot: Int32, count: Int32)]] = []
    private var built = 0

    mutating func reset() { built = 0 }

    /// The window of the first `length` of `sentences`.
    mutating func window(_ length: Int, _ sentences: ArraySlice<Corroborator.Sentence>, _ tokens: Corroborator.Tokenized) -> ArraySlice<(slot: Int32, count: Int32)> {
        let start = sentences.startIndex
        while built < length {
            if merged.count == built { merged.append([]) }
            var output = merged[built]
            merged[built] = []
            output.removeAll(keepingCapacity: true)
            let sentence = sentences[start + built]
            if built == 0 {
                for k in sentence.slots { output.append((tokens.slots[k], tokens.slotCounts[k])) }
            } else {
                Self.merge(merged[built - 1], sentence, tokens, into: &output)
            }
            merged[built] = output
            built += 1
        }
        return merged[length - 1][...]
    }

    private static func merge(
        _ a: [(slot: Int32, count: Int32)], _ sentence: Corroborator.Sentence, _ tokens: Corroborator.Tokenized, into output: inout [(slot: Int32, count: Int32)]
    ) {
        output.reserveCapacity(a.count + sentence.slots.count)
        var i = 0, j = sentence.slots.lowerBound
        let end = sentence.slots.upperBound
        while i < a.count, j < end {
            let slot = tokens.slots[j]
            if a[i].slot == slot {
                output.append((slot, a[i].count + tokens.slotCounts[j]))
                i += 1
                j += 1
            } else if a[i].slot < slot {
                output.append(a[i])
                i += 1
            } else {
                output.append((slot, tokens.slotCounts[j]))
                j += 1
            }
        }
        output.append(contentsOf: a[i...])
        while j < end {
            output.append((tokens.slots[j], tokens.slotCounts[j]))
            j += 1
        }
    }
}

/// A set of word hashes with open addressing: a slot per word, found in a few probes.
struct WordTable: Sendable {
    private var keys: [UInt64] = Array(repeating: 0, count: 16)
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private(set) var count = 0

    /// The word's slot, adding it if new (slots are numbered 0, 1, 2, … in insertion order).
    mutating func insert(_ word: UInt64) -> Int {
        if let slot = slot(of: word) { return slot }
        if (count + 1) * 2 > keys.count { grow() }
        place(word, Int32(count))
        count += 1
        return count - 1
    }

    func slot(of word: UInt64) -> Int? {
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: word &* 0x9E37_79B9_7F4A_7C15 >> 32) & mask
        while slots[index] != -1 {
            if keys[index] == word { return Int(slots[index]) }
            index = (index + 1) & mask
        }
        return nil
    }

    private mutating func place(_ word: UInt64, _ slot: Int32) {
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: word &* 0x9E37_79B9_7F4A_7C15 >> 32) & mask
        while slots[index] != -1 { index = (index + 1) & mask }
        keys[index] = word
        slots[index] = slot
    }

    private mutating func grow() {
        let oldKeys = keys, oldSlots = slots
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        slots = Array(repeating: -1, count: oldKeys.count * 2)
        for (key, slot) in zip(oldKeys, oldSlots) where slot != -1 { place(key, slot) }
    }
}

/// Sentence and word splitting on folded UTF-8 bytes: fast enough for ten thousand articles.
enum Tokens {
    /// Quotes made plain, then diacritics dropped, so words compare as a reader would.
    static func fold(_ text: String) -> FoldedText {
        FoldedText(text, folding: .words)
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Sentences (original UTF-8 ranges, trimmed, leading dialogue dashes dropped) with their word hashes.
    static func sentences(in text: String) -> [(range: Range<Int>, words: [UInt64])] {
        var buffer: [UInt64] = []
        var ranges: [(range: Range<Int>, words: Range<Int>)] = []
        tokenize(text, words: &buffer, sentences: &ranges)
        return ranges.map { ($0.range, Array(buffer[$0.words])) }
    }

    /// Appends the text's word hashes to `words` and, per sentence, its original UTF-8 range and the range
    /// of its hashes in `words`. A sentence ends at . ! or ? (and any closing quotes) followed by a space or
    /// the end.
    static func tokenize(_ text: String, words: inout [UInt64], sentences: inout [(range: Range<Int>, words: Range<Int>)]) {
        var text = text
        text.withUTF8 { tokenize($0, words: &words, sentences: &sentences) }
    }

    /// What a scalar is to the tokenizer once folded.
    private enum Role {
        case word(String.UTF8View?)  // a letter or digit; the folded bytes when folding changes it
        case apostrophe
        case closingQuote
        case sentenceEnd
        case space
        case other
    }

    private static func role(_ scalar: Unicode.Scalar) -> Role {
        switch scalar {
        case "\u{2019}", "\u{2018}", "\u{02BC}", "\u{2032}", "\u{00B4}": return .apostrophe
        case "\u{201D}", "\u{201C}", "\u{00BB}": return .closingQuote
        case "\u{2026}": return .sentenceEnd
        case "\u{00A0}", "\u{2007}", "\u{202F}", "\u{2009}", "\u{200A}", "\u{2002}", "\u{2003}": return .space
        default:
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil else { return .other }
            return .word(NameFoldTable.fold(scalar)?.utf8)
        }
    }

    /// One pass over the original bytes, folding as it goes: sentence ranges are original offsets.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, words: inout [UInt64], sentences: inout [(range: Range<Int>, words: Range<Int>)]) {
        let basis: UInt64 = 0xcbf2_9ce4_8422_2325
        var hash = basis
        var length = 0
        var sentenceStart = -1  // original offset of the sentence's first word byte
        var sentenceEnd = 0  // original offset after its last non-space byte
        var firstWord = words.count
        var pendingApostrophe = false
        var endedAt = -1  // after a terminator (and closing quotes): where the sentence would end
        func endWord() {
            if length > 0 { words.append(hash) }
            hash = basis
            length = 0
            pendingApostrophe = false
        }
        func endSentence() {
            endWord()
            if sentenceStart >= 0, words.count > firstWord {
                sentences.append((sentenceStart..<sentenceEnd, firstWord..<words.count))
            }
            firstWord = words.count
            sentenceStart = -1
        }
        func add(_ byte: UInt8) {
            if pendingApostrophe {
                hash = (hash ^ 0x27) &* 0x100_0000_01b3
                pendingApostrophe = false
            }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            hash = (hash ^ UInt64(lower)) &* 0x100_0000_01b3
            length += 1
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isASCIIWordByte(byte) {
                // A run of ASCII letters and digits (most of any text), hashed in one loop: what the general
                // path below does for each of them (a word byte ends any terminator's wait for a space).
                endedAt = -1
                if sentenceStart < 0 { sentenceStart = index }
                if pendingApostrophe {
                    hash = (hash ^ 0x27) &* 0x100_0000_01b3
                    pendingApostrophe = false
                }
                // `add` for each byte, with its checks hoisted: ASCII letters and digits lowercase by setting
                // bit 5 (digits have it already).
                var next = index
                var running = hash
                while next < bytes.count {
                    let byte = bytes[next]
                    guard Self.isASCIIWordByte(byte) else { break }
                    running = (running ^ UInt64(byte | 0x20)) &* 0x100_0000_01b3
                    next += 1
                }
                hash = running
                length += next - index
                sentenceEnd = next
                index = next
                continue
            }
            if byte == 0x20, endedAt < 0 {
                // A space between words (most of the rest): what the general path below does for it.
                endWord()
                index += 1
                continue
            }
            var end = index + 1
            let role: Role
            if byte < 0x80 {
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: role = .word(nil)
                case 0x27, 0x60: role = .apostrophe
                case 0x22: role = .closingQuote
                case 0x2E, 0x21, 0x3F: role = .sentenceEnd
                case 0x20, 0x0A, 0x09, 0x0D: role = .space
                default: role = .other
                }
            } else {
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                end = min(index + width, bytes.count)
                var iterator = bytes[index..<end].makeIterator()
                var decoder = UTF8()
                if case .scalarValue(let scalar) = decoder.decode(&iterator) { role = Self.role(scalar) } else { role = .other }
            }
            // After a terminator, closing quotes still belong to the sentence; a space ends it.
            if endedAt >= 0 {
                switch role {
                case .closingQuote, .apostrophe:
                    endedAt = end
                    sentenceEnd = end
                    index = end
                    continue
                case .space:
                    endSentence()
                    endedAt = -1
                default:
                    endedAt = -1
                }
            }
            switch role {
            case .word(let folded):
                if sentenceStart < 0 { sentenceStart = index }
                if let folded { for out in folded { add(out) } } else { for k in index..<end { add(bytes[k]) } }
                sentenceEnd = end
            case .apostrophe:
                if length > 0 { pendingApostrophe = true } else { endWord() }
                if sentenceStart >= 0 { sentenceEnd = end }
            case .sentenceEnd:
                endWord()
                if sentenceStart >= 0 { sentenceEnd = end }
                endedAt = end
            case .space:
                endWord()
            case .closingQuote, .other:
                endWord()
                if sentenceStart >= 0 { sentenceEnd = end }
            }
            index = end
        }
        endSentence()
    }

    static func hashes(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt64] {
        var words: [UInt64] = []
        bytes.withUnsafeBufferPointer { appendHashes($0, range, to: &words) }
        return words
    }

    /// FNV-1a hashes of the lowercased words in a byte range; an apostrophe inside a word keeps it whole.
    static func appendHashes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to words: inout [UInt64]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            let apostropheInside = byte == 0x27 && length > 0 && index + 1 < range.upperBound && isWordByte(bytes[index + 1])
            if isWordByte(byte) || apostropheInside {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                hash = (hash ^ UInt64(lower)) &* 0x100_0000_01b3
                length += 1
            } else if length > 0 {
                words.append(hash)
                hash = 0xcbf2_9ce4_8422_2325
                length = 0
            }
            index += 1
        }
        if length > 0 { words.append(hash) }
    }
}

/// A word-level diff (longest common subsequence) from one text to another, for "also reported in".
enum WordDiff {
    static func diff(_ from: String, _ to: String) -> [DiffChunk] {
        let a = from.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = to.split(whereSeparator: \.isWhitespace).map(String.init)
        let key = { (word: String) -> [UInt64] in
            let folded = Tokens.fold(word).bytes
            return Tokens.hashes(folded, 0..<folded.count)
        }
        let ka = a.map(key), kb = b.map(key)
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = ka[i] == kb[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var chunks: [DiffChunk] = []
        func add(_ operation: DiffOperation, _ word: String) {
            if let last = chunks.last, last.operation == operation {
                chunks[chunks.count - 1].text += " " + word
            } else {
                chunks.append(DiffChunk(operation: operation, text: word))
            }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, ka[i] == kb[j] {
                add(.equal, b[j])
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                add(.insert, b[j])
                j += 1
            } else {
                add(.delete, a[i])
                i += 1
            }
        }
        return chunks
    }
}
