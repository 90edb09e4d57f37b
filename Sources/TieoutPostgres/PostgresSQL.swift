import Foundation
import TieoutCore

/// A value sent to PostgreSQL as text, as a statement's parameter or a `COPY` field: the
/// server converts it to the column's type, so `numeric` gets every digit. There is no
/// conformance for `Double` or `Float`, on purpose: amounts travel as ``Amount``'s exact text.
public protocol PostgresBindable {
    /// The value's text; nil is SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresBindable { public var postgresText: String? { self } }
extension Substring: PostgresBindable { public var postgresText: String? { String(self) } }
extension Int: PostgresBindable { public var postgresText: String? { String(self) } }
extension Int64: PostgresBindable { public var postgresText: String? { String(self) } }
extension Int32: PostgresBindable { public var postgresText: String? { String(self) } }
extension Bool: PostgresBindable { public var postgresText: String? { self ? "true" : "false" } }
extension Amount: PostgresBindable { public var postgresText: String? { description } }
extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresText: String? { self?.postgresText }
}

/// A statement and its arguments, written as one string, like GRDB's `SQL`: an interpolated
/// value becomes a parameter (`$1`, `$2` …, sent as text), never part of the SQL.
///
/// ```swift
/// let unit = "福田区财政局"
/// try db.execute("UPDATE queue.units SET state = 'done' WHERE name = \(unit)")
/// // UPDATE queue.units SET state = 'done' WHERE name = $1   ["福田区财政局"]
/// try db.execute("CREATE SCHEMA IF NOT EXISTS \(identifier: schema)")
/// ```
/// Fragments join with `+` and interpolate into each other; their parameters are numbered
/// when the statement is sent.
public struct PostgresSQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Sendable {
        case sql(String)
        case value(String?)
    }
    var parts: [Part]

    public init(stringLiteral value: String) { parts = [.sql(value)] }
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }
    /// Literal SQL, with no arguments.
    public init(sql: String) { parts = [.sql(sql)] }
    /// Literal SQL with `$1`… already in it and their arguments.
    public init(sql: String, arguments: [String?]) {
        parts = [.sql(sql)]
        raw = arguments
    }
    /// Arguments of `init(sql:arguments:)`, numbered before the interpolated ones.
    var raw: [String?] = []

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { parts.append(.sql(literal)) }
        /// A value: a parameter.
        public mutating func appendInterpolation(_ value: some PostgresBindable) { parts.append(.value(value.postgresText)) }
        /// An optional value: a parameter, NULL when nil.
        public mutating func appendInterpolation<T: PostgresBindable>(_ value: T?) { parts.append(.value(value?.postgresText ?? nil)) }
        /// Literal SQL (a keyword, a column list built by the caller).
        public mutating func appendInterpolation(sql: String) { parts.append(.sql(sql)) }
        /// A name (schema, table, column), quoted: `"unit 1"`.
        public mutating func appendInterpolation(identifier: String) { parts.append(.sql(PostgresSQL.quote(identifier: identifier))) }
        /// Another statement's text and arguments.
        public mutating func appendInterpolation(_ fragment: PostgresSQL) {
            precondition(fragment.raw.isEmpty, "a fragment with numbered arguments cannot be interpolated")
            parts += fragment.parts
        }
    }

    public static func + (a: PostgresSQL, b: PostgresSQL) -> PostgresSQL {
        precondition(a.raw.isEmpty && b.raw.isEmpty, "fragments with numbered arguments cannot be joined")
        var s = a
        s.parts += b.parts
        return s
    }

    /// The SQL, with `$n` for each argument, and the arguments' texts.
    public func build() -> (sql: String, arguments: [String?]) {
        var sql = ""
        var arguments = raw
        for part in parts {
            switch part {
            case .sql(let text): sql += text
            case .value(let value):
                arguments.append(value)
                sql += "$\(arguments.count)"
            }
        }
        return (sql, arguments)
    }

    /// The SQL with `$n` placeholders (arguments are not shown: they may be anything).
    public var description: String { build().sql }

    /// `"name"`, with `"` doubled.
    public static func quote(identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `'text'`, with `'` doubled: for the few places that take no parameters (`SET`, DDL defaults).
    public static func quote(literal: String) -> String {
        "'" + literal.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
