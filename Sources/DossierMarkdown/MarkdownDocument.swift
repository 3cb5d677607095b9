// All libcmark interop lives in this file: parse into Swift values, render with spliced spans.
import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kind of an inline leaf that carries text.
public enum InlineKind: Sendable, Hashable {
    case text, code, softBreak, lineBreak, html
}

/// A leaf of the inline tree: a run of text (or a break, or inline code) as cmark parsed it.
///
/// The text of text and code leaves is not stored per leaf: it is a range of its block's `plainText`, so a
/// document holds each character of its text once (plus its source).
public struct InlineLeaf: Sendable, Hashable {
    /// The block's plain text (text, code), or the leaf's own literal (HTML), or "\n" (breaks).
    private let storage: String
    // Offsets as 32-bit integers: a document holds many leaves.
    private let ordinal32: Int32
    /// UTF-8 range of the text in `storage`.
    private let textStart: Int32
    private let textEnd: Int32
    /// UTF-8 range in the block's plain text; -1 for none.
    private let plainStart: Int32
    private let plainEnd: Int32
    public let kind: InlineKind
    /// Inside the text of a link or image: never a place for a mention.
    public let inLink: Bool

    /// Position among all inline leaves of the document, in document order; spans are keyed by it.
    public var ordinal: Int { Int(ordinal32) }
    private var textRange: Range<Int> { Int(textStart)..<Int(textEnd) }
    /// UTF-8 range of this leaf in its block's `plainText`: the text of text and code leaves, the space a
    /// break stands for, nil for inline HTML (left out of the plain text).
    public var plainRange: Range<Int>? { plainStart < 0 ? nil : Int(plainStart)..<Int(plainEnd) }

    init(ordinal: Int, kind: InlineKind, inLink: Bool, storage: String, textRange: Range<Int>, plainRange: Range<Int>?) {
        self.storage = storage
        ordinal32 = Int32(clamping: ordinal)
        textStart = Int32(clamping: textRange.lowerBound)
        textEnd = Int32(clamping: textRange.upperBound)
        plainStart = plainRange.map { Int32(clamping: $0.lowerBound) } ?? -1
        plainEnd = plainRange.map { Int32(clamping: $0.upperBound) } ?? -1
        self.kind = kind
        self.inLink = inLink
    }

    /// The literal text (after cmark's smart punctuation); breaks are "\n".
    public var text: String {
        if textRange.lowerBound == 0, textRange.upperBound == storage.utf8.count { return storage }
        return withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of `text`, without copying them.
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var storage = storage
        let range = textRange
        return try storage.withUTF8 { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.ordinal == rhs.ordinal && lhs.kind == rhs.kind && lhs.inLink == rhs.inLink && lhs.text == rhs.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
        hasher.combine(kind)
        hasher.combine(inLink)
        hasher.combine(text)
    }
}

public enum BlockKind: Sendable, Hashable {
    case paragraph, heading, codeBlock, htmlBlock, thematicBreak
}

/// A leaf block (paragraph, heading, code block, …) with its inline leaves.
public struct LeafBlock: Sendable {
    /// 0-based position among the document's leaf blocks.
    public let index: Int
    public let kind: BlockKind
    /// 1-based line in the parsed text where the block starts.
    public let line: Int
    public let inlines: [InlineLeaf]
    /// The block's readable text: text and code literals, breaks as spaces (inline HTML left out). The
    /// leaves' texts are ranges of it.
    public let plainText: String

    fileprivate init(index: Int, kind: BlockKind, line: Int, plainText: String, inlines: [InlineLeaf]) {
        self.index = index
        self.kind = kind
        self.line = line
        self.plainText = plainText
        self.inlines = inlines
    }

