// Quotations attributed to a known actor ("…," Stoltenberg said) that no claim's evidence cites: claim stubs.

struct StatementFinder {
    let corpus: Corpus
    let registry: KnownNames
    let blocks: [BlockWords]
    let resolved: [NameFinder.Resolved]

    /// Quotations shorter than this many words are left out (scare quotes, single terms).
    static let minimumWords = 4

    static let speechVerbs: Set<String> = [
        "said", "says", "say", "stated", "states", "told", "tells", "added", "adds", "warned", "warns", "stressed", "stresses",
        "noted", "notes", "emphasised", "emphasized", "emphasises", "emphasizes", "underlined", "underlines", "declared", "declares",
        "claimed", "claims", "explained", "explains", "insisted", "insists", "argued", "argues", "announced", "announces",
        "asserted", "reiterated", "remarked", "wrote", "writes", "tweeted", "posted", "according", "pointed", "replied", "responded",
        "concluded", "confirmed", "assured", "urged", "saying", "adding", "stressing", "noting", "warning",
    ]

    /// A quotation found in a paragraph.
    private struct Quotation {
        let block: Int
        /// The text between the quotation marks, trailing commas and spaces off.
        let range: Range<Int>
        let claimant: String
        let speaker: String
    }

    func find() -> [StatementSuggestion] {
        let cited = corpus.claims.flatMap { $0.evidence.map { Self.comparable($0.quote.value) } }.filter { !$0.isEmpty }
        var groups: [String: [Quotation]] = [:]
        for (number, block) in blocks.enumerated() {
            for quotation in quotations(in: block, number: number) {
                let key = Self.comparable(blocks[quotation.block].string(quotation.range))
                guard !key.isEmpty, !cited.contains(where: { $0.contains(key) || key.contains($0) }) else { continue }
                groups[key, default: []].append(quotation)
            }
        }
        let articleDates = Dictionary(corpus.articles.map { ($0.id, $0.published) }, uniquingKeysWith: { first, _ in first })
        var taken = Set(corpus.claims.map(\.id))
        var result: [StatementSuggestion] = []
        let ordered = groups.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        for (_, quotations) in ordered {
            guard let first = quotations.first else { continue }
            let claimant = NameFinder.mostCommon(quotations.map(\.claimant))
            let speaker = NameFinder.mostCommon(quotations.filter { $0.claimant == claimant }.map(\.speaker))
            var citations: [StatementCitation] = []
            var seenArticles = Set<String>()
            for quotation in quotations {
                let block = blocks[quotation.block]
                guard seenArticles.insert(block.article.id).inserted else { continue }
                citations.append(StatementCitation(article: block.article.id, quote: block.string(quotation.range)))
            }
            citations.sort { $0.article < $1.article }
            let dates = citations.compactMap { articleDates[$0.article] ?? nil }
            let quote = blocks[first.block].string(first.range)
            let id = uniqueID(claimant: claimant, quote: quote, taken: &taken)
            let evidence = quotations.map { quotation -> SuggestionEvidence in
                let block = blocks[quotation.block]
                return SuggestionEvidence(
                    path: block.article.body.path, line: block.line(at: quotation.range.lowerBound), article: block.article.id,
                    excerpt: block.excerpt(quotation.range, width: 50))
            }
            result.append(
                StatementSuggestion(
                    id: id, claimant: claimant, speaker: speaker, date: dates.min(), quote: quote, citations: citations, evidence: evidence))
        }
        return result
    }

