// The pipeline in one screen: load → link → render → write. Nothing is written unless every stage is clean.
// A `BuildSession` keeps what one build learned, so the next build of the same folders redoes only
// what changed: files reloaded, pages whose model changed rendered again, files whose bytes changed written.
import CSystem
import DossierMarkdown
import Foundation

public struct BuildOptions: Sendable {
    public var contentDirectory: String
    /// A theme folder whose files replace the built-in theme's files of the same name; nil: the built-in theme.
    public var templatesDirectory: String?
    public var outputDirectory: String
    /// Render workers; nil means one per core.
    public var workers: Int?

    public init(contentDirectory: String, templatesDirectory: String?, outputDirectory: String, workers: Int? = nil) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.workers = workers
    }
}

/// One stage of a build, as progress and trace output report it.
public struct StageTime: Sendable, Hashable {
    public var name: String
    public var seconds: Double
    /// "10,000 articles", "17,412 pages": what the stage went through.
    public var detail: String
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pages = 0
    /// Pages whose model changed since the previous build of the session, so were rendered again.
    public var rendered = 0
    public var write: WriteReport?
    public var seconds = 0.0
    public var stages: [StageTime] = []

    /// The one-line summary, or nil when the build failed.
    public var summary: String? {
        guard let write else { return nil }
        let time = String(format: "%.2f", seconds)
        return "built \(pages) pages: \(write.written) written, \(write.unchanged) unchanged, \(write.removed) removed in \(time) s"
    }
}

/// Progress as a build goes: a stage finished, or pages rendered so far.
public enum BuildEvent: Sendable {
    case stage(StageTime)
    case rendering(done: Int, total: Int)
    /// Another build is writing the same output folder: this one waits for it to finish.
    case waiting(String)
}

public enum Pipeline {
    /// Load and link: every content diagnostic, nothing written.
    public static func check(contentDirectory: String, limits: ContentLimits = .default) -> [Diagnostic] {
        let (corpus, diagnostics) = ContentLoader(contentDirectory: contentDirectory, limits: limits).load()
        guard let corpus else { return diagnostics }
        return diagnostics + Linker(corpus: corpus).link().diagnostics
    }

    /// A cold build.
    public static func build(_ options: BuildOptions, progress: (@Sendable (BuildEvent) -> Void)? = nil) -> BuildReport {
        let session = BuildSession(options: options, progress: progress, remembers: false)
        let report = session.build()
        // The session holds the build's dossier and pages' index (`leftover`): millions of small objects, about
        // 0.1 s to free at 10,000 articles. They are freed on another thread, so the caller (`dossier build`
        // printing its summary and exiting) does not wait for that.
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(session) {} }
        return report
    }
}

/// Builds the same folders again and again, reusing what did not change. Not for use from two threads at once.
public final class BuildSession: @unchecked Sendable {
    public let options: BuildOptions
    let progress: (@Sendable (BuildEvent) -> Void)?
    let loader: ContentLoader
    /// The digest of the model each page had when last written, by path; empty until a build succeeds.
    private var pages: [String: Int] = [:]
    /// A digest of the other files as last written, by path.
    private var others: [String: ContentDigest] = [:]
    private var lastTemplates: TemplateSet?
    /// Whether later builds will follow (a preview server, a benchmark): only then is each page's model
    /// digested, to tell next time which pages changed, and what linking found kept for the next link.
    /// A one-shot build (`remembers: false`) skips that work and holds less memory.
    let remembers: Bool
    /// What linking found, for the next link; nil for a one-build session.
    let linkMemory: LinkMemory?
    /// What the render index built, for the next one; nil for a one-build session.
    let indexMemory: IndexMemory?
    /// What the last successful build rendered, and its dossier (sessions that remember only): what the next
    /// build compares with to tell an edit of article text alone from anything else, and updates if so.
    private var lastRenderer: SiteRenderer?
    /// The search index as the last build left it, for updating in place.
    private var lastSearch: SearchIndexState?
    /// A one-build session's renderer (and so its dossier), kept until the session is freed (see `Pipeline.build`).
    private var leftover: SiteRenderer?
    /// The tree beside the output folder: the previous build, kept so the next one writes only what changed.
    private let twin: SiteWriter.StagingTwin?
    /// The files changed since the last successful build (nil: unknown, anything may have). A build that
    /// fails leaves the site as the last good one wrote it, so what it was told carries over to the next.
    private var changedSinceGood: Set<String>? = []