    init(index: Int, kind: BlockKind, line: Int, leaves: [(ordinal: Int, kind: InlineKind, literal: String, inLink: Bool)]) {
        self.index = index
        self.kind = kind
        self.line = line
        var plain = ""
        var length = 0
        for leaf in leaves {
            switch leaf.kind {
            case .text, .code: length += leaf.literal.utf8.count
            case .softBreak, .lineBreak: length += 1
            case .html: break
            }
        }
        plain.reserveCapacity(length)
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(leaves.count)
        for leaf in leaves {
            let start = plain.utf8.count
            switch leaf.kind {
            case .text, .code: plain += leaf.literal
            case .softBreak, .lineBreak: plain += " "
            case .html:
                ranges.append(nil)
                continue
            }
            ranges.append(start..<plain.utf8.count)
        }
        plainText = plain
        inlines = zip(leaves, ranges).map { leaf, range in
            switch leaf.kind {
            case .text, .code:
                InlineLeaf(ordinal: leaf.ordinal, kind: leaf.kind, inLink: leaf.inLink, storage: plain, textRange: range ?? 0..<0, plainRange: range)
            case .softBreak, .lineBreak:
                InlineLeaf(ordinal: leaf.ordinal, kind: leaf.kind, inLink: leaf.inLink, storage: "\n", textRange: 0..<1, plainRange: range)
            case .html:
                InlineLeaf(
                    ordinal: leaf.ordinal, kind: leaf.kind, inLink: leaf.inLink, storage: leaf.literal, textRange: 0..<leaf.literal.utf8.count,
                    plainRange: nil)
            }
        }
    }
}

extension LeafBlock {
    /// The block of a parsed tree: the same as `init(index:kind:line:leaves:)` with each leaf's literal, but the
    /// plain text is copied from cmark's literals in one piece, without a string per leaf.
    fileprivate init(_ block: TreeWalk.Block) {
        let leaves = block.leaves
        var literals: [UnsafeRawBufferPointer] = []
        literals.reserveCapacity(leaves.count)
        var length = 0
        for leaf in leaves {
            switch leaf.kind {
            case .text, .code:
                let literal = cmark_node_get_literal(leaf.node).map { UnsafeRawBufferPointer(start: $0, count: strlen($0)) }
                    ?? UnsafeRawBufferPointer(start: nil, count: 0)
                literals.append(literal)
                length += literal.count
            case .softBreak, .lineBreak:
                literals.append(UnsafeRawBufferPointer(start: nil, count: 0))
                length += 1
            case .html:
                literals.append(UnsafeRawBufferPointer(start: nil, count: 0))
            }
        }
        // cmark's literals are valid UTF-8 (it parsed a Swift string), so nothing is repaired here.
        let plain = String(unsafeUninitializedCapacity: length) { buffer in
            var count = 0
            for (leaf, literal) in zip(leaves, literals) {
                switch leaf.kind {
                case .text, .code:
                    if let base = literal.baseAddress, let target = buffer.baseAddress {
                        (target + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: literal.count)
                    }
                    count += literal.count
                case .softBreak, .lineBreak:
                    buffer[count] = UInt8(ascii: " ")
                    count += 1
                case .html:
                    break
                }
            }
            return count
        }
        var inlines: [InlineLeaf] = []
        inlines.reserveCapacity(leaves.count)
        var start = 0
        for (leaf, literal) in zip(leaves, literals) {
            switch leaf.kind {
            case .text, .code:
                let range = start..<start + literal.count
                inlines.append(InlineLeaf(ordinal: leaf.ordinal, kind: leaf.kind, inLink: leaf.inLink, storage: plain, textRange: range, plainRange: range))
                start += literal.count
            case .softBreak, .lineBreak:
                inlines.append(
                    InlineLeaf(ordinal: leaf.ordinal, kind: leaf.kind, inLink: leaf.inLink, storage: "\n", textRange: 0..<1, plainRange: start..<start + 1))
                start += 1
            case .html:
                let html = cmark_node_get_literal(leaf.node).map { String(cString: $0) } ?? ""
                inlines.append(
                    InlineLeaf(ordinal: leaf.ordinal, kind: leaf.kind, inLink: leaf.inLink, storage: html, textRange: 0..<html.utf8.count, plainRange: nil))
            }
        }
        self.init(index: block.index, kind: block.kind, line: block.line, plainText: plain, inlines: inlines)
    }
}

/// Something to wrap around a range of one text leaf when rendering.
public struct Span: Sendable, Hashable {
    /// UTF-8 offsets within the leaf's text; must fall on scalar boundaries.
    public var range: Range<Int>
    /// Lower is outer: when two spans overlap, the lower priority encloses the other.
    public var priority: Int
    public var open: String
    /// The opening tag used when the span has to be reopened after an enclosing span was split.
    public var reopen: String
    public var close: String

