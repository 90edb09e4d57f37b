import GRDB
import TieoutCore
import TieoutIngest

/// A condition on one kind's records, as SQL over its columns, with its arguments. The
/// caller builds it from checked identifiers (fields of the kind) and binds every value.
public struct RecordFilter: Sendable, Equatable {
    public var sql: String
    public var arguments: [SQLArgument]

    public init(sql: String, arguments: [SQLArgument] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    /// Every record.
    public static let all = RecordFilter(sql: "1")

    /// Both conditions.
    public func and(_ other: RecordFilter) -> RecordFilter {
        if sql == "1" { return other }
        if other.sql == "1" { return self }
        return RecordFilter(sql: "(\(sql)) AND (\(other.sql))", arguments: arguments + other.arguments)
    }
}

/// A value bound into a filter.
public enum SQLArgument: Sendable, Equatable {
    case text(String)
    case integer(Int)

    var databaseValue: DatabaseValue {
        switch self {
        case .text(let s): s.databaseValue
        case .integer(let n): n.databaseValue
        }
    }
}

/// One aggregate over a kind's records.
public struct AggregateRequest: Sendable {
    public enum Function: String, Sendable { case sum, min, max, count }
    public var function: Function
    /// The field aggregated; nil with `.count`: records counted.
    public var field: String?
    public var filter: RecordFilter

    public init(_ function: Function, field: String?, filter: RecordFilter) {
        self.function = function
        self.field = field
        self.filter = filter
    }
}

/// What an aggregate came to: its value (nil: no value to aggregate), how many values it
/// stands on, and the places of the first few (scan order).
public struct AggregateResult: Sendable, Equatable {
    public var value: Amount?
    public var count: Int
    public var examples: [String]
}

extension DatasetStore {
    /// Computes `requests` over the active records of `kind` that pass `base`, in one scan of
    /// its table inside SQLite: exact sums (``ExactAggregates``), counts and the first few
    /// places, never loading a record. `records` is how many records pass `base` (0: the
    /// ledger is absent). A kind without a table yet has no records.
    public func aggregate(_ kind: RecordKind, base: RecordFilter = .all, _ requests: [AggregateRequest]) throws(TieoutError) -> (records: Int, results: [AggregateResult]) {
        do {
            return try queue.read { db in
                guard try db.tableExists(kind.table) else {
                    return (0, requests.map { _ in AggregateResult(value: nil, count: 0, examples: []) })
                }
                var columns = ["count(*)"]
                var arguments: [DatabaseValue] = []
                for r in requests {
                    let c = r.filter.sql, args = r.filter.arguments.map(\.databaseValue)
                    if let field = r.field, r.function != .count {
                        let f = "t." + Self.quoted(field)
                        let fn = "tieout_" + r.function.rawValue
                        columns += ["\(fn)(CASE WHEN \(c) THEN \(f) END)", "count(CASE WHEN \(c) THEN \(f) END)",
                                    "tieout_first(CASE WHEN (\(c)) AND \(f) IS NOT NULL THEN t.id END)"]
                        arguments += args + args + args
                    } else {
                        columns += ["NULL", "count(CASE WHEN \(c) THEN 1 END)", "tieout_first(CASE WHEN \(c) THEN t.id END)"]
                        arguments += args + args
                    }
                }
                arguments += base.arguments.map(\.databaseValue)
                let sql = "SELECT " + columns.joined(separator: ", ") + " FROM " + Self.quoted(kind.table)
                    + " t WHERE t.file_id IN (SELECT id FROM files WHERE status = 'active') AND (\(base.sql))"
                guard let row = try Row.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) else { return (0, []) }
                let records: Int = row[0]
                var results: [AggregateResult] = []
                var wanted: [Int64] = []
                var firsts: [[Int64]] = []
                for (i, r) in requests.enumerated() {
                    let count: Int = row[2 + 3 * i]
                    var value: Amount? = nil
                    if r.function == .count || r.field == nil { value = Amount(count) } else if let text = row[1 + 3 * i] as String? {
                        value = try Amount.parse(text)
                    }
                    let ids = ((row[3 + 3 * i] as String?) ?? "").split(separator: ",").compactMap { Int64($0) }
                    wanted += ids
                    firsts.append(ids)
                    results.append(AggregateResult(value: value, count: count, examples: []))
                }
                let places = try Self.places(db, kind: kind, ids: Array(Set(wanted)))
                for (i, r) in requests.enumerated() {
                    results[i].examples = firsts[i].compactMap { id in places[id].map { $0.place(of: r.function == .count ? nil : r.field) } }
                }
                return (records, results)
            }
        } catch let e as TieoutError {
            throw e
        } catch let e as DatabaseError where e.message?.hasPrefix("tieout_") == true {
            throw TieoutError(code: "store.damaged", what: "the dataset's \(kind.table) table cannot be summed: \(e.message ?? "")",
                              location: SourceLocation(file: path),
                              help: "The dataset was changed outside Tieout or is damaged: move it aside and run `tieout ingest` to rebuild it from the ledgers.")
        } catch {
            throw fault(error, "computing figures over \(kind.table)")
        }
    }

