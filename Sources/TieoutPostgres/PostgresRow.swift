import TieoutCore

/// One row of a query: each value the server's text, or nil for NULL.
public struct PostgresRow: Sendable, Equatable, CustomStringConvertible {
    /// The column names of a result, shared by its rows.
    public final class Columns: Sendable {
        public let names: [String]
        let index: [String: Int]
        init(names: [String]) {
            self.names = names
            var index: [String: Int] = [:]
            for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
            self.index = index
        }
    }

    public let columns: Columns
    public let values: [String?]

    public subscript(_ i: Int) -> String? { values[i] }
    /// The value of the first column of that name; nil when NULL or when there is no such column.
    public subscript(_ name: String) -> String? { columns.index[name].flatMap { values[$0] } }

    /// The column's value as an integer, nil when NULL or not an integer.
    public func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }
    /// The column's value as an exact amount (a `numeric`'s text), nil when NULL.
    public func amount(_ name: String) -> Amount? { self[name].flatMap { Amount($0) } }

    public static func == (a: PostgresRow, b: PostgresRow) -> Bool { a.columns.names == b.columns.names && a.values == b.values }

    public var description: String {
        "(" + zip(columns.names, values).map { "\($0)=\($1.map { "\"\($0)\"" } ?? "NULL")" }.joined(separator: ", ") + ")"
    }
}
