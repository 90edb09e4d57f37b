import Foundation
import GRDB
import GRDBSQLite
import TieoutCore
import TieoutIngest

extension DatasetStore {
    /// Progress of an ingest, for a progress bar: file `index` of `count`.
    public struct Progress: Sendable {
        public var index: Int
        public var count: Int
        public var path: String
        public var rows: Int
        public var done: Bool
    }

    /// Imports the workspace's files: new ones read, unchanged ones (same path and
    /// SHA-256) skipped, changed and re-issued ones replace the rows of the file
    /// they supersede (with what changed), vanished ones removed. A file that
    /// cannot be read is reported and the run goes on.
    ///
    /// A file whose bytes are unchanged is read again when its profile (or the reader) has
    /// changed since it was read, and with `force`.
    public func ingest(_ workspace: Workspace, force: Bool = false, progress: ((Progress) -> Void)? = nil) throws(TieoutError) -> IngestReport {
        let (files, unmatched) = try workspace.scan()
        var report = IngestReport()
        let started = Self.timestamp()
        do {
            report.run = try queue.write { db in
                try db.execute(sql: "INSERT INTO ingest_runs (started_at) VALUES (?)", arguments: [started])
                return db.lastInsertedRowID
            }
        } catch { throw fault(error, "starting a run") }

        // Re-issues sort after their originals: by folder, then name without extension (2024-06 before 2024-06-r2).
        let orderedFiles = files.sorted { a, b in
            let sa = Self.stem(a.relativePath), sb = Self.stem(b.relativePath)
            return sa != sb ? sa < sb : a.relativePath < b.relativePath
        }
        report.kindChanges = try adopt(workspace.kinds, run: report.run).filter { $0.change != .adopted }
        // A broken profile is a configuration error: it stops the run (it would fail every file).
        var profiles: [String: Profile] = [:]
        func profileNamed(_ name: String) throws(TieoutError) -> Profile {
            if let p = profiles[name] { return p }
            let p = try workspace.profile(named: name)
            profiles[name] = p
            return p
        }
        // A file read in parts (a sheet per part with `sheets:`, a month column per part with
        // `unpivot:`) is one unit per part, with the profile for it; one whose parts cannot be
        // found is left whole, to fail below with its own error.
        var ordered: [Workspace.SourceFile] = []
        var unreadable: [String: TieoutError] = [:]
        var partProfiles: [String: Profile] = [:]
        for file in orderedFiles {
            do {
                if let parts = try profileNamed(file.profile).parts(file.path) {
                    for (name, p) in parts {
                        let unit = Workspace.SourceFile(relativePath: file.relativePath, path: file.path, profile: file.profile, part: name)
                        ordered.append(unit)
                        partProfiles[unit.identity] = p
                    }
                    continue
                }
            } catch where error.code.domain != .profile || error.code == "profile.sheets" || error.code == "profile.unpivot" {
                unreadable[file.identity] = error
            }
            ordered.append(file)
        }
        let present = Set(ordered.map(\.identity))
        // Before any row is read: a file that is gone but whose bytes are here under another
        // name was renamed or moved (its records stay); the rest leave the dataset now, so that
        // no row read below is counted once against a file about to go.
        let renamed = try detectRenames(ordered, present: present, run: report.run)
        let (removed, reread) = try removeGone(present: present)
        for (i, file) in ordered.enumerated() {
            if let r = renamed[file.identity] {
                report.files.append(r)
                progress?(Progress(index: i + 1, count: ordered.count, path: file.relativePath, rows: 0, done: true))
                continue
            }
            progress?(Progress(index: i + 1, count: ordered.count, path: file.relativePath, rows: 0, done: false))
            let profile: Profile
            if let p = partProfiles[file.identity] { profile = p } else { profile = try profileNamed(file.profile) }
            var fileReport = IngestReport.FileReport(path: file.relativePath, profile: file.profile, kind: profile.kind.name,
                                                     status: .new, accounting: RowAccounting())
            fileReport.part = file.part
            do throws(TieoutError) {
                if let e = unreadable[file.identity] { throw e }
                try workspace.checkInside(file.path, shownAs: file.relativePath)
                fileReport = try ingestFile(file, profile: profile, run: report.run, base: fileReport, force: force) { rows in
                    progress?(Progress(index: i + 1, count: ordered.count, path: file.relativePath, rows: rows, done: false))
                }
                if reread.contains(file.identity) && fileReport.status == .new { fileReport.status = .reread }
            } catch where error.code.domain == .store {
                // The dataset cannot be written (a full disk, a read-only or damaged file): the
                // run's failure, not this ledger's. What was read before stays whole (a file is
                // one transaction); the run stays open, and the reports say it did not finish.
                throw error
            } catch {
                fileReport.status = .failed
                fileReport.error = error.description
                fileReport.errorCode = error.code.rawValue
            }
            report.files.append(fileReport)
            progress?(Progress(index: i + 1, count: ordered.count, path: file.relativePath, rows: fileReport.accounting.read, done: true))
        }
        report.files += removed
        try checkCumulative(kinds: workspace.kinds, into: &report)
        report.unmatchedSources = unmatched.map { s in
            "\(s.files) (\(s.profile)" + (s.line.map { ", tieout.yaml line \($0)" } ?? "") + ")"
        }
        do {
            try queue.write { db in
                let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
                try db.execute(sql: "UPDATE ingest_runs SET finished_at = ?, report = ? WHERE id = ?",
                               arguments: [Self.timestamp(), json, report.run])
            }
        } catch { throw fault(error, "closing the run") }
        try checkFiscalYear(workspace, report)
        return report
    }

