import Foundation
import GRDB
import TieoutCore
import TieoutIngest

/// A condition on one kind's records, as SQL over its columns, with its arguments. The
/// caller builds it from checked identifiers (fields of the kind) and binds every value.
package struct RecordFilter: Sendable, Equatable {
    package var sql: String
    package var arguments: [SQLArgument]

    package init(sql: String, arguments: [SQLArgument] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    /// Every record (`TRUE`: a boolean, as PostgreSQL's WHERE needs; SQLite reads it as 1).
    package static let all = RecordFilter(sql: "TRUE")

    /// Both conditions.
    package func and(_ other: RecordFilter) -> RecordFilter {
        if sql == "TRUE" { return other }
        if other.sql == "TRUE" { return self }
        return RecordFilter(sql: "(\(sql)) AND (\(other.sql))", arguments: arguments + other.arguments)
    }
}

/// A value bound into a filter.
package enum SQLArgument: Sendable, Equatable {
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
package struct AggregateRequest: Sendable {
    package enum Function: String, Sendable { case sum, min, max, count }
    package var function: Function
    /// The field aggregated; nil with `.count`: records counted.
    package var field: String?
    package var filter: RecordFilter

    package init(_ function: Function, field: String?, filter: RecordFilter) {
        self.function = function
        self.field = field
        self.filter = filter
    }
}

/// Totals of an amount field by calendar month of a date field, computed in a figures' scan.
package struct MonthlyRequest: Sendable, Equatable {
    package var dateField: String
    package var field: String
    package init(dateField: String, field: String) {
        self.dateField = dateField
        self.field = field
    }
}

/// One month's exact total, how many values, and the first few places.
package struct MonthTotal: Sendable, Equatable {
    package var month: String
    package var total: Amount
    package var count: Int
    package var examples: [String]
}

/// What an aggregate came to: its value (nil: no value to aggregate), how many values it
/// stands on, and the places of the first few (scan order).
package struct AggregateResult: Sendable, Equatable {
    package var value: Amount?
    package var count: Int
    package var examples: [String]
}

extension DatasetStore {

    /// Computes `requests` over the active records of `kind` that pass `base`, in one scan of
    /// its table inside SQLite: exact sums (``ExactAggregates``), counts and the first few
    /// places, never loading a record. `records` is how many records pass `base` (0: the
    /// ledger is absent). A kind without a table yet has no records. A large table is scanned
    /// in parts, by ranges of record ids, one connection and core each, and the parts merged
    /// exactly (sums added, the first ids of the earliest part first).
    package func aggregate(_ kind: RecordKind, base: RecordFilter = .all, _ requests: [AggregateRequest],
                          monthly: [MonthlyRequest] = []) throws(TieoutError) -> (records: Int, results: [AggregateResult], months: [[MonthTotal]]) {
        // One call per row for each field (and mode) aggregated, with every figure's condition over it.
        var groups: [(key: String, mode: Int, value: String, members: [Int])] = []
        for (i, r) in requests.enumerated() {
            let mode = r.function == .min ? 1 : (r.function == .max ? 2 : 0)
            let value = r.function == .count ? "1" : r.field.map { "t." + Self.quoted($0) } ?? "1"
            let key = "\(mode) \(value)"
            if let g = groups.firstIndex(where: { $0.key == key && $0.members.count < 100 }) { groups[g].members.append(i) } else {
                groups.append((key, mode, value, [i]))
            }
        }
        var columns = ["count(*)"]
        var arguments: [DatabaseValue] = []
        for g in groups {
            columns.append("tieout_picks(\(g.mode), \(g.value), t.id, " + g.members.map { requests[$0].filter.sql }.joined(separator: ", ") + ")")
            for i in g.members { arguments += requests[i].filter.arguments.map(\.databaseValue) }
        }
        // Totals by month ride along the same scan.
        for m in monthly {
            columns.append("tieout_group(substr(t.\(Self.quoted(m.dateField)), 1, 7), t.\(Self.quoted(m.field)), t.id)")
        }
        arguments += base.arguments.map(\.databaseValue)
        let sql = "SELECT " + columns.joined(separator: ", ") + " FROM " + Self.quoted(kind.table)
            + " t WHERE t.file_id IN (SELECT id FROM files WHERE status = 'active') AND (\(base.sql)) AND t.id >= ? AND t.id < ?"

        var picks = requests.map { r in Pick(mode: r.function == .min ? 1 : (r.function == .max ? 2 : 0)) }
        var months = monthly.map { _ in [String: Pick]() }
        var records = 0
        do {
            let ranges: [(Int64, Int64)] = try queue.read { db in
                guard try db.tableExists(kind.table) else { return [] }
                guard let row = try Row.fetchOne(db, sql: "SELECT count(*), min(id), max(id) FROM \(Self.quoted(kind.table))"),
                      let lo = row[1] as Int64?, let hi = row[2] as Int64? else { return [] }
                let n: Int = row[0]
                let parts = Swift.max(1, Swift.min(self.scan.maxParts, n / self.scan.rowsPerPart))
                let step = (hi - lo) / Int64(parts) + 1
                return (0..<parts).map { k in (lo + Int64(k) * step, k == parts - 1 ? hi + 1 : lo + Int64(k + 1) * step) }
            }
            if ranges.isEmpty {
                return (0, requests.map { _ in AggregateResult(value: nil, count: 0, examples: []) }, monthly.map { _ in [] })
            }
            // Each part's row of results (as text), in part order; each slot written by one thread.
            let outputs = PartResults(ranges.count)
            let columnCount = columns.count
            if ranges.count == 1 {
                try queue.read { db in outputs.slots[0] = Result { try Self.runPart(db, sql, arguments, ranges[0], columnCount) } }
            } else {
                let path = self.path
                let sendableArguments = arguments
                DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
                    outputs.slots[k] = Result {
                        var config = Configuration()
                        config.readonly = true
                        config.busyMode = .timeout(30)
                        config.prepareDatabase { db in try ExactAggregates.register(db) }
                        let q = try DatabaseQueue(path: path, configuration: config)
                        return try q.read { db in try Self.runPart(db, sql, sendableArguments, ranges[k], columnCount) }
                    }
                }
            }
            for k in 0..<ranges.count {
                let out = try outputs.slots[k]!.get()
                guard !out.isEmpty else { continue }
                records += Int(out[0] ?? "0") ?? 0
                for (g, group) in groups.enumerated() {
                    let lines = (out[1 + g] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    for (j, i) in group.members.enumerated() where j < lines.count {
                        try picks[i].merge(line: lines[j].split(separator: ";", omittingEmptySubsequences: false).map(String.init))
                    }
                }
                for m in monthly.indices {
                    for line in (out[1 + groups.count + m] ?? "").split(separator: "\n") {
                        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                        try months[m][f[0], default: Pick(mode: 0)].merge(line: Array(f[1...]))
                    }
                }
            }
            let wanted = picks.flatMap(\.ids) + months.flatMap { $0.values.flatMap(\.ids) }
            let places = try queue.read { db in try Self.places(db, kind: kind, ids: Array(Set(wanted))) }
            let results = requests.enumerated().map { i, r in
                AggregateResult(value: r.function == .count || r.field == nil ? Amount(picks[i].count) : picks[i].value, count: picks[i].count,
                                examples: picks[i].ids.compactMap { places[$0]?.place(of: r.function == .count ? nil : r.field) })
            }
            // A month is there only for a value of it: its total is always a sum of something.
            let monthTotals = try months.enumerated().map { m, byMonth in
                try byMonth.keys.sorted().map { key in
                    let p = byMonth[key]!
                    guard let total = p.value else { throw DatabaseError(message: "tieout_group: the month \(key) has no total") }
                    return MonthTotal(month: key, total: total, count: p.count, examples: p.ids.compactMap { places[$0]?.place(of: monthly[m].field) })
                }
            }
            return (records, results, monthTotals)
        } catch let e as TieoutError {
            throw e
        } catch let e as DatabaseError where e.message?.hasPrefix("tieout_") == true {
            throw TieoutError(code: "store.damaged", key: "store.unsummable", ["table": kind.table, "reason": e.message ?? ""],
                              location: SourceLocation(file: path))
        } catch {
            throw fault(error, Phrase("error.doing.computing-figures", ["table": kind.table]))
        }
    }

    /// One part of a scan: the row of results as text (the record count first).
    static func runPart(_ db: Database, _ sql: String, _ arguments: [DatabaseValue], _ range: (Int64, Int64), _ columns: Int) throws -> [String?] {
        let args = StatementArguments(arguments + [range.0.databaseValue, range.1.databaseValue])
        guard let row = try Row.fetchOne(db, sql: sql, arguments: args) else { return [] }
        return (0..<columns).map { i in i == 0 ? String(row[0] as Int) : row[i] as String? }
    }

    /// The parts' results; slot k is written only by the thread of part k, and read after all are done.
    final class PartResults: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<Result<[String?], Error>?>
        init(_ n: Int) {
            slots = .allocate(capacity: n)
            slots.initialize(repeating: nil)
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
    }

    /// One figure's value from the parts of a scan: `value;count;id,id,…` each, merged in part order.
    struct Pick {
        var mode: Int
        var value: Amount?
        var count = 0
        var ids: [Int64] = []

        init(mode: Int) { self.mode = mode }

        mutating func merge(line: [String]) throws {
            guard line.count >= 3 else { return }
            let n = Int(line[1]) ?? 0
            guard n > 0 else { return }
            let v = try Amount.parse(line[0])
            if let v {
                if let old = value {
                    switch mode {
                    case 1: value = Swift.min(old, v)
                    case 2: value = Swift.max(old, v)
                    default:
                        guard let sum = old.addingReportingOverflow(v) else {
                            throw DatabaseError(message: "tieout_picks: a result needs more than 38 digits")
                        }
                        value = sum
                    }
                } else {
                    value = v
                }
            }
            count += n
            for id in line[2].split(separator: ",").compactMap({ Int64($0) }) where ids.count < 5 { ids.append(id) }
        }
    }

    /// Where a record is: its file, sheet, row and the column letters of its fields.
    struct RecordPlace {
        var file: String, sheet: String?, row: Int, letters: [String: FieldCell]
        func place(of field: String?) -> String {
            let cell = field.flatMap { letters[$0] }.map { $0.at(row) } ?? "row \(row)"
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
        var letters: [Int64: [String: FieldCell]] = [:]
        for fileId in Set(rows.map { $0["file_id"] as Int64 }) {
            letters.merge(try fieldColumns(db, file: fileId)) { a, _ in a }
        }
        for r in rows {
            let fileId: Int64 = r["file_id"]
            out[r["id"]] = RecordPlace(file: r["path"], sheet: r["sheet"], row: r["row"], letters: letters[fileId] ?? [:])
        }
        return out
    }

    /// One record selected by a filter, as `tieout explain` lists it.
    package struct SelectedValue: Sendable {
        package var file: String
        package var sheet: String?
        package var row: Int
        /// `I7`, or nil when the record is counted as a whole or the value is a constant.
        package var cell: String?
        /// The field's stored text (decimal, integer); nil when the record is counted.
        package var value: String?
        /// The stored text of each field asked for as `shown` (a voucher, a 摘要), by field.
        package var shown: [String: String] = [:]
    }

    /// Streams the active records of `kind` passing `base` and `filter`, in file and row order,
    /// with the place and stored value of `field` (nil: records counted). Memory stays flat.
    package func forEachSelected(_ kind: RecordKind, base: RecordFilter = .all, filter: RecordFilter, field: String?, shown: [String] = [],
                                _ body: (SelectedValue) throws -> Void) throws(TieoutError) {
        // Only the kind's own fields are columns of its table.
        let shown = shown.filter { kind.field($0) != nil }
        do {
            try queue.read { db in
                guard try db.tableExists(kind.table) else { return }
                let letters = try Self.fieldColumns(db)
                let select = DatasetSQL.selected(kind, base: base, filter: filter, field: field, shown: shown)
                let rows = try Row.fetchCursor(db, sql: select.sql, arguments: StatementArguments(select.arguments.map(\.databaseValue)))
                while let r = try rows.next() {
                    let fileId: Int64 = r["file_id"], row: Int = r["row"]
                    let cell = field.flatMap { letters[fileId]?[$0] }.map { $0.at(row) }
                    var value: String? = nil
                    if field != nil {
                        let dbValue: DatabaseValue = r["_value"]
                        switch dbValue.storage {
                        case .int64(let n): value = String(n)
                        case .string(let s): value = s
                        default: value = dbValue.description
                        }
                    }
                    var texts: [String: String] = [:]
                    for (i, name) in shown.enumerated() {
                        let dbValue: DatabaseValue = r["_shown\(i)"]
                        switch dbValue.storage {
                        case .null: continue
                        case .int64(let n): texts[name] = String(n)
                        case .string(let s): texts[name] = s
                        default: texts[name] = dbValue.description
                        }
                    }
                    try body(SelectedValue(file: r["path"], sheet: r["sheet"], row: row, cell: cell, value: value, shown: texts))
                }
            }
        } catch let e as TieoutError { throw e } catch { throw fault(error, Phrase("error.doing.listing-records", ["table": kind.table])) }
    }
}


extension DatasetStore {
    /// Of `fields`, those no active file of `kind` has a column for and no record holds a value
    /// of (a constant): absent from the ledgers, so a figure over them cannot be computed (a
    /// column that is there but blank is a zero, not an absence).
    package func absentFields(of kind: RecordKind, _ fields: Set<String>) throws(TieoutError) -> Set<String> {
        guard !fields.isEmpty else { return [] }
        do {
            return try queue.read { db in
                guard try db.tableExists(kind.table) else { return fields }
                let mapped = Set(try String.fetchAll(db, sql: """
                    SELECT DISTINCT ff.field FROM file_fields ff JOIN files f ON f.id = ff.file_id WHERE f.status = 'active' AND f.kind = ?
                    """, arguments: [kind.name]))
                var out = Set<String>()
                for field in fields.subtracting(mapped) where kind.field(field) != nil {
                    let n = try Int.fetchOne(db, sql: """
                        SELECT count(t.\(Self.quoted(field))) FROM \(Self.quoted(kind.table)) t WHERE t.file_id IN (SELECT id FROM files WHERE status = 'active')
                        """) ?? 0
                    if n == 0 { out.insert(field) }
                }
                return out
            }
        } catch { throw fault(error, Phrase("error.doing.reading-fields", ["table": kind.table])) }
    }
}
