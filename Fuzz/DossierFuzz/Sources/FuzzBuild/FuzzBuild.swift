// libFuzzer target: a whole build of a small dossier whose files are the input.
//
// The input is a list of files, each introduced by a line `%% <path>`: `dossier.yaml`, or `<folder>/<name>.md` with a
// folder of a dossier and a name without a slash (other paths are skipped, so nothing is written outside the temporary
// folder). The files are written into a fresh content folder (one per process, emptied before each input) and built
// with the built-in theme into a fresh output folder. When loading found errors, so the build did not link, the files
// are checked as well (`dossier check` links whatever loaded).
import DossierKit
import Foundation
import LibFuzzer

@main
enum FuzzBuild {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        // libFuzzer ends a run with exit(); after a crash the folders stay, to look at.
        atexit { try? FileManager.default.removeItem(atPath: workspace) }
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzz))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    build(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

private let folders: Set<String> = ["articles", "actors", "locations", "propositions", "claims"]
private let maxFiles = 16
private let workspace = NSTemporaryDirectory() + "dossier-fuzz-\(getpid())"

/// The input's files, by path relative to the content folder, in input order; the last of a repeated path wins.
private func files(in input: [UInt8]) -> [(path: String, bytes: [UInt8])] {
    var result: [(path: String, bytes: [UInt8])] = []
    var current: String?
    var contents: [UInt8] = []
    func finish() {
        guard let path = current else { return }
        result.removeAll { $0.path == path }
        if result.count < maxFiles { result.append((path, contents)) }
    }
    let lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() {
        if line.starts(with: [0x25, 0x25, 0x20]) {
            finish()
            current = safePath(String(decoding: line.dropFirst(3), as: UTF8.self))
            contents = []
        } else if current != nil {
            contents.append(contentsOf: line)
            if number < lines.count - 1 { contents.append(0x0A) }
        }
    }
    finish()
    return result
}

/// The path when it names a dossier file, else nil.
private func safePath(_ text: String) -> String? {
    let path = text.trimmingCharacters(in: .whitespaces)
    if path == "dossier.yaml" { return path }
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, folders.contains(String(parts[0])), parts[1].hasSuffix(".md") else { return nil }
    // Any name without a slash (ids that are not valid are errors, but the loader reads those files too).
    let name = parts[1]
    guard (4...64).contains(name.utf8.count), !name.utf8.contains(0) else { return nil }
    return path
}

/// Writes the input's files into an empty content folder and builds them into an empty output folder.
private func build(_ input: [UInt8]) {
    let fileManager = FileManager.default
    let content = workspace + "/content", output = workspace + "/public"
    try? fileManager.removeItem(atPath: content)
    try? fileManager.removeItem(atPath: output)
    for folder in folders {
        try? fileManager.createDirectory(atPath: content + "/" + folder, withIntermediateDirectories: true)
    }
    for file in files(in: input) {
        _ = fileManager.createFile(atPath: content + "/" + file.path, contents: Data(file.bytes))
    }
    let report = Pipeline.build(BuildOptions(contentDirectory: content, templatesDirectory: nil, outputDirectory: output, workers: 1))
    if !report.stages.contains(where: { $0.name == "link" }) {
        _ = Pipeline.check(contentDirectory: content)
    }
    if ProcessInfo.processInfo.environment["DOSSIER_FUZZ_SHOW"] != nil {
        // To see what an input does: `DOSSIER_FUZZ_SHOW=1 .build-fuzz/debug/FuzzBuild <input file>`.
        for diagnostic in report.diagnostics { print(diagnostic) }
        print(report.summary ?? "build failed")
    }
    // A build either succeeds with its pages or fails with an error that says why: never neither.
    if report.write == nil, !report.diagnostics.hasErrors {
        fatalError("the build failed without an error diagnostic")
    }
}
