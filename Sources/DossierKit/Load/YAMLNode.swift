// The YAML values the loader reads, and a fast reader for the flat front matter almost every file has.
import Yams

/// A node of a YAML document: what FieldReader needs of it (the text and whether it was plain, the shape,
/// where it starts). Made from a Yams node, or directly by `SimpleYAML` for the simple subset.
struct YAMLNode: Sendable {
    struct Scalar: Sendable {
        let string: String
        /// Written without quotes (and not as a block scalar): only then can it mean null.
        let isPlain: Bool
    }

    enum Content: Sendable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
        /// Anything else Yams may give (an alias node): neither text, list nor mapping.
        case other
    }

    let content: Content
    /// 1-based line within the YAML text, 0 when unknown.
    let line: Int
    /// 1-based column, counted in Unicode scalars as libyaml counts them.
    let column: Int

    init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// Far more values than any front matter holds. Yams shares an anchored node among its aliases, so a few lines
    /// of aliases of aliases stand for billions of values ("billion laughs"); copying them out would never finish.
    static let maxValues = 100_000

    /// The values of a document expand, through its aliases, beyond `maxValues`.
    struct TooManyValues: Error, CustomStringConvertible {
        var description: String {
            "with its aliases (*name) it stands for more than \(maxValues) values; write the values out instead of repeating aliases"
        }
    }

    /// The document as Yams composes it (FieldReader's resolver, UTF-8); nil for an empty document. Throws Yams' errors,
    /// and `TooManyValues`.
    static func compose(_ yaml: String) throws -> YAMLNode? {
        guard let node = try Yams.compose(yaml: yaml, FieldReader.resolver, .default, .utf8) else { return nil }
        var budget = maxValues
        return try YAMLNode(node, budget: &budget)
    }

    /// Copies a Yams node, counting each value against `budget`.
    init(_ node: Node, budget: inout Int) throws {
        budget -= 1
        guard budget >= 0 else { throw TooManyValues() }
        switch node {
        case .scalar(let scalar): content = .scalar(Scalar(string: scalar.string, isPlain: scalar.style == .plain))
        case .sequence(let sequence): content = .sequence(try sequence.map { try YAMLNode($0, budget: &budget) })
        case .mapping(let mapping): content = .mapping(try mapping.map { (try YAMLNode($0.key, budget: &budget), try YAMLNode($0.value, budget: &budget)) })
        case .alias: content = .other
        }
        line = node.mark?.line ?? 0
        column = node.mark?.column ?? 0
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }
}