    /// New paths whose bytes (SHA-256) and profile are those of an active file that is gone:
    /// the file was renamed or moved. Its files row takes the new path (its records, rejects
    /// and checks follow it) and the rename is kept in `file_renames`.
    func detectRenames(_ files: [Workspace.SourceFile], present: Set<String>, run: Int64) throws(TieoutError) -> [String: IngestReport.FileReport] {
        var out: [String: IngestReport.FileReport] = [:]
        do {
            let active = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM files WHERE status = 'active' ORDER BY id") }
            var gone = active.filter { !present.contains(Self.identity($0)) }
            guard !gone.isEmpty else { return out }
            let known = Set(active.map(Self.identity))
            for file in files where !known.contains(file.identity) {
                guard gone.contains(where: { ($0["profile"] as String) == file.profile }) else { continue }
                // A file that cannot be hashed is left to the import below, which reports why.
                guard let sha = try? fileSHA256(file.path),
                      let i = gone.firstIndex(where: { ($0["sha256"] as String) == sha && ($0["profile"] as String) == file.profile
                                                       && ($0["part"] as String?) == file.part })
                else { continue }
                let old = gone.remove(at: i)
                let id: Int64 = old["id"], oldPath: String = old["path"]
                try queue.write { db in
                    let stamp = FileStamp.of(file.path)
                    try db.execute(sql: "UPDATE files SET path = ?, size = ?, modified_ns = ? WHERE id = ?",
                                   arguments: [file.relativePath, stamp?.size, stamp?.modified, id])
                    try db.execute(sql: "INSERT INTO file_renames (run_id, file_id, old_path, new_path) VALUES (?, ?, ?, ?)",
                                   arguments: [run, id, oldPath, file.relativePath])
                }
                var r = IngestReport.FileReport(path: file.relativePath, profile: file.profile, kind: old["kind"], status: .renamed,
                                                sha256: sha, accounting: Self.accounting(old))
                r.sheet = old["sheet"]
                r.part = file.part
                r.period = old["period"]
                r.replaces = oldPath
                out[file.identity] = r
            }
        } catch { throw fault(error, "looking for renamed files") }
        return out
    }

    /// Active files gone from the workspace leave the dataset, with their records. A file
    /// still here whose rows were counted once in one of them (duplicates) is forgotten too,
    /// so that it is read again in full: its paths are returned as `reread`.
    func removeGone(present: Set<String>) throws(TieoutError) -> (removed: [IngestReport.FileReport], reread: Set<String>) {
        var removed: [IngestReport.FileReport] = []
        var reread = Set<String>()
        do {
            try queue.write { db in
                let active = try Row.fetchAll(db, sql: "SELECT id, path, part, profile, kind, sha256, period FROM files WHERE status = 'active' ORDER BY path, id")
                let gone = active.filter { !present.contains(Self.identity($0)) }
                guard !gone.isEmpty else { return }
                let goneIds = gone.map { $0["id"] as Int64 }
                let marks = goneIds.map { _ in "?" }.joined(separator: ", ")
                let dependents = try Row.fetchAll(db, sql: """
                    SELECT DISTINCT f.id, f.path, f.part, f.kind FROM duplicates d JOIN files f ON f.id = d.file_id
                    WHERE d.kept_file_id IN (\(marks)) AND f.status = 'active' AND f.id NOT IN (\(marks))
                    """, arguments: StatementArguments(goneIds + goneIds))
                for row in gone + dependents {
                    let id: Int64 = row["id"]
                    let kindName: String = row["kind"]
                    if let table = try Self.recordedTable(db, kind: kindName) { try Self.deleteRecords(db, table: table, file: id) }
                    try db.execute(sql: "UPDATE files SET status = 'removed' WHERE id = ?", arguments: [id])
                }
                for row in gone {
                    var r = IngestReport.FileReport(path: row["path"], profile: row["profile"], kind: row["kind"], status: .removed,
                                                    sha256: row["sha256"], period: row["period"], accounting: RowAccounting())
                    r.part = row["part"]
                    removed.append(r)
                }
                reread = Set(dependents.map(Self.identity))
            }
        } catch { throw fault(error, "removing files gone from the workspace") }
        return (removed, reread)
    }

