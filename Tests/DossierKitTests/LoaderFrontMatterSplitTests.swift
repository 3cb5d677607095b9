// The byte-level front-matter splitter and line-ending decoder, against the line-array versions they replaced.
import Foundation
import Testing

@testable import DossierKit

@Suite struct LoaderFrontMatterSplitTests {
    /// The splitter as it was: lines split at "\n", the trailing empty line dropped, delimiters compared after
    /// trimming trailing spaces and tabs. The fast one must give the same cut for every input.
    static func referenceSplit(_ text: String) -> (yaml: String, body: String, bodyFirstLine: Int)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        func trimmed(_ line: Substring) -> Substring {
            var result = line
            while let last = result.last, last == " " || last == "\t" { result.removeLast() }
            return result
        }
        guard let first = lines.first, trimmed(first) == "---" else { return nil }
        guard let close = lines.indices.dropFirst().first(where: { trimmed(lines[$0]) == "---" || trimmed(lines[$0]) == "..." }) else { return nil }
        return (lines[1..<close].joined(separator: "\n"), lines[(close + 1)...].joined(separator: "\n"), close + 2)
    }

    static let inputs: [String] = [
        "",
        "\n",
        "---",
        "---\n",
        "---\n---",
        "---\n---\n",
        "---\n---\n\n",
        "---\n---\nbody",
        "---\ntitle: A\n---\nbody\n",
        "---\ntitle: A\n---\nbody\n\n",
        "---\ntitle: A\n---\n\nbody\n\n\n",
        "---\ntitle: A\n...\nbody",
        "---  \t\ntitle: A\n--- \t \nbody",
        "--- x\ntitle: A\n---\nbody",
        "----\ntitle: A\n---\nbody",
        "---\ntitle: A\n----\nmore: b\n---\nbody",
        "---\ntitle: A\n -- -\n---\nbody",
        "---\n\n\ntitle: A\n\n---\nbody",
        "---\ntitle: A\n---",
        "---\ntitle: A\n---\n",
        "---\ntitle: A",
        "---\ntitle: A\n",
        "\n---\ntitle: A\n---\n",
        " ---\ntitle: A\n---\n",
        "---\ntitle: \"Vučić — Skopje\"\n---\nJens Stoltenberg said “no threat”.\n---\nafter a rule\n",
        "---\u{301}\ntitle: A\n---\nbody",
        "---\ntitle: A\n--- \u{301}\n---\nbody",
        "---\ntitle: A\n---\u{200B}\n...\nbody",
        "---\ntitle: A\n\t---\n---\nbody",
        "---\n---\n---\n---\n",
    ]

    @Test(arguments: inputs.indices)
    func splitMatchesTheLineArraySplitter(_ index: Int) {
        let text = Self.inputs[index]
        let expected = Self.referenceSplit(text)
        switch FrontMatterFile.split(text, path: "x.md") {
        case .success(let file):
            #expect(expected?.yaml == file.yaml, "\(text.debugDescription)")
            #expect(expected?.body == file.body, "\(text.debugDescription)")
            #expect(expected?.bodyFirstLine == file.bodyFirstLine, "\(text.debugDescription)")
            #expect(file.yamlFirstLine == 2)
        case .failure:
            #expect(expected == nil, "\(text.debugDescription)")
        }
    }

    @Test func closingLineMayBeDotsAndCarryTrailingBlanks() throws {
        let file = try FrontMatterFile.split("---\t\nname: Skopje\nkind: city\n... \nNotes.\n", path: "x.md").get()
        #expect(file.yaml == "name: Skopje\nkind: city")
        #expect(file.body == "Notes.")
        #expect(file.bodyFirstLine == 5)
    }

    @Test func missingAndUnclosedFrontMatterAreToldApart() {
        guard case .failure(let missing) = FrontMatterFile.split("title: A\n---\n", path: "x.md") else {
            Issue.record("expected a failure")
            return
        }
        #expect(missing.message.contains("has no front matter"))
        guard case .failure(let unclosed) = FrontMatterFile.split("---\ntitle: A\n--\n", path: "x.md") else {
            Issue.record("expected a failure")
            return
        }
        #expect(unclosed.message.contains("never closed"))
    }

    static let lineEndings: [[UInt8]] = [
        [],
        Array("a\r\nb\r\n".utf8),
        Array("a\rb\r".utf8),
        Array("\r\r\n\n\r".utf8),
        Array("\u{FEFF}---\r\ntitle: Č\r\n---\r\nx".utf8),
        Array("no carriage returns\n".utf8),
        Array("\r".utf8),
        Array("end\r\n\r".utf8),
    ]

    @Test(arguments: lineEndings.indices)
    func lineEndingsBecomeLineFeedsAsBefore(_ index: Int) throws {
        let bytes = Self.lineEndings[index]
        var reference = bytes
        if reference.starts(with: [0xEF, 0xBB, 0xBF]) { reference.removeFirst(3) }
        let text = try #require(String(validating: reference, as: UTF8.self))
        let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let decoded = try ContentText.decode(Data(bytes), path: "x.md").get()
        #expect(decoded.text == expected)
    }
}
