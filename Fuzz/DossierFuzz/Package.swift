// swift-tools-version:6.0
// The libFuzzer targets, apart from the main package so that `swift build` there never sees them: they link only with
// libFuzzer, and everything they fuzz must be compiled with its coverage. Built and run by `make fuzz` and
// `make fuzz-smoke` through Fuzz/fuzz.sh, which passes the sanitizer flags.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts and worktrees. (This package sits
// in Fuzz/DossierFuzz, not Fuzz, so that its own identity never equals the checkout's, as it would in one named `fuzz`.)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let dossier = root.lastPathComponent.lowercased()

func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["LibFuzzer", .product(name: "DossierKit", package: dossier)],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])],
        // Only these link libFuzzer (in the theme embedder, a build tool, its `main` would be linked as the tool's): every
        // Swift module is compiled with address sanitizer and libFuzzer's coverage by the flags Fuzz/fuzz.sh passes.
        linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
    )
}

let package = Package(
    name: "DossierFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: root.path)],
    targets: [
        // The declaration of libFuzzer's driver, which each target's `main` calls.
        .target(name: "LibFuzzer"),
        // One content file → the loader's parse of its front matter and fields.
        fuzzTarget("FuzzFrontMatter"),
        // One article's Markdown → parse, mentions and quotes linked against a fixed registry, HTML with marks.
        fuzzTarget("FuzzArticle"),
        // A few content files → a whole build of a small dossier with the built-in theme.
        fuzzTarget("FuzzBuild"),
    ],
    swiftLanguageModes: [.v6]
)
