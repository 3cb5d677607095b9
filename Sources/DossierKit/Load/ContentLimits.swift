// Bounds on what one load reads, so a huge or hostile content folder gives a located error, never a crash, a hang
// or running out of memory.

/// The limits the loader enforces. The defaults are far above any real dossier (the seed dossier's largest file is
/// a few kilobytes, its deepest Markdown three levels); tests pass small ones.
public struct ContentLimits: Sendable, Hashable {
    /// Bytes in one content file (dossier.yaml included).
    public var fileBytes = 10 * 1024 * 1024
    /// Content files (`.md` files in the kind folders) in one dossier.
    public var files = 200_000
    /// Block quotes and lists inside each other in one Markdown text.
    public var markdownNesting = 64
    /// Lists and field sets inside each other in one front matter.
    public var yamlNesting = 64
    /// Values in one front matter once YAML aliases (`*name`) are expanded: a few anchors that refer to each
    /// other can otherwise stand for billions of values.
    public var yamlNodes = 100_000

    public init() {}

    public static let `default` = ContentLimits()

    /// "10 MB", "512 bytes": a byte count for messages.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024 {
            let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
            return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
        }
        if bytes >= 1024 { return "\((bytes + 512) / 1024) KB" }
        return "\(bytes) bytes"
    }
}
