// Tells which files under some folders changed: inotify on Linux (an edit is seen at once, at no cost while
// nothing changes), a comparison of modification times every few hundred milliseconds elsewhere. Paths are
// reported as the folder path given plus the names below it, the form `BuildSession.build(changed:)` takes.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

public final class FolderWatcher: @unchecked Sendable {
    private let folders: [String]
    /// Called with each batch of changed paths, from the watcher's own thread.
    private let onChange: @Sendable (Set<String>) -> Void
    /// A batch is handed over once no event came for this long (an editor's save is several events).
    private let quiet: Int32 = 25
    private var stopped = false
    private let lock = NSLock()

    public init(folders: [String], onChange: @escaping @Sendable (Set<String>) -> Void) {
        self.folders = folders.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.onChange = onChange
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "dossier-watcher"
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Names editors write beside the file they save (swap and backup files): not content.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }

    private func run() {
        #if canImport(Glibc)
        if runInotify() { return }
        #endif
        runPolling()
    }

    // MARK: - Polling

    private func snapshot() -> [String: (Date, Int)] {
        var files: [String: (Date, Int)] = [:]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if Self.isScratch(name) { continue }
                let path = folder + "/" + relative
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular
                else { continue }
                files[path] = ((attributes[.modificationDate] as? Date) ?? .distantPast, (attributes[.size] as? Int) ?? 0)
            }
        }
        return files
    }

    private func runPolling() {
        var last = snapshot()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.3)
            let now = snapshot()
            var changed = Set<String>()
            for (path, stamp) in now where last[path].map({ $0 != stamp }) ?? true { changed.insert(path) }
            for path in last.keys where now[path] == nil { changed.insert(path) }
            last = now
            if !changed.isEmpty { onChange(changed) }
        }
    }

    // MARK: - inotify

    #if canImport(Glibc)
    /// Watches with inotify; false if inotify cannot be used (the caller polls instead).
    private func runInotify() -> Bool {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_DELETE_SELF | IN_ATTRIB)
        var directories: [Int32: String] = [:]
        func watch(_ directory: String) {
            let handle = inotify_add_watch(descriptor, directory, mask)
            if handle >= 0 { directories[handle] = directory }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for entry in entries where !entry.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = directory + "/" + entry
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { watch(path) }
            }
        }
        for folder in folders { watch(folder) }
        guard !directories.isEmpty else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending = Set<String>()
        while !isStopped {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // Wait long while nothing is pending (waking now and then to notice `stop`), briefly while a batch gathers.
            let ready = poll(&poller, 1, pending.isEmpty ? 500 : quiet)
            if ready < 0 {
                if errno == EINTR { continue }
                return true
            }
            if ready == 0 {
                if !pending.isEmpty {
                    let batch = pending
                    pending.removeAll()
                    onChange(batch)
                }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (handle, eventMask, nameLength) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(nameStart + nameLength, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + nameLength
                guard let directory = directories[handle] else { continue }
                if eventMask & UInt32(IN_IGNORED) != 0 {
                    directories[handle] = nil
                    continue
                }
                if name.isEmpty || Self.isScratch(name) { continue }
                let path = directory + "/" + name
                if eventMask & UInt32(IN_ISDIR) != 0 {
                    // A new folder is watched too, and its files count as changed; a folder gone takes its files.
                    if eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        watch(path)
                        for file in (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? [] { pending.insert(path + "/" + file) }
                    }
                    pending.insert(path)
                    continue
                }
                pending.insert(path)
            }
        }
        return true
    }
    #endif
}
