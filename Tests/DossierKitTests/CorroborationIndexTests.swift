// Corroboration's candidate machinery (prefix-filtered pairs, single words with their bounds, word masks)
// against a brute force over every window of every article.
import Foundation
import Testing

@testable import DossierKit

@Suite struct CorroborationIndex {
    /// What corroboration finds, worked out the slow way: every start sentence of every other article that
    /// shares enough of the quote's distinctive words, every window from it scored exactly, the first best
    /// window of each article kept. Only the tokenizer is shared with the code under test.
    static func reference(quotes: [(text: String, article: String)], articles: [ArticleText]) -> [(needed: Int, found: [String])] {
        struct Sentence {
            let range: Range<Int>
            let words: [UInt64]
        }
        // Every block's sentences.
        let blocks: [[[Sentence]]] = articles.map { article in
            article.blocks.map { block in
                var words: [UInt64] = []
                var ranges: [(range: Range<Int>, words: Range<Int>)] = []
                Tokens.tokenize(block.plain, words: &words, sentences: &ranges)
                return ranges.map { Sentence(range: $0.range, words: Array(words[$0.words])) }
            }
        }
        let sentenceCount = blocks.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        let quoteSentences = quotes.map { Tokens.sentences(in: $0.text) }
        // In how many sentences each quote word is.
        var frequency: [UInt64: Int] = [:]
        for word in Set(quoteSentences.flatMap { $0.flatMap(\.words) }) {
            frequency[word] = blocks.reduce(0) { $0 + $1.reduce(0) { $0 + $1.filter { $0.words.contains(word) }.count } }
        }
        let commonLimit = max(200, sentenceCount / 100)

        func counts(_ words: [UInt64]) -> [UInt64: Int] { words.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        func shared(_ a: [UInt64: Int], _ b: [UInt64: Int]) -> Int { a.reduce(0) { $0 + min($1.value, b[$1.key] ?? 0) } }

        return quotes.enumerated().map { number, quote in
            let words = quoteSentences[number].flatMap(\.words)
            let quoteCounts = counts(words)
            let distinctive = Set(words.filter { (frequency[$0] ?? 0) <= commonLimit })
            let needed = max(1, distinctive.count / 3)
            let longest = max(1, quoteSentences[number].count) + 1
            var found: [(article: String, text: String)] = []
            for (position, article) in articles.enumerated() where article.id != quote.article {
                var best: (similarity: Double, block: Int, start: Int, length: Int)?
                for (b, sentences) in blocks[position].enumerated() {
                    for start in sentences.indices where Set(sentences[start].words).intersection(distinctive).count >= needed {
                        for length in 1...min(longest, sentences.count - start) {
                            let window = sentences[start..<(start + length)].flatMap(\.words)
                            let similarity = Double(2 * shared(quoteCounts, counts(window))) / Double(words.count + window.count)
                            guard similarity >= Corroborator.threshold else { continue }
                            if let current = best, similarity <= current.similarity { continue }
                            best = (similarity, b, start, length)
                        }
                    }
                }
                if let best {
                    let sentences = blocks[position][best.block]
                    let passage = article.blocks[best.block].substring(sentences[best.start].range.lowerBound..<sentences[best.start + best.length - 1].range.upperBound)
                    found.append((article.id, "\(article.id) \(best.similarity) \(passage)"))
                }
            }
            return (needed, found.sorted { $0.article < $1.article }.map(\.text))
        }
    }

    /// A seeded corpus: a few function words in most sentences, content words drawn with a skew (so some are
    /// too common to find candidates by), quotes cut from the articles and planted, altered, in others.
    static func corpus(seed: UInt64) -> (articles: [ArticleText], quotes: [(text: String, article: String)]) {
        var random = SeededGenerator(seed: seed)
        let syllables = ["ka", "lo", "mir", "zen", "tu", "vra", "osk", "pel", "dri", "nam", "shu", "ert", "gol", "fi", "brun", "yas"]
        let vocabulary = (0..<420).map { number in
            (0..<(2 + number % 2)).map { syllables[(number / [1, 16, 256][$0] + $0 * 5) % syllables.count] }.joined() + "x\(number % 7 == 0 ? "" : String(repeating: "q", count: number % 3))"
        }
        let function = ["the", "of", "and", "to", "in"]
        func sentence() -> [String] {
            (0..<(4 + Int.random(in: 0..<12, using: &random))).map { _ in
                Int.random(in: 0..<10, using: &random) < 3 ? function[Int.random(in: 0..<function.count, using: &random)] : vocabulary[Int(Double(vocabulary.count) * pow(Double.random(in: 0..<1, using: &random), 2.2))]
            }
        }
        func text(_ words: [String]) -> String { words.joined(separator: " ") + "." }
        // Each article's sentences; paragraphs are cut every four.
        var articles: [[[String]]] = (0..<160).map { _ in (0..<(1 + Int.random(in: 0..<12, using: &random))).map { _ in sentence() } }
        var quotes: [(text: String, article: String)] = []
        for _ in 0..<70 {
            let source = Int.random(in: 0..<articles.count, using: &random)
            let sentences = articles[source]
            let first = Int.random(in: 0..<sentences.count, using: &random)
            let length = min(sentences.count - first, 1 + Int.random(in: 0..<2, using: &random))
            // Within one paragraph, so the quote is a passage of its article.
            guard first / 4 == (first + length - 1) / 4 else { continue }
            let cut = Array(sentences[first..<(first + length)])
            quotes.append((cut.map(text).joined(separator: " "), "a\(source)"))
            // Planted in another article, some words dropped or replaced, sometimes after a sentence of its own.
            guard Int.random(in: 0..<3, using: &random) > 0 else { continue }
            var target = Int.random(in: 0..<articles.count, using: &random)
            if target == source { target = (target + 1) % articles.count }
            var altered = cut.map { words -> [String] in
                var words = words
                for _ in 0..<Int.random(in: 0..<4, using: &random) where words.count > 2 {
                    let at = Int.random(in: 0..<words.count, using: &random)
                    if Int.random(in: 0..<2, using: &random) == 0 { words.remove(at: at) } else { words[at] = vocabulary[Int.random(in: 0..<vocabulary.count, using: &random)] }
                }
                return words
            }
            if Int.random(in: 0..<2, using: &random) == 0 { altered.insert(sentence(), at: 0) }
            articles[target].insert(contentsOf: altered, at: min(Int.random(in: 0..<articles[target].count + 1, using: &random) / 4 * 4, articles[target].count))
        }
        var fixture = CorpusFixture()
        fixture.articles = articles.enumerated().map { number, sentences in
            let body = stride(from: 0, to: sentences.count, by: 4).map { sentences[$0..<min($0 + 4, sentences.count)].map(text).joined(separator: " ") }
            return ("a\(number)", body.joined(separator: "\n\n") + "\n")
        }
        return (fixture.corpus().articles.map(ArticleText.init(article:)), quotes)
    }

    /// With the pair lookups one by one (as below 100,000 articles or so) and in prefetched batches (as above).
    @Test(arguments: [1, 2, 3, 4] as [UInt64], [false, true])
    func theIndexFindsWhatEveryWindowScoredGives(seed: UInt64, batched: Bool) {
        let (articles, quotes) = Self.corpus(seed: seed)
        let expected = Self.reference(quotes: quotes, articles: articles)
        let found = Corroborator.corroborations(of: quotes, in: articles, batchPairs: batched).map { list in
            list.map { "\($0.article) \($0.similarity) \($0.passage)" }
        }
        #expect(found.count == expected.count)
        for (number, (found, expected)) in zip(found, expected).enumerated() where found != expected.found {
            Issue.record("quote \(number) (\(quotes[number].text)), needing \(expected.needed): found \(found), by brute force \(expected.found)")
        }
        // The corpus reaches every way a quote is found: by one word, by a pair alone (needing two), by a pair
        // and a count (needing three or more); and some quotes are found nowhere.
        #expect(expected.contains { $0.needed == 1 && !$0.found.isEmpty })
        #expect(expected.contains { $0.needed == 2 && !$0.found.isEmpty })
        #expect(expected.contains { $0.needed >= 3 && !$0.found.isEmpty })
        #expect(expected.contains { $0.found.isEmpty })
    }
}

/// A sentence's slots are sorted by insertion up to 32 of them and by the library beyond: either way, sorted.
@Test func sentenceSlotsSortLikeTheLibrary() {
    var random = SeededGenerator(seed: 0x50_87)
    for length in [0, 1, 2, 3, 31, 32, 33, 100] {
        for _ in 0..<50 {
            // Few distinct values, so that repeats (the same word twice in a sentence) are common.
            let values = (0..<length).map { _ in Int32.random(in: 0..<12, using: &random) }
            var sorted = values
            Corroborator.sortSmall(&sorted)
            #expect(sorted == values.sorted(), "\(values)")
        }
    }
}
