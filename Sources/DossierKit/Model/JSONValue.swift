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
        var out = JSONWriter()
        write(into: &out, indent: pretty ? 0 : nil, depth: pretty ? Int.max : 0)
        return String(decoding: out.out, as: UTF8.self)
    }

    /// Indented to `depth` levels, compact below: one line per item of the top-level lists, so a diff
    /// of two builds stays readable while the file stays small.
    public func serialized(indentingLevels depth: Int) -> String {
        var out = JSONWriter()
        write(into: &out, indent: depth > 0 ? 0 : nil, depth: depth)
        return String(decoding: out.out, as: UTF8.self)
    }

    /// Written as UTF-8 bytes (every page's JSON-LD goes through here, so it must be cheap).
    private func write(into out: inout JSONWriter, indent: Int?, depth: Int) {
        let inner: Int? = depth > 1 ? indent.map { $0 + 1 } : nil
        let lineIndent: Int? = depth > 0 ? indent.map { $0 + 1 } : nil
        switch self {
        case .null: out.raw("null")
        case .bool(let value): out.raw(value ? "true" : "false")
        case .int(let value): out.int(value)
        case .double(let value): out.double(value)
        case .string(let value): out.string(value)
        case .array(let values):
            if values.isEmpty {
                out.raw("[]")
                return
            }
            out.raw("[")
            for (index, value) in values.enumerated() {
                if index > 0 { out.raw(",") }
                Self.newline(&out, lineIndent)
                value.write(into: &out, indent: inner, depth: depth - 1)
            }
            Self.newline(&out, depth > 0 ? indent : nil)
            out.raw("]")
        case .object(let members):
            if members.isEmpty {
                out.raw("{}")
                return
            }
            out.raw("{")
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.raw(",") }
                Self.newline(&out, lineIndent)
                out.string(key)
                out.raw(lineIndent == nil ? ":" : ": ")
                members[key]?.write(into: &out, indent: inner, depth: depth - 1)
            }
            Self.newline(&out, depth > 0 ? indent : nil)
            out.raw("}")
        }
    }

    private static func newline(_ out: inout JSONWriter, _ indent: Int?) {
        guard let indent else { return }
        out.raw("\n")
        for _ in 0..<indent { out.raw("  ") }
    }
}

extension JSONValue {
    static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
