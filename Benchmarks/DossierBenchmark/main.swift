// The in-process measurements `make bench` cannot take from outside: an incremental rebuild after editing
// one article, in the same build session as a cold build, checked byte for byte against a cold build.
//
//   dossier-benchmark incremental --content DIR --templates DIR --output DIR --edit ARTICLE.md [--append TEXT] [--repeat N]
//
// The edit appends a paragraph to the article: by default one without names (an edit of text alone, the
// build's fast path); `--append` gives another (one naming an actor takes the general path).
//
// Prints one JSON object: {"cold_seconds": …, "incremental_seconds": …, "rendered": …, "pages": …, "identical": …}
import DossierKit
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dossier-benchmark: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "incremental" else {
    fail("usage: dossier-benchmark incremental --content DIR --templates DIR --output DIR --edit ARTICLE.md")
}
arguments.removeFirst()
var options: [String: String] = [:]
while arguments.count >= 2, arguments[0].hasPrefix("--") {
    options[String(arguments[0].dropFirst(2))] = arguments[1]
    arguments.removeFirst(2)
}
guard let content = options["content"], let templates = options["templates"], let output = options["output"], let edit = options["edit"] else {
    fail("--content, --templates, --output and --edit are all required")
}

func seconds(_ body: () -> BuildReport) -> (BuildReport, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let report = body()
    return (report, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Every file under a folder with its bytes.
func snapshot(_ directory: String) -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory)
    while let relative = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = directory + "/" + relative
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result[relative] = FileManager.default.contents(atPath: path)
        }
    }
    return result
}

try? FileManager.default.removeItem(atPath: output)
let session = BuildSession(options: BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: output))
let (cold, coldSeconds) = seconds { session.build() }
guard cold.summary != nil else { fail("the cold build failed: \(cold.diagnostics.prefix(3).map(\.description))") }

/// Appends the paragraph to the article, then rebuilds in the session.
@MainActor func editAndRebuild() -> (BuildReport, Double) {
    guard let text = try? String(contentsOfFile: edit, encoding: .utf8) else { fail("cannot read \(edit)") }
    do {
        let paragraph = options["append"] ?? "An added sentence, written by the benchmark to measure an incremental rebuild."
        try (text + "\n" + paragraph + "\n")
            .write(toFile: edit, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(edit): \(error)")
    }
    let (report, elapsed) = seconds { session.build(changed: [edit]) }
    guard report.summary != nil else { fail("the incremental build failed: \(report.diagnostics.prefix(3).map(\.description))") }
    return (report, elapsed)
}
let (again, incrementalSeconds) = editAndRebuild()
// `--repeat N` edits and rebuilds N - 1 more times (for a profiler: the incremental path then outweighs the
// cold builds); the figures printed are the first rebuild's, the comparison is made after the last.
for _ in 1..<max(1, Int(options["repeat"] ?? "1") ?? 1) { _ = editAndRebuild() }

// The same input built cold into a fresh folder must give the same bytes.
let reference = output + ".cold-reference"
try? FileManager.default.removeItem(atPath: reference)
let check = Pipeline.build(BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: reference))
let identical = check.summary != nil && snapshot(output) == snapshot(reference)
try? FileManager.default.removeItem(atPath: reference)
// The previous build's tree the session kept beside the output folder.
session.close()

print(
    String(
        format: "{\"cold_seconds\": %.3f, \"incremental_seconds\": %.3f, \"rendered\": %d, \"written\": %d, \"pages\": %d, \"identical\": %@}",
        coldSeconds, incrementalSeconds, again.rendered, again.write?.written ?? 0, again.pages, identical ? "true" : "false"))
