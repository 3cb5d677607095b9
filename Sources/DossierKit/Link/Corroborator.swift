// Finds the same statement in other articles: token similarity over sentence windows, plus a word diff.

/// Similarity is the Dice coefficient of the two word multisets (2·shared / (words in quote + words in
/// passage)), words compared lowercased with diacritics and typography folded. A passage corroborates a
/// quote at `threshold` or above: 0.6 accepts "We see no immediate military threat from Russia against any
/// NATO ally or region" for "We don't see any imminent military threat from Russia against any NATO ally or
/// the region" (0.80) while unrelated sentences that share a few function words stay well below it.
struct Corroborator {
    static let threshold = 0.6

    struct Sentence {
        /// UTF-8 range in the block's plain text.
        let range: Range<Int>
        /// Range in the article's word buffer of this sentence's word hashes, sorted (a multiset).
        let words: Range<Int>
        /// Range in the article's slot buffer of the quote words this sentence uses.
        let slots: Range<Int>
    }

    /// One article's sentences as word hashes.
    struct Tokenized {
        let blocks: [[Sentence]]
        /// The article's word hashes, sentence after sentence, each sentence's run sorted.
        let words: [UInt64]
        /// Per sentence (see `Sentence.slots`), the quote-word slots of its distinct words, and how often
        /// the sentence has each.
        let slots: [Int32]
        let slotCounts: [Int32]
    }

    struct Quote {
        let text: String
        let article: String
        let sentenceCount: Int
        let words: [UInt64]
    }

