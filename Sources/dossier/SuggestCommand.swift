// `dossier suggest`: proposes registry work from the articles (unknown names, missing aliases, unclaimed
// statements), as readable text, JSON, or YAML to paste into front matter.
import ArgumentParser
import DossierCLI
import DossierKit
import Foundation

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Propose registry work: names no entity has, spellings that are not yet aliases, quotations no claim cites.",
        discussion: "Exit codes: 0 it ran (with or without suggestions), 1 the content has errors, 2 usage errors."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, yaml
    }

    @Option(help: "The content folder.")
    var content = "content"

    @Option(help: "text: readable, with 'file:line:' evidence; json: one object with an array per kind; yaml: aliases lists and claim stubs to paste into front matter.")
    var format: Format = .text

    @Option(help: "At most this many suggestions of each kind (the best ones).")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let (found, diagnostics) = RegistrySuggester.suggest(contentDirectory: content)
        guard let found else {
            for diagnostic in diagnostics.sortedForOutput() { FileHandle.standardErrorWrite(diagnostic.description + "\n") }
            let errors = diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardErrorWrite("suggest failed with \(errors) error\(errors == 1 ? "" : "s"): fix them first (see dossier check)\n")
            throw ExitCode(1)
        }
        let suggestions = found.limited(to: limit)
        switch format {
        case .text: print(SuggestionText.text(suggestions), terminator: "")
        case .json: print(SuggestionText.json(suggestions).serialized(pretty: true))
        case .yaml: print(SuggestionText.yaml(suggestions), terminator: "")
        }
    }
}

/// The three output formats of `dossier suggest`.
enum SuggestionText {
    static func text(_ suggestions: RegistrySuggestions) -> String {
        var out = ""
        out += "Unknown names (\(suggestions.unknownNames.count)):\n"
        for name in suggestions.unknownNames {
            out += "  \(name.name)  [\(name.guess.rawValue)] ×\(name.count)\n"
            for evidence in name.evidence { out += evidenceLine(evidence) }
        }
        out += "\nProbable spellings not yet aliases (\(suggestions.aliases.count)):\n"
        for alias in suggestions.aliases {
            let why = alias.reason == .surname ? "surname of" : "spelling of"
            out += "  \(alias.alias)  → \(alias.entity) (\(why) \"\(alias.resembles)\") ×\(alias.count)\n"
            for evidence in alias.evidence { out += evidenceLine(evidence) }
        }
        out += "\nUnclaimed statements (\(suggestions.statements.count)):\n"
        for statement in suggestions.statements {
            let date = statement.date.map { " on \($0)" } ?? ""
            out += "  \(statement.claimant) (\"\(statement.speaker)\")\(date) ×\(statement.count): “\(statement.quote)”\n"
            out += "    claim id: \(statement.id)\n"
            for evidence in statement.evidence { out += evidenceLine(evidence) }
        }
        return out
    }

    private static func evidenceLine(_ evidence: SuggestionEvidence) -> String {
        "    \(evidence.path):\(evidence.line): \(evidence.excerpt)\n"
    }

    static func json(_ suggestions: RegistrySuggestions) -> JSONValue {
        func evidence(_ items: [SuggestionEvidence]) -> JSONValue {
            .array(items.map { .object(["file": .string($0.path), "line": .int($0.line), "article": .string($0.article), "excerpt": .string($0.excerpt)]) })
        }
        let names = suggestions.unknownNames.map { name -> JSONValue in
            .object(["name": .string(name.name), "guess": .string(name.guess.rawValue), "count": .int(name.count), "evidence": evidence(name.evidence)])
        }
        let aliases = suggestions.aliases.map { alias -> JSONValue in
            .object([
                "entity": .string(alias.entity.description), "file": .string(alias.path), "alias": .string(alias.alias),
                "reason": .string(alias.reason.rawValue), "resembles": .string(alias.resembles), "aliases": .array((alias.aliases + [alias.alias]).map(JSONValue.string)),
                "count": .int(alias.count), "evidence": evidence(alias.evidence),
            ])
        }
        let statements = suggestions.statements.map { statement -> JSONValue in
            var object: [String: JSONValue] = [
                "id": .string(statement.id), "claimant": .string(statement.claimant), "speaker": .string(statement.speaker),
                "quote": .string(statement.quote), "count": .int(statement.count),
                "citations": .array(statement.citations.map { .object(["article": .string($0.article), "quote": .string($0.quote)]) }),
                "evidence": evidence(statement.evidence),
            ]
            object["date"] = statement.date.map { .string($0.description) } ?? .null
            return .object(object)
        }
        return .object(["unknown_names": .array(names), "aliases": .array(aliases), "statements": .array(statements)])
    }