    public init(range: Range<Int>, priority: Int, open: String, reopen: String? = nil, close: String) {
        self.range = range
        self.priority = priority
        self.open = open
        self.reopen = reopen ?? open
        self.close = close
    }
}

/// What Dossier keeps of bytes instead of the bytes (a content file in the loader's cache, a document's Markdown, a
/// file written): their length and two 64-bit digests of them, seeded once per process, as everything that compares
/// them lives in one process.
///
/// The digests come from four lanes of xxHash64's round (multiply, rotate, multiply) over 32-byte stripes, finished
/// in two different ways. This is not a cryptographic hash: it tells apart texts that differ by accident, which is
/// all a build asks of it (the content is the analyst's own). It replaced two SipHash passes, which were about 3% of
/// a build's instructions (every page written and every source read goes through it; callgrind, 2,000 articles)
/// for a keyed strength nothing here needs.
public struct ContentDigest: Hashable, Sendable {
    let count: Int
    let first: UInt64
    let second: UInt64

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self(UnsafeRawBufferPointer($0)) }
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { Self($0) }
    }

    public init(_ buffer: UnsafeRawBufferPointer) {
        var builder = Builder()
        builder.add(buffer)
        self = builder.digest
    }

    private init(count: Int, first: UInt64, second: UInt64) {
        self.count = count
        self.first = first
        self.second = second
    }

    /// Chosen once per process.
    private static let seed = UInt64.random(in: 0...UInt64.max)

    /// The digest of bytes that arrive in pieces: the same as of all of them at once.
    public struct Builder {
        private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
        private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
        private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
        private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

        private var count = 0
        private var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
        /// The bytes of a stripe not yet complete (fewer than 32), in `pending`'s first `pendingCount`.
        private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var pendingCount = 0

        public init() {
            let seed = ContentDigest.seed
            v1 = seed &+ Self.p1 &+ Self.p2
            v2 = seed &+ Self.p2
            v3 = seed
            v4 = seed &- Self.p1
        }

        @inline(__always)
        private static func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
            let mixed = lane &+ input &* p2
            return ((mixed << 31) | (mixed >> 33)) &* p1
        }

        @inline(__always)
        private static func rotate(_ value: UInt64, _ by: UInt64) -> UInt64 { (value << by) | (value >> (64 - by)) }

        @inline(__always)
        private mutating func stripe(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
            v1 = Self.round(v1, a)
            v2 = Self.round(v2, b)
            v3 = Self.round(v3, c)
            v4 = Self.round(v4, d)
        }

        public mutating func add(_ buffer: UnsafeRawBufferPointer) {
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            count += buffer.count
            var offset = 0
            if pendingCount > 0 {
                let take = min(32 - pendingCount, buffer.count)
                withUnsafeMutableBytes(of: &pending) { pending in
                    pending.baseAddress?.advanced(by: pendingCount).copyMemory(from: base, byteCount: take)
                }
                pendingCount += take
                offset = take
                guard pendingCount == 32 else { return }
                // Read as the loop below reads the input: little-endian words.
                stripe(UInt64(littleEndian: pending.0), UInt64(littleEndian: pending.1), UInt64(littleEndian: pending.2), UInt64(littleEndian: pending.3))
                pendingCount = 0
            }
            while buffer.count - offset >= 32 {
                stripe(
                    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)),
                    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)),
                    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
                offset += 32
            }
            let rest = buffer.count - offset
            if rest > 0 {
                pending = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &pending) { pending in
                    pending.baseAddress?.copyMemory(from: base.advanced(by: offset), byteCount: rest)
                }
                pendingCount = rest
            }
        }

        /// One way of finishing: the lanes merged in the given order, then the unfinished stripe (zero-padded; the
        /// count tells a text from the same text with zero bytes added), then xxHash64's avalanche.
        private func finish(_ lanes: (UInt64, UInt64, UInt64, UInt64), salt: UInt64) -> UInt64 {
            var hash = Self.rotate(lanes.0, 1) &+ Self.rotate(lanes.1, 7) &+ Self.rotate(lanes.2, 12) &+ Self.rotate(lanes.3, 18)
            func merge(_ lane: UInt64) { hash = (hash ^ Self.round(0, lane)) &* Self.p1 &+ Self.p4 }
            merge(lanes.0)
            merge(lanes.1)
            merge(lanes.2)
            merge(lanes.3)
            hash = hash &+ UInt64(truncatingIfNeeded: count) &+ salt
            func mix(_ word: UInt64) {
                hash ^= Self.round(0, word)
                hash = Self.rotate(hash, 27) &* Self.p1 &+ Self.p4
            }
            let words = (pendingCount + 7) / 8
            if words > 0 { mix(UInt64(littleEndian: pending.0)) }
            if words > 1 { mix(UInt64(littleEndian: pending.1)) }
            if words > 2 { mix(UInt64(littleEndian: pending.2)) }
            if words > 3 { mix(UInt64(littleEndian: pending.3)) }
            hash ^= hash >> 33
            hash = hash &* Self.p2
            hash ^= hash >> 29
            hash = hash &* Self.p3
            hash ^= hash >> 32
            return hash
        }

        public var digest: ContentDigest {
            ContentDigest(
                count: count, first: finish((v1, v2, v3, v4), salt: Self.p5),
                second: finish((v4, v2, v1, v3), salt: Self.p3 ^ Self.p5))
        }
    }
}

