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
        // Every distinct quote word gets a slot in an open-addressing table; postings list its quotes.
        var table = WordTable()
        var postingLists: [[Int32]] = []
        for (index, quote) in prepared.enumerated() {
            for word in Set(quote.words).sorted() {
                let slot = table.insert(word)
                if slot == postingLists.count { postingLists.append([]) }
                postingLists[slot].append(Int32(index))
            }
        }
        let words = table
        // Postings in one flat array (quote numbers of slot k at postingStart[k]..<postingStart[k + 1]).
        let postingStart = postingLists.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        let postingQuotes = postingLists.flatMap { $0 }
        let postings = postingLists

        struct Tokenized {
            let blocks: [[Sentence]]
            /// The article's word hashes, sentence after sentence, each sentence's run sorted.
            let words: [UInt64]
            /// Per sentence (see `Sentence.slots`), the quote-word slots of its distinct words.
            let slots: [Int32]
        }
        let slotCount = postings.count
        let tokenized = ParallelMap.map(articles) { article -> Tokenized in
            var buffer: [UInt64] = []
            var slots: [Int32] = []
            var blocks: [[Sentence]] = []
            blocks.reserveCapacity(article.blocks.count)
            for block in article.blocks {
                var ranges: [(range: Range<Int>, words: Range<Int>)] = []
                Tokens.tokenize(block.plain, words: &buffer, sentences: &ranges)
                blocks.append(
                    ranges.map { sentence in
                        buffer[sentence.words].sort()
                        let first = slots.count
                        var previous: UInt64?
                        for word in buffer[sentence.words] where word != previous {
                            if let slot = words.slot(of: word) { slots.append(Int32(slot)) }
                            previous = word
                        }
                        return Sentence(range: sentence.range, words: sentence.words, slots: first..<slots.count)
                    })
            }
            return Tokenized(blocks: blocks, words: buffer, slots: slots)
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
            for quote in postings[slot] { neededCounts[Int(quote)] += 1 }
        }
        let needed = neededCounts.map { max(1, $0 / 3) }
        let articleOfQuote = prepared.map(\.article)

        let perArticle = ParallelMap.map(Array(articles.indices)) { position -> [(Int, Corroboration)] in
            let article = articles[position]
            var best: [Int: (similarity: Double, block: Int, sentence: Int, length: Int)] = [:]
            var shared = [Int32](repeating: 0, count: prepared.count)
            var touched: [Int] = []
            let tokens = tokenized[position]
            let buffer = tokens.words
            let slotBuffer = tokens.slots
            for (b, sentences) in tokens.blocks.enumerated() {
                for (s, sentence) in sentences.enumerated() {
                    for slot in slotBuffer[sentence.slots] where distinctive[Int(slot)] {
                        for posting in postingStart[Int(slot)]..<postingStart[Int(slot) + 1] {
                            let q = Int(postingQuotes[posting])
                            if shared[q] == 0 { touched.append(q) }
                            shared[q] += 1
                        }
                    }
                    for quote in touched {
                        defer { shared[quote] = 0 }
                        guard Int(shared[quote]) >= needed[quote], articleOfQuote[quote] != article.id else { continue }
                        for length in 1...(prepared[quote].sentenceCount + 1) where s + length <= sentences.count {
                            let similarity: Double
                            if length == 1 {
                                similarity = dice(prepared[quote].words[...], buffer[sentence.words])
                            } else {
                                let window = buffer[sentence.words.lowerBound..<sentences[s + length - 1].words.upperBound].sorted()
                                similarity = dice(prepared[quote].words[...], window[...])
                            }
                            guard similarity >= threshold else { continue }
                            if let current = best[quote], similarity <= current.similarity { continue }
                            best[quote] = (similarity, b, s, length)
                        }
                    }
                    touched.removeAll(keepingCapacity: true)
                }
            }
            return best.map { quote, match in
                let sentences = tokenized[position].blocks[match.block]
                let block = article.blocks[match.block]
                let passage = block.substring(sentences[match.sentence].range.lowerBound..<sentences[match.sentence + match.length - 1].range.upperBound)
                return (
                    quote,
                    Corroboration(
                        article: article.id, paragraph: block.index, passage: passage, similarity: match.similarity,
                        diff: WordDiff.diff(prepared[quote].text, passage))
                )
            }
        }
        var result = [[Corroboration]](repeating: [], count: quotes.count)
        for found in perArticle {
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
