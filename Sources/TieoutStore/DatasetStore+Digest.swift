import Foundation
import GRDB
import GRDBSQLite
import TieoutCore
import TieoutIngest

/// What ingest records of each file besides its rows: a digest of its stored records (a
/// dataset changed outside Tieout shows before any figure is computed from it), and the
/// years its records are dated in (a workspace whose `fiscal_year` is not its ledgers' year
/// is stopped, instead of computing every cumulative from the wrong year).
extension DatasetStore {
    /// Written at the end of a file's transaction, after duplicates are resolved: from then on
    /// nothing but a new read of the file (or its removal) changes its records.
    static func recordFileFacts(_ db: Database, kind: RecordKind, fileId: Int64, result: ApplyResult) throws {
        let years = result.dateYears.keys.sorted().map { "\($0):\(result.dateYears[$0]!)" }.joined(separator: ",")
        try db.execute(sql: "UPDATE files SET records_digest = ?, date_years = ?, dates_in_year = ? WHERE id = ?",
                       arguments: [try recordsDigest(db, table: kind.table, fileId: fileId), years, result.datesInYear, fileId])
    }

    /// SHA-256 of a file's stored records in id order: the table's column names once, then
    /// every row's values, each with its type; then its second-column cells (`value_cells`). Read with SQLite's own API, straight from its
    /// buffers into the hasher's (no row or string is built per value): every reconcile checks
    /// every active file this way, so it must cost little next to the figures' own scan (1M
    /// payments: 2.3 s with GRDB rows and strings, measured while the rest of the reconcile
    /// took 3.4 s).
    static func recordsDigest(_ db: Database, table: String, fileId: Int64) throws -> String {
        let ids = ids(of: fileId)
        var statement: OpaquePointer?
        let sql = "SELECT * FROM \(quoted(table)) WHERE id >= ?1 AND id < ?2 ORDER BY id"
        var code = sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, ids.lowerBound)
        sqlite3_bind_int64(statement, 2, ids.upperBound)
        var hasher = SHA256Builder()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        let columns = sqlite3_column_count(statement)
        for c in 0..<columns {
            buffer.append(contentsOf: String(cString: sqlite3_column_name(statement, c)).utf8)
            buffer.append(0x1F)
        }
        buffer.append(0x1D)
        /// A length or an integer as decimal digits, without a String.
        func digits(_ value: Int64) {
            var v = value.magnitude
            if value < 0 { buffer.append(0x2D) }
            var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = 0
            withUnsafeMutableBytes(of: &tmp) { t in
                repeat { t[n] = UInt8(truncatingIfNeeded: v % 10) + 0x30; v /= 10; n += 1 } while v > 0
                while n > 0 { n -= 1; buffer.append(t[n]) }
            }
        }
        while true {
            code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            for c in 0..<columns {
                switch sqlite3_column_type(statement, c) {
                case SQLITE_NULL: buffer.append(0x30)
                case SQLITE_INTEGER: buffer.append(0x31); digits(sqlite3_column_int64(statement, c))
                case SQLITE_FLOAT: buffer.append(0x32); buffer.append(contentsOf: String(sqlite3_column_double(statement, c)).utf8)
                case SQLITE_TEXT:
                    let count = Int(sqlite3_column_bytes(statement, c))
                    buffer.append(0x33); digits(Int64(count)); buffer.append(0x3A)
                    if count > 0, let text = sqlite3_column_text(statement, c) { buffer.append(contentsOf: UnsafeBufferPointer(start: text, count: count)) }
                default:
                    let count = Int(sqlite3_column_bytes(statement, c))
                    buffer.append(0x34); digits(Int64(count)); buffer.append(0x3A)
                    if count > 0, let blob = sqlite3_column_blob(statement, c) {
                        buffer.append(contentsOf: UnsafeRawBufferPointer(start: blob, count: count))
                    }
                }
                buffer.append(0x1F)
            }
            buffer.append(0x1E)
            if buffer.count >= 1 << 16 {
                hasher.update(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        // The cells of amounts read from a second column (借方 − 贷方) are lineage too: what
        // explain and the report cite. Files without them hash as before (no row, nothing added).
        for cells in try Row.fetchAll(db, sql: "SELECT field, column_letter, header, rows FROM value_cells WHERE file_id = ? ORDER BY field",
                                      arguments: [fileId]) {
            buffer.append(0x1C)
            for text in [cells["field"] as String, cells["column_letter"] as String, cells["header"] as String? ?? ""] {
                digits(Int64(text.utf8.count)); buffer.append(0x3A); buffer.append(contentsOf: text.utf8); buffer.append(0x1F)
            }
            let bits = [UInt8](cells["rows"] as Data? ?? Data())
            digits(Int64(bits.count)); buffer.append(0x3A); buffer.append(contentsOf: bits); buffer.append(0x1E)
        }
        hasher.update(buffer)
        return hasher.hex
    }

    /// Active files whose stored records are no longer what ingest wrote (their digest differs):
    /// the dataset was changed outside Tieout. Files read before digests were kept are not judged.
    /// Their paths, with the part (`[sheet]`) when a file is read in parts.
    public func alteredFiles() throws(TieoutError) -> [String] {
        do {
            return try queue.read { db in
                var out: [String] = []
                let files = try Row.fetchAll(db, sql: """
                    SELECT f.id, f.path, f.part, f.records_digest, k.table_name FROM files f JOIN kind_definitions k ON k.kind = f.kind
                    WHERE f.status = 'active' AND f.records_digest IS NOT NULL ORDER BY f.path, f.part
                    """)
                for f in files where try Self.recordsDigest(db, table: f["table_name"], fileId: f["id"]) != (f["records_digest"] as String) {
                    out.append(Self.identity(f))
                }
                return out
            }
        } catch { throw fault(error, Phrase("error.doing.checking-digests")) }
    }

    /// A file most of whose dated records (more than half) fall outside the fiscal year is not
    /// of this year: it fails whole, naming the years it holds, and nothing of it is stored. A
    /// few records outside the year are rejected rows instead, each with its place.
    static func ofAnotherYear(_ result: ApplyResult, profile: Profile, file: Workspace.SourceFile,
                              base: IngestReport.FileReport) -> IngestReport.FileReport? {
        let dated = result.dateYears.values.reduce(0, +)
        guard let window = profile.dateWindow, dated > 0, result.datesInYear * 2 <= dated else { return nil }
        var r = base
        r.status = .failed
        r.errorCode = "value.other-year"
        let error = TieoutError(code: "value.other-year",
                                ["file": "\(file.relativePath)\(file.part.map { "[\($0)]" } ?? "")", "years": yearsPhrase(result.dateYears), "window": "\(window)",
                                 "inYear": result.datesInYear, "dated": dated],
                                location: SourceLocation(file: file.relativePath, sheet: file.part))
        r.error = error.description
        r.errorZh = error.rendered(english: false)
        r.otherYears = Dictionary(uniqueKeysWithValues: result.dateYears.map { (String($0.key), $0.value) })
        return r
    }

    /// `2023 (290 records), 2024 (3 records)`: the most first.
    static func yearsText(_ years: [Int: Int]) -> String { yearsPhrase(years).en }

    /// ``yearsText(_:)`` in both languages: `2023 年（290 条记录）、2024 年（3 条记录）`.
    static func yearsPhrase(_ years: [Int: Int]) -> Phrase {
        let sorted = years.keys.sorted { years[$0]! != years[$1]! ? years[$0]! > years[$1]! : $0 < $1 }
        let each = sorted.map { Phrase(years[$0]! == 1 ? "error.years.one" : "error.years.many", ["year": $0, "n": years[$0]!]) }
        return Phrase("error.years.list", ["list": Joined(each)])
    }

    /// Stops a workspace whose `fiscal_year` is not its ledgers' year: when the records of the
    /// ledgers that failed as another year's (``ofAnotherYear``) outnumber the dated records of
    /// the active files that fall in the fiscal year, the setting is wrong, not the ledgers. The
    /// error names the years the ledgers hold. One stray ledger of another year is a failed file.
    public func checkFiscalYear(_ workspace: Workspace, _ report: IngestReport) throws(TieoutError) {
        var years: [Int: Int] = [:]
        for f in report.files where f.status == .failed {
            for (y, n) in f.otherYears ?? [:] { if let y = Int(y) { years[y, default: 0] += n } }
        }
        let other = years.values.reduce(0, +)
        guard other > 0 else { return }
        let rows: [Row]
        do {
            rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT path, part, date_years, dates_in_year FROM files WHERE status = 'active' AND date_years IS NOT NULL AND date_years != ''")
            }
        } catch { throw fault(error, Phrase("error.doing.reading-years")) }
        // A file that failed now may still have records read for another fiscal_year: they do not count.
        let failedNow = Set(report.files.filter { $0.status == .failed }.map(\.shown))
        var inYear = 0
        for r in rows where !failedNow.contains(Self.identity(r)) {
            inYear += r["dates_in_year"] as Int? ?? 0
            for part in (r["date_years"] as String).split(separator: ",") {
                let p = part.split(separator: ":")
                if p.count == 2, let y = Int(p[0]), let n = Int(p[1]) { years[y, default: 0] += n }
            }
        }
        guard inYear < other else { return }
        let dated = years.values.reduce(0, +)
        let likely = years.keys.max { years[$0]! != years[$1]! ? years[$0]! < years[$1]! : $0 > $1 }!
        throw TieoutError(code: "workspace.fiscal-year",
                          ["year": workspace.fiscalYear, "years": Self.yearsPhrase(years), "inYear": inYear, "dated": dated, "likely": likely],
                          location: SourceLocation(file: workspace.configPath))
    }
}
