// Finds the same statement in other articles: token similarity over sentence windows, plus a word diff.
import Foundation

/// Similarity is the Dice coefficient of the two word multisets (2·shared / (words in quote + words in
/// passage)), words compared lowercased with diacritics and typography folded. A passage corroborates a
/// quote at `threshold` or above: 0.6 accepts "We see no immediate military threat from Russia against any
/// NATO ally or region" for "We don't see any imminent military threat from Russia against any NATO ally or
/// the region" (0.80) while unrelated sentences that share a few function words stay well below it.
struct Corroborator {
    static let threshold = 0.6

    struct Sentence {
        let article: String
        let paragraph: Int
        let text: String
        let words: [String]
    }

    let sentencesByArticle: [String: [[Sentence]]]
    /// Word → (article, block position, sentence position) of every sentence using it.
    private let index: [String: [SentenceKey]]

    struct SentenceKey: Hashable {
        let article: String
        let block: Int
        let sentence: Int
    }

    init(articles: [ArticleText]) {
        var sentencesByArticle: [String: [[Sentence]]] = [:]
        var index: [String: [SentenceKey]] = [:]
        for article in articles {
            var blocks: [[Sentence]] = []
            for (blockPosition, block) in article.blocks.enumerated() {
                let sentences = Self.sentences(in: block.plain).map { text in
                    Sentence(article: article.id, paragraph: block.index, text: text, words: Self.words(text))
                }
                for (position, sentence) in sentences.enumerated() {
                    for word in Set(sentence.words) {
                        index[word, default: []].append(SentenceKey(article: article.id, block: blockPosition, sentence: position))
                    }
                }
                blocks.append(sentences)
            }
            sentencesByArticle[article.id] = blocks
        }
        self.sentencesByArticle = sentencesByArticle
        self.index = index
    }

    /// The best-matching passage in each other article, at or above the threshold, sorted by article id.
    func corroborations(of quote: String, from article: String) -> [Corroboration] {
        let quoteWords = Self.words(quote)
        guard !quoteWords.isEmpty else { return [] }
        let quoteSentences = max(1, Self.sentences(in: quote).count)
        // Candidate sentences share at least one word with the quote; windows start at them.
        var candidates = Set<SentenceKey>()
        for word in Set(quoteWords) {
            for key in index[word] ?? [] where key.article != article { candidates.insert(key) }
        }
        var best: [String: Corroboration] = [:]
        for key in candidates {
            guard let blocks = sentencesByArticle[key.article] else { continue }
            let sentences = blocks[key.block]
            for length in 1...(quoteSentences + 1) where key.sentence + length <= sentences.count {
                let window = sentences[key.sentence..<(key.sentence + length)]
                let words = window.flatMap(\.words)
                let similarity = Self.dice(quoteWords, words)
                guard similarity >= Self.threshold else { continue }
                let passage = window.map(\.text).joined(separator: " ")
                let candidate = Corroboration(
                    article: key.article, paragraph: sentences[key.sentence].paragraph, passage: passage, similarity: similarity,
                    diff: WordDiff.diff(quote, passage))
                if let current = best[key.article] {
                    if (similarity, -candidate.paragraph, -passage.count) > (current.similarity, -current.paragraph, -current.passage.count) {
                        best[key.article] = candidate
                    }
                } else {
                    best[key.article] = candidate
                }
            }
        }
        return best.keys.sorted().compactMap { best[$0] }
    }

    static func dice(_ a: [String], _ b: [String]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var counts: [String: Int] = [:]
        for word in a { counts[word, default: 0] += 1 }
        var shared = 0
        for word in b where (counts[word] ?? 0) > 0 {
            shared += 1
            counts[word, default: 0] -= 1
        }
        return Double(2 * shared) / Double(a.count + b.count)
    }

    /// Lowercased words with diacritics and apostrophe styles folded; "don't" stays one word.
    static func words(_ text: String) -> [String] {
        let folded = String(decoding: FoldedText(text, fold: Folding.name).bytes, as: UTF8.self).lowercased()
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber || (character == "'" && !current.isEmpty) {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current.hasSuffix("'") ? String(current.dropLast()) : current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current.hasSuffix("'") ? String(current.dropLast()) : current) }
        return words
    }

    /// Splits at . ! ? (and closing quotes after them) followed by a space; leading dialogue dashes dropped.
    static func sentences(in text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            if ".!?".contains(character) {
                var next = index + 1
                while next < characters.count, "\"”’'".contains(characters[next]) {
                    current.append(characters[next])
                    next += 1
                }
                if next >= characters.count || characters[next] == " " {
                    sentences.append(current)
                    current = ""
                }
                index = next
                continue
            }
            index += 1
        }
        sentences.append(current)
        return sentences.map { sentence in
            var trimmed = sentence.trimmingCharacters(in: .whitespaces)
            while let first = trimmed.first, "-–—".contains(first) { trimmed = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces) }
            return trimmed
        }.filter { !$0.isEmpty }
    }
}

/// A word-level diff (longest common subsequence) from one text to another, for "also reported in".
enum WordDiff {
    static func diff(_ from: String, _ to: String) -> [DiffChunk] {
        let a = from.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = to.split(whereSeparator: \.isWhitespace).map(String.init)
        let key = { (word: String) in Corroborator.words(word).joined(separator: " ") }
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
