// Folded text and its sparse map back to the original bytes.
import Testing

@testable import DossierKit

@Suite struct FoldedTextMapping {
    func original(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    @Test func quoteFoldingCollapsesAndMapsBack() throws {
        let text = "  He said:\u{00A0}“We don’t  see — any…”  "
        let folded = FoldedText(text, folding: .quote, collapsing: [0x20, UInt8(ascii: "-")], trim: true)
        #expect(String(decoding: folded.bytes, as: UTF8.self) == "He said: \"We don't see - any...\"")
        let needle = Array("don't see - any".utf8)
        let range = try #require(folded.firstRange(of: needle))
        #expect(original(text, folded.originalRange(range)) == "don’t  see — any")
        let whole = folded.originalRange(0..<folded.bytes.count)
        #expect(original(text, whole) == "He said:\u{00A0}“We don’t  see — any…”")
    }

    @Test func nameFoldingDropsMarksAndKeepsThemInTheRange() throws {
        let composed = "Mr Vučić."
        let decomposed = "Mr Vuc\u{030C}ic\u{0301}."
        for text in [composed, decomposed] {
            let folded = FoldedText(text, folding: .name)
            #expect(String(decoding: folded.bytes, as: UTF8.self) == "Mr Vucic.")
            let range = try #require(folded.firstRange(of: Array("Vucic".utf8)))
            #expect(original(text, folded.originalRange(range)) == String(text.dropFirst(3).dropLast()))
        }
    }

    @Test func identityTextMapsOneToOne() {
        let folded = FoldedText("plain ascii", folding: .name)
        #expect(folded.originalRange(6..<11) == 6..<11)
    }
}
