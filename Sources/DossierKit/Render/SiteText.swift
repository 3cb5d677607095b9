// Small text helpers for rendering: escaping, outlet names, URL encoding, snippets.
import Foundation

enum SiteText {
    /// Escapes text for HTML text and attribute values: `& < > " '`.
    static func html(_ text: String) -> String {
        var copy = text
        let escaped = copy.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out += Array("&amp;".utf8)
                case 0x3C: out += Array("&lt;".utf8)
                case 0x3E: out += Array("&gt;".utf8)
                case 0x22: out += Array("&quot;".utf8)
                case 0x27: out += Array("&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Escapes text for XML (sitemap, feed).
    static func xml(_ text: String) -> String { html(text) }

    static func outletName(_ article: Article, actors: [String: Actor]) -> String {
        switch article.source {
        case .outlet(let name): return name
        case .actor(let id): return actors[id]?.name.value ?? id
        case .unknown: return "Unknown outlet"
        }
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986), as a text fragment needs.
    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet()
        allowed.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A link that opens the original at the quoted words (a URL text fragment).
    static func textFragmentURL(_ url: String, quote: String) -> String {
        let base = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? url
        let words = quote.split(whereSeparator: \.isWhitespace)
        let fragment: String
        if words.count > 8 {
            fragment = percentEncode(words.prefix(4).joined(separator: " ")) + "," + percentEncode(words.suffix(4).joined(separator: " "))
        } else {
            fragment = percentEncode(words.joined(separator: " "))
        }
        return base + "#:~:text=" + fragment
    }

    /// Keyword in context: up to `width` characters either side of a UTF-8 range, cut at word boundaries.
    static func keywordInContext(_ text: String, _ range: Range<Int>, width: Int = 70) -> (before: String, match: String, after: String) {
        let bytes = Array(text.utf8)
        let lower = max(0, min(range.lowerBound, bytes.count)), upper = max(lower, min(range.upperBound, bytes.count))
        var before = String(decoding: bytes[0..<lower], as: UTF8.self)
        var after = String(decoding: bytes[upper...], as: UTF8.self)
        let match = String(decoding: bytes[lower..<upper], as: UTF8.self)
        if before.count > width {
            before = String(before.suffix(width))
            if let space = before.firstIndex(of: " ") { before = String(before[before.index(after: space)...]) }
            before = "…" + before
        }
        if after.count > width {
            after = String(after.prefix(width))
            if let space = after.lastIndex(of: " ") { after = String(after[..<space]) }
            after += "…"
        }
        return (before, match, after)
    }

    /// "17,412 pages": a count with thousands separated, for progress lines.
    static func count(_ count: Int, _ singular: String) -> String {
        var digits = String(count)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + " " + (count == 1 ? singular : singular + "s")
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
    }
}