    /// One YAML document: `names` (to create actors or locations for), `aliases` (per entity, the
    /// `aliases:` list with the new spellings added, to replace the line in its file) and `claims` (stubs,
    /// each the front matter of a claim file). Every string double-quoted.
    static func yaml(_ suggestions: RegistrySuggestions) -> String {
        var out = "# dossier suggest: \(suggestions.unknownNames.count) unknown names, \(suggestions.aliases.count) aliases, \(suggestions.statements.count) claim stubs\n"
        out += "names:" + (suggestions.unknownNames.isEmpty ? " []\n" : "\n")
        for name in suggestions.unknownNames {
            out += "  - name: \(quoted(name.name))\n"
            out += "    guess: \(name.guess.rawValue)\n"
            out += "    count: \(name.count)\n"
            out += "    evidence:\n"
            for evidence in name.evidence { out += "      - \(quoted("\(evidence.path):\(evidence.line): \(evidence.excerpt)"))\n" }
        }
        // One entry per entity, every new spelling added to its aliases.
        var order: [EntityRef] = []
        var grouped: [EntityRef: [AliasSuggestion]] = [:]
        for alias in suggestions.aliases {
            if grouped[alias.entity] == nil { order.append(alias.entity) }
            grouped[alias.entity, default: []].append(alias)
        }
        out += "aliases:" + (order.isEmpty ? " {}\n" : "\n")
        for entity in order {
            guard let items = grouped[entity], let first = items.first else { continue }
            for item in items {
                let place = item.evidence.first.map { " (\($0.path):\($0.line))" } ?? ""
                out += "  # \(oneLine(item.alias)): \(item.reason == .surname ? "surname of" : "spelling of") \(oneLine(item.resembles)), \(item.count)×\(oneLine(place))\n"
            }
            out += "  \(quoted(entity.description)):\n"
            out += "    aliases: [\((first.aliases + items.map(\.alias)).map(quoted).joined(separator: ", "))]\n"
        }
        out += "claims:" + (suggestions.statements.isEmpty ? " []\n" : "\n")
        for statement in suggestions.statements {
            out += "  # claims/\(statement.id).md — \(oneLine(statement.speaker)), \(statement.evidence.map { "\($0.path):\($0.line)" }.joined(separator: ", "))\n"
            out += "  - claimant: \(quoted(statement.claimant))\n"
            out += "    summary: \(quoted(summary(statement.quote)))\n"
            if let date = statement.date { out += "    date: \(quoted(date.description))\n" }
            out += "    evidence:\n"
            for citation in statement.citations {
                out += "      - article: \(quoted(citation.article))\n"
                out += "        quote: \(quoted(citation.quote))\n"
            }
        }
        return out
    }

    /// A draft summary for the analyst to rewrite: the quotation's first sentence, cut at a word near 100 characters.
    static func summary(_ quote: String) -> String {
        var sentence = quote
        if let end = quote.range(of: ". ") { sentence = String(quote[..<end.lowerBound]) + "." }
        guard sentence.count > 100 else { return sentence }
        let cut = sentence.prefix(100)
        if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + "…" }
        return String(cut) + "…"
    }

    /// A comment never spans lines.
    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    /// A YAML double-quoted scalar: backslash, quote and control characters escaped, the rest as is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out += "\\_"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || scalar.value == 0xFEFF {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
