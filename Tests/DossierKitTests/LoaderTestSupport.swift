// Inline fixtures for the loader tests: a temporary content folder holding a minimal valid dossier,
// with files replaced, added or removed per test, deleted again when the test is done.
import Foundation
import Testing

@testable import DossierKit

enum LoaderFixtureFiles {
    static let dossier = """
        title: Test dossier

        """

    /// Line 2 title, line 3 source, line 4 published, line 5 closing '---', line 6 the body.
    static let article = """
        ---
        title: "NATO chief in Skopje"
        source: MIA
        published: 2023-11-21
        ---
        Jens Stoltenberg said no threat.

        """

    /// Line 2 name, line 3 kind, line 4 aliases.
    static let actor = """
        ---
        name: Jens Stoltenberg
        kind: person
        aliases: [Stoltenberg]
        ---

        """

    /// Line 2 claimant, line 3 summary, line 4 'evidence:', line 5 '- article:', line 6 'quote:'.
    static let claim = """
        ---
        claimant: stoltenberg
        summary: "There is no threat."
        evidence:
          - article: report
            quote: "no threat"
        ---

        """

    static let base: [String: String] = [
        "dossier.yaml": dossier,
        "articles/report.md": article,
        "actors/stoltenberg.md": actor,
        "claims/no-threat.md": claim,
    ]

    /// The text with CRLF line endings.
    static func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    /// UTF-8 bytes with a byte-order mark in front.
    static func withBOM(_ text: String) -> [UInt8] { [0xEF, 0xBB, 0xBF] + Array(text.utf8) }
}

/// A content folder on disk. `overrides` replaces or adds files (a nil value removes a base file);
/// `bytes` writes files byte for byte (for encodings).
struct LoaderFixture {
    let root: String

    init(_ overrides: [String: String?] = [:], bytes: [String: [UInt8]] = [:], base: [String: String] = LoaderFixtureFiles.base) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-loader-tests-\(UUID().uuidString)", isDirectory: true).path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var files = base
        for (relative, text) in overrides { files[relative] = text }
        for (relative, text) in files { try Self.write(Data(text.utf8), to: path(relative)) }
        for (relative, data) in bytes { try Self.write(Data(data), to: path(relative)) }
    }

    /// The path the loader uses in diagnostics for a file of this fixture.
    func path(_ relative: String) -> String { root + "/" + relative }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}

/// What one run over a fixture produced; the folder itself is already removed.
struct LoaderRun {
    let root: String
    let corpus: Corpus?
    let diagnostics: [Diagnostic]

    func path(_ relative: String) -> String { root + "/" + relative }

    /// The diagnostics about one file, in the order they were produced.
    func diagnostics(for relative: String) -> [Diagnostic] {
        diagnostics.filter { $0.location.path == path(relative) }
    }
}

extension LoaderFixture {
    /// Runs the content loader over a fixture.
    static func load(_ overrides: [String: String?] = [:], bytes: [String: [UInt8]] = [:], base: [String: String] = LoaderFixtureFiles.base)
        throws -> LoaderRun
    {
        let fixture = try LoaderFixture(overrides, bytes: bytes, base: base)
        defer { fixture.remove() }
        let (corpus, diagnostics) = ContentLoader(contentDirectory: fixture.root).load()
        return LoaderRun(root: fixture.root, corpus: corpus, diagnostics: diagnostics)
    }

    /// Runs loader and linker (`Pipeline.check`) over a fixture: also verifies quotes and names.
    static func check(_ overrides: [String: String?] = [:], bytes: [String: [UInt8]] = [:], base: [String: String] = LoaderFixtureFiles.base)
        throws -> LoaderRun
    {
        let fixture = try LoaderFixture(overrides, bytes: bytes, base: base)
        defer { fixture.remove() }
        let diagnostics = Pipeline.check(contentDirectory: fixture.root)
        return LoaderRun(root: fixture.root, corpus: nil, diagnostics: diagnostics)
    }

    /// The repository root, from this file's place in Tests/DossierKitTests/.
    static func repositoryRoot(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