    /// A files row's identity: its path, and its sheet when it is one sheet of several.
    static func identity(_ row: Row) -> String {
        let path: String = row["path"]
        return (row["part"] as String?).map { path + "[" + $0 + "]" } ?? path
    }

    static func stem(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path }
        return String(path[..<dot])
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// One file in one transaction: all of it lands, or none of it.
    func ingestFile(_ file: Workspace.SourceFile, profile: Profile, run: Int64, base: IngestReport.FileReport, force: Bool = false,
                    onRows: (Int) -> Void) throws(TieoutError) -> IngestReport.FileReport {
        var report = base
        let kind = profile.kind
        // A path seen before is fingerprinted first (unchanged files are skipped); a new
        // path is fingerprinted here while the typing thread starts on its rows.
        let seen: Bool
        do {
            seen = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE path = ? AND part IS ?", arguments: [file.relativePath, file.part])! > 0 }
        } catch { throw fault(error, "looking up \(file.relativePath)") }
        // Taken before the bytes are read: a change while reading shows as a stale file later.
        let stamp = FileStamp.of(file.path)
        var sha = seen ? try fileSHA256(file.path) : ""
        report.sha256 = seen ? sha : nil
        var outcome: Result<IngestReport.FileReport, TieoutError> = .success(report)
        // Why a file with the same bytes is read again, if it is.
        var readAgain: String? = nil
        do {
            try queue.write { db in
                let same = seen ? try Row.fetchOne(db, sql: """
                    SELECT * FROM files WHERE path = ? AND part IS ? AND sha256 = ? AND status IN ('active', 'replaced') ORDER BY id DESC LIMIT 1
                    """, arguments: [file.relativePath, file.part, sha]) : nil
                if let same {
                    if force {
                        readAgain = "--force"
                    } else if (same["profile"] as String) != profile.name {
                        readAgain = "it was read with the profile \(same["profile"] as String), now \(profile.name)"
                    } else if (same["reader_version"] as String?) != Profile.readerVersion && same["reader_version"] as String? != nil {
                        readAgain = "it was read by \(same["reader_version"] as String), now \(Profile.readerVersion)"
                    } else if (same["profile_digest"] as String?) != profile.digest {
                        readAgain = same["profile_digest"] as String? == nil ? "it was read before Tieout recorded the profile a file is read with"
                                                                              : "the profile \(profile.name) (or its kind) changed since it was read"
                    }
                }
                if let counts = same, readAgain == nil {
                    report.status = .unchanged
                    if let stamp {
                        try db.execute(sql: "UPDATE files SET size = ?, modified_ns = ? WHERE id = ?",
                                       arguments: [stamp.size, stamp.modified, counts["id"] as Int64])
                    }
                    report.period = counts["period"]
                    report.sheet = counts["sheet"]
                    report.accounting = Self.accounting(counts)
                    outcome = .success(report)
                    return
                }
                let samePath: Int64? = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE path = ? AND part IS ? AND status = 'active'",
                                                          arguments: [file.relativePath, file.part])
                try db.execute(sql: """
                    INSERT INTO files (path, sha256, profile, kind, unit, rows_read, accepted, rejected, subtotal, skipped, status, run_id, size, modified_ns,
                                       profile_digest, reader_version, part)
                    VALUES (?, ?, ?, ?, '元', 0, 0, 0, 0, 0, 'active', ?, ?, ?, ?, ?, ?)
                    """, arguments: [file.relativePath, sha, profile.name, kind.name, run, stamp?.size, stamp?.modified, profile.digest, Profile.readerVersion,
                                     file.part])
                let fileId = db.lastInsertedRowID

                // Rows, streamed into the table.
                let insertMany = try db.makeStatement(sql: Self.insertSQL(kind, rows: RecordBinder.rowsPerStatement))
                let insertOne = try db.makeStatement(sql: Self.insertSQL(kind, rows: 1))
                let binder = RecordBinder(many: insertMany.sqliteStatement, one: insertOne.sqliteStatement, fileId: fileId)
                let rejectInsert = try db.makeStatement(sql: """
                    INSERT INTO rejects (file_id, row, line, column_letter, cell, column_name, reason, cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var insertError: Error? = nil
                var rows = 0
                // Typing on a second thread, writing here; a new file's SHA-256 while the first rows are typed.
                let pipeline = ApplyPipeline(profile: profile, path: file.path)
                let digest = seen ? nil : Result { () throws(TieoutError) in try fileSHA256(file.path) }
                // Keys seen in this file (fingerprints): a repeat means the dataset must be searched for duplicates.
                // The profile's key when it names one (a ledger whose natural key differs from its kind's), else the kind's.
                let recordKey = profile.key ?? kind.key
                let key = (recordKey ?? []).compactMap { k in kind.fields.firstIndex { $0.name == k } }
                var keys = FingerprintSet()
                var keyCollision = false
                while let batch = pipeline.next() {
                    if let error = binder.insert(batch) { insertError = error }
                    if !key.isEmpty && !keyCollision {
                        for r in 0..<batch.count {
                            if let h = batch.keyFingerprint(r, key: key), !keys.insert(h) { keyCollision = true; break }
                        }
                    }
                    for reject in batch.rejects where insertError == nil {
                        do {
                            let l = reject.location
                            try rejectInsert.execute(arguments: [fileId, l.line ?? l.record, l.sheet == nil ? l.line : nil, l.columnLetter,
                                                                 l.cellReference, l.columnName, reject.reason, try Self.jsonArray(reject.cells)])
                        } catch { insertError = error }
                    }
                    let before = rows
                    rows += batch.count + batch.rejects.count
                    if rows / 50_000 != before / 50_000 { onRows(rows) }
                    if insertError != nil { pipeline.stop(); break }
                }
                // First, before any other statement: after a full disk SQLite has rolled the
                // transaction back, and a later statement would fail with "transaction was aborted",
                // hiding the cause.
                if let insertError { throw insertError }
                if !seen {
                    switch digest {
                    case .success(let digest)?:
                        sha = digest
                        try db.execute(sql: "UPDATE files SET sha256 = ? WHERE id = ?", arguments: [sha, fileId])
                        report.sha256 = sha
                    case .failure(let error)?:
                        outcome = .failure(error)
                        throw Rollback()
                    case nil: break
                    }
                }
                let result: ApplyResult
                switch pipeline.outcome! {
                case .success(let r): result = r
                case .failure(let error):
                    outcome = .failure(error)
                    throw Rollback()
                }
                if let failed = Self.ofAnotherYear(result, profile: profile, file: file, base: report) {
                    outcome = .success(failed)
                    throw Rollback()
                }
                for f in result.fieldColumns {
                    try db.execute(sql: "INSERT INTO file_fields (file_id, field, column_letter, header, row) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [fileId, f.field, f.letter, f.header, f.row])
                }
                for check in result.subtotals {
                    try db.execute(sql: """
                        INSERT INTO subtotal_checks (file_id, row, cell, label, field, stated, computed, rows_covered, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [fileId, check.location.line ?? check.location.record, check.location.cellReference, check.label,
                                         check.field, check.stated?.description, check.computed.description, check.rows, check.status.rawValue])
                    if check.status != .ok {
                        let stated = check.stated?.description ?? "blank"
                        report.subtotalMismatches.append("\(check.location): \(check.label) \(check.field) states \(stated), the rows sum to \(check.computed) (\(check.status.rawValue))")
                    }
                }
                for c in result.cumulative {
                    try db.execute(sql: """
                        INSERT INTO subtotal_checks (file_id, row, cell, label, field, stated, computed, rows_covered, status, scope)
                        VALUES (?, ?, ?, ?, ?, ?, '0', 0, 'incomplete', ?)
                        """, arguments: [fileId, c.location.line ?? c.location.record, c.location.cellReference, c.label, c.field,
                                         c.stated?.description, c.scope.rawValue])
                }
                for s in result.skipped {
                    try db.execute(sql: "INSERT INTO skipped_rows (file_id, row, reason) VALUES (?, ?, ?)",
                                   arguments: [fileId, s.location.line ?? s.location.record, s.reason])
                }
                var accounting = result.accounting
                let period = Self.period(result, profile: profile)

                // What this file supersedes: the same path with other bytes, or another file for the same period
                // (never another part of the same file: its sheets or month columns are parts of one export).
                var replaced = samePath
                if replaced == nil, let period {
                    replaced = try Int64.fetchOne(db, sql: """
                        SELECT id FROM files WHERE status = 'active' AND profile = ? AND period = ? AND id != ? AND path != ? ORDER BY id DESC LIMIT 1
                        """, arguments: [profile.name, period, fileId, file.relativePath])
                }
                if let old = replaced {
                    let oldPath = try String.fetchOne(db, sql: "SELECT path FROM files WHERE id = ?", arguments: [old])!
                    let change = try Self.diff(db, kind: kind, key: recordKey, old: old, new: fileId)
                    try Self.deleteRecords(db, kind: kind, file: old)
                    try db.execute(sql: "UPDATE files SET status = 'replaced', replaced_by = ? WHERE id = ?", arguments: [fileId, old])
                    try db.execute(sql: """
                        INSERT INTO reissues (run_id, file_id, replaced_file_id, added, removed, changed, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [run, fileId, old, change.added, change.removed, change.changed, try Self.jsonArray(change.detail)])
                    report.status = samePath != nil ? (readAgain != nil ? .reread : .changed) : .reissue
                    report.replaces = oldPath
                    report.change = change
                    report.readAgain = readAgain
                }
                // The same key twice: counted once when the values agree, rejected when they do not.
                if let key = recordKey {
                    let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE status = 'active' AND kind = ? AND id != ?",
                                                  arguments: [kind.name, fileId]) ?? 0
                    if keyCollision || others > 0 {
                        let (dups, conflicts) = try Self.resolveDuplicates(db, kind: kind, key: key, fileId: fileId)
                        accounting.accepted -= dups + conflicts
                        accounting.skipped += dups
                        accounting.rejected += conflicts
                        report.duplicates = dups
                        report.conflicts = conflicts
                    }
                }
                try db.execute(sql: """
                    UPDATE files SET sheet = ?, unit = ?, period = ?, first_date = ?, last_date = ?,
                        rows_read = ?, accepted = ?, rejected = ?, subtotal = ?, skipped = ? WHERE id = ?
                    """, arguments: [result.sheet, result.unit.symbol, period, result.firstDate?.description, result.lastDate?.description,
                                     accounting.read, accounting.accepted, accounting.rejected, accounting.subtotal, accounting.skipped, fileId])
                try Self.recordFileFacts(db, kind: kind, fileId: fileId, result: result)
                report.sheet = result.sheet
                report.period = period
                report.accounting = accounting
                report.subtotalChecks = result.subtotals.count
                report.absentFields = result.absentFields
                outcome = .success(report)
            }
        } catch is Rollback {
        } catch {
            throw fault(error, "importing \(file.relativePath)")
        }
        return try outcome.get()
    }

    /// Thrown inside a transaction to roll it back when applying the profile failed.
    struct Rollback: Error {}

    static func accounting(_ row: Row) -> RowAccounting {
        var a = RowAccounting()
        a.read = row["rows_read"]; a.accepted = row["accepted"]; a.rejected = row["rejected"]
        a.subtotal = row["subtotal"]; a.skipped = row["skipped"]
        return a
    }

    /// `2024-03` (or `2024Q1`, `2024`) when the file's dates fall in one period, `2024-01..2024-03` when they span several.
    static func period(_ result: ApplyResult, profile: Profile) -> String? {
        guard let first = result.firstDate, let last = result.lastDate else { return nil }
        let a = first.period(profile.period).description, b = last.period(profile.period).description
        return a == b ? a : a + ".." + b
    }

    /// Deletes a file's records: its block of ids.
    static func deleteRecords(_ db: Database, kind: RecordKind, file: Int64) throws {
        try deleteRecords(db, table: kind.table, file: file)
    }

    static func deleteRecords(_ db: Database, table: String, file: Int64) throws {
        let ids = ids(of: file)
        try db.execute(sql: "DELETE FROM \(quoted(table)) WHERE id >= ? AND id < ?", arguments: [ids.lowerBound, ids.upperBound])
    }

    /// `INSERT` of `rows` records at once.
    static func insertSQL(_ kind: RecordKind, rows: Int) -> String {
        let cols = (["id", "file_id", "row", "line"] + kind.fields.map(\.name)).map(quoted)
        let one = "(" + Array(repeating: "?", count: cols.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(quoted(kind.table)) (\(cols.joined(separator: ", "))) VALUES " + Array(repeating: one, count: rows).joined(separator: ", ")
    }

    struct StoreError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// A JSON array of strings (the cells of a rejected row, the lines of a change).
    static func jsonArray(_ strings: [String]) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try e.encode(strings), as: UTF8.self)
    }
}
