// Checks a front matter against the YAML limits before and while it is composed: nesting, and aliases that expand.

/// A front matter went over a YAML limit; `line` and `column` are within the YAML (1-based), as libyaml's marks.
struct YAMLLimitExceeded: Error {
    let code: DiagnosticCode
    let line: Int
    let column: Int
    let message: String
    let fix: String
}

enum YAMLBudget {
    /// Lists and field sets nested deeper than `limit`, found without parsing (so that neither libyaml's composer
    /// nor the conversion to `YAMLNode` recurses that deep): brackets outside quotes, '- ' entries opened on one
    /// line, and indentation (each level indents at least one space).
    static func checkNesting(_ yaml: String, limit: Int) throws {
        var line = 1
        var column = 0
        var flowDepth = 0
        var quote: Character?
        var atLineStart = true
        var pendingDash = false
        var indent = 0
        var dashes = 0
        var previous: Character = " "
        func exceeded(_ depth: Int) -> YAMLLimitExceeded {
            YAMLLimitExceeded(
                code: .yamlNestingTooDeep, line: line, column: max(column, 1),
                message: "lists and fields are nested more than \(limit) levels deep here, the most a front matter may have",
                fix: "write the value more simply: a front matter needs at most two levels, as 'evidence' has")
        }
        for character in yaml {
            column += 1
            defer { previous = character }
            if character == "\n" {
                line += 1
                column = 0
                atLineStart = true
                pendingDash = false
                indent = 0
                dashes = 0
                if quote == "#" { quote = nil }
                continue
            }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if atLineStart {
                if character == " " {
                    if pendingDash {
                        pendingDash = false
                        dashes += 1
                        if dashes > limit { throw exceeded(dashes) }
                    }
                    indent += 1
                    if indent > limit * 4 { throw exceeded(indent / 4) }
                    continue
                }
                if character == "-", !pendingDash {
                    pendingDash = true
                    continue
                }
                atLineStart = false
            }
            // Quotes and comments start only where a token may start: "Europe's" holds no quote.
            let tokenStart = previous == " " || previous == "[" || previous == "{" || previous == "," || previous == "\n" || column == 1
            switch character {
            case "\"", "'" where tokenStart: quote = character
            case "#" where tokenStart: quote = "#"
            case "[", "{":
                flowDepth += 1
                if flowDepth > limit { throw exceeded(flowDepth) }
            case "]", "}": flowDepth = max(0, flowDepth - 1)
            default: break
            }
        }
    }

    /// An alias (`*name`) used as a field name: composing would compare expanded values as keys, which a few
    /// aliases can make take forever. No front matter needs one.
    static func checkAliasKeys(_ yaml: String) throws {
        for (index, text) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(text)
            var position = 0
            while position < characters.count {
                defer { position += 1 }
                guard characters[position] == "*" else { continue }
                let before: Character = position == 0 ? " " : characters[position - 1]
                guard before == " " || before == "[" || before == "{" || before == "," || before == "?" else { continue }
                var end = position + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "-" {
                    end += 1
                }
                var after = end
                while after < characters.count, characters[after] == " " { after += 1 }
                let explicitKey = characters[..<position].drop { $0 == " " || $0 == "-" }.first == "?"
                if end > position + 1, explicitKey || (after < characters.count && characters[after] == ":") {
                    throw YAMLLimitExceeded(
                        code: .yamlTooLarge, line: index + 1, column: position + 1,
                        message: "a YAML alias ('*\(String(characters[position + 1..<end]))') is used as a field name; field names are written out",
                        fix: "write the field name itself")
                }
            }
        }
    }

    /// The first alias (`*name`) of the text, as a 1-based line and column, to point at when the expansion is too large.
    static func firstAlias(_ yaml: String) -> (line: Int, column: Int)? {
        for (index, text) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var previous: Character = " "
            for (offset, character) in text.enumerated() {
                if character == "*", previous == " " || previous == "[" || previous == "," { return (index + 1, offset + 1) }
                previous = character
            }
        }
        return nil
    }
}