    public init(options: BuildOptions, progress: (@Sendable (BuildEvent) -> Void)? = nil, remembers: Bool = true) {
        _ = allocatorConfigured
        self.options = options
        self.progress = progress
        self.remembers = remembers
        loader = remembers
            ? ContentLoader(contentDirectory: options.contentDirectory, cache: ContentCache())
            : ContentLoader(contentDirectory: options.contentDirectory)
        linkMemory = remembers ? LinkMemory() : nil
        indexMemory = remembers ? IndexMemory() : nil
        twin = remembers ? SiteWriter.StagingTwin() : nil
    }

    /// Ends the session's use of the output folder: the previous build's tree kept beside it is removed.
    public func close() {
        guard let twin, let root = twin.root else { return }
        try? SiteWriter.removeTree(SiteWriter.sibling(of: URL(fileURLWithPath: root, isDirectory: true), "staging"))
        twin.root = nil
        twin.differs = nil
    }

    /// Builds the site. `changed` names the content or template files that changed since the last build of
    /// this session (added, edited or deleted); nil means "look at everything".
    public func build(changed: Set<String>? = nil) -> BuildReport {
        var clock = StageClock(progress: progress)
        if let changed, let before = changedSinceGood {
            changedSinceGood = before.union(changed)
        } else {
            changedSinceGood = nil
        }
        let sinceGood = changedSinceGood
        var (corpus, diagnostics) = loader.load(changed: changed)
        clock.lap("load", corpus.map { "\(SiteText.count($0.articles.count, "article")), \(SiteText.count($0.claims.count, "claim"))" } ?? "")
        let templates = TemplateSet.load(directory: options.templatesDirectory)
        diagnostics += templates.diagnostics
        clock.lap("templates", SiteText.count(templates.names.count, "template"))
        var report = BuildReport(diagnostics: diagnostics)
        guard let corpus, !diagnostics.hasErrors else { return clock.finish(report) }
        var (linked, linkDiagnostics) = Linker(corpus: corpus, memory: linkMemory).link()
        linked.indexMemory = indexMemory
        let dossier = linked
        report.diagnostics += linkDiagnostics
        // Linking frees far more than it keeps (the corroboration's candidate tables, folded texts); glibc
        // keeps freed memory resident in each thread's arena unless asked to give it back.
        releaseFreeMemory()
        clock.lap("link", SiteText.count(dossier.mentionCount, "mention"))
        guard !report.diagnostics.hasErrors else { return clock.finish(report) }

        let templatesChanged = lastTemplates.map { !$0.sameContents(as: templates) } ?? true
        // Someone removed the output folder since the last build: nothing of it can be kept.
        let outputGone = !FileManager.default.fileExists(atPath: options.outputDirectory)
        let previous = templatesChanged || outputGone ? [:] : pages
        // An edit of article text alone: only the pages that show that text are built again (see TextEdit).
        let textEdit = templatesChanged || outputGone
            ? nil : lastRenderer.flatMap { TextEdit(changed: sinceGood, contentDirectory: options.contentDirectory, from: $0.dossier, to: dossier) }
        var newPages: [String: Int] = [:]
        var writing: SiteWriter.WriteSession?
        do {
            // dossier.json and the search index need only the linked dossier: they are made on other threads
            // from here on, while the render index is built and the pages render.
            let output = options.outputDirectory
            // The output folder is replaced as a whole: it must not hold the content (or be the working folder's parent).
            let outputPath = URL(fileURLWithPath: output, isDirectory: true).standardizedFileURL.path
            let contentPath = URL(fileURLWithPath: options.contentDirectory, isDirectory: true).standardizedFileURL.path
            if contentPath == outputPath || contentPath.hasPrefix(outputPath == "/" ? "/" : outputPath + "/") || outputPath == "/" {
                throw SiteWriter.WriteError.io(output, "the output folder holds the content folder; a build replaces the output folder as a whole, so choose another (the default is public)")
            }
            let progress = self.progress
            let session = try SiteWriter(outputDirectory: output).begin(paths: SiteRenderer.otherPaths(dossier.corpus, templates), twin: twin) {
                progress?(.waiting("another build is writing \(output)/; waiting for it to finish"))
            }
            writing = session
            // dossier.json is written in pieces as it is made, so the whole file is never in memory.
            let json = ResultBox<Result<(written: Bool, digest: ContentDigest), Error>>(count: 1)
            let jsonDone = DispatchGroup()
            if textEdit != nil, let digest = self.others["dossier.json"] {
                // dossier.json holds no article text, and everything it does hold is as before (TextEdit).
                json.set(0, .success((written: false, digest: digest)))
            } else {
                let trace = clock.trace
                DispatchQueue.global().async(group: jsonDone) {
                    let started = threadProcessorSeconds()
                    json.set(0, Result { try session.store(path: "dossier.json") { emit in DossierJSON.write(dossier, emit: emit) } })
                    if trace { StageTrace.threadLine("dossier.json", since: started) }
                }
            }
            defer { jsonDone.wait() }
            // The search index is made on one more thread, once dossier.json is written (one at a time, so their
            // working memory is never held together). Each file is stored as it is made; the main thread
            // records them after the pages.
            let remembers = self.remembers
            let previousSearch = textEdit == nil ? nil : lastSearch
            let trace = clock.trace
            let searchFiles = Background { () -> (files: [StoredFile], state: SearchIndexState?) in
                jsonDone.wait()
                let started = threadProcessorSeconds()
                defer { if trace { StageTrace.threadLine("search index", since: started) } }
                var stored: [StoredFile] = []
                let sink: (OutputFile) -> Void = { file in
                    stored.append(StoredFile(path: file.path, digest: ContentDigest(file.contents), written: Result { try session.store(file) }))
                }
                if let previousSearch, let textEdit {
                    // Only the changed articles' documents are indexed again, and only the files they touch written.
                    previousSearch.update(dossier, articles: textEdit.articles, sink: sink)
                    return (stored, previousSearch)
                }
                if remembers {
                    let state = SearchIndexState(dossier)
                    state.writeAll(sink: sink)
                    return (stored, state)
                }
                SearchIndex.write(dossier, sink: sink)
                return (stored, nil)
            }
            // On a write error below, the index's thread still finishes before this build returns.
            defer { _ = searchFiles.value }

            let renderer: SiteRenderer
            if let textEdit, let last = lastRenderer {
                renderer = SiteRenderer(after: last, dossier: dossier, edited: textEdit.articles, templates: templates)
            } else {
                renderer = SiteRenderer(dossier: dossier, templates: templates, workers: options.workers)
            }
            releaseFreeMemory()
            clock.lap("index", SiteText.count(dossier.corpus.claims.count, "claim card"))
            var renderTrace = StageTrace(enabled: clock.trace, prefix: "render")
            let paths = renderer.pagePaths()
            renderTrace.lap("page paths")
            try session.expect(paths)
            renderTrace.lap("paths expected")
            newPages.reserveCapacity(paths.count)
            var done = 0
            let total = paths.count
            var rendered = 0
            let stats = clock.trace ? RenderStats() : nil
            var skip: (@Sendable (PageJob) -> Bool)?
            if let dirty = textEdit?.pages {
                skip = { job in !dirty.contains(job) }
            }
            report.pages = try renderer.renderPages(
                previous: { previous[$0] }, digests: remembers, skip: skip, stats: stats, store: { try session.store($0) }
            ) { result in
                newPages[result.job.path] = result.digest
                switch result.outcome {
                case .unchanged: session.record(result.job.path, written: false)
                case .stored(let written):
                    session.record(result.job.path, written: written)
                    rendered += 1
                case .failed(let message): throw SiteWriter.WriteError.io(result.job.path, message)
                }
                done += 1
                // Pages are made and dropped chunk after chunk, on several threads: what they freed goes back.
                if done % SiteRenderer.chunkSize == 0 { releaseFreeMemory() }
                if done % 1024 == 0 { progress?(.rendering(done: done, total: total)) }
            }
            report.rendered = rendered
            for line in stats?.lines ?? [] { FileHandle.standardError.write(Data("trace: \(line)\n".utf8)) }
            clock.lap("render and write pages", "\(SiteText.count(rendered, "page")) rendered of \(total)")
            var others: [String: ContentDigest] = [:]
            jsonDone.wait()
            guard let stored = try json.values().first?.get() else { throw SiteWriter.WriteError.io("dossier.json", "not written") }
            session.record("dossier.json", written: stored.written)
            others["dossier.json"] = stored.digest
            let search = searchFiles.value
            for file in search.files {
                others[file.path] = file.digest
                session.record(file.path, written: try file.written.get())
            }
            if search.state != nil {
                // Updated in place: the files it did not write again are as the last build left them.
                for path in renderer.otherPaths() where path.hasPrefix("search/") && others[path] == nil {
                    guard let digest = self.others[path] else { throw SiteWriter.WriteError.io(path, "not written") }
                    others[path] = digest
                    session.record(path, written: false)
                }
            }
            lastSearch = search.state
            for file in renderer.staticFiles(pagePaths: paths) {
                let digest = ContentDigest(file.contents)
                others[file.path] = digest
                if !templatesChanged, !outputGone, self.others[file.path] == digest {
                    session.record(file.path, written: false)
                } else {
                    try session.write(file)
                }
            }
            report.write = try session.finish()
            clock.lap("write other files", SiteText.count(others.count, "file"))
            self.others = others
            lastRenderer = remembers ? renderer : nil
            if !remembers { leftover = renderer }
        } catch {
            report.diagnostics.append(.error(.writeFailed, SourceLocation(path: options.outputDirectory, line: 1), "\(error)"))
            // The output folder is replaced in one step at the very end: a build that fails before leaves it as it was.
            writing?.abandon()
            pages = [:]
            others = [:]
            lastRenderer = nil
            lastSearch = nil
            return clock.finish(report)
        }
        pages = newPages
        lastTemplates = templates
        changedSinceGood = []
        return clock.finish(report)
    }
}

