// What the preview server knows about the builds: a generation number that every finished build (good or
// failed) raises, and the errors of the last build if it failed. Shared by the build thread and the server.
import Foundation

public final class PreviewState: @unchecked Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// Raised by every finished build; a page's reload script waits for it to change.
        public var generation: Int
        /// The last build's errors as `file:line:column: error: message` lines; empty when it succeeded.
        public var errors: [String]
        /// Whether any build has succeeded: until one has, there is no site to show, only the errors.
        public var hasSite: Bool
    }

    private let lock = NSLock()
    private var current = Snapshot(generation: 0, errors: [], hasSite: false)
    /// Set when the server stops: waits answer at once, so open pages do not hold the stop up.
    private var stopping = false

    public init() {}

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Records a finished build.
    public func finished(errors: [String], succeeded: Bool) {
        lock.lock()
        defer { lock.unlock() }
        current.generation += 1
        current.errors = succeeded ? [] : errors
        if succeeded { current.hasSite = true }
    }

    /// Ends every wait now and from now on (the server is stopping).
    public func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    /// Waits until the generation differs from `seen`, at most `timeout` seconds, or until the server stops;
    /// returns the snapshot then.
    public func wait(after seen: Int, timeout: Duration) async -> Snapshot {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline, !isStopping {
            let now = snapshot
            if now.generation != seen { return now }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return snapshot
    }
}
