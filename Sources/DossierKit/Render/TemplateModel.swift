// Typed models the Mustache templates read, through swift-mustache's `MustacheParent` lookup.
//
// Each model lists its keys once, in a table of getters: the lookup and the set of keys a template may
// name come from the same table, so they cannot drift apart (a `switch` plus a separate key list could).
import DossierMarkdown
import Mustache

/// A value a template can read. `fields` maps each key to a getter.
public protocol TemplateModel: MustacheParent, Sendable {
    static var fields: FieldTable<Self> { get }
}

/// Getters by key name.
public struct FieldTable<Model>: Sendable {
    let getters: [String: @Sendable (Model) -> Any?]

    init(_ getters: [String: @Sendable (Model) -> Any?]) {
        self.getters = getters
    }

    public var keys: Set<String> { Set(getters.keys) }
}

extension TemplateModel {
    /// A key this model has but whose value is absent renders as nothing and as false, and, unlike a
    /// missing key, does not make Mustache look further up the context stack (where an outer page
    /// might have a key of the same name).
    public func child(named name: String) -> Any? {
        guard let getter = Self.fields.getters[name] else { return nil }
        return getter(self) ?? Absent.value
    }
}

/// The value of a key that has none.
struct Absent: MustacheCustomRenderable, Sendable {
    static let value = Absent()
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// HTML made by Dossier itself (rendered Markdown, SVG): inserted with `{{{…}}}`, built only when rendered.
public struct LazyHTML: Sendable, Hashable, MustacheCustomRenderable {
    let key: HTMLSource
    let make: @Sendable () -> String

    init(_ key: HTMLSource, _ make: @escaping @Sendable () -> String) {
        self.key = key
        self.make = make
    }

    public var renderText: String { make() }
    public var isNull: Bool { false }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

/// What a piece of lazily built HTML is made from: equal sources give equal HTML.
enum HTMLSource: Sendable, Hashable {
    /// A Markdown text with spans spliced into its text leaves, rendered with or without paragraph anchors.
    case markdown(source: String, spans: [Int: [Span]], anchors: Bool)
    /// A claim card rendered for pages at one depth.
    case card(id: String, root: String)
}

/// HTML escaping as swift-mustache's default does it (`& < > " '`), but over UTF-8 bytes, and returning
/// the string itself when nothing needs escaping (most values). The layout selects it with
/// `{{% CONTENT_TYPE: DOSSIER_HTML }}`; a theme that leaves that line out gets the same output, slower.
struct FastHTMLContentType: MustacheContentType {
    static let name = "DOSSIER_HTML"

    static let registered: Bool = {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String { SiteText.html(text) }
}