    /// `claimant-first-words-of-the-quote`, with a number when taken.
    private func uniqueID(claimant: String, quote: String, taken: inout Set<String>) -> String {
        let words = NameKey.folded(quote).unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) ? Character(scalar) : " "
        }
        let slug = String(words).split(separator: " ").prefix(6).joined(separator: "-")
        let base = slug.isEmpty ? claimant : "\(claimant)-\(slug)"
        var id = base
        var number = 2
        while !taken.insert(id).inserted {
            id = "\(base)-\(number)"
            number += 1
        }
        return id
    }

    /// Quote text as compared with evidence: folded, letters, digits and single spaces only.
    static func comparable(_ text: String) -> String {
        let folded = NameKey.folded(text)
        var out = ""
        var space = false
        for character in folded {
            if character.isLetter || character.isNumber {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.append(character)
            } else {
                space = true
            }
        }
        return out
    }

    /// The paragraph's quotations in quotation marks that have a speech verb and a known speaker.
    private func quotations(in block: BlockWords, number: Int) -> [Quotation] {
        let spans = Self.quotedSpans(block.utf8)
        guard !spans.isEmpty else { return [] }
        var result: [Quotation] = []
        for (position, span) in spans.enumerated() {
            var inner = span.inner
            // A comma or space before the closing mark belongs to the sentence around the quotation.
            while inner.upperBound > inner.lowerBound, [0x2C, 0x20].contains(block.utf8[inner.upperBound - 1]) {
                inner = inner.lowerBound..<(inner.upperBound - 1)
            }
            while inner.upperBound > inner.lowerBound, block.utf8[inner.lowerBound] == 0x20 { inner = (inner.lowerBound + 1)..<inner.upperBound }
            let text = block.string(inner)
            guard text.split(whereSeparator: { $0 == " " }).count >= Self.minimumWords else { continue }
            // The attribution: the sentence around the quotation, outside any quotation.
            let start = Self.sentenceStart(block.utf8, before: span.outer.lowerBound, floor: position > 0 ? spans[position - 1].outer.upperBound : 0)
            let end = Self.sentenceEnd(
                block.utf8, after: span.outer.upperBound, ceiling: position + 1 < spans.count ? spans[position + 1].outer.lowerBound : block.utf8.count)
            let attribution = [start..<span.outer.lowerBound, span.outer.upperBound..<end]
            let words = block.tokens.filter { $0.kind == .word }
            let verbs = words.indices.filter { index in
                attribution.contains { $0.contains(words[index].range.lowerBound) } && Self.speechVerbs.contains(words[index].text.lowercased())
            }
            guard !verbs.isEmpty else { continue }
            var speaker = speaker(in: block, ranges: attribution, verbs: verbs, words: words)
            if speaker == nil, verbs.contains(where: { $0 > 0 && Self.referringWords.contains(words[$0 - 1].text.lowercased()) }) {
                speaker = previousSentenceSpeaker(blockNumber: number, before: start)
            }
            guard let speaker else { continue }
            result.append(Quotation(block: number, range: inner, claimant: speaker.claimant, speaker: speaker.text))
        }
        return result
    }

    private struct Speaker {
        let claimant: String
        let text: String
        let position: Int
    }

    /// Known actors in `ranges` of the paragraph: linked mentions, names resolved through suggested aliases,
    /// and actors' roles ("the NATO Secretary General"); the role wins over the organisation inside it.
    private func speakers(in block: BlockWords, ranges: [Range<Int>]) -> [Speaker] {
        var found: [Speaker] = []
        func inside(_ range: Range<Int>) -> Bool { ranges.contains { $0.contains(range.lowerBound) && range.upperBound <= $0.upperBound } }
        var covered: [Range<Int>] = []
        let folded = NameKey.folded(block.text)
        for entry in registry.entries where entry.entity.kind == .actors {
            guard let role = entry.role, folded.contains(role) else { continue }
            // The role's place in the original text: search word by word over the tokens.
            let roleWords = NameKey.words(role)
            let words = block.tokens.filter { $0.kind == .word }
            guard roleWords.count <= words.count else { continue }
            for start in 0...(words.count - roleWords.count) {
                let slice = words[start..<(start + roleWords.count)]
                guard slice.map({ NameKey.folded($0.text) }).joined(separator: " ") == role,
                    let first = slice.first, let last = slice.last
                else { continue }
                let range = first.range.lowerBound..<last.range.upperBound
                guard inside(range) else { continue }
                found.append(Speaker(claimant: entry.entity.id, text: block.string(range), position: range.lowerBound))
                covered.append(range)
            }
        }
        for mention in block.linked where mention.entity.kind == .actors && inside(mention.range) {
            guard !covered.contains(where: { $0.overlaps(mention.range) }) else { continue }
            found.append(Speaker(claimant: mention.entity.id, text: block.string(mention.range), position: mention.range.lowerBound))
        }
        for name in resolved where name.article == block.article.id && name.block == block.block.index && name.entity.kind == .actors {
            guard inside(name.range) else { continue }
            found.append(Speaker(claimant: name.entity.id, text: block.string(name.range), position: name.range.lowerBound))
        }
        return found
    }

    /// Words before a speech verb that point back to a speaker named earlier: "he said", "the president added".
    static let referringWords: Set<String> = ["he", "she", "they", "we", "it", "president", "minister", "leader", "chief", "spokesman", "spokesperson", "spokeswoman", "official", "officials", "premier"]

    /// The known actor next to a speech verb in the attribution: ending at most four words before it
    /// ("Stoltenberg told reporters") or starting at most four words after it ("said the NATO Secretary General").
    private func speaker(in block: BlockWords, ranges: [Range<Int>], verbs: [Int], words: [BlockWords.Token]) -> Speaker? {
        func wordIndex(containing offset: Int) -> Int? { words.firstIndex { $0.range.contains(offset) || $0.range.lowerBound >= offset } }
        var best: (distance: Int, speaker: Speaker)?
        for speaker in speakers(in: block, ranges: ranges) {
            guard let first = wordIndex(containing: speaker.position) else { continue }
            let last = words.lastIndex { $0.range.lowerBound < speaker.position + speaker.text.utf8.count } ?? first
            for verb in verbs {
                let distance: Int
                if last < verb, verb - last <= 4 {
                    distance = verb - last
                } else if first > verb, first - verb <= 4 {
                    distance = first - verb
                } else {
                    continue
                }
                if best == nil || distance < (best?.distance ?? Int.max) { best = (distance, speaker) }
            }
        }
        return best?.speaker
    }

    /// "He said": the actor the sentence before names (in the same paragraph, or the end of the one before).
    private func previousSentenceSpeaker(blockNumber: Int, before start: Int) -> Speaker? {
        var number = blockNumber
        var end = start
        while true {
            let block = blocks[number]
            // Step back over the spaces and the end of the previous sentence.
            var cursor = end
            while cursor > 0, [0x20, 0x0A].contains(block.utf8[cursor - 1]) { cursor -= 1 }
            if cursor > 0 {
                let sentenceStart = Self.sentenceStart(block.utf8, before: max(0, cursor - 1), floor: 0)
                let range = sentenceStart..<cursor
                // The one who speaks there ("Stoltenberg said …"), else the first person it names.
                let words = block.tokens.filter { $0.kind == .word }
                let verbs = words.indices.filter { range.contains(words[$0].range.lowerBound) && Self.speechVerbs.contains(words[$0].text.lowercased()) }
                if let speaker = speaker(in: block, ranges: [range], verbs: verbs, words: words) { return speaker }
                let found = speakers(in: block, ranges: [range]).sorted { $0.position < $1.position }
                let people = found.filter { speaker in registry.entries.contains { $0.entity.id == speaker.claimant && $0.entity.kind == .actors && $0.isPerson } }
                return people.first ?? found.first
            }
            guard number > 0, blocks[number - 1].article.id == block.article.id else { return nil }
            number -= 1
            end = blocks[number].utf8.count
        }
    }

    /// Quotation-mark pairs: curly “…” (cmark's smart punctuation), straight "…", guillemets «…».
    /// `outer` includes the marks, `inner` does not.
    static func quotedSpans(_ utf8: [UInt8]) -> [(outer: Range<Int>, inner: Range<Int>)] {
        let open: [[UInt8]] = [Array("\u{201C}".utf8), Array("\u{00AB}".utf8), Array("\u{201E}".utf8)]
        let close: [[UInt8]] = [Array("\u{201D}".utf8), Array("\u{00BB}".utf8), Array("\u{201C}".utf8)]
        var spans: [(outer: Range<Int>, inner: Range<Int>)] = []
        var index = 0
        func matches(_ mark: [UInt8], at position: Int) -> Bool {
            position + mark.count <= utf8.count && Array(utf8[position..<(position + mark.count)]) == mark
        }
        while index < utf8.count {
            var opening: Int?
            if utf8[index] == 0x22 {
                opening = 0
            } else {
                opening = open.firstIndex { matches($0, at: index) }.map { $0 + 1 }
            }
            guard let kind = opening else {
                index += 1
                continue
            }
            let markWidth = kind == 0 ? 1 : open[kind - 1].count
            let innerStart = index + markWidth
            var cursor = innerStart
            var closed: (Int, Int)?
            while cursor < utf8.count {
                if kind == 0, utf8[cursor] == 0x22 {
                    closed = (cursor, 1)
                    break
                }
                if kind > 0, matches(close[kind - 1], at: cursor) {
                    closed = (cursor, close[kind - 1].count)
                    break
                }
                cursor += 1
            }
            guard let (closeAt, closeWidth) = closed else { break }
            spans.append((index..<(closeAt + closeWidth), innerStart..<closeAt))
            index = closeAt + closeWidth
        }
        return spans
    }

    /// Where the sentence holding `offset` starts: after the last ". ", "! " or "? " before it (not before `floor`).
    static func sentenceStart(_ utf8: [UInt8], before offset: Int, floor: Int) -> Int {
        var cursor = min(offset, utf8.count)
        while cursor > floor {
            if cursor >= 2, [0x2E, 0x21, 0x3F].contains(utf8[cursor - 2]), utf8[cursor - 1] == 0x20, !isAbbreviation(utf8, dotAt: cursor - 2) {
                return cursor
            }
            cursor -= 1
        }
        return floor
    }

    /// Where the sentence holding `offset` ends: at the first ".", "!" or "?" followed by a space or the end.
    static func sentenceEnd(_ utf8: [UInt8], after offset: Int, ceiling: Int) -> Int {
        var cursor = offset
        while cursor < ceiling {
            if [0x2E, 0x21, 0x3F].contains(utf8[cursor]), cursor + 1 >= utf8.count || utf8[cursor + 1] == 0x20, !isAbbreviation(utf8, dotAt: cursor) {
                return cursor + 1
            }
            cursor += 1
        }
        return ceiling
    }

    /// A dot after one capital letter or a title (J. Smith, Mr. Smith) ends no sentence.
    private static func isAbbreviation(_ utf8: [UInt8], dotAt dot: Int) -> Bool {
        guard utf8[dot] == 0x2E else { return false }
        var start = dot
        while start > 0, (0x41...0x5A).contains(utf8[start - 1]) || (0x61...0x7A).contains(utf8[start - 1]) { start -= 1 }
        let word = String(decoding: utf8[start..<dot], as: UTF8.self)
        return (word.count == 1 && word.first?.isUppercase == true) || ["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Lt", "Prof", "No"].contains(word)
    }
}
