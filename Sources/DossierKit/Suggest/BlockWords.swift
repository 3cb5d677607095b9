// One article paragraph cut into words and punctuation, with its line numbers and linked mentions, for
// the name and statement finders of `dossier suggest`.
import DossierMarkdown

struct BlockWords {
    struct Token {
        enum Kind { case word, space, mark }
        let kind: Kind
        let text: String
        /// UTF-8 range in the block's plain text.
        let range: Range<Int>
        /// First letter upper case (any script).
        let capitalised: Bool
        /// A word with no word before it in its sentence (or after a colon, a dash or an opening quotation mark).
        var startsSentence = false
    }

    /// A mention the linker found, in plain-text offsets.
    struct Linked {
        let range: Range<Int>
        let entity: EntityRef
    }

    let article: Article
    let block: LeafBlock
    let text: String
    let utf8: [UInt8]
    let tokens: [Token]
    let linked: [Linked]
    /// Plain-text offsets of line breaks, in order.
    private let breaks: [Int]

    init(article: Article, block: LeafBlock, mentions: [Mention]) {
        self.article = article
        self.block = block
        text = block.plainText
        utf8 = Array(block.plainText.utf8)
        breaks = block.inlines.compactMap { leaf in
            (leaf.kind == .softBreak || leaf.kind == .lineBreak) ? leaf.plainRange?.lowerBound : nil
        }
        var leafStart: [Int: Int] = [:]
        for leaf in block.inlines { if let range = leaf.plainRange { leafStart[leaf.ordinal] = range.lowerBound } }
        linked = mentions.compactMap { mention in
            guard mention.paragraph == block.index, let start = leafStart[mention.leaf] else { return nil }
            return Linked(range: (start + mention.range.lowerBound)..<(start + mention.range.upperBound), entity: mention.entity)
        }
        tokens = Self.tokenize(block.plainText)
    }

    /// The line in the article file of a plain-text offset.
    func line(at offset: Int) -> Int {
        article.body.firstLine + block.line - 1 + breaks.prefix { $0 < offset }.count
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: utf8[range.clamped(to: 0..<utf8.count)], as: UTF8.self)
    }

    /// The text around a range: up to about `width` bytes either side, cut at spaces, on one line.
    func excerpt(_ range: Range<Int>, width: Int = 70) -> String {
        var start = max(0, range.lowerBound - width)
        var end = min(utf8.count, range.upperBound + width)
        if start > 0 {
            while start < range.lowerBound, utf8[start] != 0x20 { start += 1 }
            while start < range.lowerBound, utf8[start] == 0x20 { start += 1 }
        }
        if end < utf8.count {
            while end > range.upperBound, utf8[end - 1] != 0x20 { end -= 1 }
            while end > range.upperBound, utf8[end - 1] == 0x20 { end -= 1 }
        }
        // Never cut a scalar in two.
        while start > 0, start < utf8.count, utf8[start] & 0xC0 == 0x80 { start -= 1 }
        while end < utf8.count, utf8[end] & 0xC0 == 0x80 { end += 1 }
        let body = string(start..<end).replacingOccurrences(of: "\n", with: " ")
        return (start > 0 ? "…" : "") + body + (end < utf8.count ? "…" : "")
    }

    /// The linked mention covering any of `range`.
    func linkedMention(overlapping range: Range<Int>) -> Linked? {
        linked.first { $0.range.overlaps(range) }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        MentionMatcher.isWordScalar(scalar) || scalar.properties.generalCategory == .nonspacingMark
    }

    /// Words (letters and digits, with apostrophes, hyphens and dots inside: O’Brien, Bosnia-Herzegovina,
    /// U.S.), runs of spaces, and every other scalar on its own.
    static func tokenize(_ text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        var tokens: [Token] = []
        var index = 0
        func word(at position: Int) -> Bool { position < scalars.count && isWordScalar(scalars[position]) }
        while index < scalars.count {
            let start = index
            let scalar = scalars[index]
            let kind: Token.Kind
            if isWordScalar(scalar) {
                kind = .word
                index += 1
                while index < scalars.count {
                    if word(at: index) {
                        index += 1
                    } else if ["'", "\u{2019}", "-", "\u{2011}", "."].contains(scalars[index]), word(at: index + 1) {
                        index += 2
                    } else if scalars[index] == ".", index - start >= 3, scalars[index - 2] == "." {
                        // The last dot of U.S.
                        index += 1
                        break
                    } else {
                        break
                    }
                }
            } else if scalar.properties.isWhitespace {
                kind = .space
                index += 1
                while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            } else {
                kind = .mark
                index += 1
            }
            let piece = String(String.UnicodeScalarView(scalars[start..<index]))
            tokens.append(Token(kind: kind, text: piece, range: offsets[start]..<offsets[index], capitalised: kind == .word && scalar.properties.isUppercase))
        }
        markSentenceStarts(&tokens)
        return tokens
    }

    private static let startMarks: Set<String> = [".", "!", "?", ":", ";", "\u{201C}", "\"", "\u{2018}", "\u{2022}", "\u{00AB}"]
    private static let abbreviations: Set<String> = ["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Lt", "Sgt", "Prof", "Rev", "No", "vs"]

    private static func markSentenceStarts(_ tokens: inout [Token]) {
        var previousWord: Int?
        for index in tokens.indices where tokens[index].kind == .word {
            guard let previous = previousWord else {
                tokens[index].startsSentence = true
                previousWord = index
                continue
            }
            let between = tokens[(previous + 1)..<index].filter { $0.kind == .mark }.map(\.text)
            let word = tokens[previous].text
            let abbreviation = abbreviations.contains(word) || (word.unicodeScalars.count == 1 && tokens[previous].capitalised)
            if between.contains(where: { startMarks.contains($0) }) && !(abbreviation && between == ["."]) {
                tokens[index].startsSentence = true
            }
            previousWord = index
        }
    }
}
