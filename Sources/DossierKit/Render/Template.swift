// Dossier's Mustache engine: templates parsed into token trees, compiled once into one flat program of plain
// instructions (`TemplateProgram`), rendered straight into bytes by looking keys up in each model's table of
// getters.
//
// Why not swift-mustache, which the first typed-model design used: its lookup of one tag splits the name,
// then tries five to eight dynamic casts (`as? MustacheCustomRepresentation`, `as? MustacheParent`,
// `as? MustacheTemplate`, `as? MustacheCustomRenderable`, `as? MustacheLambda`, the optional unwrap), then
// formats the value with `String(describing:)`, and every section returns a new String that its caller
// appends. At 10,000 articles that was half the processor time of the build (perf: `getChild` and
// `swift_dynamicCast` under `renderToken`). Here a name is split when the template is parsed, a lookup is
// one dictionary probe in the model's table, values are a closed enum (no casts), and everything is
// appended to one byte buffer.
//
// The language is swift-mustache's, parsed the way swift-mustache parses it (the same rules for standalone
// lines, indented partials, parents and blocks): a test renders every page of a dossier with both engines
// and compares the bytes. Not supported, each a located error when the theme loads: transforms such as
// `{{uppercased(name)}}` and dynamic partials `{{>*name}}`. Lambdas do not arise: models hold values only.

/// What a key gives a template.
public enum TemplateValue: Sendable {
    /// The model has the key but no value: renders as nothing and as false, and stops the lookup.
    case absent
    case text(String)
    case number(Int)
    case flag(Bool)
    /// HTML made by Dossier itself, built when first rendered.
    case html(HTMLBox)
    /// A model, boxed once where its getter made the value (`TemplateValue.of`).
    case model(ModelBox)
    case list(ListBox)
    /// An element of a list, where a section over the list is rendering it: looked up in place, never
    /// copied out of its array into a box of its own.
    case element(ListBox, Int)
}

/// A list in a class box: with every payload a box or a text, a template value is two words and a tag,
/// and copying one (at every lookup, every push on the renderer's stack) is one retain, not a copy of an
/// existential through its type's value witnesses.
public final class ListBox: Sendable {
    let list: any TemplateList

    init(_ list: any TemplateList) {
        self.list = list
    }
}

/// Lazily made HTML in a class box (see `ListBox`).
public final class HTMLBox: Sendable {
    let html: LazyHTML

    init(_ html: LazyHTML) {
        self.html = html
    }
}

/// A model in a class box of its own. Template values are copied at every lookup: copying a box is one retain,
/// where copying a model held in an existential retained each of its fields.
public final class ModelBox: Sendable {
    let model: any TemplateValueConvertible

    init(_ model: any TemplateValueConvertible) {
        self.model = model
    }
}

/// A Swift value a model's getter may return.
public protocol TemplateValueConvertible: Sendable {
    var templateValue: TemplateValue { get }
    /// A key's value, for models (`TemplateModel` answers it); nil for everything else.
    func value(key: TemplateKey) -> TemplateValue?
    /// The same for an element of an array, read in place. (Requirements, so that each type's
    /// implementation is compiled for that type: a generic list reading `items[index]` copies the element
    /// through its value witness on every lookup.)
    static func value(in items: [Self], at index: Int, key: TemplateKey) -> TemplateValue?
    static func element(in items: [Self], at index: Int) -> TemplateValue
}

extension TemplateValueConvertible {
    public func value(key: TemplateKey) -> TemplateValue? { nil }
    public static func value(in items: [Self], at index: Int, key: TemplateKey) -> TemplateValue? {
        items.withUnsafeBufferPointer { $0[index].value(key: key) }
    }
    public static func element(in items: [Self], at index: Int) -> TemplateValue { items.withUnsafeBufferPointer { $0[index].templateValue } }
}

/// A list a section iterates.
public protocol TemplateList: Sendable {
    var count: Int { get }
    /// The element as a value of its own (for `{{.}}`).
    func element(_ index: Int) -> TemplateValue
    /// A key of the element at `index`.
    func value(at index: Int, key: TemplateKey) -> TemplateValue?
}

