// The splicing renderer against plain cmark, and the splice algorithm itself.
import Testing

@testable import DossierMarkdown

/// Documents that together cover every CommonMark construct.
let commonMarkSamples: [String] = [
    "# ATX heading\n\n## Second *level* heading\n\nSetext heading\n==============\n\nAnother\n-------\n",
    "A paragraph with *emphasis*, **strong**, ***both***, `code`, and a [link](https://example.org \"title\").\nA soft break,  \na hard break and a backslash\\\nbreak.\n",
    "> A block quote\n> with two lines\n>\n> > and a nested one\n",
    "- tight\n- list\n  - nested\n\n1. ordered\n2. list\n\n3) other delimiter\n\n* loose\n\n* list\n",
    "    indented code block\n    with two lines\n\n```swift\nlet fenced = \"code\" < 3 && true\n```\n\n~~~\ntilde fence\n~~~\n",
    "Thematic breaks:\n\n***\n\n---\n\n___\n",
    "<div class=\"raw\">\nRaw *HTML* block\n</div>\n\nInline <span onclick=\"x()\">raw</span> HTML and <!-- a comment -->.\n",
    "![an image](img.png \"Image title\") and ![ref image][ref]\n\n[ref]: https://example.org/ref.png\n\nA [reference link][ref] and <https://autolink.example> and <mail@example.org>.\n",
    "Entities &amp; &copy; &#35; &#x22; and escapes \\* \\_ \\` \\\\ and smart \"quotes\", 'single', -- dashes --- and ellipses...\n",
    "[dangerous](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok image](data:image/png;base64,AAAA) [vb](VBScript:x)\n",
    "Stoltenberg’s visit to **North Macedonia** in [Skopje](https://example.org/skopje)\n\n| not | a table |\n|-----|---------|\n",
]

@Test(arguments: commonMarkSamples)
func renderingWithoutSpansEqualsPlainCmark(_ source: String) {
    let document = MarkdownDocument(parsing: source)
    #expect(document.renderHTML() == MarkdownDocument.plainCmarkHTML(source))
}

@Test func rawHTMLIsOmittedAsInSafeMode() {
    let html = MarkdownDocument(parsing: "Hi <script>alert(1)</script>\n\n<iframe src=x></iframe>\n").renderHTML()
    #expect(!html.contains("<script"))
    #expect(!html.contains("<iframe"))
    #expect(html.contains("<!-- raw HTML omitted -->"))
}

@Test func dangerousLinkURLsAreEmptied() {
    let html = MarkdownDocument(parsing: "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2))\n").renderHTML()
    #expect(!html.lowercased().contains("javascript:"))
    #expect(html.contains("<a href=\"\">x</a>"))
}

@Test func leavesCarryTextBreaksCodeAndLinkContext() {
    let document = MarkdownDocument(parsing: "Plain *emph* `code` [link text](u)\nnext line\n")
    #expect(document.blocks.count == 1)
    let leaves = document.blocks[0].inlines
    #expect(leaves.map(\.kind) == [.text, .text, .text, .code, .text, .text, .softBreak, .text])
    #expect(leaves.first { $0.text == "link text" }?.inLink == true)
    #expect(leaves.first { $0.text == "emph" }?.inLink == false)
    #expect(document.blocks[0].plainText == "Plain emph code link text next line")
}

@Test func blockLinesAreSourceLines() {
    let document = MarkdownDocument(parsing: "First\n\n\nSecond\nstill second\n\n# Third\n")
    #expect(document.blocks.map(\.line) == [1, 4, 7])
    #expect(document.blocks.map(\.kind) == [.paragraph, .paragraph, .heading])
}

