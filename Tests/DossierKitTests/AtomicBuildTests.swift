// A build is atomic as a whole: killed at any moment, the output folder holds exactly the previous build or
// exactly the new one; nothing of the interrupted build survives the next; two builds at once take turns.
import Foundation
import Testing

@testable import DossierKit

#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct AtomicBuilds {
    /// The seed dossier copied into a temporary folder, with a second version whose every page differs.
    final class TwoVersions {
        let root: URL
        var content: URL { root.appendingPathComponent("content") }
        var output: URL { root.appendingPathComponent("public") }
        let title: String

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-atomic-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let content = root.appendingPathComponent("content")
            try FileManager.default.copyItem(at: SiteFixture.repositoryRoot.appendingPathComponent("content"), to: content)
            title = try String(contentsOf: content.appendingPathComponent("dossier.yaml"), encoding: .utf8)
        }

        /// Version 1 or 2 of the content: version 2 renames the dossier, which every page shows.
        func use(_ version: Int) throws {
            let text = version == 1 ? title : title.replacingOccurrences(of: "title: \"", with: "title: \"Version two: ")
            try Data(text.utf8).write(to: content.appendingPathComponent("dossier.yaml"))
        }

        func arguments(into output: URL) -> [String] {
            ["build", "--content", content.path, "--templates", SiteFixture.templates, "--output", output.path]
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = dossierBinary()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// What Dossier leaves beside and inside the output folder besides the site: nothing, after a finished build.
    static func strays(in folder: URL) -> [String] {
        var found: [String] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where entry.contains(".dossier-") {
            found.append(entry)
        }
        let enumerator = FileManager.default.enumerator(atPath: folder.appendingPathComponent("public").path)
        while let relative = enumerator?.nextObject() as? String {
            if relative.contains(".tmp-") || relative.contains(".link-") { found.append("public/" + relative) }
        }
        return found
    }

    /// SIGKILL, SIGINT, SIGTERM.
    @Test(arguments: [9, 2, 15] as [Int32])
    func aBuildKilledAtAnyMomentLeavesThePreviousBuildOrTheNewOne(_ signal: Int32) throws {
        let dossier = try TwoVersions()
        // The two complete sites, built undisturbed elsewhere.
        try dossier.use(1)
        let one = dossier.root.appendingPathComponent("one"), two = dossier.root.appendingPathComponent("two")
        #expect(try runDossier(dossier.arguments(into: one)).status == 0)
        try dossier.use(2)
        let started = Date()
        #expect(try runDossier(dossier.arguments(into: two)).status == 0)
        let duration = Date().timeIntervalSince(started)
        let first = snapshot(one), second = snapshot(two)
        #expect(!first.isEmpty && first["index.html"] != second["index.html"])
        #expect(first.keys.filter { first[$0] != second[$0] }.count > 20, "every page should differ between the versions")

        var sawFirst = 0, sawSecond = 0
        for point in 0..<12 {
            // The previous build in place, then the next one, killed after a growing share of its run.
            try dossier.use(1)
            #expect(try runDossier(dossier.arguments(into: dossier.output)).status == 0)
            try dossier.use(2)
            let process = try Self.start(dossier.arguments(into: dossier.output))
            usleep(useconds_t(duration * 1.2 * Double(point) / 12 * 1_000_000))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let tree = snapshot(dossier.output)
            if tree == first {
                sawFirst += 1
            } else if tree == second {
                sawSecond += 1
            } else {
                let mixed = tree.keys.filter { tree[$0] != first[$0] }.sorted().prefix(5)
                Issue.record("killed at point \(point): the output folder is neither build (differs from the first at \(Array(mixed)))")
            }
        }
        // Both outcomes happen: kills before and after the exchange.
        #expect(sawFirst > 0)
        // The next build completes, and nothing of the interrupted ones is left.
        let finished = try runDossier(dossier.arguments(into: dossier.output))
        #expect(finished.status == 0, "\(finished.errors)")
        #expect(snapshot(dossier.output) == second)
        #expect(Self.strays(in: dossier.root).isEmpty, "\(Self.strays(in: dossier.root))")
        _ = sawSecond
    }

    /// Runs a command (mount, umount); its exit status.
    static func run(_ path: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether this machine lets the tests mount a small tmpfs (root, outside a locked-down container).
    static func canMountSmallDisk() -> Bool {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-mount-probe-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.path]) == 0 else { return false }
        return run("/bin/umount", [probe.path]) == 0
    }

    @Test(.enabled(if: canMountSmallDisk(), "needs to mount a small tmpfs (root)"))
    func aFullDiskLeavesThePreviousBuildWhole() throws {
        let dossier = try TwoVersions()
        let disk = dossier.root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        #expect(Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.path]) == 0)
        defer { _ = Self.run("/bin/umount", [disk.path]) }
        let output = disk.appendingPathComponent("public")
        try dossier.use(1)
        #expect(try runDossier(dossier.arguments(into: output)).status == 0)
        let first = snapshot(output)
        // The disk all but full: every page of version two differs, and there is room for a few only.
        let free = try #require(try FileManager.default.attributesOfFileSystem(forPath: disk.path)[.systemFreeSize] as? Int)
        let filler = disk.appendingPathComponent("filler")
        try Data(count: max(0, free - 300 * 1024)).write(to: filler)
        try dossier.use(2)
        let full = try runDossier(dossier.arguments(into: output))
        #expect(full.status == 1)
        #expect(full.errors.contains("No space left on device"), "\(full.errors)")
        #expect(full.errors.contains("public/ was not changed"))
        #expect(snapshot(output) == first)
        #expect(Self.strays(in: disk).isEmpty, "\(Self.strays(in: disk))")
        // With room again, the next build completes.
        try FileManager.default.removeItem(at: filler)
        #expect(try runDossier(dossier.arguments(into: output)).status == 0)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8).contains("Version two: "))
    }

    @Test func twoBuildsAtOnceTakeTurnsAndLeaveOneCompleteBuild() throws {
        let dossier = try TwoVersions()
        try dossier.use(2)
        let reference = dossier.root.appendingPathComponent("reference")
        #expect(try runDossier(dossier.arguments(into: reference)).status == 0)
        let a = try Self.start(dossier.arguments(into: dossier.output))
        let b = try Self.start(dossier.arguments(into: dossier.output))
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        #expect(snapshot(dossier.output) == snapshot(reference))
        #expect(Self.strays(in: dossier.root).isEmpty)
    }

    @Test func filesDossierDidNotWriteAreCarriedOverAndUnchangedFilesKeepTheirInode() throws {
        let dossier = try TwoVersions()
        try dossier.use(1)
        #expect(try runDossier(dossier.arguments(into: dossier.output)).status == 0)
        try Data("dossier.example.org\n".utf8).write(to: dossier.output.appendingPathComponent("CNAME"))
        try FileManager.default.createDirectory(at: dossier.output.appendingPathComponent("extra/deeper"), withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: dossier.output.appendingPathComponent("extra/deeper/notes.txt"))
        let style = dossier.output.appendingPathComponent("assets/style.css").path
        let before = try FileManager.default.attributesOfItem(atPath: style)
        try dossier.use(2)
        let run = try runDossier(dossier.arguments(into: dossier.output))
        #expect(run.status == 0, "\(run.errors)")
        #expect(try String(contentsOf: dossier.output.appendingPathComponent("CNAME"), encoding: .utf8) == "dossier.example.org\n")
        #expect(try String(contentsOf: dossier.output.appendingPathComponent("extra/deeper/notes.txt"), encoding: .utf8) == "mine\n")
        let after = try FileManager.default.attributesOfItem(atPath: style)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(try String(contentsOf: dossier.output.appendingPathComponent("index.html"), encoding: .utf8).contains("Version two: "))
        #expect(Self.strays(in: dossier.root).isEmpty)
    }

    @Test func aSessionWhoseOutputFolderWasDeletedBuildsItWhole() throws {
        let dossier = try TwoVersions()
        try dossier.use(1)
        let session = BuildSession(
            options: BuildOptions(contentDirectory: dossier.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: dossier.output.path))
        #expect(session.build().summary != nil)
        try FileManager.default.removeItem(at: dossier.output)
        try dossier.use(2)
        let report = session.build(changed: [dossier.content.appendingPathComponent("dossier.yaml").path])
        #expect(report.summary != nil, "\(report.diagnostics)")
        let cold = dossier.root.appendingPathComponent("cold")
        #expect(try runDossier(dossier.arguments(into: cold)).status == 0)
        #expect(snapshot(dossier.output) == snapshot(cold))
        session.close()
    }

    @Test func anOutputFolderHoldingTheContentIsRefused() throws {
        let dossier = try TwoVersions()
        let before = snapshot(dossier.root)
        let run = try runDossier(["build", "--content", dossier.content.path, "--output", dossier.root.path])
        #expect(run.status == 1)
        #expect(run.errors.contains("the output folder holds the content folder"))
        #expect(snapshot(dossier.root) == before)
    }

    @Test func aSessionKeepsThePreviousTreeAndWritesOnlyWhatChanged() throws {
        let dossier = try TwoVersions()
        try dossier.use(1)
        let session = BuildSession(
            options: BuildOptions(contentDirectory: dossier.content.path, templatesDirectory: SiteFixture.templates, outputDirectory: dossier.output.path))
        #expect(session.build().summary != nil)
        let article = try #require(
            try FileManager.default.contentsOfDirectory(atPath: dossier.content.appendingPathComponent("articles").path).sorted().first)
        let path = dossier.content.appendingPathComponent("articles/" + article)
        let original = try String(contentsOf: path, encoding: .utf8)
        for round in 1...4 {
            try Data((original + "\nRound \(round) of plain words.\n").utf8).write(to: path)
            let report = session.build(changed: [path.path])
            #expect(report.summary != nil)
            // The staging folder was the previous build's tree: only the pages that show the text were written.
            #expect((report.write?.written ?? 0) < 10, "\(report.summary ?? "")")
            let cold = dossier.root.appendingPathComponent("cold-\(round)")
            #expect(try runDossier(dossier.arguments(into: cold)).status == 0)
            #expect(snapshot(dossier.output) == snapshot(cold), "round \(round)")
        }
    }
}