struct ValueList<Element: TemplateValueConvertible>: TemplateList {
    let items: [Element]
    var count: Int { items.count }
    func element(_ index: Int) -> TemplateValue { Element.element(in: items, at: index) }
    func value(at index: Int, key: TemplateKey) -> TemplateValue? { Element.value(in: items, at: index, key: key) }
}

extension String: TemplateValueConvertible {
    public var templateValue: TemplateValue { .text(self) }
}

extension Int: TemplateValueConvertible {
    public var templateValue: TemplateValue { .number(self) }
}

extension Bool: TemplateValueConvertible {
    public var templateValue: TemplateValue { .flag(self) }
}

extension LazyHTML: TemplateValueConvertible {
    public var templateValue: TemplateValue { .html(HTMLBox(self)) }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    public var templateValue: TemplateValue { .list(ListBox(ValueList(items: self))) }
}

/// A parsed template.
struct Template: Sendable {
    let name: String
    let tokens: [TemplateToken]
}

/// A dotted key as a template names it: `article.date.iso`, or `.` for the current value.
struct KeyPath: Sendable {
    let parts: [TemplateKey]
    /// `.name`: look only at the current value, not further up the stack.
    let anchored: Bool
    let isCurrent: Bool

    init(_ name: String) {
        isCurrent = name == "."
        anchored = !isCurrent && name.hasPrefix(".")
        parts = name.split(separator: ".").map { TemplateKey(String($0)) }
    }
}

indirect enum TemplateToken: Sendable {
    case text([UInt8])
    case variable(KeyPath, escaped: Bool)
    case section(KeyPath, [TemplateToken], inverted: Bool)
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with the blocks it overrides.
    case partial(String, indentation: String?, overrides: [String: [TemplateToken]]?)
    /// `{{$name}}default{{/name}}` where a parent template is expanded.
    case block(String, [TemplateToken], indentation: String)
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: an override (only ever read by the parent).
    case blockDefinition(String, [TemplateToken])
    case escaping(Bool)
}

/// A tag as written, for the theme's checks (unknown keys, missing partials) with its line and column.
struct TemplateTag: Sendable {
    enum Kind: Sendable { case variable, section, partial, parent }
    let kind: Kind
    let name: String
    let line: Int
    let column: Int
}

struct TemplateParseError: Error, Sendable {
    let message: String
    let line: Int
    let column: Int
}

