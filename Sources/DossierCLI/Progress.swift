// Progress on standard error for builds that take over a second: one line per stage, or, on a terminal,
// one live line that is rewritten as the build goes and cleared at the end.
import DossierKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public final class ProgressPrinter: @unchecked Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds
    private let live = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    /// Stages finished before the first second was up, printed only if the build goes on longer.
    private var pending: [String] = []
    private var showing = false
    private var liveLineShown = false

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    public init() {}

    public func handle(_ event: BuildEvent) {
        lock.lock()
        defer { lock.unlock() }
        let line: String
        switch event {
        case .stage(let stage):
            line = String(format: "%@: %@ (%.2f s)", stage.name, stage.detail, stage.seconds)
        case .rendering(let done, let total):
            guard live else { return }
            line = "rendering: \(done) of \(total) pages"
        case .waiting(let message):
            // Said at once: a build that seems to hang should say why.
            if liveLineShown { emit("\r\u{1B}[K") }
            liveLineShown = false
            emit(message + "\n")
            return
        }
        if !showing {
            guard elapsed > 1 else {
                if case .stage = event { pending.append(line) }
                return
            }
            showing = true
            if !live { for earlier in pending { emit(earlier + "\n") } }
        }
        if live {
            emit("\r\u{1B}[K" + line)
            liveLineShown = true
        } else if case .stage = event {
            emit(line + "\n")
        }
    }

    /// Clears the live line before the summary is printed.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if liveLineShown { emit("\r\u{1B}[K") }
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