    /// Where a record is: its file, sheet, row and the column letters of its fields.
    struct RecordPlace {
        var file: String, sheet: String?, row: Int, letters: [String: String]
        func place(of field: String?) -> String {
            let cell = field.flatMap { letters[$0] }.map { $0 + String(row) } ?? "row \(row)"
            return file + (sheet.map { "[\($0)]" } ?? "") + "!" + cell
        }
    }

    static func places(_ db: Database, kind: RecordKind, ids: [Int64]) throws -> [Int64: RecordPlace] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: RecordPlace] = [:]
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.id, t.row, t.file_id, f.path, f.sheet FROM \(quoted(kind.table)) t JOIN files f ON f.id = t.file_id WHERE t.id IN (\(marks))
            """, arguments: StatementArguments(ids))
        var letters: [Int64: [String: String]] = [:]
        for fileId in Set(rows.map { $0["file_id"] as Int64 }) {
            for r in try Row.fetchAll(db, sql: "SELECT field, column_letter FROM file_fields WHERE file_id = ?", arguments: [fileId]) {
                letters[fileId, default: [:]][r["field"]] = r["column_letter"]
            }
        }
        for r in rows {
            let fileId: Int64 = r["file_id"]
            out[r["id"]] = RecordPlace(file: r["path"], sheet: r["sheet"], row: r["row"], letters: letters[fileId] ?? [:])
        }
        return out
    }

    /// One record selected by a filter, as `tieout explain` lists it.
    public struct SelectedValue: Sendable {
        public var file: String
        public var sheet: String?
        public var row: Int
        /// `I7`, or nil when the record is counted as a whole or the value is a constant.
        public var cell: String?
        /// The field's stored text (decimal, integer); nil when the record is counted.
        public var value: String?
    }

    /// Streams the active records of `kind` passing `base` and `filter`, in file and row order,
    /// with the place and stored value of `field` (nil: records counted). Memory stays flat.
    public func forEachSelected(_ kind: RecordKind, base: RecordFilter = .all, filter: RecordFilter, field: String?,
                                _ body: (SelectedValue) throws -> Void) throws(TieoutError) {
        do {
            try queue.read { db in
                guard try db.tableExists(kind.table) else { return }
                let letters = try Self.fieldColumns(db)
                let f = field.map { "t." + Self.quoted($0) }
                let sql = "SELECT t.file_id, t.row, f.path, f.sheet\(f.map { ", " + $0 + " AS _value" } ?? "") FROM \(Self.quoted(kind.table)) t"
                    + " JOIN files f ON f.id = t.file_id WHERE f.status = 'active' AND (\(base.sql)) AND (\(filter.sql))"
                    + (f.map { " AND \($0) IS NOT NULL" } ?? "") + " ORDER BY f.path, t.row, t.id"
                let args = (base.arguments + filter.arguments).map(\.databaseValue)
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
                while let r = try rows.next() {
                    let fileId: Int64 = r["file_id"], row: Int = r["row"]
                    let cell = field.flatMap { letters[fileId]?[$0] }.map { $0 + String(row) }
                    var value: String? = nil
                    if field != nil {
                        let dbValue: DatabaseValue = r["_value"]
                        switch dbValue.storage {
                        case .int64(let n): value = String(n)
                        case .string(let s): value = s
                        default: value = dbValue.description
                        }
                    }
                    try body(SelectedValue(file: r["path"], sheet: r["sheet"], row: row, cell: cell, value: value))
                }
            }
        } catch let e as TieoutError { throw e } catch { throw fault(error, "listing records of \(kind.table)") }
    }
}

extension DatasetStore {
    /// The exact total of `field` by calendar month of `dateField` (`2024-03`), over the active
    /// records passing `base`, with how many values and the first few places: one grouped scan.
    public func totalsByMonth(_ kind: RecordKind, dateField: String, field: String, base: RecordFilter = .all) throws(TieoutError)
        -> [(month: String, total: Amount, count: Int, examples: [String])] {
        do {
            return try queue.read { db in
                guard try db.tableExists(kind.table) else { return [] }
                let d = "t." + Self.quoted(dateField), f = "t." + Self.quoted(field)
                let rows = try Row.fetchAll(db, sql: """
                    SELECT substr(\(d), 1, 7) AS month, tieout_sum(\(f)) AS total, count(\(f)) AS n, tieout_first(CASE WHEN \(f) IS NOT NULL THEN t.id END) AS firsts
                    FROM \(Self.quoted(kind.table)) t WHERE t.file_id IN (SELECT id FROM files WHERE status = 'active') AND \(d) IS NOT NULL AND (\(base.sql))
                    GROUP BY month ORDER BY month
                    """, arguments: StatementArguments(base.arguments.map(\.databaseValue)))
                let ids = rows.flatMap { (($0["firsts"] as String?) ?? "").split(separator: ",").compactMap { Int64($0) } }
                let places = try Self.places(db, kind: kind, ids: ids)
                return try rows.map { r in
                    let firsts = ((r["firsts"] as String?) ?? "").split(separator: ",").compactMap { Int64($0) }
                    return (r["month"], try (r["total"] as String?).flatMap { try Amount.parse($0) } ?? .zero, r["n"],
                            firsts.compactMap { places[$0]?.place(of: field) })
                }
            }
        } catch let e as TieoutError { throw e } catch { throw fault(error, "totalling \(kind.table) by month") }
    }
}