/// Reads the simple YAML of ordinary front matter without libyaml: top-level `key: value` lines whose values are
/// one-line plain, double-quoted (no escapes) or single-quoted text, one-line flow lists `[a, "b"]` of such text, or
/// (after an empty `key:`) block lists whose items are such text or one-line `key: text` mappings. It gives exactly
/// the nodes Yams composes for that text, with the same marks. Anything else (comments, block scalars, anchors,
/// tags, escapes, multi-line values, tabs, repeated keys, any error) gives nil, and the caller uses Yams.
enum SimpleYAML {
    static func parse(_ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.document()
        }
    }

    private struct Line {
        let start: Int
        /// The line feed ending the line, or the end of the text.
        let end: Int
        /// 1-based.
        let number: Int
        /// Leading spaces.
        let indent: Int
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var lines: [Line] = []
        /// The next line to read.
        var next = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func document() -> YAMLNode? {
            guard splitLines() else { return nil }
            skipBlank()
            guard next < lines.count else { return nil }
            let first = lines[next]
            guard let pairs = mapping(indent: 0, firstKeyAt: first.start, firstLine: first), next == lines.count else { return nil }
            return YAMLNode(.mapping(pairs), line: first.number, column: 1)
        }

        /// Cuts the text into lines and checks every character is one the subset allows: printable, and neither a tab,
        /// a byte-order mark nor a character libyaml takes as a line break.
        mutating func splitLines() -> Bool {
            let count = bytes.count
            var index = 0
            var start = 0
            var number = 1
            while index <= count {
                if index == count || bytes[index] == 0x0A {
                    var indent = 0
                    while start + indent < index, bytes[start + indent] == 0x20 { indent += 1 }
                    lines.append(Line(start: start, end: index, number: number, indent: indent))
                    number += 1
                    index += 1
                    start = index
                    continue
                }
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte < 0x20 || byte == 0x7F { return false }
                    index += 1
                    continue
                }
                // The text is valid UTF-8: only the lead byte and what it starts need checking.
                switch byte {
                case 0xC2:
                    // U+0080–U+009F: C1 controls, among them NEL (a line break to libyaml).
                    if index + 1 >= count || bytes[index + 1] < 0xA0 { return false }
                    index += 2
                case 0xC3...0xDF:
                    index += 2
                case 0xE2:
                    // U+2028 and U+2029 are line breaks to libyaml.
                    if index + 2 >= count || (bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)) { return false }
                    index += 3
                case 0xEF:
                    // U+FEFF (a byte-order mark), U+FFFE and U+FFFF.
                    if index + 2 >= count { return false }
                    if bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return false }
                    if bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                    index += 3
                case 0xE0...0xEF:
                    index += 3
                case 0xF0...0xF4:
                    index += 4
                default:
                    return false
                }
            }
            return true
        }

        mutating func skipBlank() {
            while next < lines.count, lines[next].indent == lines[next].end - lines[next].start { next += 1 }
        }

        /// The column libyaml gives a byte offset of a line: 1 + the Unicode scalars before it.
        func column(_ offset: Int, in line: Line) -> Int {
            var column = 1
            var index = line.start
            while index < offset {
                if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
            return column
        }

        static func isKeyByte(_ byte: UInt8, first: Bool) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                return true
            case UInt8(ascii: "-"):
                return !first
            default:
                return false
            }
        }

        /// The end of a `key:` starting at `start` (the offset of its colon), when what follows the colon is a space or
        /// the end of the line.
        func keyColon(_ start: Int, _ end: Int) -> Int? {
            var index = start
            while index < end, index - start < 128, Self.isKeyByte(bytes[index], first: index == start) { index += 1 }
            guard index > start, index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
            guard index + 1 == end || bytes[index + 1] == 0x20 else { return nil }
            return index
        }

        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        func skipSpaces(_ index: Int, _ end: Int) -> Int {
            var index = index
            while index < end, bytes[index] == 0x20 { index += 1 }
            return index
        }

        /// A block mapping whose keys sit at `indent`; the first key starts at `firstKeyAt` on `firstLine` (for a
        /// mapping inside a list item, after the item's '- '). Reads until a line indented less; nil when a line
        /// does not fit.
        mutating func mapping(indent: Int, firstKeyAt: Int, firstLine: Line) -> [(key: YAMLNode, value: YAMLNode)]? {
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var keys: [String] = []
            var line = firstLine
            var keyStart = firstKeyAt
            while true {
                guard let colon = keyColon(keyStart, line.end) else { return nil }
                let key = string(keyStart..<colon)
                guard !keys.contains(key) else { return nil }
                keys.append(key)
                let keyNode = YAMLNode(.scalar(YAMLNode.Scalar(string: key, isPlain: true)), line: line.number, column: column(keyStart, in: line))
                next += 1
                let valueStart = skipSpaces(colon + 1, line.end)
                let value: YAMLNode
                if valueStart == line.end {
                    // An empty value: null, or a block list on the next lines (only at the top level).
                    skipBlank()
                    if next < lines.count, lines[next].indent > indent || (indent == 0 && isListItem(lines[next])) {
                        guard indent == 0, let list = blockList() else { return nil }
                        value = list
                    } else {
                        guard indent == 0 else { return nil }
                        value = YAMLNode(.scalar(YAMLNode.Scalar(string: "", isPlain: true)), line: line.number, column: column(colon + 1, in: line))
                    }
                } else {
                    if bytes[valueStart] == UInt8(ascii: "[") {
                        guard indent == 0, let list = flowList(valueStart, line) else { return nil }
                        value = list
                    } else {
                        guard let scalar = blockScalar(valueStart, line) else { return nil }
                        value = scalar
                    }
                    skipBlank()
                }
                pairs.append((keyNode, value))
                guard next < lines.count else { return pairs }
                let following = lines[next]
                if following.indent < indent { return pairs }
                if indent == 0, isListItem(following) { return nil }
                guard following.indent == indent else { return nil }
                line = following
                keyStart = following.start + indent
            }
        }

        func isListItem(_ line: Line) -> Bool {
            let dash = line.start + line.indent
            return dash < line.end && bytes[dash] == UInt8(ascii: "-") && (dash + 1 == line.end || bytes[dash + 1] == 0x20)
        }

        /// A block list starting on the next line: items '- text' or '- key: text' (with more 'key: text' lines
        /// aligned under the first key), all at one indentation.
        mutating func blockList() -> YAMLNode? {
            let first = lines[next]
            let indent = first.indent
            var items: [YAMLNode] = []
            while next < lines.count {
                let line = lines[next]
                guard line.indent == indent, isListItem(line) else {
                    // The list ends at a top-level key; anything else does not fit.
                    if line.indent == 0, indent > 0 || !isListItem(line) { break }
                    return nil
                }
                let dash = line.start + indent
                guard dash + 1 < line.end else { return nil }
                let itemStart = skipSpaces(dash + 1, line.end)
                guard itemStart < line.end else { return nil }
                if keyColon(itemStart, line.end) != nil {
                    let itemIndent = itemStart - line.start
                    let keyColumn = column(itemStart, in: line)
                    guard let pairs = mapping(indent: itemIndent, firstKeyAt: itemStart, firstLine: line) else { return nil }
                    items.append(YAMLNode(.mapping(pairs), line: line.number, column: keyColumn))
                } else {
                    guard bytes[itemStart] != UInt8(ascii: "["), let scalar = blockScalar(itemStart, line) else { return nil }
                    items.append(scalar)
                    next += 1
                    skipBlank()
                }
            }
            return YAMLNode(.sequence(items), line: first.number, column: indent + 1)
        }

        /// A one-line scalar in block context that ends its line: plain, "double-quoted" without escapes, or 'single-quoted'.
        func blockScalar(_ start: Int, _ line: Line) -> YAMLNode? {
            let end = line.end
            let first = bytes[start]
            let text: String
            let isPlain: Bool
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard let (value, after) = quoted(start, end) else { return nil }
                guard skipSpaces(after, end) == end else { return nil }
                text = value
                isPlain = false
            } else {
                guard Self.canStartPlain(first) else { return nil }
                var last = end
                while last > start, bytes[last - 1] == 0x20 { last -= 1 }
                var index = start
                while index < last {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ":"), index + 1 == last || bytes[index + 1] == 0x20 { return nil }
                    if byte == UInt8(ascii: "#"), bytes[index - 1] == 0x20 { return nil }
                    index += 1
                }
                text = string(start..<last)
                isPlain = true
            }
            return YAMLNode(.scalar(YAMLNode.Scalar(string: text, isPlain: isPlain)), line: line.number, column: column(start, in: line))
        }

        /// Plain text may start with a letter, a digit or any non-ASCII character; never with an indicator.
        static func canStartPlain(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...0xFF:
                return true
            default:
                return false
            }
        }

        /// A quoted scalar starting at `start` and closed on the same line: its text and the offset after the closing quote.
        func quoted(_ start: Int, _ end: Int) -> (String, Int)? {
            let quote = bytes[start]
            var index = start + 1
            if quote == UInt8(ascii: "\"") {
                while index < end, bytes[index] != quote {
                    if bytes[index] == UInt8(ascii: "\\") { return nil }
                    index += 1
                }
                guard index < end else { return nil }
                return (string(start + 1..<index), index + 1)
            }
            var text: [UInt8] = []
            var runStart = index
            while index < end {
                if bytes[index] == quote {
                    if index + 1 < end, bytes[index + 1] == quote {
                        // '' is one quote.
                        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index + 1]))
                        index += 2
                        runStart = index
                        continue
                    }
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    return (String(decoding: text, as: UTF8.self), index + 1)
                }
                index += 1
            }
            return nil
        }

        /// A one-line flow list `[a, "b", 'c']` that ends its line.
        func flowList(_ start: Int, _ line: Line) -> YAMLNode? {
            let end = line.end
            var items: [YAMLNode] = []
            var index = skipSpaces(start + 1, end)
            guard index < end else { return nil }
            if bytes[index] != UInt8(ascii: "]") {
                while true {
                    guard index < end else { return nil }
                    let itemStart = index
                    let text: String
                    let isPlain: Bool
                    let first = bytes[index]
                    if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                        guard let (value, after) = quoted(index, end) else { return nil }
                        text = value
                        isPlain = false
                        index = after
                    } else {
                        guard Self.canStartPlain(first) else { return nil }
                        while index < end, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "]") {
                            switch bytes[index] {
                            case UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                                return nil
                            default:
                                index += 1
                            }
                        }
                        var last = index
                        while last > itemStart, bytes[last - 1] == 0x20 { last -= 1 }
                        text = string(itemStart..<last)
                        isPlain = true
                    }
                    items.append(YAMLNode(.scalar(YAMLNode.Scalar(string: text, isPlain: isPlain)), line: line.number, column: column(itemStart, in: line)))
                    index = skipSpaces(index, end)
                    guard index < end else { return nil }
                    if bytes[index] == UInt8(ascii: "]") { break }
                    guard bytes[index] == UInt8(ascii: ",") else { return nil }
                    index = skipSpaces(index + 1, end)
                    guard index < end, bytes[index] != UInt8(ascii: "]") else { return nil }
                }
            }
            guard skipSpaces(index + 1, end) == end else { return nil }
            return YAMLNode(.sequence(items), line: line.number, column: column(start, in: line))
        }
    }
}