/// A Markdown document parsed by cmark (CommonMark, smart punctuation), as Swift values.
public struct MarkdownDocument: Sendable {
    /// The Markdown, kept only when asked for (or when rendering must parse it again): at 10,000 articles the
    /// sources are a sixth of a build's memory, and once parsed the blocks and the skeleton hold all rendering needs.
    public let source: String?
    /// Tells sources apart without keeping them: equal digests, equal sources.
    public let digest: ContentDigest
    /// Nothing but white space.
    public let isBlank: Bool
    public let blocks: [LeafBlock]
    /// How many block quotes and lists the deepest block sits in, and the line (1-based) where that depth is first
    /// reached: the loader refuses texts nested past a limit.
    public let nestingDepth: Int
    public let nestingLine: Int

    static let parseOptions: Int32 = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8

    /// The rendered HTML with the text of each text leaf left out, made when the document is parsed: rendering
    /// fills it in with the leaves' texts and spans, instead of parsing the source again. Nil when the source holds
    /// one of the marker bytes (then rendering parses again).
    private let skeleton: Skeleton?

    public init(parsing source: String, keepingSource: Bool = false) {
        digest = ContentDigest(source)
        isBlank = source.allSatisfy(\.isWhitespace)
        var blocks: [LeafBlock] = []
        var nesting = (depth: 0, line: 0)
        var skeleton: Skeleton?
        var copy = source
        let markerFree = copy.withUTF8 { bytes in !bytes.contains { $0 >= Skeleton.textMarker && $0 <= Skeleton.anchorMarker } }
        Self.withParsedTree(source) { root in
            let walk = TreeWalk(root: root)
            blocks = walk.blocks.map { LeafBlock($0) }
            nesting = (walk.deepestNesting, walk.deepestNestingLine)
            if markerFree { skeleton = Skeleton(root: root, walk: walk) }
        }
        self.blocks = blocks
        nestingDepth = nesting.depth
        nestingLine = nesting.line
        self.skeleton = skeleton
        self.source = keepingSource || skeleton == nil ? source : nil
    }

