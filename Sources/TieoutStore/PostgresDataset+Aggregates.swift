import TieoutCore
import TieoutIngest
import TieoutPostgres

/// Figures on PostgreSQL: the same conditions as on SQLite (``RecordFilter``'s SQL, its `?`
/// numbered `$1`, `$2` …), each request one `FILTER (WHERE …)` aggregate over the kind's
/// table: sums and extremes in `numeric` (exact: amounts are decimal text, read as numeric),
/// counts, and the first five ids in id order, as SQLite's ``ExactAggregates`` give them.
extension PostgresDataset: DatasetEngine {
    package func aggregate(_ kind: RecordKind, base: RecordFilter, _ requests: [AggregateRequest],
                           monthly: [MonthlyRequest]) throws(TieoutError) -> (records: Int, results: [AggregateResult], months: [[MonthTotal]]) {
        // No table, or no row in it at all: no records (as SQLite's scan has no range to read).
        guard try tableExists(kind.table),
              try db.queryFirst("SELECT EXISTS (SELECT 1 FROM \(identifier: kind.table))::text")?[0] == "true" else {
            return (0, requests.map { _ in AggregateResult(value: nil, count: 0, examples: []) }, monthly.map { _ in [] })
        }
        var sql = Statement()
        let table = PostgresSQL.quote(identifier: kind.table)
        let active = "t.file_id IN (SELECT id FROM files WHERE status = 'active')"
        var columns: [String] = ["count(*)::text"]
        for r in requests {
            let value = r.function == .count ? nil : r.field.map { "t." + PostgresSQL.quote(identifier: $0) }
            let present = value.map { " AND \($0) IS NOT NULL" } ?? ""
            let agg: String
            switch (r.function, value) {
            case (.min, let v?): agg = "min(\(v)::numeric)"
            case (.max, let v?): agg = "max(\(v)::numeric)"
            case (.sum, let v?): agg = "sum(\(v)::numeric)"
            default: agg = "min(NULL::numeric)"
            }
            // The filter once per use: each use numbers its own parameters.
            columns.append("(\(agg) FILTER (WHERE (\(sql.add(r.filter)))\(present)))::text")
            columns.append("(count(*) FILTER (WHERE (\(sql.add(r.filter)))\(present)))::text")
            columns.append("array_to_string((array_agg(t.id ORDER BY t.id) FILTER (WHERE (\(sql.add(r.filter)))\(present)))[1:5], ',')")
        }
        let text = "SELECT " + columns.joined(separator: ", ") + " FROM \(table) t WHERE \(active) AND (\(sql.add(base)))"
        guard let row = try db.queryFirst(PostgresSQL(sql: text, arguments: sql.arguments)) else {
            throw damaged(kind, Phrase("error.store.no-scan-row"))
        }
        let records = Int(row[0] ?? "0") ?? 0
        var picks: [(value: Amount?, count: Int, ids: [Int64])] = []
        for (i, r) in requests.enumerated() {
            let count = Int(row[2 + 3 * i] ?? "0") ?? 0
            let ids = (row[3 + 3 * i] ?? "").split(separator: ",").compactMap { Int64($0) }
            var value: Amount? = nil
            if r.function != .count, r.field != nil, count > 0, let v = row[1 + 3 * i] {
                guard let a = try? Amount.parse(v) else { throw damaged(kind, Phrase("error.store.not-decimal", ["value": v])) }
                value = a
            }
            picks.append((value, count, ids))
        }
        // Totals by month: the dates' first seven characters, as SQLite's tieout_group keys them.
        var monthRows: [[(key: String, total: Amount, count: Int, ids: [Int64])]] = []
        for m in monthly {
            var s = Statement()
            let d = "t." + PostgresSQL.quote(identifier: m.dateField), v = "t." + PostgresSQL.quote(identifier: m.field)
            let q = "SELECT substr(\(d), 1, 7) AS month, sum(\(v)::numeric)::text, count(*)::text, array_to_string((array_agg(t.id ORDER BY t.id))[1:5], ',')"
                + " FROM \(table) t WHERE \(active) AND (\(s.add(base))) AND \(d) IS NOT NULL AND \(v) IS NOT NULL GROUP BY 1 ORDER BY 1"
            var out: [(key: String, total: Amount, count: Int, ids: [Int64])] = []
            for r in try db.query(PostgresSQL(sql: q, arguments: s.arguments)) {
                guard let key = r[0], let t = r[1], let total = try? Amount.parse(t) else { throw damaged(kind, Phrase("error.store.month-not-decimal")) }
                out.append((key, total, Int(r[2] ?? "0") ?? 0, (r[3] ?? "").split(separator: ",").compactMap { Int64($0) }))
            }
            monthRows.append(out)
        }
        let wanted = Set(picks.flatMap(\.ids) + monthRows.flatMap { $0.flatMap(\.ids) })
        let places = try places(kind, ids: Array(wanted))
        let results = requests.enumerated().map { i, r in
            AggregateResult(value: r.function == .count || r.field == nil ? Amount(picks[i].count) : picks[i].value, count: picks[i].count,
                            examples: picks[i].ids.compactMap { places[$0]?.place(of: r.function == .count ? nil : r.field) })
        }
        let months = monthRows.enumerated().map { m, rows in
            rows.map { MonthTotal(month: $0.key, total: $0.total, count: $0.count, examples: $0.ids.compactMap { places[$0]?.place(of: monthly[m].field) }) }
        }
        return (records, results, months)
    }

