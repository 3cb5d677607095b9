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
        let session = try begin(paths: files.map(\.path))
        for file in files { try session.write(file) }
        return try session.finish()
    }

    /// Starts writing a build whose files are `paths`: checks every path before anything is written.
    public func begin(paths: [String]) throws -> WriteSession {
        for path in paths where !Self.isSafe(path) || path == Self.manifestName {
            throw WriteError.unsafePath(path)
        }
        let root = URL(fileURLWithPath: outputDirectory, isDirectory: true).standardizedFileURL
        try createDirectory(root)
        return WriteSession(writer: self, root: root, expected: Set(paths))
    }

    /// One build's writes: files arrive one at a time, from any thread and in any order (`store`), and
    /// are recorded in order (`record`); `finish` removes leftovers of the previous build and writes the manifest.
    public final class WriteSession: @unchecked Sendable {
        let writer: SiteWriter
        let root: URL
        let rootPath: String
        /// The paths this build may write: given when it begins, and added to (`expect`) once known.
        private var expected: Set<String>
        private let expectedLock = NSLock()
        private(set) var produced: [String] = []
        public private(set) var report = WriteReport()

        init(writer: SiteWriter, root: URL, expected: Set<String>) {
            self.writer = writer
            self.root = root
            rootPath = root.path
            self.expected = expected
        }

        /// More paths this build may write (the pages, once the job list is made), checked as `begin` checks.
        public func expect(_ paths: [String]) throws {
            for path in paths where !SiteWriter.isSafe(path) || path == SiteWriter.manifestName {
                throw WriteError.unsafePath(path)
            }
            expectedLock.lock()
            expected.formUnion(paths)
            expectedLock.unlock()
        }

        private func isExpected(_ path: String) -> Bool {
            expectedLock.lock()
            defer { expectedLock.unlock() }
            return expected.contains(path)
        }

        /// Writes and records a file unless the same bytes are already there (its mtime is then kept).
        public func write(_ file: OutputFile) throws {
            record(file.path, written: try store(file))
        }

        /// Writes a file unless the same bytes are already there; safe from several threads at once.
        /// Returns whether it wrote.
        public func store(_ file: OutputFile) throws -> Bool {
            guard isExpected(file.path) else { throw WriteError.unsafePath(file.path) }
            let target = rootPath + "/" + file.path
            guard let existing = SiteWriter.contents(of: target) else {
                // Nothing there to keep whole: write in place, one directory change instead of two.
                try writer.writeNew(file.contents, to: target)
                return true
            }
            if existing.elementsEqual(file.contents) { return false }
            try writer.atomicWrite(file.contents, to: target)
            return true
        }

        /// Writes a file that `produce` hands over in pieces (never whole in memory), unless the same bytes are
        /// already there: the pieces go to a temporary file while being compared with the file in place.
        /// Returns whether it wrote, and the digest of the bytes.
        func store(path: String, producing produce: (_ emit: @escaping ([UInt8]) -> Void) -> Void) throws -> (written: Bool, digest: ContentDigest) {
            guard isExpected(path) else { throw WriteError.unsafePath(path) }
            let target = rootPath + "/" + path
            let (temporary, descriptor) = try writer.openTemporary(for: target)
            let existing = open(target, O_RDONLY | O_CLOEXEC)
            final class State {
                var same: Bool
                var failure: String?
                var digest = ContentDigest.Builder()
                var buffer: [UInt8] = []
                init(same: Bool) { self.same = same }
            }
            let state = State(same: existing >= 0)
            produce { piece in
                guard state.failure == nil else { return }
                piece.withUnsafeBytes { bytes in
                    state.digest.add(bytes)
                    state.failure = SiteWriter.writeAll(descriptor, bytes)
                    if state.same {
                        let read = SiteWriter.readFully(existing, into: &state.buffer, count: bytes.count)
                        state.same = read == bytes.count && state.buffer.withUnsafeBytes { buffer in
                            guard let old = buffer.baseAddress, let new = bytes.baseAddress else { return read == 0 }
                            return memcmp(old, new, read) == 0
                        }
                    }
                }
            }
            if state.same { state.same = SiteWriter.readFully(existing, into: &state.buffer, count: 1) == 0 }
            if existing >= 0 { close(existing) }
            if close(descriptor) != 0, state.failure == nil { state.failure = String(cString: strerror(errno)) }
            try writer.finishTemporary(temporary, to: target, replace: !state.same, failure: state.failure)
            return (!state.same, state.digest.digest)
        }

        /// Records a file `store` handled (call in the build's order, from one thread).
        public func record(_ path: String, written: Bool) {
            produced.append(path)
            if written { report.written += 1 } else { report.unchanged += 1 }
        }

        public func finish() throws -> WriteReport {
            let fileManager = FileManager.default
            let manifestURL = root.appendingPathComponent(SiteWriter.manifestName)
            let sorted = produced.sorted()
            let producedSet = Set(sorted)
            if let previous = try? String(contentsOf: manifestURL, encoding: .utf8) {
                for old in previous.split(separator: "\n").map(String.init) where !producedSet.contains(old) && SiteWriter.isSafe(old) {
                    let url = root.appendingPathComponent(old)
                    var isDirectory: ObjCBool = false
                    guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                    try? fileManager.removeItem(at: url)
                    report.removed += 1
                    writer.removeEmptyParents(of: url, below: root)
                }
            }
            let manifest = sorted.joined(separator: "\n") + "\n"
            if fileManager.contents(atPath: manifestURL.path) != Data(manifest.utf8) {
                try writer.atomicWrite(Data(manifest.utf8), to: manifestURL)
            }
            return report
        }
    }

    func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw WriteError.io(url.path, error.localizedDescription)
        }
    }

    /// Writes to a temporary name beside the target, then renames it into place.
    func atomicWrite(_ data: Data, to url: URL) throws {
        try atomicWrite([UInt8](data), to: url.path)
    }

    func atomicWrite(_ bytes: [UInt8], to path: String) throws {
        let (temporary, descriptor) = try openTemporary(for: path)
        var failure = bytes.withUnsafeBytes { Self.writeAll(descriptor, $0) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        try finishTemporary(temporary, to: path, replace: true, failure: failure)
    }

    /// A temporary file beside `path` (its folder created if missing), open for writing.
    func openTemporary(for path: String) throws -> (path: String, descriptor: Int32) {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let temporary = String(path[..<slash]) + "." + path[slash...] + ".tmp-\(getpid())"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT {
            // The folder does not exist yet: create it (another thread may be doing the same) and try again.
            try createDirectory(URL(fileURLWithPath: String(path[..<slash]), isDirectory: true))
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw WriteError.io(path, String(cString: strerror(errno))) }
        return (temporary, descriptor)
    }

    /// Renames the (closed) temporary file into place, or removes it when `replace` is false or on `failure`.
    func finishTemporary(_ temporary: String, to path: String, replace: Bool, failure: String?) throws {
        var failure = failure
        if failure == nil, replace, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError.io(path, failure)
        }
        if !replace { unlink(temporary) }
    }

    /// Writes every byte, retrying after interruptions; the error, if any.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += count
        }
        return nil
    }

    /// Reads up to `count` bytes (fewer only at the end of the file).
    static func readFully(_ descriptor: Int32, into buffer: inout [UInt8], count: Int) -> Int {
        if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
        return buffer.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < count {
                let read = Foundation.read(descriptor, raw.baseAddress.map { $0 + offset }, count - offset)
                if read < 0, errno == EINTR { continue }
                if read <= 0 { break }
                offset += read
            }
            return offset
        }
    }

    /// A file's bytes, or nil when there is no file at `path` (or it cannot be read: it is then replaced).
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes: [UInt8] = []
        let count = readFully(descriptor, into: &bytes, count: Int(status.st_size))
        return Array(bytes[..<count])
    }

    /// Creates a file that does not exist yet (falling back to `atomicWrite` if one appeared meanwhile).
    func writeNew(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT {
            try createDirectory(URL(fileURLWithPath: String(path[..<slash]), isDirectory: true))
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        if descriptor < 0, errno == EEXIST { return try atomicWrite(bytes, to: path) }
        guard descriptor >= 0 else { throw WriteError.io(path, String(cString: strerror(errno))) }
        var failure = bytes.withUnsafeBytes { Self.writeAll(descriptor, $0) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(path)
            throw WriteError.io(path, failure)
        }
    }

    func removeEmptyParents(of url: URL, below root: URL) {
        var directory = url.deletingLastPathComponent().standardizedFileURL
        while directory.path.count > root.path.count, directory.path.hasPrefix(root.path + "/") {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path), entries.isEmpty else { return }
            try? FileManager.default.removeItem(at: directory)
            directory = directory.deletingLastPathComponent().standardizedFileURL
        }
    }
}