    /// The HTML of a document with a marker byte where each text leaf's text goes and where a paragraph or
    /// heading starts (for its anchor), and which leaf and block each marker stands for, in document order:
    /// cmark's renderer visits nodes in the order of the walk.
    struct Skeleton: Sendable {
        static let textMarker: UInt8 = 1
        /// A text leaf inside an image's description, which cmark renders as plain text (spans escaped too).
        static let plainTextMarker: UInt8 = 2
        static let anchorMarker: UInt8 = 3

        let html: [UInt8]
        /// Block and position in the block of the leaf of each text marker.
        let texts: [(block: Int32, inline: Int32)]
        /// The block index of each anchor marker.
        let anchors: [Int32]

        /// Changes the tree: call last.
        fileprivate init?(root: OpaquePointer, walk: TreeWalk) {
            MarkdownDocument.makeSafe(walk)
            var texts: [(block: Int32, inline: Int32)] = []
            var anchors: [Int32] = []
            for block in walk.blocks {
                if block.kind == .paragraph || block.kind == .heading {
                    guard let anchorNode = cmark_node_new(CMARK_NODE_HTML_INLINE) else { return nil }
                    cmark_node_set_literal(anchorNode, "\u{3}")
                    cmark_node_prepend_child(block.node, anchorNode)
                    anchors.append(Int32(clamping: block.index))
                }
                for (position, leaf) in block.leaves.enumerated() where leaf.kind == .text {
                    guard let marker = cmark_node_new(CMARK_NODE_HTML_INLINE) else { return nil }
                    cmark_node_set_literal(marker, leaf.inImage ? "\u{2}" : "\u{1}")
                    cmark_node_insert_before(leaf.node, marker)
                    cmark_node_unlink(leaf.node)
                    cmark_node_free(leaf.node)
                    texts.append((Int32(clamping: block.index), Int32(clamping: position)))
                }
            }
            guard let rendered = cmark_render_html(root, CMARK_OPT_UNSAFE | MarkdownDocument.parseOptions) else { return nil }
            defer { free(rendered) }
            html = Array(UnsafeRawBufferPointer(start: rendered, count: strlen(rendered)))
            // A marker byte can also come from the text itself by way of an entity (`&#1;` in a link title or a code
            // fence's info string is decoded, and attributes keep it): then the markers no longer match the leaves,
            // and the document renders by parsing instead.
            var textMarkers = 0, anchorMarkers = 0
            for byte in html {
                if byte == Self.textMarker || byte == Self.plainTextMarker { textMarkers += 1 } else if byte == Self.anchorMarker { anchorMarkers += 1 }
            }
            guard textMarkers == texts.count, anchorMarkers == anchors.count else { return nil }
            self.texts = texts
            self.anchors = anchors
        }
    }

