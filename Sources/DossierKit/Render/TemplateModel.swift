// Typed models the templates read (Template.swift renders them).
//
// Each model lists its keys once, in a table of getters: the lookup and the set of keys a template may
// name come from the same table, so they cannot drift apart (a `switch` plus a separate key list could).
import DossierMarkdown

/// A value a template can read. `fields` maps each key to a getter.
public protocol TemplateModel: TemplateValueConvertible {
    static var fields: FieldTable<Self> { get }
    /// A requirement (with the one implementation below) so that each model's lookup is specialized for it.
    func value(named name: String) -> TemplateValue?
}

/// Getters by key name.
public struct FieldTable<Model>: Sendable {
    let getters: [String: @Sendable (Model) -> (any TemplateValueConvertible)?]

    init(_ getters: [String: @Sendable (Model) -> (any TemplateValueConvertible)?]) {
        self.getters = getters
    }

    public var keys: Set<String> { Set(getters.keys) }
}

extension TemplateModel {
    public var templateValue: TemplateValue { .model(self) }

    /// The value of a key: nil when this model has no such key (the lookup goes on up the stack), and
    /// `.absent` when it has the key but no value (the lookup stops there: an absent value renders as
    /// nothing and as false, and never picks up an outer page's key of the same name).
    public func value(named name: String) -> TemplateValue? {
        guard let getter = Self.fields.getters[name] else { return nil }
        return getter(self)?.templateValue ?? .absent
    }
}

/// HTML made by Dossier itself (rendered Markdown, SVG): inserted with `{{{…}}}`, built only when rendered.
public struct LazyHTML: Sendable, Hashable {
    let key: HTMLSource
    let make: @Sendable () -> String

    init(_ key: HTMLSource, _ make: @escaping @Sendable () -> String) {
        self.key = key
        self.make = make
    }

    public var renderText: String { make() }

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
