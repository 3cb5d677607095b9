// Splits a content file into its YAML front matter and Markdown body, and decodes its bytes.
import Foundation

struct ContentText {
    /// The text with a UTF-8 BOM removed and CRLF/CR line endings turned into LF.
    let text: String

    /// Decodes UTF-8; on failure, the diagnostic names the line of the first bad byte. Works on the bytes
    /// as read: one validation pass, and a copy only when there are carriage returns to drop.
    static func decode(_ data: Data, path: String) -> Result<ContentText, Diagnostic> {
        data.withUnsafeBytes { decode($0, path: path) }
    }

    static func decode(_ raw: UnsafeRawBufferPointer, path: String) -> Result<ContentText, Diagnostic> {
        var bytes = raw.bindMemory(to: UInt8.self)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = firstInvalidUTF8Line(Array(bytes))
            return .failure(
                .error(
                    .fileEncoding, SourceLocation(path: path, line: line),
                    "this file is not valid UTF-8 text (the first bad byte is on line \(line)); re-save it with UTF-8 encoding"
                ))
        }
        guard let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) != nil else { return .success(ContentText(text: text)) }
        return .success(ContentText(text: normalizingLineEndings(bytes)))
    }

    /// CRLF and lone CR become LF. Dropping or replacing ASCII bytes keeps valid UTF-8 valid.
    static func normalizingLineEndings(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == 0x0D {
                    output[count] = 0x0A
                    if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                } else {
                    output[count] = byte
                }
                count += 1
            }
            return count
        }
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

    /// Cuts at the first line (which must be `---`) and the next line that is `---` or `...` (trailing spaces
    /// and tabs allowed). The YAML is the lines between, the body the lines after, each joined without its
    /// last line break. One pass over the UTF-8 bytes: no array of lines.
    static func split(_ text: String, path: String) -> Result<FrontMatterFile, Diagnostic> {
        var text = text
        return text.withUTF8 { split($0, path: path) }
    }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Result<FrontMatterFile, Diagnostic> {
        let count = bytes.count
        /// The end of the line starting at `start`: its line feed, or the end of the text.
        func lineEnd(_ start: Int) -> Int {
            guard start < count, let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, count - start) else { return count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        /// Whether the line is `marker` (three bytes) followed only by spaces and tabs.
        func isDelimiter(_ start: Int, _ end: Int, _ marker: UInt8) -> Bool {
            guard end - start >= 3, bytes[start] == marker, bytes[start + 1] == marker, bytes[start + 2] == marker else { return false }
            var index = start + 3
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            return index == end
        }
        let firstEnd = lineEnd(0)
        guard count > 0, isDelimiter(0, firstEnd, UInt8(ascii: "-")) else {
            return .failure(
                .error(
                    .noFrontMatter, SourceLocation(path: path, line: 1),
                    "this file has no front matter: it must start with a line containing only '---', then its fields (such as 'title: …'), then another line '---'"
                ))
        }
        // A text that ends with a line feed has no empty last line after it.
        var line = 1
        var start = firstEnd + 1
        var close: (start: Int, end: Int)?
        while start < count {
            let end = lineEnd(start)
            if isDelimiter(start, end, UInt8(ascii: "-")) || isDelimiter(start, end, UInt8(ascii: ".")) {
                close = (start, end)
                break
            }
            line += 1
            start = end + 1
        }
        guard let close else {
            return .failure(
                .error(
                    .unclosedFrontMatter, SourceLocation(path: path, line: 1),
                    "the front matter that starts on line 1 is never closed: add a line containing only '---' after the last field"
                ))
        }
        let yamlStart = firstEnd + 1
        let yaml = close.start > yamlStart ? string(bytes, yamlStart..<(close.start - 1)) : ""
        let bodyStart = close.end + 1
        let bodyEnd = bytes[count - 1] == 0x0A ? count - 1 : count
        let body = bodyStart < bodyEnd ? string(bytes, bodyStart..<bodyEnd) : ""
        return .success(FrontMatterFile(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: line + 2))
    }

    /// Bytes cut at line feeds of valid UTF-8 are valid UTF-8.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