    /// Renders HTML as cmark's safe renderer would, with `spans` spliced into the text leaves
    /// (keyed by leaf ordinal) and, when `blockAnchor` gives one, an empty anchor element at the
    /// start of that paragraph or heading. The author's raw HTML is omitted as in cmark's safe mode,
    /// and dangerous link URLs are emptied, so only the spans are trusted HTML.
    public func renderHTML(spans: [Int: [Span]] = [:], blockAnchor: ((Int) -> String?)? = nil) -> String {
        guard skeleton != nil else { return renderHTMLParsing(spans: spans, blockAnchor: blockAnchor) }
        var output: [UInt8] = []
        renderHTML(spans: spans, blockAnchor: blockAnchor, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The same HTML, appended to `output` (a page being rendered): no text of its own made and copied.
    public func renderHTML(spans: [Int: [Span]] = [:], blockAnchor: ((Int) -> String?)? = nil, into output: inout [UInt8]) {
        guard let skeleton else {
            output.append(contentsOf: renderHTMLParsing(spans: spans, blockAnchor: blockAnchor).utf8)
            return
        }
        var textLength = 0
        for block in blocks { textLength += block.plainText.utf8.count }
        output.reserveCapacity(output.count + skeleton.html.count + textLength + textLength / 8 + spans.count * 96)
        var textIndex = 0
        var anchorIndex = 0
        skeleton.html.withUnsafeBufferPointer { html in
            var runStart = 0
            for position in html.indices {
                let byte = html[position]
                guard byte >= Skeleton.textMarker, byte <= Skeleton.anchorMarker else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: html[runStart..<position]))
                runStart = position + 1
                if byte == Skeleton.anchorMarker {
                    let block = Int(skeleton.anchors[anchorIndex])
                    anchorIndex += 1
                    if let anchor = blockAnchor?(block) { output.append(contentsOf: anchor.utf8) }
                    continue
                }
                let reference = skeleton.texts[textIndex]
                textIndex += 1
                let leaf = blocks[Int(reference.block)].inlines[Int(reference.inline)]
                let plain = byte == Skeleton.plainTextMarker
                if let leafSpans = spans[leaf.ordinal], !leafSpans.isEmpty {
                    for piece in Self.splice(text: leaf.text, spans: leafSpans) {
                        switch piece {
                        case .text(let text): Self.appendEscaped(text, to: &output)
                        case .html(let html):
                            if plain { Self.appendEscaped(html, to: &output) } else { output.append(contentsOf: html.utf8) }
                        }
                    }
                } else {
                    leaf.withUTF8 { Self.appendEscaped($0, to: &output) }
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: html[runStart...]))
        }
    }

