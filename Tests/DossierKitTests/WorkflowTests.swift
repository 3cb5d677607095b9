// The analyst's first steps: `dossier init`, a build with the built-in theme only, a theme folder that
// overrides one file, `dossier theme export`, `--version`.
import Foundation
import Testing

@testable import DossierKit

/// A new, empty temporary folder, removed by `remove()`.
struct EmptyFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-workflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

@Suite(.serialized) struct Workflow {
    @Test func initThenBuildWorksInAnEmptyFolderWithNoTemplates() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        let initRun = try runDossier(["init"], in: folder.url)
        #expect(initRun.status == 0, "\(initRun.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Templates").path))
        for path in ["content/dossier.yaml", ".gitignore", ".github/workflows/dossier.yml"] {
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(path).path), "init wrote no \(path)")
        }
        // Clean at once: no error and no warning.
        let check = try runDossier(["check"], in: folder.url)
        #expect(check.status == 0)
        #expect(check.errors == "content is valid\n", "\(check.errors)")
        let build = try runDossier(["build"], in: folder.url)
        #expect(build.status == 0, "\(build.errors)")
        #expect(build.errors.isEmpty, "\(build.errors)")
        let site = folder.url.appendingPathComponent("public")
        // Every content kind has its page, and the contradiction is on the contradictions page.
        for page in [
            "index.html", "articles/mia-2023-11-21-no-imminent-threat.html", "actors/stoltenberg.html", "actors/zelensky.html",
            "locations/skopje.html", "propositions/russia-plans-to-destabilise-balkans.html",
            "claims/stoltenberg-no-imminent-military-threat.html", "claims/zelensky-russia-plans-to-destabilise-balkans.html",
            "assets/style.css",
        ] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), "no \(page)")
        }
        let contradictions = try String(contentsOf: site.appendingPathComponent("contradictions/index.html"), encoding: .utf8)
        #expect(contradictions.contains("claims/stoltenberg-no-imminent-military-threat.html"))
        #expect(contradictions.contains("claims/zelensky-russia-plans-to-destabilise-balkans.html"))
        // The quotes are verified against the article: the article page highlights where they are.
        let claim = try String(contentsOf: site.appendingPathComponent("claims/stoltenberg-no-imminent-military-threat.html"), encoding: .utf8)
        #expect(claim.contains("We don&#39;t see any imminent military threat") || claim.contains("We don’t see any imminent military threat") || claim.contains("We don't see any imminent military threat"))
    }

    @Test func initRefusesAFolderThatIsNotEmptyUnlessForced() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("notes.txt")
        try Data("mine\n".utf8).write(to: notes)
        let refused = try runDossier(["init", folder.url.path])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("is not empty"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("content").path))
        let forced = try runDossier(["init", "--force", folder.url.path])
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("content/dossier.yaml").path))
        #expect(try String(contentsOf: notes, encoding: .utf8) == "mine\n")
    }

    @Test func aTemplatesFolderOverridesOneFileAndOnlyItsPagesChange() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        #expect(try runDossier(["init"], in: folder.url).status == 0)
        #expect(try runDossier(["build", "--output", "before"], in: folder.url).status == 0)
        let templates = folder.url.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{{<layout}}\n{{$content}}\n<h1 class=\"restyled\">{{heading}}</h1>\n{{/content}}\n{{/layout}}\n".utf8)
            .write(to: templates.appendingPathComponent("location.mustache"))
        // Templates/ in the working folder is picked up without --templates.
        let build = try runDossier(["build", "--output", "after"], in: folder.url)
        #expect(build.status == 0, "\(build.errors)")
        let before = snapshot(folder.url.appendingPathComponent("before"))
        let after = snapshot(folder.url.appendingPathComponent("after"))
        #expect(Set(before.keys) == Set(after.keys))
        let changed = before.keys.filter { before[$0] != after[$0] }.sorted()
        #expect(changed == ["locations/skopje.html"])
        let page = String(decoding: after["locations/skopje.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("<h1 class=\"restyled\">Skopje</h1>"))
        // The rest of the page still comes from the built-in layout.
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../assets/style.css\">"))
    }

    @Test func aTemplateErrorInTheOverrideIsReportedAtItsFile() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        #expect(try runDossier(["init"], in: folder.url).status == 0)
        let templates = folder.url.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("<p>{{nosuchkey}}</p>\n".utf8).write(to: templates.appendingPathComponent("404.mustache"))
        let build = try runDossier(["build", "--templates", "theme"], in: folder.url)
        #expect(build.status == 1)
        #expect(build.errors.contains("theme/404.mustache:1:4: error: this template uses 'nosuchkey'"), "\(build.errors)")
    }

    @Test func theBuiltInThemeIsTemplatesByteForByte() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        let run = try runDossier(["theme", "export", folder.url.appendingPathComponent("theme").path])
        #expect(run.status == 0, "\(run.errors)")
        let exported = snapshot(folder.url.appendingPathComponent("theme"))
        let source = snapshot(SiteFixture.repositoryRoot.appendingPathComponent("Templates")).filter {
            !$0.key.split(separator: "/").contains { $0.hasPrefix(".") }
        }
        #expect(!exported.isEmpty)
        #expect(exported == source)
        // A second export does not overwrite without --force.
        let again = try runDossier(["theme", "export", folder.url.appendingPathComponent("theme").path])
        #expect(again.status == 1)
        #expect(again.errors.contains("--force"))
    }

    @Test func versionAndCompletions() throws {
        let version = try runDossier(["--version"])
        #expect(version.status == 0)
        #expect(version.output == DossierVersion.current + "\n")
        let completion = try runDossier(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        for command in ["init", "build", "check", "serve", "suggest", "theme"] { #expect(completion.output.contains(command)) }
    }
}