/// A file stored off the main thread, to be recorded on it.
struct StoredFile: Sendable {
    let path: String
    let digest: ContentDigest
    let written: Result<Bool, any Error>
}

/// A value computed on another thread; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// Waits for the work (the semaphore is signalled again, so later reads do not wait).
    var value: Value {
        done.wait()
        defer { done.signal() }
        guard let result else { preconditionFailure("the work finished without a result") }
        return result
    }
}

/// Times the stages of a build; prints them with DOSSIER_TRACE set, and reports them as progress.
struct StageClock {
    let progress: (@Sendable (BuildEvent) -> Void)?
    let trace = ProcessInfo.processInfo.environment["DOSSIER_TRACE"].map { !$0.isEmpty && $0 != "0" } ?? false
    let start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = processorSeconds()
    private(set) var stages: [StageTime] = []

    init(progress: (@Sendable (BuildEvent) -> Void)?) {
        self.progress = progress
    }

    mutating func lap(_ name: String, _ detail: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        let stage = StageTime(name: name, seconds: Double(now - last) / 1e9, detail: detail)
        last = now
        stages.append(stage)
        if trace {
            let cpu = processorSeconds()
            FileHandle.standardError.write(Data(String(format: "trace: %@: %.1f ms (processor %.1f ms)\n", name, stage.seconds * 1000, (cpu - lastCPU) * 1000).utf8))
            lastCPU = cpu
            if let resident = Self.residentMegabytes() {
                FileHandle.standardError.write(Data("trace-memory: after \(name): \(resident) MB resident\n".utf8))
            }
        }
        progress?(.stage(stage))
    }

    /// This process's resident memory now, from /proc (Linux only).
    static func residentMegabytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    func finish(_ report: BuildReport) -> BuildReport {
        var report = report
        report.stages = stages
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if trace { FileHandle.standardError.write(Data(String(format: "trace: total: %.1f ms\n", report.seconds * 1000).utf8)) }
        return report
    }
}

/// Gives memory malloc holds free back to the system (glibc keeps what each thread freed in that thread's
/// arena). Peak RSS at 10,000 articles: 448 MB without, 395 MB with a call after linking, after indexing
/// and after each chunk of pages (a few milliseconds each).
func releaseFreeMemory() {
    dossier_release_free_memory()
}

/// The allocator's settings, applied once, before the first build of the process (see CSystem.c).
let allocatorConfigured: Void = dossier_configure_allocator()