    /// cmark's escaping of text (`houdini_escape_html0`, not secure): `"`, `&`, `<` and `>`.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &output) }
    }

    static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for position in text.indices {
            let replacement: StaticString
            switch text[position] {
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<position]))
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = position + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
    }

    /// Omits the author's raw HTML and empties dangerous link URLs, as cmark's safe mode would.
    fileprivate static func makeSafe(_ walk: TreeWalk) {
        for node in walk.rawHTML {
            cmark_node_set_literal(node, "<!-- raw HTML omitted -->")
        }
        for node in walk.links {
            if let url = cmark_node_get_url(node), Self.isDangerousURL(String(cString: url)) {
                cmark_node_set_url(node, "")
            }
        }
    }

    /// `renderHTML` by parsing the source again and changing the tree: for a source holding a marker byte, and
    /// the reference the skeleton's rendering is tested against.
    /// Needs the source (kept with `keepingSource`); empty without it.
    public func renderHTMLParsing(spans: [Int: [Span]] = [:], blockAnchor: ((Int) -> String?)? = nil) -> String {
        var html = ""
        guard let source else { return html }
        Self.withParsedTree(source) { root in
            let walk = TreeWalk(root: root)
            Self.makeSafe(walk)
            var leafNodes: [Int: OpaquePointer] = [:]
            for block in walk.blocks {
                for leaf in block.leaves where leaf.kind == .text { leafNodes[leaf.ordinal] = leaf.node }
                if let blockAnchor, block.kind == .paragraph || block.kind == .heading,
                    let anchor = blockAnchor(block.index), let anchorNode = cmark_node_new(CMARK_NODE_HTML_INLINE)
                {
                    cmark_node_set_literal(anchorNode, anchor)
                    cmark_node_prepend_child(block.node, anchorNode)
                }
            }
            for ordinal in spans.keys.sorted() {
                guard let node = leafNodes[ordinal], let leafSpans = spans[ordinal], !leafSpans.isEmpty else { continue }
                let text = Self.literal(node)
                for piece in Self.splice(text: text, spans: leafSpans) {
                    let newNode: OpaquePointer?
                    switch piece {
                    case .text(let string):
                        newNode = cmark_node_new(CMARK_NODE_TEXT)
                        if let newNode { cmark_node_set_literal(newNode, string) }
                    case .html(let string):
                        newNode = cmark_node_new(CMARK_NODE_HTML_INLINE)
                        if let newNode { cmark_node_set_literal(newNode, string) }
                    }
                    if let newNode { cmark_node_insert_before(node, newNode) }
                }
                cmark_node_unlink(node)
                cmark_node_free(node)
            }
            if let rendered = cmark_render_html(root, CMARK_OPT_UNSAFE | Self.parseOptions) {
                html = String(cString: rendered)
                free(rendered)
            }
        }
        return html
    }

    /// Plain cmark HTML (safe mode, smart punctuation): the reference the splicing renderer must equal.
    public static func plainCmarkHTML(_ source: String) -> String {
        var html = ""
        withParsedTree(source) { root in
            if let rendered = cmark_render_html(root, parseOptions) {
                html = String(cString: rendered)
                free(rendered)
            }
        }
        return html
    }

    // MARK: - Splicing

    enum Piece: Equatable {
        case text(String)
        case html(String)
    }

    /// Cuts `text` at every span boundary and emits well-nested tags: spans that overlap are
    /// closed and reopened (with `reopen`) instead of producing crossed elements.
    static func splice(text: String, spans: [Span]) -> [Piece] {
        let bytes = Array(text.utf8)
        // Clamped to the text, empty ones dropped; a span's id is its position here, which keeps the order given.
        let valid = spans.compactMap { span -> Span? in
            let lower = max(0, span.range.lowerBound), upper = min(bytes.count, span.range.upperBound)
            return lower < upper ? Span(range: lower..<upper, priority: span.priority, open: span.open, reopen: span.reopen, close: span.close) : nil
        }
        var points = Set([0, bytes.count])
        for span in valid {
            points.insert(span.range.lowerBound)
            points.insert(span.range.upperBound)
        }
        let cuts = points.sorted()
        /// The order in which covering spans nest, outermost first.
        func nestsOutside(_ a: Int, _ b: Int) -> Bool {
            (valid[a].priority, valid[a].range.lowerBound, a) < (valid[b].priority, valid[b].range.lowerBound, b)
        }
        // One sweep over the cuts, taking spans in by their start and dropping them at their end: the spans covering
        // a piece are kept as the cuts advance, not found again among all spans (quadratic with thousands of mentions
        // in one paragraph).
        let byStart = valid.indices.sorted { (valid[$0].range.lowerBound, $0) < (valid[$1].range.lowerBound, $1) }
        var nextStart = 0
        var active: [Int] = []
        var pieces: [Piece] = []
        var stack: [Int] = []
        var opened = Set<Int>()
        for (start, end) in zip(cuts, cuts.dropFirst()) where start < end {
            active.removeAll { valid[$0].range.upperBound <= start }
            while nextStart < byStart.count, valid[byStart[nextStart]].range.lowerBound <= start {
                let id = byStart[nextStart]
                active.insert(id, at: active.firstIndex { nestsOutside(id, $0) } ?? active.count)
                nextStart += 1
            }
            var common = 0
            while common < stack.count, common < active.count, stack[common] == active[common] { common += 1 }
            for id in stack[common...].reversed() { pieces.append(.html(valid[id].close)) }
            stack.removeSubrange(common...)
            for id in active[common...] {
                pieces.append(.html(opened.contains(id) ? valid[id].reopen : valid[id].open))
                opened.insert(id)
                stack.append(id)
            }
            pieces.append(.text(String(decoding: bytes[start..<end], as: UTF8.self)))
        }
        for id in stack.reversed() { pieces.append(.html(valid[id].close)) }
        return pieces
    }

    /// cmark's safe mode refuses these URL schemes (data: is allowed for a few image types).
    static func isDangerousURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        for safe in ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"] where lower.hasPrefix(safe) {
            return false
        }
        return ["javascript:", "vbscript:", "file:", "data:"].contains { lower.hasPrefix($0) }
    }

    // MARK: - cmark plumbing

    private static func withParsedTree(_ source: String, _ body: (OpaquePointer) -> Void) {
        // Without CMARK_OPT_VALIDATE_UTF8: a Swift string is valid UTF-8 already (and cmark replaces NUL bytes either
        // way), so the check could only copy each line unchanged.
        guard let parser = cmark_parser_new(CMARK_OPT_SMART) else { return }
        defer { cmark_parser_free(parser) }
        // Fed from the string's own storage: no copy of the text.
        var source = source
        source.withUTF8 { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parser_feed(parser, pointer, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)
        body(root)
    }

    private static func literal(_ node: OpaquePointer) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return "\n"
        default:
            guard let pointer = cmark_node_get_literal(node) else { return "" }
            return String(cString: pointer)
        }
    }
}

