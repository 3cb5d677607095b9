// Where something is in the content, and what is wrong there.

/// A place in a content file, printed `path:line:column` as editors and CI expect.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

public enum Severity: String, Sendable, Hashable, Comparable {
    case error, warning

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .error && rhs == .warning }
}

/// One problem found in the content or the templates. Diagnostics are collected, never thrown one at a time.
/// The `code` is stable (other people's CI may depend on it, see the README's table); the message may be reworded.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var code: DiagnosticCode
    public var location: SourceLocation
    public var message: String
    /// What to change, when one change is known to fix it ("write 'denies'"); the message says it in its own words too.
    public var fix: String?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ location: SourceLocation, _ message: String, fix: String? = nil) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.fix = fix
    }

    public static func error(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String, fix: String? = nil) -> Self {
        .init(.error, code, location, message, fix: fix)
    }

    public static func warning(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String, fix: String? = nil) -> Self {
        .init(.warning, code, location, message, fix: fix)
    }

    /// `path:line:column: error: message [code]`, the line swift-format and compilers print, which editors pick up.
    public var description: String { "\(location): \(severity.rawValue): \(message) [\(code.rawValue)]" }

    /// One JSON object: file, line, column, severity, code, message, and fix when one is known.
    public var json: String {
        var object: [String: JSONValue] = [
            "file": .string(location.path), "line": .int(location.line), "column": .int(location.column),
            "severity": .string(severity.rawValue), "code": .string(code.rawValue), "message": .string(message),
        ]
        if let fix { object["fix"] = .string(fix) }
        return JSONValue.object(object).serialized()
    }

    /// A GitHub Actions workflow command (`::error file=…,line=…,col=…,title=…::message`), which the
    /// Actions runner turns into an annotation on the file and line.
    public var githubAnnotation: String {
        let properties = [
            "file=" + Self.githubProperty(location.path), "line=\(location.line)", "col=\(location.column)",
            "title=" + Self.githubProperty(code.rawValue),
        ]
        let text = fix.map { "\(message) (fix: \($0))" } ?? message
        return "::\(severity.rawValue) \(properties.joined(separator: ","))::\(Self.githubData(text))"
    }

    /// The escaping the Actions runner undoes in a command's message.
    static func githubData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// The escaping the Actions runner undoes in a command's property values, where ':' and ',' separate.
    static func githubProperty(_ text: String) -> String {
        githubData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by path, line, column, then severity, code and message: the order they are printed in.
    public func sortedForOutput() -> [Diagnostic] {
        sorted {
            ($0.location, $0.severity, $0.code.rawValue, $0.message) < ($1.location, $1.severity, $1.code.rawValue, $1.message)
        }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