    /// For each quote (text and the article it is from), the best-matching passage in each other article at
    /// or above the threshold, sorted by article id.
    ///
    /// Two passes over the corpus, each parallel by article. The first splits sentences, hashes words and
    /// counts in how many sentences each quote word occurs. Words in more than `commonLimit` sentences ("the",
    /// "and") are too common to find candidates by; the second pass keeps, per quote, the sentences that
    /// share at least a third of its distinctive words and scores windows of one to (quote sentences + 1)
    /// sentences starting there. Nothing is quadratic in the corpus.
    static func corroborations(of quotes: [(text: String, article: String)], in articles: [ArticleText]) -> [[Corroboration]] {
        guard !quotes.isEmpty else { return [] }
        let prepared = quotes.map { quote -> Quote in
            let sentences = Tokens.sentences(in: quote.text)
            return Quote(text: quote.text, article: quote.article, sentenceCount: max(1, sentences.count), words: sentences.flatMap(\.words).sorted())
        }
        // Every distinct quote word gets a slot in an open-addressing table; postings list its quotes, each with
        // how often the quote has the word.
        var table = WordTable()
        var postingLists: [[(quote: Int32, count: Int32)]] = []
        for (index, quote) in prepared.enumerated() {
            var start = 0
            while start < quote.words.count {
                var end = start + 1
                while end < quote.words.count, quote.words[end] == quote.words[start] { end += 1 }
                let slot = table.insert(quote.words[start])
                if slot == postingLists.count { postingLists.append([]) }
                postingLists[slot].append((Int32(index), Int32(end - start)))
                start = end
            }
        }
        let words = table
        let slotCount = postingLists.count

        let tokenized = ParallelMap.map(articles) { article -> Tokenized in
            var buffer: [UInt64] = []
            var slots: [Int32] = []
            var slotCounts: [Int32] = []
            var blocks: [[Sentence]] = []
            blocks.reserveCapacity(article.blocks.count)
            var ranges: [(range: Range<Int>, words: Range<Int>)] = []
            for block in article.blocks {
                ranges.removeAll(keepingCapacity: true)
                Tokens.tokenize(block.plain, words: &buffer, sentences: &ranges)
                blocks.append(
                    ranges.map { sentence in
                        buffer[sentence.words].sort()
                        let first = slots.count
                        var index = sentence.words.lowerBound
                        while index < sentence.words.upperBound {
                            let word = buffer[index]
                            var end = index + 1
                            while end < sentence.words.upperBound, buffer[end] == word { end += 1 }
                            if let slot = words.slot(of: word) {
                                slots.append(Int32(slot))
                                slotCounts.append(Int32(end - index))
                            }
                            index = end
                        }
                        return Sentence(range: sentence.range, words: sentence.words, slots: first..<slots.count)
                    })
            }
            return Tokenized(blocks: blocks, words: buffer, slots: slots, slotCounts: slotCounts)
        }
        // In how many sentences each quote word occurs, across the corpus.
        var frequency = [Int](repeating: 0, count: slotCount)
        var sentenceCount = 0
        for article in tokenized {
            for slot in article.slots { frequency[Int(slot)] += 1 }
            sentenceCount += article.blocks.reduce(0) { $0 + $1.count }
        }
        let commonLimit = max(200, sentenceCount / 100)
        let distinctive = frequency.map { $0 <= commonLimit }
        var neededCounts = [Int](repeating: 0, count: prepared.count)
        for slot in 0..<slotCount where distinctive[slot] {
            for posting in postingLists[slot] { neededCounts[Int(posting.quote)] += 1 }
        }
        let needed = neededCounts.map { max(1, $0 / 3) }
        // Article ids by number (the first article with the id), so the same-article test compares integers.
        let articleNumber = Dictionary(articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let articleOfQuote = prepared.map { quote in articleNumber[quote.article] ?? -1 }
        let articleKey = articles.map { articleNumber[$0.id] ?? -1 }

        // Postings of distinctive slots in one flat array (slot k's at start[k]..<start[k + 1]); common slots are
        // numbered apart, with a dense row per quote of how often it has each.
        var postings = Postings(slotCount: slotCount)
        for slot in 0..<slotCount where !distinctive[slot] {
            postings.commonIndex[slot] = Int32(postings.commonCount)
            postings.commonCount += 1
        }
        postings.quoteCommon = [Int32](repeating: 0, count: prepared.count * postings.commonCount)
        for slot in 0..<slotCount {
            if distinctive[slot] {
                for posting in postingLists[slot] {
                    postings.quotes.append(posting.quote)
                    postings.counts.append(posting.count)
                }
            } else {
                for posting in postingLists[slot] {
                    postings.quoteCommon[Int(posting.quote) * postings.commonCount + Int(postings.commonIndex[slot])] = posting.count
                }
            }
            postings.start.append(Int32(postings.quotes.count))
        }
        postingLists = []
        let index = postings
        let windowLimit = prepared.reduce(1) { max($0, $1.sentenceCount + 1) }
        let quoteCount = prepared.count

        // Articles in chunks, so each chunk allocates its counting state once.
        let chunkSize = 64
        let chunks = stride(from: 0, to: articles.count, by: chunkSize).map { $0..<min($0 + chunkSize, articles.count) }
        let perChunk = ParallelMap.map(chunks) { chunk -> [(Int, Corroboration)] in
          var scan = SentenceCounts(quoteCount: quoteCount, ringSize: windowLimit)
          var windows = WindowMerger()
          var found: [(Int, Corroboration)] = []
          for position in chunk {
            let article = articles[position]
            let tokens = tokenized[position]
            var best: [Int: (similarity: Double, block: Int, sentence: Int, length: Int)] = [:]

            // Scores the candidates of sentence `s`, once the ring holds the counts of sentences s ..< s + windowLimit.
            func evaluate(_ b: Int, _ s: Int, _ sentences: [Sentence]) {
                let ring = s % windowLimit
                guard !scan.candidates[ring].isEmpty else { return }
                windows.reset()
                for quote in scan.candidates[ring] {
                    let quoteWords = prepared[quote].words
                    let n = quoteWords.count
                    var sharedBound = 0
                    var m = 0
                    for length in 1...(prepared[quote].sentenceCount + 1) where s + length <= sentences.count {
                        m += sentences[s + length - 1].words.count
                        sharedBound += scan.shared(quote, ring: (s + length - 1) % windowLimit, index)
                        // Dice can reach the threshold only if every word of the shorter side is shared;
                        // past the quote's length, longer windows only lower that bound.
                        if Double(2 * min(n, m)) / Double(n + m) < threshold {
                            if m > n { break }
                            continue
                        }
                        let similarity: Double
                        if length == 1 {
                            // One sentence: the counts give the shared words exactly, as `dice` would.
                            similarity = Double(2 * sharedBound) / Double(n + m)
                        } else {
                            // Several: the sum over the sentences bounds what the merged window shares.
                            if Double(2 * min(sharedBound, n, m)) / Double(n + m) < threshold { continue }
                            similarity = dice(quoteWords[...], windows.window(length, sentences[s...], tokens.words))
                        }
                        guard similarity >= threshold else { continue }
                        if let current = best[quote], similarity <= current.similarity { continue }
                        best[quote] = (similarity, b, s, length)
                    }
                }
            }

            for (b, sentences) in tokens.blocks.enumerated() {
                for (i, sentence) in sentences.enumerated() {
                    scan.count(sentence, ring: i % windowLimit, tokens, index, distinctive) { quote, distinct in
                        distinct >= needed[quote] && articleOfQuote[quote] != articleKey[position]
                    }
                    if i >= windowLimit - 1 { evaluate(b, i - windowLimit + 1, sentences) }
                }
                for s in max(0, sentences.count - windowLimit + 1)..<sentences.count { evaluate(b, s, sentences) }
                scan.clear()
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
                            diff: WordDiff.diff(prepared[quote].text, passage))
                    ))
            }
          }
          return found
        }
        var result = [[Corroboration]](repeating: [], count: quotes.count)
        for found in perChunk {
            for (quote, corroboration) in found { result[quote].append(corroboration) }
        }
        return result.map { $0.sorted { $0.article < $1.article } }
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

