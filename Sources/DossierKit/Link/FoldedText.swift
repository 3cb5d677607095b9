// Text folded for comparison (diacritics, typography, whitespace), with a map back to the original bytes.
import Foundation

struct FoldedText {
    /// The folded text as UTF-8.
    var bytes: [UInt8] = []
    /// For each folded byte: the UTF-8 offset in the original where its scalar starts.
    var originStart: [Int32] = []
    /// For each folded byte: the UTF-8 offset in the original where its scalar (and any scalars folded
    /// away after it, such as combining marks) ends.
    var originEnd: [Int32] = []

    /// The original range for a folded range.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        Int(originStart[range.lowerBound])..<Int(originEnd[range.upperBound - 1])
    }

    /// Folds `text` scalar by scalar with `fold`; runs of any byte in `collapsing` become one.
    /// Leading and trailing spaces are dropped when `trim` is set.
    init(_ text: String, fold: (Unicode.Scalar) -> String?, collapsing: Set<UInt8> = [], trim: Bool = false) {
        bytes.reserveCapacity(text.utf8.count)
        originStart.reserveCapacity(text.utf8.count)
        originEnd.reserveCapacity(text.utf8.count)
        var offset: Int32 = 0
        for scalar in text.unicodeScalars {
            let width = Int32(UTF8.width(scalar))
            defer { offset += width }
            let folded = fold(scalar)
            if folded == nil, scalar.isASCII {
                let byte = UInt8(scalar.value)
                if collapsing.contains(byte), bytes.last == byte {
                    originEnd[originEnd.count - 1] = offset + width
                } else if !(trim && byte == 0x20 && bytes.isEmpty) {
                    bytes.append(byte)
                    originStart.append(offset)
                    originEnd.append(offset + width)
                }
                continue
            }
            let output = folded.map { Array($0.utf8) } ?? Array(String(scalar).utf8)
            if output.isEmpty {
                // Folded away: the previous byte's scalar now extends over this one.
                if !originEnd.isEmpty { originEnd[originEnd.count - 1] = offset + width }
                continue
            }
            for byte in output {
                if collapsing.contains(byte), bytes.last == byte {
                    originEnd[originEnd.count - 1] = offset + width
                    continue
                }
                if trim, byte == 0x20, bytes.isEmpty { continue }
                bytes.append(byte)
                originStart.append(offset)
                originEnd.append(offset + width)
            }
        }
        if trim {
            while bytes.last == 0x20 {
                bytes.removeLast()
                originStart.removeLast()
                originEnd.removeLast()
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

/// The two foldings the linker uses.
enum Folding {
    /// Names: diacritics dropped (Vučić = Vucic, NFC = NFD), curly apostrophes straight; case kept.
    static func name(_ scalar: Unicode.Scalar) -> String? {
        if scalar.isASCII { return nil }
        return NameFoldTable.fold(scalar)
    }

    /// Quotes: whitespace, quotation marks, apostrophes, dashes, ellipses and smart punctuation made plain.
    static func quote(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{00A0}", "\u{2007}", "\u{202F}", "\u{2009}", "\u{200A}", "\u{2002}", "\u{2003}":
            return " "
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}": return "\""
        case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{02BC}", "\u{2032}", "`", "\u{00B4}": return "'"
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return "-"
        case "\u{2026}": return "..."
        case "\u{00AD}", "\u{200B}", "\u{FEFF}": return ""
        default: return nil
        }
    }
}

/// Caches the diacritic folding of non-ASCII scalars (decomposition is slow; names repeat).
enum NameFoldTable {
    private static let special: [Unicode.Scalar: String] = [
        "\u{2019}": "'", "\u{2018}": "'", "\u{02BC}": "'", "\u{2032}": "'", "\u{201B}": "'",
        "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "ı": "i",
        "\u{00A0}": " ",
    ]

    static func fold(_ scalar: Unicode.Scalar) -> String? {
        if let special = special[scalar] { return special }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        var kept = String.UnicodeScalarView()
        for part in decomposed where part.properties.generalCategory != .nonspacingMark {
            kept.append(part)
        }
        if kept.elementsEqual(CollectionOfOne(scalar)) { return nil }
        return String(kept)
    }
}
