// Writes rendered files into the output folder: atomically per file, skipping unchanged bytes,
// removing what an earlier build produced and this one did not, never touching anything outside.
import Foundation

public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder, '/'-separated.
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}

public struct WriteReport: Sendable, Hashable {
    public var written = 0
    public var unchanged = 0
    public var removed = 0
}

public struct SiteWriter: Sendable {
    public let outputDirectory: String
    /// Lists what the last build wrote, so the next one removes only its own leftovers.
    public static let manifestName = ".dossier-manifest"

    public init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
    }

    public enum WriteError: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String, String)

        public var description: String {
            switch self {
            case .unsafePath(let path): "refusing to write '\(path)': it is not a plain path inside the output folder"
            case .io(let path, let reason): "could not write \(path): \(reason)"
            }
        }
    }

    /// A path is safe when it is relative and made of plain names: no '..', no '.', no empty part.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// Checks every path first, so an unsafe name stops the build before anything is written.
    public func write(_ files: [OutputFile]) throws -> WriteReport {
        for file in files where !Self.isSafe(file.path) || file.path == Self.manifestName {
            throw WriteError.unsafePath(file.path)
        }
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: outputDirectory, isDirectory: true).standardizedFileURL
        try createDirectory(root)
        var report = WriteReport()
        let sorted = files.sorted { $0.path < $1.path }
        for file in sorted {
            let target = root.appendingPathComponent(file.path)
            if let existing = fileManager.contents(atPath: target.path), [UInt8](existing) == file.contents {
                report.unchanged += 1
                continue
            }
            try createDirectory(target.deletingLastPathComponent())
            try atomicWrite(Data(file.contents), to: target)
            report.written += 1
        }
        let manifestURL = root.appendingPathComponent(Self.manifestName)
        let produced = Set(sorted.map(\.path))
        if let previous = try? String(contentsOf: manifestURL, encoding: .utf8) {
            for old in previous.split(separator: "\n").map(String.init) where !produced.contains(old) && Self.isSafe(old) {
                let url = root.appendingPathComponent(old)
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                try? fileManager.removeItem(at: url)
                report.removed += 1
                removeEmptyParents(of: url, below: root)
            }
        }
        let manifest = sorted.map(\.path).joined(separator: "\n") + "\n"
        if fileManager.contents(atPath: manifestURL.path) != Data(manifest.utf8) {
            try atomicWrite(Data(manifest.utf8), to: manifestURL)
        }
        return report
    }

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw WriteError.io(url.path, error.localizedDescription)
        }
    }

    /// Writes to a temporary name beside the target, then renames it into place.
    private func atomicWrite(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw WriteError.io(url.path, reason)
            }
        } catch let error as WriteError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError.io(url.path, error.localizedDescription)
        }
    }

    private func removeEmptyParents(of url: URL, below root: URL) {
        var directory = url.deletingLastPathComponent().standardizedFileURL
        while directory.path.count > root.path.count, directory.path.hasPrefix(root.path + "/") {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path), entries.isEmpty else { return }
            try? FileManager.default.removeItem(at: directory)
            directory = directory.deletingLastPathComponent().standardizedFileURL
        }
    }
}
