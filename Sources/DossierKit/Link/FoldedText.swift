// Text folded for comparison (diacritics, typography, whitespace), with a map back to the original bytes.
import Foundation

struct FoldedText {
    /// The folded text as UTF-8.
    private(set) var bytes: [UInt8] = []

    // The map back to the original is sparse: most folded bytes are original ASCII bytes at a constant
    // offset ("identity bytes"). Only the others are listed, sorted by folded index, with the original
    // range they stand for and the offset in force for identity bytes after them.
    private var exceptionIndex: [Int32] = []
    private var exceptionStart: [Int32] = []
    private var exceptionEnd: [Int32] = []
    private var exceptionDelta: [Int32] = []
    private var delta: Int32 = 0
    private var lastIsException = false

    /// The original range for a folded range.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        originStart(range.lowerBound)..<originEnd(range.upperBound - 1)
    }

    /// The last exception at or before folded index `index`.
    private func exception(atOrBefore index: Int) -> Int? {
        var low = 0, high = exceptionIndex.count
        while low < high {
            let middle = (low + high) / 2
            if Int(exceptionIndex[middle]) <= index { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    /// Where in the original the scalar behind folded byte `index` starts.
    func originStart(_ index: Int) -> Int {
        guard let k = exception(atOrBefore: index) else { return index }
        return Int(exceptionIndex[k]) == index ? Int(exceptionStart[k]) : index + Int(exceptionDelta[k])
    }

    /// Where in the original the scalar behind folded byte `index` ends, with anything folded away after it.
    func originEnd(_ index: Int) -> Int {
        guard let k = exception(atOrBefore: index) else { return index + 1 }
        return Int(exceptionIndex[k]) == index ? Int(exceptionEnd[k]) : index + Int(exceptionDelta[k]) + 1
    }

    private mutating func appendException(_ byte: UInt8, start: Int, end: Int) {
        exceptionIndex.append(Int32(bytes.count))
        exceptionStart.append(Int32(start))
        exceptionEnd.append(Int32(end))
        exceptionDelta.append(delta)
        bytes.append(byte)
        lastIsException = true
    }

    private mutating func appendOriginal(_ byte: UInt8, at offset: Int) {
        if Int32(offset - bytes.count) != delta {
            delta = Int32(offset - bytes.count)
            appendException(byte, start: offset, end: offset + 1)
            return
        }
        bytes.append(byte)
        lastIsException = false
    }

    /// The last folded byte now also stands for original bytes up to `end`.
    private mutating func extendLast(to end: Int) {
        guard let last = bytes.indices.last else { return }
        if lastIsException {
            exceptionEnd[exceptionEnd.count - 1] = Int32(end)
        } else {
            let start = last + Int(delta)
            exceptionIndex.append(Int32(last))
            exceptionStart.append(Int32(start))
            exceptionEnd.append(Int32(end))
            exceptionDelta.append(delta)
            lastIsException = true
        }
    }

    /// Folds `text` with `folding`; runs of any byte in `collapsing` become one. Leading and trailing
    /// spaces are dropped when `trim` is set. ASCII bytes go through a table; only other scalars are decoded.
    init(_ text: String, folding: Folding, collapsing: Set<UInt8> = [], trim: Bool = false) {
        var collapse = [Bool](repeating: false, count: 256)
        for byte in collapsing { collapse[Int(byte)] = true }
        let collapses = !collapsing.isEmpty
        bytes.reserveCapacity(text.utf8.count)
        let run = { (folded: inout FoldedText, input: UnsafeBufferPointer<UInt8>) in
            var index = 0
            while index < input.count {
                let byte = input[index]
                if byte < 0x80 {
                    let mapped = folding.ascii[Int(byte)]
                    let out = mapped == Folding.keep ? byte : UInt8(truncatingIfNeeded: mapped)
                    if mapped == Folding.drop {
                        folded.extendLast(to: index + 1)
                    } else if collapses, collapse[Int(out)], folded.bytes.last == out {
                        folded.extendLast(to: index + 1)
                    } else if trim, out == 0x20, folded.bytes.isEmpty {
                        // Leading space dropped.
                    } else if mapped == Folding.keep {
                        folded.appendOriginal(byte, at: index)
                    } else {
                        folded.appendException(out, start: index, end: index + 1)
                    }
                    index += 1
                    continue
                }
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = min(index + width, input.count)
                var iterator = input[index..<end].makeIterator()
                var decoder = UTF8()
                guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
                    index = end
                    continue
                }
                if let replacement = folding.scalar(scalar) {
                    if replacement.isEmpty { folded.extendLast(to: end) }
                    for out in replacement.utf8 {
                        if collapses, collapse[Int(out)], folded.bytes.last == out {
                            folded.extendLast(to: end)
                        } else if trim, out == 0x20, folded.bytes.isEmpty {
                            continue
                        } else {
                            folded.appendException(out, start: index, end: end)
                        }
                    }
                } else {
                    for k in index..<end { folded.appendException(input[k], start: index, end: end) }
                }
                index = end
            }
        }
        if text.utf8.withContiguousStorageIfAvailable({ run(&self, $0) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { run(&self, $0) }
        }
        if trim {
            while bytes.last == 0x20 {
                bytes.removeLast()
                while let last = exceptionIndex.last, Int(last) >= bytes.count {
                    exceptionIndex.removeLast()
                    exceptionStart.removeLast()
                    exceptionEnd.removeLast()
                    exceptionDelta.removeLast()
                }
            }
        }
    }

    /// First occurrence of `needle` at or after `from`.
    func firstRange(of needle: [UInt8], from: Int = 0) -> Range<Int>? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = from
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for k in 1..<needle.count where bytes[index + k] != needle[k] {
                    matched = false
                    break
                }
                if matched { return index..<(index + needle.count) }
            }
            index += 1
        }
        return nil
    }
}

