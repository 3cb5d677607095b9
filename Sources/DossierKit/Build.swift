// The pipeline in one screen: load → link → render → write. Nothing is written unless every stage is clean.
import Foundation

public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String

    public init(contentDirectory: String, templatesDirectory: String, outputDirectory: String) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
    }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pages = 0
    public var write: WriteReport?
    public var seconds = 0.0

    /// The one-line summary, or nil when the build failed.
    public var summary: String? {
        guard let write else { return nil }
        let time = String(format: "%.2f", seconds)
        return "built \(pages) pages: \(write.written) written, \(write.unchanged) unchanged, \(write.removed) removed in \(time) s"
    }
}

public enum Pipeline {
    /// Load and link: every content diagnostic, nothing written.
    public static func check(contentDirectory: String) -> [Diagnostic] {
        let (corpus, diagnostics) = ContentLoader(contentDirectory: contentDirectory).load()
        guard let corpus else { return diagnostics }
        return diagnostics + Linker(corpus: corpus).link().diagnostics
    }

    /// Load, link and render; the files to write, or the diagnostics that stop the build.
    public static func render(_ options: BuildOptions) -> (files: [OutputFile], pages: Int, diagnostics: [Diagnostic]) {
        var (corpus, diagnostics) = ContentLoader(contentDirectory: options.contentDirectory).load()
        let templates = TemplateSet.load(directory: options.templatesDirectory)
        diagnostics += templates.diagnostics
        guard let corpus, !diagnostics.hasErrors else { return ([], 0, diagnostics) }
        let (dossier, linkDiagnostics) = Linker(corpus: corpus).link()
        diagnostics += linkDiagnostics
        guard !diagnostics.hasErrors else { return ([], 0, diagnostics) }
        let site = SiteRenderer(dossier: dossier, templates: templates).render()
        diagnostics += site.diagnostics
        guard !diagnostics.hasErrors else { return ([], 0, diagnostics) }
        return (site.files, site.pages, diagnostics)
    }

    public static func build(_ options: BuildOptions) -> BuildReport {
        let start = Date()
        let rendered = render(options)
        var report = BuildReport(diagnostics: rendered.diagnostics)
        guard !rendered.diagnostics.hasErrors else { return report }
        do {
            report.write = try SiteWriter(outputDirectory: options.outputDirectory).write(rendered.files)
        } catch {
            report.diagnostics.append(.error(SourceLocation(path: options.outputDirectory, line: 1), "\(error)"))
            return report
        }
        report.pages = rendered.pages
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}
