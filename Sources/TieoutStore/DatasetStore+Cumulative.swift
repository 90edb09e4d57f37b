import GRDB
import TieoutCore
import TieoutIngest

extension DatasetStore {
    /// Checks every cumulative row (本年累计, 本季累计) of the active files once a run has read
    /// them all: what the row states against the records of the same source (profile) dated
    /// from the start of the year (or quarter) through the end of the row's own period. A source
    /// with a month missing in that span, or with rejected rows there, makes the check
    /// `incomplete`, never a mismatch. Mismatches are added to their file's report.
    func checkCumulative(kinds: KindCatalog, into report: inout IngestReport) throws(TieoutError) {
        do {
            try queue.write { db in
                let checks = try Row.fetchAll(db, sql: """
                    SELECT s.id, s.row, s.cell, s.label, s.field, s.stated, s.scope, f.id AS file_id, f.path, f.part, f.profile, f.kind, f.period
                    FROM subtotal_checks s JOIN files f ON f.id = s.file_id
                    WHERE f.status = 'active' AND s.scope != 'rows' ORDER BY f.path, f.part, s.row
                    """)
                for c in checks {
                    let kindName: String = c["kind"], profile: String = c["profile"], field: String = c["field"], scope: String = c["scope"]
                    var computed = Amount.zero, rows = 0
                    var status = "incomplete"
                    if let kind = kinds.named(kindName), let dated = kind.dateField,
                       let periodText = c["period"] as String? {
                        let end = try Self.days(of: periodText, path: c["path"]).last
                        let start = scope == "quarter-to-date"
                            ? Period.quarter(end.year, (end.month - 1) / 3 + 1).firstDay : Period.year(end.year).firstDay
                        let row = try Row.fetchOne(db, sql: """
                            SELECT tieout_sum(t.\(Self.quoted(field))) AS total, count(t.\(Self.quoted(field))) AS n
                            FROM \(Self.quoted(kind.table)) t JOIN files f ON f.id = t.file_id
                            WHERE f.status = 'active' AND f.profile = ? AND t.\(Self.quoted(dated)) BETWEEN ? AND ?
                            """, arguments: [profile, start.description, end.description])
                        // No record in the span sums to zero; the months check below then makes it incomplete.
                        computed = try (row?["total"] as String?).flatMap { try Amount.parse($0) } ?? .zero
                        rows = row?["n"] ?? 0
                        // Filtered rows the export's totals include (`where:` with `in_totals: true`).
                        let counted = try Row.fetchOne(db, sql: """
                            SELECT tieout_sum(c.amount) AS total, count(*) AS n FROM filtered_in_totals c JOIN files f ON f.id = c.file_id
                            WHERE f.status = 'active' AND f.profile = ? AND c.field = ? AND c.date BETWEEN ? AND ?
                            """, arguments: [profile, field, start.description, end.description])
                        if let t = try (counted?["total"] as String?).flatMap({ try Amount.parse($0) }) { computed = computed + t }
                        rows += counted?["n"] ?? 0
                        // Every month of the span has a file of the source, and none of them rejected rows.
                        let files = try Row.fetchAll(db, sql: """
                            SELECT period, rejected FROM files WHERE status = 'active' AND profile = ? AND period IS NOT NULL
                            """, arguments: [profile])
                        var months = Set<Int>(), rejected = false
                        for f in files {
                            guard let p = f["period"] as String? else { continue }
                            let (first, last) = try Self.days(of: p, path: c["path"])
                            guard last >= start, first <= end else { continue }
                            for m in first.month...last.month where first.year == end.year { months.insert(m) }
                            if (f["rejected"] as Int) > 0 { rejected = true }
                        }
                        let complete = (start.month...end.month).allSatisfy(months.contains) && !rejected
                        let stated = try (c["stated"] as String?).flatMap { try Amount.parse($0) }
                        status = !complete ? "incomplete" : (stated == computed ? "ok" : "mismatch")
                    }
                    try db.execute(sql: "UPDATE subtotal_checks SET computed = ?, rows_covered = ?, status = ? WHERE id = ?",
                                   arguments: [computed.description, rows, status, c["id"] as Int64])
                    report.cumulativeChecks += 1
                    guard status != "ok" else { continue }
                    report.cumulativeProblems += 1
                    let path: String = c["path"], part: String? = c["part"]
                    let place = path + (part.map { "[\($0)]" } ?? "") + "!" + ((c["cell"] as String?) ?? "row \((c["row"] as Int?) ?? 0)")
                    if let i = report.files.firstIndex(where: { $0.path == path && $0.part == part }) {
                        report.files[i].addSubtotalMismatch("subtotal.cumulative", place: place, label: c["label"], field: field,
                                                            stated: c["stated"], computed: computed.description, status: status)
                    }
                }
            }
        } catch let e as TieoutError { throw e } catch { throw fault(error, Phrase("error.doing.checking-cumulative")) }
    }

    /// The first and last day of a stored period (`2024-03`, `2024Q1`, `2024`, or a span
    /// `2024-01..2024-03`). Ingest wrote it: one that does not read is a damaged dataset.
    static func days(of period: String, path: String) throws(TieoutError) -> (first: CalendarDate, last: CalendarDate) {
        let ends = period.components(separatedBy: "..")
        do {
            return (try Period.parse(ends.first ?? period).firstDay, try Period.parse(ends.last ?? period).lastDay)
        } catch {
            throw TieoutError(code: "store.damaged", key: "store.damaged-period", ["text": period.escapingControlCharacters, "file": path],
                              location: SourceLocation(file: path))
        }
    }
}
