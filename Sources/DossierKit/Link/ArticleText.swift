// An article's blocks as searchable text: plain text per block, folded for quotes, mapped back to leaves.
import DossierMarkdown

struct BlockText: Sendable {
    struct LeafSpan: Sendable {
        let ordinal: Int
        let kind: InlineKind
        let inLink: Bool
        /// UTF-8 range of this leaf within the block's plain text.
        let range: Range<Int>
    }

    let block: LeafBlock
    var index: Int { block.index }
    /// The block's plain text, shared with the parsed document (not a copy).
    var plain: String { block.plainText }
    /// Folded for quote search; computed on demand, since most articles are never searched.
    var folded: FoldedText { FoldedText(plain, folding: .quote, collapsing: [0x20, UInt8(ascii: "-")], trim: false) }
    /// The leaves that have plain text, with their ranges in it; computed on demand from the block, so
    /// keeping every article's text for keyword in context costs nothing but the block list.
    var leaves: [LeafSpan] {
        block.inlines.compactMap { leaf in
            leaf.plainRange.map { LeafSpan(ordinal: leaf.ordinal, kind: leaf.kind, inLink: leaf.inLink, range: $0) }
        }
    }

    init(block: LeafBlock) {
        self.block = block
    }

    /// Cuts a plain-text range into pieces of the text leaves it covers (code and breaks are skipped).
    func pieces(for range: Range<Int>) -> [QuotePiece] {
        leaves.compactMap { leaf in
            guard leaf.kind == .text else { return nil }
            let lower = max(range.lowerBound, leaf.range.lowerBound), upper = min(range.upperBound, leaf.range.upperBound)
            guard lower < upper else { return nil }
            return QuotePiece(leaf: leaf.ordinal, range: (lower - leaf.range.lowerBound)..<(upper - leaf.range.lowerBound), inLink: leaf.inLink)
        }
    }

    func substring(_ range: Range<Int>) -> String {
        let bytes = Array(plain.utf8)
        return String(decoding: bytes[max(0, range.lowerBound)..<min(bytes.count, range.upperBound)], as: UTF8.self)
    }
}

struct ArticleText: Sendable {
    let id: String
    let blocks: [BlockText]
    /// The digest of the Markdown the blocks were parsed from.
    let source: ContentDigest

    init(article: Article) {
        id = article.id
        source = article.body.document.digest
        blocks = article.body.document.blocks.filter { $0.kind == .paragraph || $0.kind == .heading }.map(BlockText.init)
    }

    /// Same id and same Markdown, so the same blocks.
    func hasSameText(as other: ArticleText) -> Bool { id == other.id && source == other.source }

    static func foldQuote(_ quote: String) -> [UInt8] {
        FoldedText(quote, folding: .quote, collapsing: [0x20, UInt8(ascii: "-")], trim: true).bytes
    }

    /// The quote's first occurrence, block by block.
    func find(_ quote: String) -> QuoteLocation? {
        let needle = Self.foldQuote(quote)
        guard !needle.isEmpty else { return nil }
        for block in blocks {
            let folded = block.folded
            if let range = folded.firstRange(of: needle) {
                let original = folded.originalRange(range)
                return QuoteLocation(paragraph: block.index, pieces: block.pieces(for: original))
            }
        }
        return nil
    }

    /// The passage closest to `quote` (fewest character edits, any start), widened to whole words.
    func closestPassage(to quote: String) -> String? {
        let needle = Self.foldQuote(quote)
        guard !needle.isEmpty else { return nil }
        var best: (cost: Int, block: BlockText, folded: FoldedText, range: Range<Int>)?
        for block in blocks {
            let folded = block.folded
            let text = folded.bytes
            if text.isEmpty { continue }
            // Sellers' algorithm: edit distance of the needle against any substring of the text.
            var previousCost = Array(0...needle.count)
            var previousStart = [Int](repeating: 0, count: needle.count + 1)
            var currentCost = previousCost, currentStart = previousStart
            for j in 1...text.count {
                currentCost[0] = 0
                currentStart[0] = j
                for i in 1...needle.count {
                    let substitute = previousCost[i - 1] + (needle[i - 1] == text[j - 1] ? 0 : 1)
                    let delete = previousCost[i] + 1
                    let insert = currentCost[i - 1] + 1
                    if substitute <= delete, substitute <= insert {
                        currentCost[i] = substitute
                        currentStart[i] = previousStart[i - 1]
                    } else if delete <= insert {
                        currentCost[i] = delete
                        currentStart[i] = previousStart[i]
                    } else {
                        currentCost[i] = insert
                        currentStart[i] = currentStart[i - 1]
                    }
                }
                let cost = currentCost[needle.count]
                if best == nil || cost < (best?.cost ?? .max) {
                    best = (cost, block, folded, currentStart[needle.count]..<j)
                }
                swap(&previousCost, &currentCost)
                swap(&previousStart, &currentStart)
            }
        }
        guard let best, !best.range.isEmpty else { return nil }
        let original = best.folded.originalRange(best.range)
        return Self.widenToWords(best.block.plain, original)
    }

    static func widenToWords(_ text: String, _ range: Range<Int>) -> String {
        let bytes = Array(text.utf8)
        var lower = range.lowerBound, upper = range.upperBound
        func isWordByte(_ byte: UInt8) -> Bool { byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) }
        while lower > 0, isWordByte(bytes[lower - 1]) { lower -= 1 }
        while upper < bytes.count, isWordByte(bytes[upper]) { upper += 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}
