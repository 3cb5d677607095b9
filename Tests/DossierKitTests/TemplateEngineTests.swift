// Dossier's template engine against swift-mustache, an independent implementation of the same language:
// every page of a dossier, and templates written to reach the corners of Mustache's whitespace rules,
// must render to the same bytes with both.
import Foundation
import Mustache
import Testing

@testable import DossierKit

/// A Dossier model as swift-mustache sees it.
private struct Reference: MustacheParent {
    let value: TemplateValue

    func child(named name: String) -> Any? {
        let found: TemplateValue?
        switch value {
        case .model(let box): found = box.model.value(key: TemplateKey(name))
        case .element(let list, let index): found = list.list.value(at: index, key: TemplateKey(name))
        default: found = nil
        }
        return found.map(Self.any)
    }

    static func any(_ value: TemplateValue) -> Any {
        switch value {
        case .absent: return ReferenceAbsent()
        case .text(let text): return text
        case .number(let number): return number
        case .flag(let flag): return flag
        case .html(let box): return ReferenceHTML(text: box.html.renderText)
        case .model: return Reference(value: value)
        case .list(let list): return (0..<list.list.count).map { any(.element(list, $0)) }
        case .element(let list, let index):
            if case .model = list.list.element(index) { return Reference(value: value) }
            return any(list.list.element(index))
        }
    }
}

private struct ReferenceAbsent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

private struct ReferenceHTML: MustacheCustomRenderable {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }
}

private struct ReferencePage: MustacheParent {
    let page: Page

    func child(named name: String) -> Any? {
        (page.content.value(named: name) ?? page.layout.value(named: name)).map(Reference.any)
    }
}

private func referenceLibrary(_ directory: String) throws -> MustacheLibrary {
    var library = MustacheLibrary()
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".mustache") {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        try library.register(text, named: String(name.dropLast(".mustache".count)))
    }
    return library
}

/// A model for hand-written templates.
private struct Item: TemplateModel, Hashable {
    var name: String
    var tags: [String] = []
    var children: [Item] = []
    var on = false
    var note: String?
    var count = 0

    static let fields = FieldTable<Self>([
        "name": .get { .of($0.pointee.name) }, "tags": .get { .of($0.pointee.tags) }, "children": .get { .of($0.pointee.children) }, "on": .get { .of($0.pointee.on) }, "note": .get { .of($0.pointee.note) },
        "count": .get { .of($0.pointee.count) },
    ])
}

@Suite struct TemplateEngine {
    static var root: URL { SiteFixture.repositoryRoot }

