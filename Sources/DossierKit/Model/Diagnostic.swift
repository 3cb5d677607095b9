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
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SourceLocation, _ message: String) -> Self { .init(.error, location, message) }
    public static func warning(_ location: SourceLocation, _ message: String) -> Self { .init(.warning, location, message) }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// One JSON object, for CI annotations.
    public var json: String {
        JSONValue.object([
            "file": .string(location.path), "line": .int(location.line), "column": .int(location.column),
            "severity": .string(severity.rawValue), "message": .string(message),
        ]).serialized()
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by path, line, column, then severity and message: the order they are printed in.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