/// One walk over a parsed tree, collecting the nodes the parser and renderer care about.
/// Both parsing and rendering use it, so leaf ordinals always agree.
private struct TreeWalk {
    struct Leaf {
        let ordinal: Int
        let kind: InlineKind
        let node: OpaquePointer
        let inLink: Bool
        /// Inside an image's description, which cmark renders as plain text.
        let inImage: Bool
    }
    struct Block {
        let index: Int
        let kind: BlockKind
        let line: Int
        let node: OpaquePointer
        var leaves: [Leaf]
    }

    var blocks: [Block] = []
    var rawHTML: [OpaquePointer] = []
    var links: [OpaquePointer] = []
    /// Block quotes and lists around the deepest block, and the line where that depth is first reached.
    var deepestNesting = 0
    var deepestNestingLine = 0

    init(root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        var ordinal = 0
        var linkDepth = 0
        var imageDepth = 0
        var nesting = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { linkDepth -= 1 }
                if type == CMARK_NODE_IMAGE { imageDepth -= 1 }
                if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST { nesting -= 1 }
                continue
            }
            if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST {
                nesting += 1
                if nesting > deepestNesting {
                    deepestNesting = nesting
                    deepestNestingLine = Int(cmark_node_get_start_line(node))
                }
            }
            switch type {
            case CMARK_NODE_PARAGRAPH: openBlock(.paragraph, node)
            case CMARK_NODE_HEADING: openBlock(.heading, node)
            case CMARK_NODE_CODE_BLOCK: openBlock(.codeBlock, node)
            case CMARK_NODE_THEMATIC_BREAK: openBlock(.thematicBreak, node)
            case CMARK_NODE_HTML_BLOCK:
                openBlock(.htmlBlock, node)
                rawHTML.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                links.append(node)
                linkDepth += 1
                if type == CMARK_NODE_IMAGE { imageDepth += 1 }
            case CMARK_NODE_TEXT: addLeaf(.text, node, &ordinal, linkDepth, imageDepth)
            case CMARK_NODE_CODE: addLeaf(.code, node, &ordinal, linkDepth, imageDepth)
            case CMARK_NODE_SOFTBREAK: addLeaf(.softBreak, node, &ordinal, linkDepth, imageDepth)
            case CMARK_NODE_LINEBREAK: addLeaf(.lineBreak, node, &ordinal, linkDepth, imageDepth)
            case CMARK_NODE_HTML_INLINE:
                rawHTML.append(node)
                addLeaf(.html, node, &ordinal, linkDepth, imageDepth)
            default: break
            }
        }
    }

    private mutating func openBlock(_ kind: BlockKind, _ node: OpaquePointer) {
        blocks.append(Block(index: blocks.count, kind: kind, line: Int(cmark_node_get_start_line(node)), node: node, leaves: []))
    }

    private mutating func addLeaf(_ kind: InlineKind, _ node: OpaquePointer, _ ordinal: inout Int, _ linkDepth: Int, _ imageDepth: Int) {
        guard !blocks.isEmpty else { return }
        blocks[blocks.count - 1].leaves.append(Leaf(ordinal: ordinal, kind: kind, node: node, inLink: linkDepth > 0, inImage: imageDepth > 0))
        ordinal += 1
    }
}