@Test func splicedSpansWrapTextAndStayEscaped() {
    let document = MarkdownDocument(parsing: "a < b & Stoltenberg\n")
    let leaf = document.blocks[0].inlines[0]
    let start = Array(leaf.text.utf8).count - "Stoltenberg".utf8.count
    let html = document.renderHTML(spans: [leaf.ordinal: [Span(range: start..<(start + 11), priority: 1, open: "<a href=\"x\">", close: "</a>")]])
    #expect(html == "<p>a &lt; b &amp; <a href=\"x\">Stoltenberg</a></p>\n")
}

@Test func overlappingSpansNestWellFormed() {
    // outer covers 0..<6, inner 4..<9: inner must be closed and reopened around the outer's end.
    let pieces = MarkdownDocument.splice(
        text: "abcdefghij",
        spans: [
            Span(range: 0..<6, priority: 0, open: "<mark id=\"q\">", reopen: "<mark>", close: "</mark>"),
            Span(range: 4..<9, priority: 1, open: "<a>", close: "</a>"),
        ])
    let html = pieces.map { piece -> String in
        switch piece {
        case .text(let text): return text
        case .html(let html): return html
        }
    }.joined()
    #expect(html == "<mark id=\"q\">abcd<a>ef</a></mark><a>ghi</a>j")
}

@Test func blockAnchorsArePrependedToParagraphsAndHeadings() {
    let html = MarkdownDocument(parsing: "# Title\n\nText\n\n    code\n").renderHTML(blockAnchor: { "<span id=\"p-\($0)\"></span>" })
    #expect(html == "<h1><span id=\"p-0\"></span>Title</h1>\n<p><span id=\"p-1\"></span>Text</p>\n<pre><code>code\n</code></pre>\n")
}

/// Blocks are built from cmark's literals in one piece; they must equal blocks built leaf by leaf from each leaf's
/// own literal (the plain text, every leaf's text, kind, ordinal and ranges).
@Test(arguments: commonMarkSamples + ["Text with a NUL \u{0} byte, é, 🎉 and “quotes”.\n\nSecond -- paragraph...\n", "", "\n\n"])
func blocksEqualBlocksBuiltLeafByLeaf(_ source: String) {
    for block in MarkdownDocument(parsing: source).blocks {
        let reference = LeafBlock(
            index: block.index, kind: block.kind, line: block.line,
            leaves: block.inlines.map { ($0.ordinal, $0.kind, $0.text, $0.inLink) })
        #expect(block.plainText == reference.plainText)
        #expect(block.inlines == reference.inlines)
        #expect(block.inlines.map(\.plainRange) == reference.inlines.map(\.plainRange))
    }
}

/// Rendering fills the skeleton made at parse time; it must give exactly what changing a freshly parsed tree and
/// rendering it with cmark gives, spans and anchors included, for every construct (image descriptions, rendered
/// by cmark as plain text, escape the spans' tags too).
@Test(arguments: commonMarkSamples + [
    "![alt with Stoltenberg & <co>](x.png) then Stoltenberg \"quoted\" & <escaped>\n",
    "A [link to Stoltenberg](https://example.org?a=1&b=2) and *Stoltenberg* in `code Stoltenberg`\n\n- Stoltenberg\n- > quoted Stoltenberg\n",
])
func skeletonRenderingEqualsRenderingAParsedTree(_ source: String) {
    let document = MarkdownDocument(parsing: source, keepingSource: true)
    // Spans at every third byte of every text leaf, overlapping, with tags that escaping would change.
    var spans: [Int: [Span]] = [:]
    for block in document.blocks {
        for leaf in block.inlines where leaf.kind == .text {
            let length = leaf.text.utf8.count
            let bytes = Array(leaf.text.utf8)
            var leafSpans: [Span] = []
            var start = 0
            while start < length {
                var end = min(length, start + 4)
                while end < length, bytes[end] & 0xC0 == 0x80 { end += 1 }
                if bytes[start] & 0xC0 != 0x80 {
                    leafSpans.append(Span(range: start..<end, priority: start % 2, open: "<a href=\"#\(start)&amp;\">", reopen: "<a>", close: "</a>"))
                }
                start += 3
            }
            spans[leaf.ordinal] = leafSpans
        }
    }
    let anchor: (Int) -> String? = { $0 % 2 == 0 ? "<span id=\"p-\($0)\"></span>" : nil }
    #expect(document.renderHTML(spans: spans, blockAnchor: anchor) == document.renderHTMLParsing(spans: spans, blockAnchor: anchor))
    #expect(document.renderHTML() == document.renderHTMLParsing())
}

