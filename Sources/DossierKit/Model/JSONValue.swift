// A JSON value with one deterministic serialization: sorted keys, and escaping safe inside <script>.

public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Keys sorted; `<`, `>`, `&`, U+2028 and U+2029 escaped so the text can sit in an HTML script element.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : nil, depth: pretty ? Int.max : 0)
        return out
    }

    /// Indented to `depth` levels, compact below: one line per item of the top-level lists, so a diff
    /// of two builds stays readable while the file stays small.
    public func serialized(indentingLevels depth: Int) -> String {
        var out = ""
        write(into: &out, indent: depth > 0 ? 0 : nil, depth: depth)
        return out
    }

    private func write(into out: inout String, indent: Int?, depth: Int) {
        let inner: Int? = depth > 1 ? indent.map { $0 + 1 } : nil
        let lineIndent: Int? = depth > 0 ? indent.map { $0 + 1 } : nil
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? String(value) : "null"
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let values):
            if values.isEmpty { out += "[]"; return }
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, lineIndent)
                value.write(into: &out, indent: inner, depth: depth - 1)
            }
            Self.newline(&out, depth > 0 ? indent : nil)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, lineIndent)
                Self.writeString(key, into: &out)
                out += lineIndent == nil ? ":" : ": "
                members[key]?.write(into: &out, indent: inner, depth: depth - 1)
            }
            Self.newline(&out, depth > 0 ? indent : nil)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    private static func writeString(_ value: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: append them whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension JSONValue {
    static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