/// A parser that follows swift-mustache's rules for whitespace (`Template+Parser.swift` in 2.1.1), so the
/// same theme gives the same bytes.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    private(set) var tags: [TemplateTag] = []
    /// Where the tag being read starts (its opening delimiter).
    private var currentTagStart = 0

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: Int?
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Parses the whole template.
    static func parse(_ text: String, name: String) throws(TemplateParseError) -> (Template, [TemplateTag]) {
        var parser = TemplateParser(text)
        do {
            let tokens = try parser.parse(State())
            return (Template(name: name, tokens: tokens), parser.tags)
        } catch let error as Failure {
            let (line, column) = parser.lineAndColumn(of: error.at ?? parser.position)
            throw TemplateParseError(message: error.message, line: line, column: column)
        } catch {
            throw TemplateParseError(message: "\(error)", line: 1, column: 1)
        }
    }

    private struct Failure: Error {
        let message: String
        var at: Int?
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    private var atEnd: Bool { position >= bytes.count }
    private var current: UInt8 { position < bytes.count ? bytes[position] : 0 }
    private func isNewline(_ index: Int) -> Bool { index < bytes.count && (bytes[index] == Self.newline || bytes[index] == Self.cr) }
    /// The length of the newline at `index` ("\r\n" is one).
    private func newlineLength(_ index: Int) -> Int {
        bytes[index] == Self.cr && index + 1 < bytes.count && bytes[index + 1] == Self.newline ? 2 : 1
    }

    func lineAndColumn(of offset: Int) -> (Int, Int) {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == Self.newline {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<min(max(offset, lineStart), bytes.count)], as: UTF8.self).count + 1
        return (line, column)
    }

    private mutating func readSpaces() -> [UInt8] {
        let start = position
        while !atEnd, current == Self.space || current == Self.tab { position += 1 }
        return Array(bytes[start..<position])
    }

    private mutating func skipWhitespace() {
        while !atEnd, current == Self.space || current == Self.tab || isNewline(position) { position += 1 }
    }

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        guard index + delimiter.count <= bytes.count else { return false }
        for offset in 0..<delimiter.count where bytes[index + offset] != delimiter[offset] { return false }
        return true
    }

    /// Text up to a newline (not consumed) or the opening delimiter (consumed).
    private mutating func readText(_ state: State) -> [UInt8] {
        let start = position
        while !atEnd {
            if isNewline(position) { return Array(bytes[start..<position]) }
            if matches(state.open, at: position) {
                let text = Array(bytes[start..<position])
                position += state.open.count
                return text
            }
            position += 1
        }
        return Array(bytes[start..<position])
    }

    /// At the end of the input, or only spaces then a newline (consumed with the spaces).
    private mutating func hasLineFinished() -> Bool {
        if atEnd { return true }
        var probe = position
        while probe < bytes.count, bytes[probe] == Self.space || bytes[probe] == Self.tab { probe += 1 }
        if isNewline(probe) {
            position = probe + newlineLength(probe)
            return true
        }
        return false
    }

    private mutating func isStandalone(_ state: State) -> Bool { state.newLine && hasLineFinished() }

    private static func isNameByte(_ byte: UInt8, partial: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "("),
            UInt8(ascii: ")"):
            return true
        case UInt8(ascii: "/"): return partial
        default: return false
        }
    }

    /// A tag's name, then the closing delimiter; with where the tag starts, for messages.
    private mutating func readName(_ state: State, partial: Bool = false) throws -> (String, Int) {
        let tagStart = currentTagStart
        skipWhitespace()
        let start = position
        while !atEnd, Self.isNameByte(current, partial: partial) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        guard matches(state.close, at: position) else {
            throw Failure(message: "a tag is not closed with '\(String(decoding: state.close, as: UTF8.self))'", at: position)
        }
        position += state.close.count
        if name.contains("(") {
            throw Failure(message: "'\(name)' uses a transform, which Dossier's templates do not support", at: start)
        }
        if name.hasPrefix("*") {
            throw Failure(message: "'\(name)' is a dynamic name, which Dossier's templates do not support", at: start)
        }
        return (name, tagStart)
    }

    private mutating func record(_ kind: TemplateTag.Kind, _ name: String, at offset: Int) {
        let (line, column) = lineAndColumn(of: offset)
        tags.append(TemplateTag(kind: kind, name: name, line: line, column: column))
    }

    private mutating func parse(_ initial: State) throws -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var state = initial
        var whiteSpaceBefore: [UInt8] = []
        func flush() {
            if !whiteSpaceBefore.isEmpty {
                tokens.append(.text(whiteSpaceBefore))
                whiteSpaceBefore = []
            }
        }
        while !atEnd {
            if state.newLine {
                let whiteSpace = readSpaces()
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readText(state)
            if isNewline(position) {
                let length = newlineLength(position)
                tokens.append(.text(whiteSpaceBefore + text + bytes[position..<position + length]))
                position += length
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            let tagStart = position - state.open.count
            currentTagStart = tagStart
            var setNewLine = false
            switch current {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = current == UInt8(ascii: "^")
                position += 1
                let (name, at) = try readName(state)
                record(.section, name, at: at)
                if isStandalone(state) { setNewLine = true } else { flush() }
                let children = try parse(state.withSectionName(name, newLine: setNewLine))
                tokens.append(.section(KeyPath(name), children, inverted: inverted))
            case UInt8(ascii: "/"):
                position += 1
                let (name, at) = try readName(state)
                guard name == state.sectionName else {
                    throw Failure(
                        message: state.sectionName.map { "'\(name)' closes a section, but the open one is '\($0)'" }
                            ?? "'\(name)' closes a section that is not open",
                        at: at)
                }
                if isStandalone(state) { setNewLine = true } else { flush() }
                return tokens
            case UInt8(ascii: "!"):
                position += 1
                while !atEnd, !matches(state.close, at: position) { position += 1 }
                guard !atEnd else { throw Failure(message: "a comment is not closed", at: tagStart) }
                position += state.close.count
                setNewLine = isStandalone(state)
            case UInt8(ascii: "{"):
                flush()
                position += 1
                let (name, at) = try readName(state)
                guard current == UInt8(ascii: "}") else { throw Failure(message: "a '{{{' tag is not closed with '}}}'", at: position) }
                position += 1
                record(.variable, name, at: at)
                tokens.append(.variable(KeyPath(name), escaped: false))
            case UInt8(ascii: "&"):
                flush()
                position += 1
                let (name, at) = try readName(state)
                record(.variable, name, at: at)
                tokens.append(.variable(KeyPath(name), escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                let (name, at) = try readName(state, partial: true)
                record(.partial, name, at: at)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                let indentation = String(decoding: whiteSpaceBefore, as: UTF8.self)
                if isStandalone(state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: indentation, overrides: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, overrides: nil))
                }
                whiteSpaceBefore = []
            case UInt8(ascii: "<"):
                position += 1
                skipWhitespace()
                let (name, at) = try readName(state, partial: true)
                record(.parent, name, at: at)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                let children = try parse(state.withInheritancePartial(name))
                var overrides: [String: [TemplateToken]] = [:]
                for child in children {
                    switch child {
                    case .blockDefinition(let block, let body): overrides[block] = body
                    case .text: continue
                    default:
                        throw Failure(message: "inside '{{<\(name)}}' only blocks ('{{$name}}…{{/name}}') may appear", at: at)
                    }
                }
                tokens.append(.partial(name, indentation: String(decoding: whiteSpaceBefore, as: UTF8.self), overrides: overrides))
                whiteSpaceBefore = []
            case UInt8(ascii: "$"):
                position += 1
                let (name, _) = try readName(state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockDefinition(name, body))
                } else {
                    if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.block(name, body, indentation: String(decoding: whiteSpaceBefore, as: UTF8.self)))
                    whiteSpaceBefore = []
                }
            case UInt8(ascii: "="):
                position += 1
                state = try setDelimiters(state, tagStart: tagStart)
                setNewLine = isStandalone(state)
            case UInt8(ascii: "%"):
                position += 1
                tokens.append(try pragma(state, tagStart: tagStart))
                setNewLine = isStandalone(state)
            default:
                flush()
                let (name, at) = try readName(state)
                record(.variable, name, at: at)
                tokens.append(.variable(KeyPath(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw Failure(message: "the section '\(open)' is opened but never closed", at: bytes.count)
        }
        return tokens
    }

    private mutating func setDelimiters(_ state: State, tagStart: Int) throws -> State {
        let failure = Failure(message: "a set-delimiter tag must read like {{=<% %>=}}", at: tagStart)
        skipWhitespace()
        var start = position
        while !atEnd, current != Self.space, current != Self.tab, !isNewline(position) { position += 1 }
        let open = Array(bytes[start..<position])
        skipWhitespace()
        start = position
        while !atEnd, current != Self.space, current != Self.tab, !isNewline(position), current != UInt8(ascii: "=") { position += 1 }
        let close = Array(bytes[start..<position])
        skipWhitespace()
        guard current == UInt8(ascii: "="), !open.isEmpty, !close.isEmpty else { throw failure }
        position += 1
        guard matches(state.close, at: position) else { throw failure }
        position += state.close.count
        var next = state
        next.open = open
        next.close = close
        next.isPartialDefinitionTopLevel = false
        return next
    }

    /// `{{% CONTENT_TYPE: HTML }}` (or `DOSSIER_HTML`, the same) escapes values for HTML, the default;
    /// `TEXT` leaves them as they are.
    private mutating func pragma(_ state: State, tagStart: Int) throws -> TemplateToken {
        skipWhitespace()
        var start = position
        while !atEnd, Self.isNameByte(current, partial: false) { position += 1 }
        let variable = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw Failure(message: "a pragma must read like {{% CONTENT_TYPE: HTML }}", at: tagStart) }
        position += 1
        skipWhitespace()
        start = position
        while !atEnd, Self.isNameByte(current, partial: false) { position += 1 }
        let value = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        guard matches(state.close, at: position) else { throw Failure(message: "a pragma must read like {{% CONTENT_TYPE: HTML }}", at: tagStart) }
        position += state.close.count
        guard variable == "CONTENT_TYPE" else { throw Failure(message: "unknown pragma '\(variable)'; only CONTENT_TYPE is known", at: tagStart) }
        switch value {
        case "HTML", "DOSSIER_HTML": return .escaping(true)
        case "TEXT": return .escaping(false)
        default: throw Failure(message: "unknown content type '\(value)'; use HTML or TEXT", at: tagStart)
        }
    }
}

/// Every template of a theme, by name, and how to render a model with one.
struct TemplateLibrary: Sendable {
    let templates: [String: Template]
    /// The same templates compiled into one flat program, which rendering runs.
    private let program: TemplateProgram

    init(templates: [String: Template] = [:]) {
        self.templates = templates
        program = TemplateProgram(templates)
    }

    /// A page: the layout's keys, then the page's own on top of them.
    func render(_ page: Page) -> [UInt8] {
        render(template: page.template, stack: [.model(ModelBox(page.layout)), .model(ModelBox(page.content))])
    }

    func render(_ model: any TemplateModel, template: String) -> String {
        String(decoding: render(template: template, stack: [.model(ModelBox(model))]), as: UTF8.self)
    }

    func render(template name: String, stack: [TemplateValue]) -> [UInt8] {
        guard let entry = program.entries[name] else { return [] }
        return program.run(entry, stack: stack)
    }
}

/// Templates compiled into one array of plain instructions: a section's body is the run of instructions after
/// it, texts are ranges of one byte array and key paths ranges of one key array. Rendering walks it without
/// copying a token tree's payloads (each a retain and a release: a tenth of the build's time, with the token
/// tree), and a parent's blocks, a partial's template and an override are all ranges of the same array.
struct TemplateProgram: Sendable {
    enum Kind: UInt8, Sendable {
        /// `a` ..< `a + b` of `bytes`.
        case text
        /// Path `a`; `flag`: escaped.
        case variable
        /// Path `a`, body up to `b`; `flag`: inverted.
        case section
        /// Template body `a` ..< `b` (`a` < 0: no such template), indentation string `c` (< 0: none), overrides `d` (< 0: none).
        case partial
        /// Block name `a`, default body up to `b`, indentation string `c`.
        case block
        /// `flag`: escape from here on.
        case escaping
    }

    struct Op: Sendable {
        var kind: Kind
        var flag = false
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Int32 = -1
        var d: Int32 = -1
    }

    struct Path: Sendable {
        /// `start` ..< `end` of `keys`.
        var start: Int32
        var end: Int32
        var anchored: Bool
        var isCurrent: Bool
    }

    /// An override of a block: its name and body.
    struct Override: Sendable {
        var name: Int32
        var start: Int32
        var end: Int32
    }

    private(set) var ops: [Op] = []
    private(set) var bytes: [UInt8] = []
    private(set) var keys: [TemplateKey] = []
    private(set) var paths: [Path] = []
    private(set) var strings: [String] = []
    private(set) var overrideSets: [[Override]] = []
    /// Each template's body, by name.
    private(set) var entries: [String: Range<Int32>] = [:]
    private var blockNames: [String: Int32] = [:]

    init(_ templates: [String: Template]) {
        // Every template first gets its place, so a partial naming a later one knows where it is: the bodies are
        // compiled one after another, each template's starting where the previous ended.
        var pending: [(String, Range<Int32>)] = []
        for name in templates.keys.sorted() {
            guard let template = templates[name] else { continue }
            let start = Int32(ops.count)
            compile(template.tokens, templates)
            pending.append((name, start..<Int32(ops.count)))
        }
        for (name, range) in pending { entries[name] = range }
        // Partials were compiled before every template's place was known: fill them in now.
        for index in ops.indices where ops[index].kind == .partial {
            let name = strings[Int(ops[index].a)]
            if let range = entries[name] {
                ops[index].a = range.lowerBound
                ops[index].b = range.upperBound
            } else {
                ops[index].a = -1
            }
        }
    }

    private mutating func string(_ text: String) -> Int32 {
        strings.append(text)
        return Int32(strings.count - 1)
    }

    private mutating func blockName(_ name: String) -> Int32 {
        if let id = blockNames[name] { return id }
        let id = Int32(blockNames.count)
        blockNames[name] = id
        return id
    }

    private mutating func path(_ path: KeyPath) -> Int32 {
        let start = Int32(keys.count)
        keys += path.parts
        paths.append(Path(start: start, end: Int32(keys.count), anchored: path.anchored, isCurrent: path.isCurrent))
        return Int32(paths.count - 1)
    }

    /// Appends the instructions of `tokens`; a body follows the instruction that owns it.
    private mutating func compile(_ tokens: [TemplateToken], _ templates: [String: Template]) {
        for token in tokens {
            switch token {
            case .text(let text):
                guard !text.isEmpty else { continue }
                ops.append(Op(kind: .text, a: Int32(bytes.count), b: Int32(text.count)))
                bytes += text
            case .variable(let keyPath, let escaped):
                ops.append(Op(kind: .variable, flag: escaped, a: path(keyPath)))
            case .section(let keyPath, let body, let inverted):
                let at = ops.count
                ops.append(Op(kind: .section, flag: inverted, a: path(keyPath)))
                compile(body, templates)
                ops[at].b = Int32(ops.count)
            case .partial(let name, let indentation, let overrides):
                // `a` holds the name until every template's place is known.
                var op = Op(kind: .partial, a: string(name), c: indentation.map { string($0) } ?? -1)
                if let overrides {
                    var set: [Override] = []
                    // Each override's body is compiled out of line: after a jump over it.
                    for (block, body) in overrides.sorted(by: { $0.key < $1.key }) {
                        let jump = ops.count
                        ops.append(Op(kind: .section, flag: false, a: -1))
                        let start = Int32(ops.count)
                        compile(body, templates)
                        ops[jump].b = Int32(ops.count)
                        set.append(Override(name: blockName(block), start: start, end: Int32(ops.count)))
                    }
                    overrideSets.append(set)
                    op.d = Int32(overrideSets.count - 1)
                }
                ops.append(op)
            case .block(let name, let body, let indentation):
                let at = ops.count
                ops.append(Op(kind: .block, a: blockName(name), c: string(indentation)))
                compile(body, templates)
                ops[at].b = Int32(ops.count)
            case .blockDefinition:
                continue
            case .escaping(let escaping):
                ops.append(Op(kind: .escaping, flag: escaping))
            }
        }
    }

    func run(_ entry: Range<Int32>, stack: [TemplateValue]) -> [UInt8] {
        ops.withUnsafeBufferPointer { ops in
            bytes.withUnsafeBufferPointer { bytes in
                keys.withUnsafeBufferPointer { keys in
                    paths.withUnsafeBufferPointer { paths in
                        var renderer = Renderer(program: self, ops: ops, bytes: bytes, keys: keys, paths: paths, stack: stack)
                        renderer.output.reserveCapacity(16 * 1024)
                        var context = Renderer.Context(inherited: [], indentation: "", escaping: true)
                        renderer.run(entry.lowerBound, entry.upperBound, &context)
                        return renderer.output
                    }
                }
            }
        }
    }
}

private struct Renderer {
    let program: TemplateProgram
    let ops: UnsafeBufferPointer<TemplateProgram.Op>
    let bytes: UnsafeBufferPointer<UInt8>
    let keys: UnsafeBufferPointer<TemplateKey>
    let paths: UnsafeBufferPointer<TemplateProgram.Path>
    var stack: [TemplateValue]
    var output: [UInt8] = []

    struct Context {
        /// The blocks a parent's overrides give, outermost first: the first of a name wins.
        var inherited: [TemplateProgram.Override]
        var indentation: String
        var escaping: Bool
    }

    init(
        program: TemplateProgram, ops: UnsafeBufferPointer<TemplateProgram.Op>, bytes: UnsafeBufferPointer<UInt8>,
        keys: UnsafeBufferPointer<TemplateKey>, paths: UnsafeBufferPointer<TemplateProgram.Path>, stack: [TemplateValue]
    ) {
        self.program = program
        self.ops = ops
        self.bytes = bytes
        self.keys = keys
        self.paths = paths
        self.stack = stack
    }

    /// Before content that starts a line, a partial's indentation (as swift-mustache applies it).
    private mutating func indent(_ context: Context) {
        if !context.indentation.isEmpty, output.last == UInt8(ascii: "\n") { output.append(contentsOf: context.indentation.utf8) }
    }

    /// Runs the instructions `start` ..< `end`.
    mutating func run(_ start: Int32, _ end: Int32, _ context: inout Context) {
        var position = Int(start)
        let end = Int(end)
        while position < end {
            let op = ops[position]
            switch op.kind {
            case .text:
                indent(context)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(op.a)..<Int(op.a + op.b)]))
                position += 1
            case .variable:
                if let value = lookup(op.a) { write(value, escaped: op.flag && context.escaping, context) }
                position += 1
            case .section:
                // A section without a path is the jump over an override's body.
                if op.a >= 0 {
                    let value = lookup(op.a)
                    if op.flag {
                        // The same context, not a copy (a pragma in the body holds after it, as it did in the token renderer).
                        if isFalsy(value) { run(Int32(position + 1), op.b, &context) }
                    } else {
                        section(value, Int32(position + 1), op.b, context)
                    }
                }
                position = Int(op.b)
            case .partial:
                if op.a >= 0 {
                    var inner = Context(
                        inherited: context.inherited, indentation: op.c >= 0 ? context.indentation + program.strings[Int(op.c)] : context.indentation,
                        escaping: true)
                    if op.d >= 0 { inner.inherited += program.overrideSets[Int(op.d)] }
                    run(op.a, op.b, &inner)
                }
                position += 1
            case .block:
                var inner = context
                inner.indentation += program.strings[Int(op.c)]
                if let override = context.inherited.first(where: { $0.name == op.a }) {
                    run(override.start, override.end, &inner)
                } else {
                    run(Int32(position + 1), op.b, &inner)
                }
                position = Int(op.b)
            case .escaping:
                context.escaping = op.flag
                position += 1
            }
        }
    }

    private mutating func section(_ value: TemplateValue?, _ start: Int32, _ end: Int32, _ context: Context) {
        var context = context
        switch value {
        case .none, .absent?: return
        case .flag(let flag)?: if flag { run(start, end, &context) }
        case .list(let list)?:
            for index in 0..<list.list.count {
                stack.append(.element(list, index))
                run(start, end, &context)
                stack.removeLast()
            }
        case let value?:
            stack.append(value)
            run(start, end, &context)
            stack.removeLast()
        }
    }

    private func isFalsy(_ value: TemplateValue?) -> Bool {
        switch value {
        case .none, .absent?: return true
        case .flag(let flag)?: return !flag
        case .list(let list)?: return list.list.count == 0
        default: return false
        }
    }

    private mutating func write(_ value: TemplateValue, escaped: Bool, _ context: Context) {
        switch value {
        case .absent, .model, .list: return
        case .element(let list, let index): write(list.list.element(index), escaped: escaped, context)
        case .text(let text): append(text, escaped: escaped, context)
        case .number(let number): append(String(number), escaped: escaped, context)
        case .flag(let flag): append(flag ? "true" : "false", escaped: escaped, context)
        case .html(let box):
            let html = box.html
            guard !escaped, let write = html.write else { return append(html.renderText, escaped: escaped, context) }
            // As `append` does: indented only when something is written.
            let before = output.count
            indent(context)
            let indented = output.count
            write(&output)
            if output.count == indented { output.removeLast(indented - before) }
        }
    }

    private mutating func append(_ text: String, escaped: Bool, _ context: Context) {
        guard !text.isEmpty else { return }
        indent(context)
        if escaped { SiteText.appendHTML(text, to: &output) } else { output.append(contentsOf: text.utf8) }
    }

    private func lookup(_ index: Int32) -> TemplateValue? {
        let path = paths[Int(index)]
        if path.isCurrent { return stack.last }
        guard path.start < path.end else { return nil }
        let first = keys[Int(path.start)]
        var value: TemplateValue?
        if path.anchored {
            value = stack.last.flatMap { Self.child(first, of: $0) }
        } else {
            value = stack.withUnsafeBufferPointer { frames in
                var position = frames.count - 1
                while position >= 0 {
                    if let found = Self.child(first, of: frames[position]) { return found }
                    position -= 1
                }
                return nil
            }
        }
        var part = Int(path.start) + 1
        while part < Int(path.end) {
            guard let current = value else { return nil }
            value = Self.child(keys[part], of: current)
            part += 1
        }
        return value
    }

    private static func child(_ key: TemplateKey, of value: TemplateValue) -> TemplateValue? {
        switch value {
        case .model(let box): return box.model.value(key: key)
        case .element(let list, let index): return list.list.value(at: index, key: key)
        default: return nil
        }
    }
}
