// `dossier serve` (this program, which `dossier serve` starts): build, serve the site on 127.0.0.1, rebuild on
// every change, reload open pages.
import ArgumentParser
import DossierCLI
import DossierKit
import DossierServe
import Foundation

#if canImport(Glibc)
import Glibc
#endif

@main
struct ServeMain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion, version: DossierVersion.current)

    @OptionGroup var options: ServeOptions

    static func main() {
        unblockTerminationSignals()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    func run() throws {
        let content = options.content, output = options.output, host = options.host, port = options.port
        let theme = ThemeFolder.resolve(options.templates)
        // The first build shows its stages as `dossier build` does; later ones print only their summary line.
        let relay = ProgressRelay(ProgressPrinter())
        let session = BuildSession(
            options: BuildOptions(contentDirectory: content, templatesDirectory: theme, outputDirectory: output),
            progress: { event in relay.handle(event) })
        let state = PreviewState()
        let builder = PreviewBuilder(session: session, state: state)
        builder.firstBuild { relay.finish() }

        let server: PreviewServer
        do {
            server = try PreviewServer(root: output, state: state, host: host, port: port)
        } catch {
            FileHandle.standardErrorWrite("cannot listen on \(host):\(port): \(error)\n")
            throw ExitCode(1)
        }
        let watcher = FolderWatcher(folders: [content] + (theme.map { [$0] } ?? [])) { changed in builder.changed(changed) }
        watcher.start()

        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let stopping = FailureBox()
        Task {
            do { try await server.run() } catch {
                // Closing the server on Ctrl-C ends `run` with an error: that is the stop, not a failure.
                if stopping.message == nil {
                    let shown = host.contains(":") ? "[\(host)]" : host
                    failure.set("cannot serve on \(shown):\(port) (\(error)); is another server using that port? Choose another with --port, or --port 0 for any free one")
                }
            }
            finished.signal()
        }
        Task {
            do {
                try await server.waitUntilListening()
                let shown = host.contains(":") ? "[\(host)]" : host
                let port = await server.port.map(String.init) ?? "?"
                FileHandle.standardOutput.write(Data("Serving \(output)/ at http://\(shown):\(port)/ (Ctrl-C to stop)\n".utf8))
            } catch {
                failure.set("the server did not start: \(error)")
                finished.signal()
            }
        }
        // Ctrl-C and SIGTERM: stop watching, let a build in progress end (the site is never left half written by
        // an interrupt here), close the server.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stopping.set("signal")
                // Open pages' waits for the next build answer now: the server's stop waits for its connections.
                state.stop()
                watcher.stop()
                builder.drain()
                Task {
                    await server.stop()
                    finished.signal()
                }
            }
            source.resume()
            sources.append(source)
        }
        finished.wait()
        withExtendedLifetime(sources) {}
        if let message = failure.message {
            // The server could not run (the port is taken, say): stop watching, and leave nothing beside the output folder.
            watcher.stop()
            builder.drain()
            FileHandle.standardErrorWrite("dossier serve: \(message)\n")
            throw ExitCode(1)
        }
        print("stopped")
    }
}

/// Build progress to a printer until `finish` (the first build), then only the waits for another build.
final class ProgressRelay: @unchecked Sendable {
    private let lock = NSLock()
    private var printer: ProgressPrinter?

    init(_ printer: ProgressPrinter) { self.printer = printer }

    func handle(_ event: BuildEvent) {
        lock.lock()
        let current = printer
        lock.unlock()
        if let current {
            current.handle(event)
        } else if case .waiting(let message) = event {
            FileHandle.standardErrorWrite(message + "\n")
        }
    }

    func finish() {
        lock.lock()
        let current = printer
        printer = nil
        lock.unlock()
        current?.finish()
    }
}

final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var message: String? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func set(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        if stored == nil { stored = message }
    }
}

/// Runs the session's builds one at a time on a queue of their own; changes that arrive while a build runs
/// are gathered into the next one.
final class PreviewBuilder: @unchecked Sendable {
    private let session: BuildSession
    private let state: PreviewState
    private let queue = DispatchQueue(label: "dossier-serve-builds")
    private let lock = NSLock()
    private var pending = Set<String>()
    private var scheduled = false

    init(session: BuildSession, state: PreviewState) {
        self.session = session
        self.state = state
    }

    /// The first build; `built` runs before its summary is printed (to clear the live progress line).
    func firstBuild(_ built: () -> Void) {
        queue.sync {
            let started = Date()
            let report = session.build()
            built()
            publish(report, started: started, changed: nil)
        }
    }

    func changed(_ paths: Set<String>) {
        lock.lock()
        pending.formUnion(paths)
        let schedule = !scheduled
        scheduled = true
        lock.unlock()
        guard schedule else { return }
        queue.async { [self] in
            lock.lock()
            let batch = pending
            pending.removeAll()
            scheduled = false
            lock.unlock()
            guard !batch.isEmpty else { return }
            let started = Date()
            let report = session.build(changed: batch)
            publish(report, started: started, changed: batch)
        }
    }

    /// Waits for the build in progress, if any; then no build follows, and the tree kept beside the output
    /// folder for the next build is removed.
    func drain() { queue.sync { session.close() } }

    private func publish(_ report: BuildReport, started: Date, changed: Set<String>?) {
        let diagnostics = report.diagnostics.sortedForOutput()
        for diagnostic in diagnostics { FileHandle.standardErrorWrite(diagnostic.description + "\n") }
        let errors = diagnostics.filter { $0.severity == .error }.map(\.description)
        let succeeded = report.summary != nil
        state.finished(errors: errors, succeeded: succeeded)
        // What changed, by file name (an editor's or sed's temporary files left out).
        let what = changed.map { paths in
            let shown = paths.sorted().filter { path in
                [".md", ".yaml", ".mustache"].contains { path.hasSuffix($0) } || FileManager.default.fileExists(atPath: path)
            }
            let names = shown.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
            return shown.isEmpty ? "" : "\(names)\(shown.count > 3 ? " and \(shown.count - 3) more" : ""): "
        } ?? ""
        if let summary = report.summary {
            FileHandle.standardOutput.write(Data("\(what)\(summary)\n".utf8))
        } else {
            let count = errors.count
            FileHandle.standardErrorWrite(
                "\(what)build failed with \(count) error\(count == 1 ? "" : "s"); the last good site is still served, with the errors shown on every page\n")
        }
    }
}
