// Renders the site as a job list: every page model is built and rendered on all cores, in chunks, and
// the chunks reach the writer in the job list's order, so output never depends on the core count and
// the whole site is never held in memory.
import Dispatch
import Foundation
import Synchronization

public struct SiteRenderer: Sendable {
    let dossier: Dossier
    let templates: TemplateSet
    let index: RenderIndex
    let builder: PageBuilder
    /// Every page, in a fixed order; computed once.
    let jobs: [PageJob]
    /// Render workers; the default is one per core.
    let workers: Int

    public init(dossier: Dossier, templates: TemplateSet, workers: Int? = nil) {
        self.dossier = dossier
        self.templates = templates
        index = RenderIndex(dossier: dossier, templates: templates)
        builder = PageBuilder(index: index)
        jobs = builder.jobs()
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The renderer of a dossier that differs from `previous`'s only in the text of the `edited` articles
    /// (`TextEdit`): its index is updated, not rebuilt, and the job list is the same.
    init(after previous: SiteRenderer, dossier: Dossier, edited: Set<String>, templates: TemplateSet) {
        self.dossier = dossier
        self.templates = templates
        index = previous.index.afterTextEdit(dossier, edited: edited)
        builder = PageBuilder(index: index)
        jobs = previous.jobs
        workers = previous.workers
    }

    var corpus: Corpus { dossier.corpus }

    /// Pages per chunk: enough to keep every core busy, few enough to keep memory flat.
    static let chunkSize = 512

    /// What became of one page.
    struct RenderedPage: Sendable {
        enum Outcome: Sendable {
            /// The model equals the previous build's: not rendered again, the file on disk is current.
            case unchanged
            /// Rendered; `written` is false when the bytes on disk were already these.
            case stored(written: Bool)
            case failed(String)
        }

        let job: PageJob
        let digest: Int
        let outcome: Outcome
    }

    /// Every page, built, rendered and handed to `store` on `workers` threads, chunk by chunk; `sink` then
    /// sees each page in job order. `previous` gives the model each path had in the previous build: an
    /// equal model (by digest) is not rendered again; `digests: false` skips digesting (and reports 0). A job
    /// `skip` answers true for, with a previous digest, is taken as unchanged without building its model.
    /// Only one chunk of pages is in memory at a time.
    func renderPages(
        previous: (@Sendable (String) -> Int?)? = nil, digests: Bool = true, skip: (@Sendable (PageJob) -> Bool)? = nil,
        stats: RenderStats? = nil,
        store: @escaping @Sendable (OutputFile) throws -> Bool, sink: (RenderedPage) throws -> Void
    ) rethrows -> Int {
        var start = 0
        while start < jobs.count {
            let chunk = Array(jobs[start..<min(jobs.count, start + Self.chunkSize)])
            let results = ResultBox<RenderedPage>(count: chunk.count)
            let builder = self.builder, templates = self.templates, workers = min(self.workers, chunk.count)
            // Each worker takes the next page not yet taken: pages differ a hundredfold in cost (the link
            // chart against a claim), and a worker that took its share in advance would leave the others idle.
            let counter = JobCounter()
            let work: @Sendable (Int) -> Void = { _ in
                while true {
                    let position = counter.take()
                    guard position < chunk.count else { return }
                    let job = chunk[position]
                    if let skip, skip(job), let old = previous?(job.path) {
                        // Known not to have changed (the caller says so): not even its model is built.
                        results.set(position, RenderedPage(job: job, digest: old, outcome: .unchanged))
                        continue
                    }
                    let started = stats == nil ? 0 : DispatchTime.now().uptimeNanoseconds
                    let page = builder.page(job)
                    let built = stats == nil ? 0 : DispatchTime.now().uptimeNanoseconds
                    let outcome: RenderedPage.Outcome
                    let digest = digests ? page.digest : 0
                    var rendered = built
                    if let old = previous?(job.path), old == digest {
                        outcome = .unchanged
                    } else {
                        let html = templates.library.render(page)
                        if stats != nil { rendered = DispatchTime.now().uptimeNanoseconds }
                        do {
                            outcome = .stored(written: try store(OutputFile(path: job.path, contents: html)))
                        } catch {
                            outcome = .failed("\(error)")
                        }
                    }
                    if let stats {
                        let now = DispatchTime.now().uptimeNanoseconds
                        stats.add(page.template, build: built - started, render: rendered - built, write: now - rendered)
                    }
                    results.set(position, RenderedPage(job: job, digest: digest, outcome: outcome))
                }
            }
            if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            for result in results.values() { try sink(result) }
            start += chunk.count
        }
        return jobs.count
    }

    /// The paths of every page, in job order (to check them all before anything is written).
    func pagePaths() -> [String] { jobs.map(\.path) }

    /// The paths of `otherFiles`, known before rendering.
    func otherPaths() -> [String] { Self.otherPaths(corpus, templates) }

    /// The same, known from the corpus and the theme alone (before the render index is built).
    static func otherPaths(_ corpus: Corpus, _ templates: TemplateSet) -> [String] {
        var paths = ["dossier.json"] + SearchIndex.paths(corpus)
        if corpus.dossier.baseURL != nil { paths += ["sitemap.xml", "feed.xml"] }
        return paths + templates.assets.map { "assets/" + $0.path.dropFirst("assets/".count) }
    }

    /// Files that are not pages, made whole in memory (for tests and small dossiers; a build streams
    /// dossier.json and the search index instead): dossier.json, the search index, then `staticFiles`.
    func otherFiles(pagePaths: [String]) -> [OutputFile] {
        [OutputFile(path: "dossier.json", contents: DossierJSON.bytes(dossier))] + SearchIndex.files(dossier)
            + staticFiles(pagePaths: pagePaths)
    }

    /// The sitemap and feed (with a base URL), and the theme's assets.
    func staticFiles(pagePaths: [String]) -> [OutputFile] {
        var files: [OutputFile] = []
        if let baseURL = corpus.dossier.baseURL {
            files.append(
                OutputFile(path: "sitemap.xml", text: Feeds.sitemap(baseURL: baseURL, paths: pagePaths.filter { $0 != "404.html" })))
            files.append(OutputFile(path: "feed.xml", text: Feeds.atom(baseURL: baseURL, dossier: dossier)))
        }
        for asset in templates.assets {
            files.append(OutputFile(path: "assets/" + asset.path.dropFirst("assets/".count), contents: asset.contents))
        }
        return files
    }
}

extension SiteRenderer {
    /// A Markdown text rendered as its page renders it (for tests of the splicing).
    func renderMarkdown(_ text: MarkdownText, owner: TextOwner, root: String, anchors: Bool) -> String {
        builder.markdown(text, owner: owner, root: root, anchors: anchors).renderText
    }
}

/// Time spent per template, summed over all workers (processor time, not wall time): what
/// DOSSIER_TRACE prints for rendering.
final class RenderStats: @unchecked Sendable {
    struct Entry {
        var pages = 0
        var build: UInt64 = 0
        var render: UInt64 = 0
        var write: UInt64 = 0
        var total: UInt64 { build + render + write }
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()

    func add(_ template: String, build: UInt64, render: UInt64, write: UInt64) {
        lock.lock()
        entries[template, default: Entry()].pages += 1
        entries[template, default: Entry()].build += build
        entries[template, default: Entry()].render += render
        entries[template, default: Entry()].write += write
        lock.unlock()
    }

    /// One line per template, most time first.
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return entries.sorted { $0.value.total > $1.value.total }.map { name, entry in
            String(
                format: "render/%@: %.1f ms (%d pages; models %.1f ms, templates %.1f ms, writing %.1f ms)", name,
                Double(entry.total) / 1e6, entry.pages, Double(entry.build) / 1e6, Double(entry.render) / 1e6, Double(entry.write) / 1e6)
        }
    }
}

/// The next job of a chunk to take, shared by its workers.
final class JobCounter: Sendable {
    private let next = Atomic<Int>(0)

    /// A position no other caller got.
    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}
