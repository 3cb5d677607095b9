// Writes a build into a staging folder beside the output folder and exchanges the two in one step: the
// output folder always holds one whole build. Unchanged files are hard links (their mtime kept), what an
// earlier build produced and this one did not is left out, and files Dossier did not write are carried over.
import CSystem
import DossierMarkdown
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
        // One pass over the bytes (a build checks every path twice): no backslash or NUL anywhere, and each
        // part between slashes neither empty nor "." nor "..".
        var path = path
        return path.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            var partStart = 0
            var dots = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
                switch byte {
                case UInt8(ascii: "/"):
                    let length = index - partStart
                    if length == 0 || dots == length && length <= 2 { return false }
                    partStart = index + 1
                    dots = 0
                case UInt8(ascii: "."): dots += 1
                case UInt8(ascii: "\\"), 0: return false
                default: break
                }
            }
            return true
        }
    }

    /// Checks every path first, so an unsafe name stops the build before anything is written.
    public func write(_ files: [OutputFile]) throws -> WriteReport {
        let session = try begin(paths: files.map(\.path))
        for file in files { try session.write(file) }
        return try session.finish()
    }

    /// Starts writing a build whose files are `paths`: checks every path before anything is written.
    ///
    /// The build is written into a staging folder beside the output folder (`.NAME.dossier-staging`), which
    /// then takes the output folder's place in one atomic exchange: at every moment the output folder holds
    /// exactly the previous build or exactly the new one. Files of the previous build whose bytes are the
    /// same are hard links in the staging folder (they keep their modification time), and files in the
    /// output folder that Dossier did not write are carried over the same way. A second build into the same
    /// output folder waits for the first. With `twin`, the previous tree is kept
    /// as the next build's staging folder, so a build in a session writes only what changed.
    public func begin(paths: [String], twin: StagingTwin? = nil, waiting: (@Sendable () -> Void)? = nil) throws -> WriteSession {
        for path in paths where !Self.isSafe(path) || path == Self.manifestName {
            throw WriteError.unsafePath(path)
        }
        let root = URL(fileURLWithPath: outputDirectory, isDirectory: true).standardizedFileURL
        let lock = try OutputLock(root: root, waiting: waiting)
        do {
            return try WriteSession(writer: self, root: root, lock: lock, expected: Set(paths), twin: twin)
        } catch {
            lock.release()
            throw error
        }
    }

    /// What a session knows of the tree beside the output folder after its last build: the previous build,
    /// differing from the output folder only at `differs`. Kept between builds of one session.
    public final class StagingTwin: @unchecked Sendable {
        /// The output folder this twin belongs to.
        public internal(set) var root: String?
        /// Paths that may differ between the twin and the output folder (nil: the twin is unknown).
        var differs: Set<String>?

        public init() {}
    }

    /// A name beside the output folder: `.NAME.dossier-staging`.
    static func sibling(of root: URL, _ suffix: String) -> String {
        root.deletingLastPathComponent().path + "/." + root.lastPathComponent + ".dossier-" + suffix
    }

    /// An exclusive lock held from `begin` until the build's files are in place: a flock on the folder that
    /// holds the output folder (no lock file is left behind; two builds into sibling folders take turns too).
    final class OutputLock: @unchecked Sendable {
        private var descriptor: Int32

        init(root: URL, waiting: (@Sendable () -> Void)?) throws {
            let parent = root.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            let path = parent.path
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw WriteError.io(path, String(cString: strerror(errno))) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                waiting?()
                while flock(descriptor, LOCK_EX) != 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw WriteError.io(path, reason)
                }
            }
        }

        func release() {
            guard descriptor >= 0 else { return }
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }

        deinit { release() }
    }

    /// One build's writes: files arrive one at a time, from any thread and in any order (`store`), and
    /// are recorded in order (`record`); `finish` completes the staging folder (unchanged files linked,
    /// the manifest written) and puts it in place of the output folder.
    public final class WriteSession: @unchecked Sendable {
        let writer: SiteWriter
        let root: URL
        /// The live output folder, read to compare with; nothing is written there.
        let rootPath: String
        /// Where this build's files go.
        let stagingPath: String
        let lock: OutputLock
        let twin: StagingTwin?
        /// Whether the output folder exists (else the staging folder is simply renamed to it).
        let rootExists: Bool
        /// Paths whose staging copy may not be the output folder's (all of them for a new staging folder).
        let stale: Set<String>?
        /// The paths this build may write: given when it begins, and added to (`expect`) once known.
        private var expected: Set<String>
        private let expectedLock = NSLock()
        /// Paths `store` put in the staging folder (written or linked), and those it wrote (differing from
        /// the output folder).
        private var placed = Set<String>()
        private var changed = Set<String>()
        private let placedLock = NSLock()
        private var folders = Set<String>()
        private let foldersLock = NSLock()
        private(set) var produced: [String] = []
        public private(set) var report = WriteReport()

        init(writer: SiteWriter, root: URL, lock: OutputLock, expected: Set<String>, twin: StagingTwin?) throws {
            self.writer = writer
            self.root = root
            rootPath = root.path
            self.lock = lock
            self.twin = twin
            self.expected = expected
            stagingPath = SiteWriter.sibling(of: root, "staging")
            var isDirectory: ObjCBool = false
            rootExists = FileManager.default.fileExists(atPath: rootPath, isDirectory: &isDirectory)
            if rootExists, !isDirectory.boolValue { throw WriteError.io(rootPath, "it is a file, not a folder") }
            let stagingExists = FileManager.default.fileExists(atPath: stagingPath)
            if let twin, twin.root == rootPath, let differs = twin.differs, stagingExists, rootExists {
                // The previous build's tree, as this session left it.
                stale = differs
            } else {
                // Unknown: a leftover of an interrupted build, or another session's. Start afresh.
                if stagingExists { try SiteWriter.removeTree(stagingPath) }
                stale = nil
            }
            twin?.differs = nil
            try writer.createDirectory(URL(fileURLWithPath: stagingPath, isDirectory: true))
            // The new folder gets the output folder's permissions.
            var status = stat()
            if rootExists, stat(rootPath, &status) == 0 { chmod(stagingPath, status.st_mode & 0o7777) }
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

        /// Whether the staging copy of `path` may differ from the output folder's.
        private func isStale(_ path: String) -> Bool { stale.map { $0.contains(path) } ?? true }

        /// Creates the staging folder's subfolder for `path` once.
        private func makeFolder(for path: String) throws {
            guard let slash = path.lastIndex(of: "/") else { return }
            let folder = String(path[..<slash])
            foldersLock.lock()
            let known = folders.contains(folder)
            foldersLock.unlock()
            if known { return }
            try writer.createDirectory(URL(fileURLWithPath: stagingPath + "/" + folder, isDirectory: true))
            foldersLock.lock()
            folders.insert(folder)
            foldersLock.unlock()
        }

        /// Puts the output folder's file at `path` into the staging folder as a hard link (a copy where
        /// links are refused), replacing what is there.
        private func link(_ path: String) throws {
            try makeFolder(for: path)
            let source = rootPath + "/" + path, target = stagingPath + "/" + path
            if Foundation.link(source, target) == 0 { return }
            if errno == EEXIST {
                let temporary = target + ".link-\(getpid())"
                unlink(temporary)
                if Foundation.link(source, temporary) == 0 {
                    if rename(temporary, target) == 0 { return }
                    unlink(temporary)
                }
            }
            // A file system without hard links: copy the bytes.
            guard let bytes = SiteWriter.contents(of: source) else { throw WriteError.io(path, "the previous build's file is gone") }
            try writer.atomicWrite(bytes, to: target)
        }

        /// Remembers what `store` did, where `finish` needs it: with no output folder yet (a cold build), every
        /// recorded file was stored, and nothing is kept per path.
        private func note(_ path: String, changed isChanged: Bool) {
            guard rootExists else { return }
            placedLock.lock()
            placed.insert(path)
            if isChanged { changed.insert(path) }
            placedLock.unlock()
        }

        /// Writes and records a file unless the same bytes are already there (its mtime is then kept).
        public func write(_ file: OutputFile) throws {
            record(file.path, written: try store(file))
        }

        /// Puts a file in the staging folder: linked from the output folder when the bytes there are the same,
        /// else written. Safe from several threads at once. Returns whether the bytes differ from the output folder's.
        public func store(_ file: OutputFile) throws -> Bool {
            guard isExpected(file.path) else { throw WriteError.unsafePath(file.path) }
            let live = rootExists ? SiteWriter.contents(of: rootPath + "/" + file.path) : nil
            if let live, live.elementsEqual(file.contents) {
                if isStale(file.path) { try link(file.path) }
                note(file.path, changed: false)
                return false
            }
            try makeFolder(for: file.path)
            let target = stagingPath + "/" + file.path
            if stale == nil, !rootExists {
                try writer.writeNew(file.contents, to: target)
            } else {
                try writer.atomicWrite(file.contents, to: target)
            }
            note(file.path, changed: true)
            return true
        }

        /// Writes a file that `produce` hands over in pieces (never whole in memory), comparing them with the
        /// output folder's file as they come. Returns whether it differs, and the digest of the bytes.
        func store(path: String, producing produce: (_ emit: @escaping ([UInt8]) -> Void) -> Void) throws -> (written: Bool, digest: ContentDigest) {
            guard isExpected(path) else { throw WriteError.unsafePath(path) }
            try makeFolder(for: path)
            let target = stagingPath + "/" + path
            let (temporary, descriptor) = try writer.openTemporary(for: target)
            let existing = rootExists ? open(rootPath + "/" + path, O_RDONLY | O_CLOEXEC) : -1
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
            if state.same, state.failure == nil {
                // The same bytes: the output folder's file (and its mtime) is kept.
                unlink(temporary)
                if isStale(path) { try link(path) }
                note(path, changed: false)
                return (false, state.digest.digest)
            }
            try writer.finishTemporary(temporary, to: target, replace: true, failure: state.failure)
            note(path, changed: true)
            return (true, state.digest.digest)
        }

        /// Records a file `store` handled, or one this build knows is unchanged without storing it (call in
        /// the build's order, from one thread).
        public func record(_ path: String, written: Bool) {
            produced.append(path)
            if written { report.written += 1 } else { report.unchanged += 1 }
        }

        /// Gives up a build that failed: its staging folder is removed, the output folder was never touched.
        public func abandon() {
            twin?.differs = nil
            try? SiteWriter.removeTree(stagingPath)
            lock.release()
        }

        /// Completes the staging folder and puts it in place of the output folder.
        public func finish() throws -> WriteReport {
            defer { lock.release() }
            var trace = StageTrace(enabled: ProcessInfo.processInfo.environment["DOSSIER_TRACE"] != nil, prefix: "write")
            let producedSet = Set(produced)
            let previous = rootExists ? SiteWriter.manifest(in: rootPath) : []
            // Files recorded as unchanged without being stored: the output folder's copy, where the staging one may differ.
            placedLock.lock()
            let placed = self.placed
            placedLock.unlock()
            if rootExists {
                for path in produced where !placed.contains(path) && isStale(path) { try link(path) }
            } else if report.unchanged > 0 {
                throw WriteError.io(rootPath, "files were recorded as unchanged, but there is no previous build")
            }
            trace.lap("unchanged files linked")
            // What the staging folder holds beyond this build: the previous generation's own files, removed.
            var removedAny = false
            if stale != nil {
                for old in SiteWriter.manifest(in: stagingPath) where !producedSet.contains(old) && SiteWriter.isSafe(old) {
                    if unlink(stagingPath + "/" + old) == 0 { removedAny = true }
                }
            }
            // The previous build's files this one did not make (few, usually).
            let gone = previous.filter { !producedSet.contains($0) }
            report.removed = gone.filter { SiteWriter.isSafe($0) }.count
            trace.lap("removed files")
            // Files in the output folder that Dossier did not write: carried over as they are.
            var foreign: [String] = []
            if rootExists {
                let goneSet = Set(gone)
                FolderWalk.walk(rootPath) { relative, kind in
                    if kind == .folder {
                        try? self.writer.createDirectory(URL(fileURLWithPath: self.stagingPath + "/" + relative, isDirectory: true))
                        return true
                    }
                    // A link (to a folder too) is carried as the link it is.
                    if !producedSet.contains(relative), !goneSet.contains(relative), relative != SiteWriter.manifestName { foreign.append(relative) }
                    return false
                }
                for path in foreign { try link(path) }
            }
            trace.lap("files Dossier did not write")
            let manifest = produced.sorted().joined(separator: "\n") + "\n"
            try writer.atomicWrite(Array(manifest.utf8), to: stagingPath + "/" + SiteWriter.manifestName)
            // Only removing files can leave a folder empty (folders are made for the files put in them).
            if removedAny { SiteWriter.removeEmptyFolders(stagingPath, keeping: rootExists ? rootPath : nil) }
            trace.lap("manifest")
            // The one step the reader sees: the new build takes the output folder's place.
            if rootExists {
                try SiteWriter.exchange(stagingPath, rootPath)
            } else if rename(stagingPath, rootPath) != 0 {
                throw WriteError.io(rootPath, String(cString: strerror(errno)))
            }
            trace.lap("exchange")
            if let twin, rootExists {
                // The previous build stays beside the output folder, for the next build of this session.
                placedLock.lock()
                var differs = changed
                placedLock.unlock()
                differs.formUnion(gone)
                differs.formUnion(foreign)
                twin.root = rootPath
                twin.differs = differs
            } else if rootExists {
                try? SiteWriter.removeTree(stagingPath)
            } else if let twin {
                // A session's first build: its twin is made now, as hard links, so the next build (the one a
                // preview server waits for) writes only what changed.
                twin.root = rootPath
                twin.differs = nil
                if (try? SiteWriter.linkTree(from: rootPath, to: stagingPath)) != nil { twin.differs = [] }
            }
            return report
        }
    }

    /// The paths a build's manifest lists in `folder` (empty without one).
    static func manifest(in folder: String) -> [String] {
        guard let bytes = contents(of: folder + "/" + manifestName) else { return [] }
        // Cut as bytes: splitting a String compares Characters, a third of an incremental build's writing.
        return bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Swaps two folders in one step (renameat2 with RENAME_EXCHANGE where the system has it).
    static func exchange(_ first: String, _ second: String) throws {
        if dossier_exchange(first, second) == 0 { return }
        let reason = errno
        if reason == EXDEV || reason == EBUSY {
            throw WriteError.io(
                second, "it is a mount point or on another file system than its parent folder, and a build replaces the output folder as a whole; choose a folder inside it")
        }
        // Without an exchange on this system or file system: two renames, the output folder missing for a
        // moment between them.
        guard reason == EINVAL || reason == ENOSYS else { throw WriteError.io(second, String(cString: strerror(reason))) }
        let aside = second + ".dossier-previous-\(getpid())"
        guard rename(second, aside) == 0 else { throw WriteError.io(second, String(cString: strerror(errno))) }
        guard rename(first, second) == 0 else {
            let reason = String(cString: strerror(errno))
            rename(aside, second)
            throw WriteError.io(second, reason)
        }
        guard rename(aside, first) == 0 else { throw WriteError.io(first, String(cString: strerror(errno))) }
    }

    /// Makes `target` a copy of the tree at `source` made of hard links (folders created, files linked).
    static func linkTree(from source: String, to target: String) throws {
        if FileManager.default.fileExists(atPath: target) { try removeTree(target) }
        guard mkdir(target, 0o755) == 0 else { throw WriteError.io(target, String(cString: strerror(errno))) }
        var failure: String?
        FolderWalk.walk(source) { relative, kind in
            guard failure == nil else { return false }
            let from = source + "/" + relative, to = target + "/" + relative
            if kind == .folder {
                if mkdir(to, 0o755) != 0 { failure = String(cString: strerror(errno)) }
                return true
            }
            if Foundation.link(from, to) != 0 { failure = String(cString: strerror(errno)) }
            return false
        }
        if let failure {
            try? removeTree(target)
            throw WriteError.io(target, failure)
        }
    }

    /// Removes a folder and everything in it.
    static func removeTree(_ path: String) throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw WriteError.io(path, "could not remove the leftover of an earlier build: \(error.localizedDescription)")
        }
    }

    /// Removes folders left empty in `staging` (a list shrank), except those the output folder has too.
    static func removeEmptyFolders(_ staging: String, keeping root: String?) {
        var folders: [String] = []
        FolderWalk.walk(staging) { relative, kind in
            if kind == .folder { folders.append(relative) }
            return kind == .folder
        }
        for folder in folders.reversed() {
            let path = staging + "/" + folder
            guard (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true else { continue }
            if let root, FileManager.default.fileExists(atPath: root + "/" + folder) { continue }
            rmdir(path)
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
}
