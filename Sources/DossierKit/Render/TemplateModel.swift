// Typed models the templates read (Template.swift renders them).
//
// Each model lists its keys once, in a table of getters: the lookup and the set of keys a template may
// name come from the same table, so they cannot drift apart (a `switch` plus a separate key list could).
import DossierMarkdown
import Foundation

/// A value a template can read. `fields` maps each key to a getter.
public protocol TemplateModel: TemplateValueConvertible {
    static var fields: FieldTable<Self> { get }
}

/// A key name as a small number, given out once per name and process: templates are parsed into these,
/// and each model's getters are stored by them, so a lookup indexes an array instead of hashing a string.
public struct TemplateKey: Sendable, Hashable {
    let id: Int

    public init(_ name: String) {
        id = Self.registry.id(name)
    }

    private final class Registry: @unchecked Sendable {
        private var ids: [String: Int] = [:]
        private let lock = NSLock()

        func id(_ name: String) -> Int {
            lock.lock()
            defer { lock.unlock() }
            if let id = ids[name] { return id }
            ids[name] = ids.count
            return ids.count - 1
        }
    }

    private static let registry = Registry()
}

/// Getters by key name.
public struct FieldTable<Model>: Sendable {
    /// A getter gives the template value itself (`.get { .of($0.pointee.name) }`): a text, a number or a list is
    /// never boxed into an existential and asked what it is on the way. It reads the model where it is, through
    /// a pointer: a model passed by value from an array's storage was copied for the call (a retain and a release
    /// of every field, at every lookup: a timeline item's eight fields for each of its nine tags), where reading
    /// one field through the pointer retains only that field's value.
    typealias Getter = @Sendable (UnsafePointer<Model>) -> TemplateValue

    /// A getter in a struct of its own. A closure held straight in a dictionary or an array is held in the most
    /// general form a generic container stores, so a literal getter was wrapped in a converting closure
    /// with a context object on the heap, whose reference count every lookup raised and lowered (both render
    /// threads on the same counters). In a struct field it keeps the form it was written in, without a context.
    public struct Field: Sendable {
        let get: Getter

        static func get(_ get: @escaping Getter) -> Field { Field(get: get) }
    }

    let getters: [String: Field]
    /// The same getters by key number.
    private let slots: [Field?]

    init(_ getters: [String: Field]) {
        self.getters = getters
        var slots: [Field?] = []
        for (name, getter) in getters {
            let id = TemplateKey(name).id
            if id >= slots.count { slots += Array(repeating: nil, count: id - slots.count + 1) }
            slots[id] = getter
        }
        self.slots = slots
    }

    public var keys: Set<String> { Set(getters.keys) }

    @inline(__always)
    func getter(_ key: TemplateKey) -> Getter? { key.id < slots.count ? slots[key.id]?.get : nil }
}

extension TemplateModel {
    public var templateValue: TemplateValue { .model(ModelBox(self)) }

    /// The value of a key: nil when this model has no such key (the lookup goes on up the stack), and
    /// `.absent` when it has the key but no value (the lookup stops there: an absent value renders as
    /// nothing and as false, and never picks up an outer page's key of the same name).
    public func value(key: TemplateKey) -> TemplateValue? {
        guard let getter = Self.fields.getter(key) else { return nil }
        return withUnsafePointer(to: self) { getter($0) }
    }

    public func value(named name: String) -> TemplateValue? { value(key: TemplateKey(name)) }

    public static func value(in items: [Self], at index: Int, key: TemplateKey) -> TemplateValue? {
        guard let getter = fields.getter(key) else { return nil }
        // Read in the array's storage: `items[index]`, or `$0[index]` of its buffer, would copy the element for
        // the call (a retain and a release of every field).
        return items.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.indices.contains(index) else { return nil }
            return getter(base + index)
        }
    }
}

extension TemplateValue {
    /// What a getter gives for each kind of field: one overload per kind, chosen when the model is compiled.
    static func of(_ text: String) -> TemplateValue { .text(text) }
    static func of(_ text: String?) -> TemplateValue { text.map { .text($0) } ?? .absent }
    static func of(_ number: Int) -> TemplateValue { .number(number) }
    static func of(_ number: Int?) -> TemplateValue { number.map { .number($0) } ?? .absent }
    static func of(_ flag: Bool) -> TemplateValue { .flag(flag) }
    static func of(_ html: LazyHTML) -> TemplateValue { .html(HTMLBox(html)) }
    static func of(_ html: LazyHTML?) -> TemplateValue { html.map { .html(HTMLBox($0)) } ?? .absent }
    static func of<Model: TemplateModel>(_ model: Model) -> TemplateValue { .model(ModelBox(model)) }
    static func of<Model: TemplateModel>(_ model: Model?) -> TemplateValue { model.map { .model(ModelBox($0)) } ?? .absent }
    static func of<Element: TemplateValueConvertible>(_ items: [Element]) -> TemplateValue { .list(ListBox(ValueList(items: items))) }
    static func of<Element: TemplateValueConvertible>(_ items: [Element]?) -> TemplateValue { items.map { .list(ListBox(ValueList(items: $0))) } ?? .absent }
}

/// HTML made by Dossier itself (rendered Markdown, SVG): inserted with `{{{…}}}`, built only when rendered.
public struct LazyHTML: Sendable, Hashable {
    let key: HTMLSource
    let make: @Sendable () -> String
    /// Appends the same HTML to a page's bytes, where it is made that way (rendered Markdown).
    let write: (@Sendable (inout [UInt8]) -> Void)?

    init(_ key: HTMLSource, _ make: @escaping @Sendable () -> String) {
        self.key = key
        self.make = make
        write = nil
    }

    init(_ key: HTMLSource, bytes write: @escaping @Sendable (inout [UInt8]) -> Void) {
        self.key = key
        make = {
            var bytes: [UInt8] = []
            write(&bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        self.write = write
    }

    public var renderText: String { make() }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

/// What a piece of lazily built HTML is made from: equal sources give equal HTML.
enum HTMLSource: Sendable, Hashable {
    /// A Markdown text with spans spliced into its text leaves, rendered with or without paragraph anchors.
    case markdown(source: ContentDigest, spans: [Int: [Span]], anchors: Bool)
    /// A claim card rendered for pages at one depth.
    case card(id: String, root: String)
    /// HTML made whole at build time (the link charts' SVG).
    case raw(String)
}