/// The quote postings of the distinctive words, flat, and per quote how often it has each common word.
struct Postings: Sendable {
    /// Slot k's postings are at start[k] ..< start[k + 1] (empty for a common slot).
    var start: [Int32] = [0]
    var quotes: [Int32] = []
    /// How often the posting's quote has the word.
    var counts: [Int32] = []
    /// Per slot, its number among the common slots, or -1.
    var commonIndex: [Int32]
    var commonCount = 0
    /// Row per quote, column per common slot.
    var quoteCommon: [Int32] = []

    init(slotCount: Int) { commonIndex = Array(repeating: -1, count: slotCount) }
}

/// For the sentences of one block, kept for the last `ringSize` of them: which quotes share distinctive words
/// with each (the candidates are those sharing enough), and how many words each quote shares with it.
struct SentenceCounts {
    let quoteCount: Int
    let ringSize: Int
    /// Distinct distinctive words each quote shares with the sentence being counted.
    private var distinct: [Int32]
    /// Row per ring position, column per quote: distinctive words shared, with multiplicity.
    private var weight: [Int32]
    private var touched: [[Int]]
    /// Per ring position: the sentence's common slots (numbered among common slots) and how often it has each.
    private var common: [[(index: Int32, count: Int32)]]
    private(set) var candidates: [[Int]]

    init(quoteCount: Int, ringSize: Int) {
        self.quoteCount = quoteCount
        self.ringSize = ringSize
        distinct = Array(repeating: 0, count: quoteCount)
        weight = Array(repeating: 0, count: quoteCount * ringSize)
        touched = Array(repeating: [], count: ringSize)
        common = Array(repeating: [], count: ringSize)
        candidates = Array(repeating: [], count: ringSize)
    }

    /// Counts `sentence` into ring position `ring`, replacing what was there.
    mutating func count(
        _ sentence: Corroborator.Sentence, ring: Int, _ tokens: Corroborator.Tokenized, _ postings: Postings, _ distinctive: [Bool],
        isCandidate: (_ quote: Int, _ distinctWords: Int) -> Bool
    ) {
        clear(ring)
        let row = ring * quoteCount
        for k in sentence.slots {
            let slot = Int(tokens.slots[k])
            let here = tokens.slotCounts[k]
            guard distinctive[slot] else {
                common[ring].append((postings.commonIndex[slot], here))
                continue
            }
            for posting in Int(postings.start[slot])..<Int(postings.start[slot + 1]) {
                let quote = Int(postings.quotes[posting])
                if distinct[quote] == 0 { touched[ring].append(quote) }
                distinct[quote] += 1
                weight[row + quote] += min(here, postings.counts[posting])
            }
        }
        for quote in touched[ring] {
            if isCandidate(quote, Int(distinct[quote])) { candidates[ring].append(quote) }
            distinct[quote] = 0
        }
    }

    /// Words (with multiplicity) that `quote` shares with the sentence at ring position `ring`: exactly what
    /// `Corroborator.dice` counts for the two.
    func shared(_ quote: Int, ring: Int, _ postings: Postings) -> Int {
        var total = Int(weight[ring * quoteCount + quote])
        let row = quote * postings.commonCount
        for (index, count) in common[ring] { total += Int(min(count, postings.quoteCommon[row + Int(index)])) }
        return total
    }

    mutating func clear() {
        for ring in 0..<ringSize { clear(ring) }
    }

    private mutating func clear(_ ring: Int) {
        for quote in touched[ring] { weight[ring * quoteCount + quote] = 0 }
        touched[ring].removeAll(keepingCapacity: true)
        common[ring].removeAll(keepingCapacity: true)
        candidates[ring].removeAll(keepingCapacity: true)
    }
}

/// The sorted word multisets of the windows of one, two, … sentences from one start sentence, built on demand
/// by merging: the same multisets `sorted()` of the concatenated runs would give.
struct WindowMerger {
    /// Windows 2, 3, … (window 1 is read from the article buffer); arrays keep their capacity across starts.
    private var merged: [[UInt64]] = []
    private var built = 0

    mutating func reset() { built = 0 }

    /// The window of the first `length` of `sentences` (whose word runs in `buffer` are each sorted).
    mutating func window(_ length: Int, _ sentences: ArraySlice<Corroborator.Sentence>, _ buffer: [UInt64]) -> ArraySlice<UInt64> {
        let start = sentences.startIndex
        if length == 1 { return buffer[sentences[start].words] }
        while built < length - 1 {
            if merged.count == built { merged.append([]) }
            let next = buffer[sentences[start + built + 1].words]
            var output = merged[built]
            merged[built] = []
            output.removeAll(keepingCapacity: true)
            if built == 0 {
                Self.merge(buffer[sentences[start].words], next, into: &output)
            } else {
                Self.merge(merged[built - 1][...], next, into: &output)
            }
            merged[built] = output
            built += 1
        }
        return merged[length - 2][...]
    }

    private static func merge(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>, into output: inout [UInt64]) {
        output.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if b[j] < a[i] {
                output.append(b[j])
                j += 1
            } else {
                output.append(a[i])
                i += 1
            }
        }
        output.append(contentsOf: a[i...])
        output.append(contentsOf: b[j...])
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
