// Renders the site as a job list: every page model is built and rendered on all cores, in chunks, and
// the chunks reach the writer in the job list's order, so output never depends on the core count and
// the whole site is never held in memory.
import Dispatch
import Foundation

public struct SiteRenderer: Sendable {
    let dossier: Dossier
    let templates: TemplateSet
    let index: RenderIndex
    let builder: PageBuilder
    /// Render workers; the default is one per core.
    let workers: Int

    public init(dossier: Dossier, templates: TemplateSet, workers: Int? = nil) {
        self.dossier = dossier
        self.templates = templates
        index = RenderIndex(dossier: dossier)
        builder = PageBuilder(index: index)
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    var corpus: Corpus { dossier.corpus }

    /// Pages per chunk: enough to keep every core busy, few enough to keep memory flat.
    static let chunkSize = 256

    /// What rendering one page gave: the bytes, and the model they came from.
    struct RenderedPage: Sendable {
        let job: PageJob
        let page: Page
        /// nil when the page's model equals the previous build's, so it was not rendered again.
        let file: OutputFile?
    }

    /// Every page, rendered on `workers` threads, handed to `sink` in job order, chunk by chunk.
    /// `previous` gives the model each path had in the previous build: an equal model is not rendered again.
    func renderPages(
        previous: (@Sendable (String) -> Page?)? = nil, sink: (RenderedPage) throws -> Void
    ) rethrows -> Int {
        let jobs = builder.jobs()
        var start = 0
        while start < jobs.count {
            let chunk = Array(jobs[start..<min(jobs.count, start + Self.chunkSize)])
            let results = ResultBox<RenderedPage>(count: chunk.count)
            let builder = self.builder, templates = self.templates, workers = min(self.workers, chunk.count)
            let work: @Sendable (Int) -> Void = { worker in
                var position = worker
                while position < chunk.count {
                    let job = chunk[position]
                    let page = builder.page(job)
                    if let old = previous?(job.path), old == page {
                        results.set(position, RenderedPage(job: job, page: page, file: nil))
                    } else {
                        let html = templates.library.render(page, withTemplate: page.template) ?? ""
                        results.set(position, RenderedPage(job: job, page: page, file: OutputFile(path: job.path, text: html)))
                    }
                    position += workers
                }
            }
            if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            for result in results.values() { try sink(result) }
            start += chunk.count
        }
        return jobs.count
    }

    /// The paths of every page, in job order (to check them all before anything is written).
    func pagePaths() -> [String] { builder.jobs().map(\.path) }

    /// The paths of `otherFiles`, known before rendering.
    func otherPaths() -> [String] {
        var paths = ["dossier.json"]
        if corpus.dossier.baseURL != nil { paths += ["sitemap.xml", "feed.xml"] }
        return paths + templates.assets.map { "assets/" + $0.path.dropFirst("assets/".count) }
    }

    /// Files that are not pages: dossier.json, the sitemap and feed, the theme's assets.
    func otherFiles(pagePaths: [String]) -> [OutputFile] {
        var files: [OutputFile] = []
        files.append(OutputFile(path: "dossier.json", text: DossierJSON.encode(dossier).serialized(pretty: true) + "\n"))
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

    /// The whole site in memory, in path order: for tests and small dossiers.
    public func render() -> (files: [OutputFile], pages: Int, diagnostics: [Diagnostic]) {
        var files: [OutputFile] = []
        let pages = renderPages { if let file = $0.file { files.append(file) } }
        files += otherFiles(pagePaths: files.map(\.path))
        return (files.sorted { $0.path < $1.path }, pages, [])
    }
}

extension SiteRenderer {
    /// A Markdown text rendered as its page renders it (for tests of the splicing).
    func renderMarkdown(_ text: MarkdownText, owner: TextOwner, root: String, anchors: Bool) -> String {
        builder.markdown(text, owner: owner, root: root, anchors: anchors).renderText
    }
}
