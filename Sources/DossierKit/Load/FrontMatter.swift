// Splits a content file into its YAML front matter and Markdown body, and decodes its bytes.
import Foundation

struct ContentText {
    /// The text with a UTF-8 BOM removed and CRLF/CR line endings turned into LF.
    let text: String

    /// Decodes UTF-8; on failure, the diagnostic names the line of the first bad byte.
    static func decode(_ data: Data, path: String) -> Result<ContentText, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = firstInvalidUTF8Line(bytes)
            return .failure(
                .error(
                    SourceLocation(path: path, line: line),
                    "this file is not valid UTF-8 text (the first bad byte is on line \(line)); re-save it with UTF-8 encoding"
                ))
        }
        let normalized = text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        return .success(ContentText(text: normalized))
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < bytes.count {
            // Find the longest valid prefix by decoding scalar by scalar.
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return line
            }
            guard index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return line }
            if byte == 0x0A { line += 1 }
            index += length
        }
        return line
    }
}

/// A content file cut at its front-matter delimiters.
struct FrontMatterFile {
    let yaml: String
    /// Line in the file of the YAML's first line.
    let yamlFirstLine: Int
    let body: String
    /// Line in the file of the body's first line.
    let bodyFirstLine: Int

    static func split(_ text: String, path: String) -> Result<FrontMatterFile, Diagnostic> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            return .failure(
                .error(
                    SourceLocation(path: path, line: 1),
                    "this file has no front matter: it must start with a line containing only '---', then its fields (such as 'title: …'), then another line '---'"
                ))
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingTrailingSpaces == "---" || lines[$0].trimmingTrailingSpaces == "..." }) else {
            return .failure(
                .error(
                    SourceLocation(path: path, line: 1),
                    "the front matter that starts on line 1 is never closed: add a line containing only '---' after the last field"
                ))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return .success(FrontMatterFile(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 2))
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