/// Entities decode to marker bytes where cmark keeps them in attributes (a link title, a code fence's info
/// string) and in text: the skeleton would no longer match its leaves, so these render by parsing too.
@Test(arguments: [
    "[Stoltenberg](https://example.org \"a &#1; title\") met &#3; and &#2;\n",
    "```&#1;\ncode\n```\n\nText &#1; Stoltenberg\n",
    "![alt &#2;](x.png \"&#3;\") and text\n",
])
func markerBytesFromEntitiesRenderByParsing(_ source: String) {
    let document = MarkdownDocument(parsing: source, keepingSource: true)
    var spans: [Int: [Span]] = [:]
    for block in document.blocks {
        for leaf in block.inlines where leaf.kind == .text && leaf.text.utf8.count >= 2 {
            spans[leaf.ordinal] = [Span(range: 0..<1, priority: 1, open: "<a>", close: "</a>")]
        }
    }
    let anchor: (Int) -> String? = { "<span id=\"p-\($0)\"></span>" }
    #expect(document.renderHTML(spans: spans, blockAnchor: anchor) == document.renderHTMLParsing(spans: spans, blockAnchor: anchor))
    #expect(document.renderHTML() == MarkdownDocument.plainCmarkHTML(source))
}

@Test func aSourceHoldingAMarkerByteRendersByParsing() {
    let source = "Text with \u{1} and \u{3} in it, and `code \u{2}`\n"
    let document = MarkdownDocument(parsing: source)
    #expect(document.renderHTML() == MarkdownDocument.plainCmarkHTML(source))
    #expect(document.renderHTML().contains("\u{1}"))
}

@Test func contentDigestOfPiecesIsTheDigestOfTheWhole() {
    // Lengths around the 32-byte stripe, split at every position, and in three pieces.
    for length in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100] {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let whole = ContentDigest(bytes)
        for cut in 0...length {
            var builder = ContentDigest.Builder()
            bytes[..<cut].withUnsafeBytes { builder.add($0) }
            bytes[cut...].withUnsafeBytes { builder.add($0) }
            #expect(builder.digest == whole, "length \(length), cut at \(cut)")
            if cut + 5 <= length {
                var three = ContentDigest.Builder()
                bytes[..<cut].withUnsafeBytes { three.add($0) }
                bytes[cut..<(cut + 5)].withUnsafeBytes { three.add($0) }
                bytes[(cut + 5)...].withUnsafeBytes { three.add($0) }
                #expect(three.digest == whole, "length \(length), pieces at \(cut) and \(cut + 5)")
            }
        }
    }
}

@Test func contentDigestsTellApartTextsThatDifferByOneBitOrAByteAdded() {
    var seen: Set<ContentDigest> = []
    let base = Array("<p>Stoltenberg said Russia is no imminent military threat to the Western Balkans.</p>\n".utf8)
    var texts: [[UInt8]] = [base, [], [0], [0, 0], base + [0], [0] + base]
    for position in base.indices {
        for bit in 0..<8 {
            var changed = base
            changed[position] ^= 1 << bit
            texts.append(changed)
        }
    }
    for text in texts { seen.insert(ContentDigest(text)) }
    #expect(seen.count == texts.count)
    // Equal bytes, equal digests, whether from a String or from bytes.
    #expect(ContentDigest("Vučić") == ContentDigest(Array("Vučić".utf8)))
}