/// How text is folded: a table for ASCII bytes, a function for every other scalar.
struct Folding: Sendable {
    static let keep: Int16 = -1
    static let drop: Int16 = -2

    /// Per ASCII byte: `keep`, `drop`, or the replacement byte.
    let ascii: [Int16]
    /// The replacement for a non-ASCII scalar ("" drops it), or nil to keep it.
    let scalar: @Sendable (Unicode.Scalar) -> String?

    /// Names: diacritics dropped (Vučić = Vucic, NFC = NFD), curly apostrophes straight; case kept.
    static let name = Folding(ascii: Array(repeating: keep, count: 128)) { NameFoldTable.fold($0) }

    /// Quotes: whitespace, quotation marks, apostrophes, dashes, ellipses and smart punctuation made plain.
    static let quote = Folding(ascii: quoteASCII) { quoteScalar($0) }

    /// Words for similarity: quote folding, then diacritics dropped.
    static let words = Folding(ascii: quoteASCII) { scalar in quoteScalar(scalar) ?? NameFoldTable.fold(scalar) }

    private static let quoteASCII: [Int16] = (0..<128).map { byte in
        switch byte {
        case 0x09, 0x0A, 0x0D: return 0x20
        case 0x60: return 0x27
        default: return keep
        }
    }

    private static func quoteScalar(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\u{00A0}", "\u{2007}", "\u{202F}", "\u{2009}", "\u{200A}", "\u{2002}", "\u{2003}": return " "
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}": return "\""
        case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{02BC}", "\u{2032}", "\u{00B4}": return "'"
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return "-"
        case "\u{2026}": return "..."
        case "\u{00AD}", "\u{200B}", "\u{FEFF}": return ""
        default: return nil
        }
    }
}

/// The diacritic folding of non-ASCII scalars.
enum NameFoldTable {
    private static let special: [Unicode.Scalar: String] = [
        "\u{2019}": "'", "\u{2018}": "'", "\u{02BC}": "'", "\u{2032}": "'", "\u{201B}": "'",
        "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "ı": "i",
        "\u{00A0}": " ",
    ]

    static func fold(_ scalar: Unicode.Scalar) -> String? {
        if let special = special[scalar] { return special }
        // General punctuation (curly quotes, dashes, spaces) has nothing to decompose: skip the slow path.
        if (0x2000..<0x2070).contains(scalar.value) { return nil }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        var kept = String.UnicodeScalarView()
        for part in decomposed where part.properties.generalCategory != .nonspacingMark {
            kept.append(part)
        }
        if kept.elementsEqual(CollectionOfOne(scalar)) { return nil }
        return String(kept)
    }
}
