// Small text helpers for rendering: escaping, outlet names, URL encoding, snippets.
import Foundation

public enum SiteText {
    /// Escapes text for HTML text and attribute values: `& < > " '`.
    public static func html(_ text: String) -> String {
        var copy = text
        let escaped = copy.withUTF8 { bytes -> String? in
            guard bytes.contains(where: needsEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            appendHTML(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Appends text to a page's bytes, escaped for HTML as `html(_:)` escapes it.
    static func appendHTML(_ text: String, to out: inout [UInt8]) {
        var copy = text
        copy.withUTF8 { appendHTML($0, to: &out) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    private static func appendHTML(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for (index, byte) in bytes.enumerated() where needsEscape(byte) {
            if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            default: out.append(contentsOf: "&#39;".utf8)
            }
            start = index + 1
        }
        if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
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

    /// The Admiralty (NATO AJP-2.1) scale for sources.
    static let reliabilityMeanings: [String: String] = [
        "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable", "D": "not usually reliable", "E": "unreliable",
        "F": "reliability cannot be judged",
    ]
    /// The Admiralty scale for information.
    static let credibilityMeanings: [Int: String] = [
        1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
    ]

    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
    }

    /// `outlets`: the outlet of each article whose outlet is known; `unknown`: how many articles have none.
    static func carriedBy(outlets: [String], unknown: Int) -> String {
        let known = outlets.count, distinct = Set(outlets).count
        let total = SiteText.plural(known + unknown, "article")
        if unknown == 0 { return "\(total) from \(SiteText.plural(distinct, "outlet"))" }
        if known == 0 { return unknown == 1 ? "1 article, outlet not known" : "\(total), outlets not known" }
        return "\(total): \(known) from \(SiteText.plural(distinct, "outlet")), \(unknown) with the outlet not known"
    }
}