    /// Every page and every claim card of a dossier, rendered by both engines with the default theme.
    private func compareEveryPage(contentDirectory: String) throws -> Int {
        let (corpus, loadDiagnostics) = ContentLoader(contentDirectory: contentDirectory).load()
        #expect(!loadDiagnostics.hasErrors)
        let (dossier, _) = Linker(corpus: try #require(corpus)).link()
        let templates = TemplateSet.load(directory: SiteFixture.templates)
        #expect(templates.diagnostics.isEmpty)
        let renderer = SiteRenderer(dossier: dossier, templates: templates, workers: 1)
        let reference = try referenceLibrary(SiteFixture.templates)
        var compared = 0
        for job in renderer.jobs {
            let page = renderer.builder.page(job)
            let ours = String(decoding: templates.library.render(page), as: UTF8.self)
            let theirs = reference.render(ReferencePage(page: page), withTemplate: page.template)
            #expect(ours == theirs, "\(job.path)")
            if ours != theirs { break }
            compared += 1
        }
        for card in renderer.index.cards.values.sorted(by: { $0.id < $1.id }) {
            #expect(templates.library.render(card, template: "claim-card") == reference.render(Reference(value: .model(ModelBox(card))), withTemplate: "claim-card"))
        }
        return compared
    }

    @Test func everyPageOfTheSeedDossierIsWhatSwiftMustacheRenders() throws {
        let pages = try compareEveryPage(contentDirectory: Self.root.appendingPathComponent("content").path)
        #expect(pages > 50)
    }

    @Test func paginatedListsToo() throws {
        let fixture = try SiteFixture(syntheticContent(articles: 230, actors: 12, claims: 60))
        let pages = try compareEveryPage(contentDirectory: fixture.content.path)
        #expect(pages > 300)
    }

    /// Standalone lines, indented partials, parents and blocks, delimiters, pragmas, escaping, lookups.
    @Test(arguments: [
        "{{#children}}\n  <li>{{name}}</li>\n{{/children}}\nend\n",
        "  {{#on}}\n  yes\n  {{/on}}\n  {{^on}}\n  no\n  {{/on}}\n",
        "a {{#children}}{{name}},{{/children}} b\n{{! a comment }}\n  {{! standalone }}  \nc\n",
        "<ul>\n  {{>row}}\n</ul>\n",
        "{{#children}}\n    {{>row}}\n{{/children}}",
        "{{<parent}}\n{{$body}}\n<p>{{name}}</p>\n{{/body}}\n{{/parent}}\n",
        "{{<parent}}{{$title}}T: {{name}}{{/title}}{{/parent}}",
        "{{=<% %>=}}\n<% name %> <%#tags%>[<%.%>]<%/tags%>\n<%={{ }}=%>{{name}}\n",
        "{{name}} {{{name}}} {{&name}} {{note}}|{{count}}|{{on}}\n",
        "{{% CONTENT_TYPE: TEXT }}{{name}}\n{{>row}}",
        "{{#children}}{{#children}}{{name}} in {{..name}}{{/children}}{{/children}}",
        "{{#children}}{{note}}{{#note}}[{{.}}]{{/note}}{{^note}}(none){{/note}}{{/children}}",
        "{{#tags}}\n- {{.}}\n{{/tags}}\n{{^tags}}empty{{/tags}}{{^children}}no children{{/children}}\n",
        "{{#children}}{{name}} / {{.name}} / {{count}}{{/children}}\r\n{{#on}}\r\nx\r\n{{/on}}\r\n",
        "\t{{#children}}\t\n\t<b>{{name}}</b>\n\t{{/children}}\t\n",
    ])
    func handWrittenTemplates(_ text: String) throws {
        let row = "<li>{{name}}</li>\n<li>{{count}}</li>\n"
        let parent = "<h1>{{$title}}Default {{name}}{{/title}}</h1>\n  {{$body}}\n  none\n  {{/body}}\nafter\n"
        var reference = MustacheLibrary()
        try reference.register(text, named: "page")
        try reference.register(row, named: "row")
        try reference.register(parent, named: "parent")
        var templates: [String: Template] = [:]
        for (name, source) in [("page", text), ("row", row), ("parent", parent)] {
            templates[name] = try TemplateParser.parse(source, name: name).0
        }
        let library = TemplateLibrary(templates: templates)
        let model = Item(
            name: "Top & <co> \"q\" 'a'", tags: ["x", "y<"],
            children: [
                Item(name: "one", children: [Item(name: "inner")], note: "n1", count: 3), Item(name: "two", on: true, count: 0),
            ], on: false, note: nil, count: 7)
        #expect(library.render(model, template: "page") == reference.render(Reference(value: .model(ModelBox(model))), withTemplate: "page"))
    }

    @Test func parseErrorsAreLocated() {
        #expect(throws: TemplateParseError.self) { try TemplateParser.parse("x\n{{#a}}\n", name: "t") }
        do {
            _ = try TemplateParser.parse("line one\n  {{#a}}{{/b}}\n", name: "t")
            Issue.record("a mismatched close should not parse")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 9)
            #expect(error.message == "'b' closes a section, but the open one is 'a'")
        }
        do {
            _ = try TemplateParser.parse("{{uppercased(name)}}", name: "t")
            Issue.record("a transform should be refused")
        } catch {
            #expect(error.message.contains("transform"))
        }
    }
}
