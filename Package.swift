// swift-tools-version:6.0
import PackageDescription

/// The release programs on Linux allocate with mimalloc (Debian `libmimalloc-dev`), which replaces glibc's malloc
/// for the whole process: a build spends a tenth of its processor time allocating and freeing, and mimalloc
/// does it in about half (README: "Figures"). Debug builds, the tests and the fuzz targets (address sanitizer)
/// keep glibc's.
let fastAllocator: [LinkerSetting] = [.linkedLibrary("mimalloc", .when(platforms: [.linux], configuration: .release))]

/// Release builds on x86-64 use the POPCNT instruction (every x86-64 processor since 2008–2009 has it: Intel
/// Nehalem, AMD K10). Without it `nonzeroBitCount` is a dozen instructions, and corroboration's bounds on shared
/// words count bits for every candidate: its scan at 100,000 articles 12.8–16.7 s to 10.4–12.3 s, a cold
/// build at 10,000 articles about 3% less processor time (README: "Figures"). The output is the same.
let cpuBaseline: [SwiftSetting] = {
    #if arch(x86_64)
    return [.unsafeFlags(["-Xcc", "-mpopcnt"], .when(configuration: .release))]
    #else
    return []
    #endif
}()

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .executable(name: "dossier-serve", targets: ["dossier-serve"]),
        .library(name: "DossierKit", targets: ["DossierKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The preview server's HTTP (`dossier serve`): small, no SwiftNIO, so CI builds it in seconds.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // malloc_trim, which Swift's Glibc module does not export (see `Memory.releaseFree`).
        .target(name: "CSystem"),
        // The only module that imports CCmark: it hands Swift values to the rest.
        .target(name: "DossierMarkdown", dependencies: ["CCmark"]),
        .target(
            name: "DossierKit",
            dependencies: [
                "DossierMarkdown",
                "CSystem",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: cpuBaseline,
            plugins: ["EmbedTheme"]
        ),
        // The built-in theme: Templates/ carried into the binary at build time (see Plugins/EmbedTheme).
        .executableTarget(name: "ThemeEmbedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        // `dossier serve`: the output folder over HTTP with live reload, and the folder watcher.
        .target(
            name: "DossierServe",
            dependencies: [
                "DossierKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // What the two programs share: progress output, option groups, theme folder lookup.
        .target(
            name: "DossierCLI",
            dependencies: ["DossierKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierKit",
                "DossierCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: fastAllocator
        ),
        // The program behind `dossier serve` (started by it): the only one that links the HTTP server.
        .executableTarget(
            name: "dossier-serve",
            dependencies: [
                "DossierKit",
                "DossierCLI",
                "DossierServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: fastAllocator
        ),
        // What `make bench` measures in process: an incremental rebuild in the session of a cold build.
        .executableTarget(
            name: "dossier-benchmark",
            dependencies: ["DossierKit"],
            path: "Benchmarks/DossierBenchmark",
            linkerSettings: fastAllocator
        ),
        .testTarget(name: "DossierMarkdownTests", dependencies: ["DossierMarkdown"]),
        // swift-mustache only in tests: the reference Dossier's own template engine is compared against.
        .testTarget(
            name: "DossierKitTests",
            dependencies: ["DossierKit", "DossierMarkdown", "DossierServe", .product(name: "Mustache", package: "swift-mustache")]),
    ],
    swiftLanguageModes: [.v6]
)