    package func absentFields(of kind: RecordKind, _ fields: Set<String>) throws(TieoutError) -> Set<String> {
        guard !fields.isEmpty else { return [] }
        guard try tableExists(kind.table) else { return fields }
        let mapped = Set(try db.query("""
            SELECT DISTINCT ff.field FROM file_fields ff JOIN files f ON f.id = ff.file_id WHERE f.status = 'active' AND f.kind = \(kind.name)
            """).compactMap { $0[0] })
        var out = Set<String>()
        for field in fields.subtracting(mapped) where kind.field(field) != nil {
            let q = "SELECT count(t.\(PostgresSQL.quote(identifier: field)))::text FROM \(PostgresSQL.quote(identifier: kind.table)) t"
                + " WHERE t.file_id IN (SELECT id FROM files WHERE status = 'active')"
            let n = Int(try db.queryFirst(PostgresSQL(sql: q))?[0] ?? "0") ?? 0
            if n == 0 { out.insert(field) }
        }
        return out
    }

    func tableExists(_ table: String) throws(TieoutError) -> Bool {
        !(try db.query("SELECT 1 FROM pg_tables WHERE schemaname = \(schema) AND tablename = \(table)")).isEmpty
    }

    func damaged(_ kind: RecordKind, _ why: Phrase) -> TieoutError {
        TieoutError(code: "store.damaged", key: "store.postgres-unsummable", ["schema": schema, "table": kind.table, "place": url.place, "why": why])
    }

    /// Where records are: file, sheet, row and the columns of their fields (as the SQLite store's ``DatasetStore/places``).
    func places(_ kind: RecordKind, ids: [Int64]) throws(TieoutError) -> [Int64: DatasetStore.RecordPlace] {
        guard !ids.isEmpty else { return [:] }
        let list = "{" + ids.map(String.init).joined(separator: ",") + "}"
        let rows = try db.query("""
            SELECT t.id::text, t."row"::text, t.file_id::text, f.path, f.sheet FROM \(identifier: kind.table) t JOIN files f ON f.id = t.file_id
            WHERE t.id = ANY(\(list)::bigint[])
            """)
        let cells = try fieldColumns(files: Array(Set(rows.compactMap { $0[2].flatMap { Int64($0) } })))
        var out: [Int64: DatasetStore.RecordPlace] = [:]
        for r in rows {
            guard let id = r[0].flatMap({ Int64($0) }), let row = r[1].flatMap({ Int($0) }), let f = r[2].flatMap({ Int64($0) }), let path = r[3] else { continue }
            out[id] = DatasetStore.RecordPlace(file: path, sheet: r[4], row: row, letters: cells[f] ?? [:])
        }
        return out
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        let u = Array(hex.utf8)
        var i = 0
        func v(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        while i + 1 < u.count { out.append(v(u[i]) << 4 | v(u[i + 1])); i += 2 }
        return out
    }

    /// SQL with `?` placeholders numbered as PostgreSQL's `$n`, arguments as text.
    struct Statement {
        var arguments: [String?] = []
        mutating func add(_ filter: RecordFilter) -> String {
            var out = ""
            var k = 0
            for c in filter.sql {
                if c == "?" {
                    let a = filter.arguments[k]
                    k += 1
                    switch a {
                    case .text(let s): arguments.append(s)
                    case .integer(let n): arguments.append(String(n))
                    }
                    out += "$\(arguments.count)"
                } else {
                    out.append(c)
                }
            }
            return out
        }
    }
}
