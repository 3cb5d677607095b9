// The forms a diagnostic is printed in: text with its code, JSON, and GitHub Actions workflow commands.
import Foundation
import Testing

@testable import DossierKit

@Suite struct DiagnosticOutputTests {
    @Test func githubAnnotationEscapesDataAndProperties() {
        let diagnostic = Diagnostic.error(
            .invalidChoice, SourceLocation(path: "content/a,b:c%.md", line: 3, column: 7), "100% wrong:\r\nsecond, line", fix: "write 'x'")
        #expect(
            diagnostic.githubAnnotation
                == "::error file=content/a%2Cb%3Ac%25.md,line=3,col=7,title=field.invalid-choice::100% wrong:%0D%0Asecond, line (fix: write 'x')"
                .replacingOccurrences(of: "100% wrong", with: "100%25 wrong"))
        #expect(Diagnostic.githubData("a%b\nc\rd:e,f") == "a%25b%0Ac%0Dd:e,f")
        #expect(Diagnostic.githubProperty("a%b\nc\rd:e,f") == "a%25b%0Ac%0Dd%3Ae%2Cf")
        let warning = Diagnostic.warning(.ignoredFile, SourceLocation(path: "x.txt", line: 1), "ignored")
        #expect(warning.githubAnnotation == "::warning file=x.txt,line=1,col=1,title=content.ignored-file::ignored")
    }

    @Test func jsonHasTheCodeAndTheFixOnlyWhenKnown() throws {
        let withFix = Diagnostic.error(.invalidChoice, SourceLocation(path: "a.md", line: 2, column: 3), "bad", fix: "write 'b'")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(withFix.json.utf8)) as? [String: Any])
        #expect(object["code"] as? String == "field.invalid-choice")
        #expect(object["fix"] as? String == "write 'b'")
        #expect(Set(object.keys) == ["file", "line", "column", "severity", "code", "message", "fix"])
        let without = Diagnostic.warning(.strayEntry, SourceLocation(path: "a", line: 1), "w")
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(without.json.utf8)) as? [String: Any])
        #expect(Set(plain.keys) == ["file", "line", "column", "severity", "code", "message"])
    }

    @Test func everyCodeIsUniqueAndDocumentedInTheREADME() throws {
        let readme = try String(contentsOf: LoaderFixture.repositoryRoot().appendingPathComponent("README.md"), encoding: .utf8)
        #expect(Set(DiagnosticCode.allCases.map(\.rawValue)).count == DiagnosticCode.allCases.count)
        for code in DiagnosticCode.allCases {
            #expect(readme.contains("| `\(code.rawValue)` |"), "\(code.rawValue) is not in the README's table")
            #expect(code.rawValue.allSatisfy { $0.isLowercase || $0 == "." || $0 == "-" }, "\(code.rawValue)")
        }
    }
}
