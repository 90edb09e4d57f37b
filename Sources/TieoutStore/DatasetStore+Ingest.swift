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
        let (files, unmatched, undecodable) = try workspace.scanAll()
        var report = IngestReport()
        let started = Self.timestamp()
        do {
            report.run = try queue.write { db in
                try db.execute(sql: "INSERT INTO ingest_runs (started_at) VALUES (?)", arguments: [started])
                return db.lastInsertedRowID
            }
        } catch { throw fault(error, Phrase("error.doing.starting-run")) }

        // Re-issues sort after their originals: by folder, then name without extension (2024-06 before 2024-06-r2).
        let orderedFiles = files.sorted { a, b in
            let sa = Self.stem(a.relativePath), sb = Self.stem(b.relativePath)
            return sa != sb ? sa < sb : a.relativePath != b.relativePath ? a.relativePath < b.relativePath : a.readingOrder < b.readingOrder
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
        // A file read by several sources (a sheet map, or profiles of their own) is one unit per
        // reading (Workspace+Readings.swift).
        for file in orderedFiles {
            switch try workspace.readingsOrFailure(of: file, profile: profileNamed) {
            case .success(let readings):
                for (unit, p) in readings.units {
                    ordered.append(unit)
                    partProfiles[unit.identity] = p
                }
                report.unreadSheets += readings.unreadSheets.map { "\(file.relativePath): \($0)" }
            case .failure(let error):
                unreadable[Workspace.whole(file).identity] = error
                ordered.append(Workspace.whole(file))
            }
        }
        var units: [LedgerUnit] = []
        for file in ordered {
            let profile: Profile
            if let p = partProfiles[file.identity] { profile = p } else { profile = try profileNamed(file.profile) }
            units.append(LedgerUnit(file: file, profile: profile, unreadable: unreadable[file.identity]))
        }
        // What is kept, renamed and read is decided from the files alone (see DatasetStore+History).
        var plan = try plan(units, force: force)
        var removed: [IngestReport.FileReport] = []
        let present = Set(units.map(\.file.identity))
        var reported = Set<String>()
        for v in plan.retire where v.status == "active" && !present.contains(v.identity) && reported.insert(v.identity).inserted {
            var r = IngestReport.FileReport(path: v.path, profile: v.profile, kind: v.kind, status: .removed, sha256: v.sha, period: v.period,
                                            accounting: RowAccounting())
            r.part = v.part
            removed.append(r)
        }
        try retire(plan.retire)
        // The row of each unit as it stands: kept, renamed, or (once read) the new one.
        var current: [Int: Int64] = [:]
        for (i, v) in plan.kept { current[i] = v.id }
        for (i, v) in plan.changed { current[i] = v.id }
        try applyRenames(units, plan.renamed, run: report.run)
        for (i, v) in plan.renamed { current[i] = v.id }
        var fileReports: [Int: IngestReport.FileReport] = [:]
        var i = 0
        while i < units.count {
            let unit = units[i], file = unit.file, profile = unit.profile
            defer { i += 1 }
            if let v = plan.renamed[i] {
                fileReports[i] = try storedReport(v, unit: unit, status: .renamed)
                progress?(Progress(index: i + 1, count: units.count, path: file.relativePath, rows: 0, done: true))
                continue
            }
            if let v = plan.kept[i] {
                fileReports[i] = try storedReport(v, unit: unit, status: .unchanged)
                progress?(Progress(index: i + 1, count: units.count, path: file.relativePath, rows: 0, done: true))
                continue
            }
            progress?(Progress(index: i + 1, count: units.count, path: file.relativePath, rows: 0, done: false))
            var fileReport = IngestReport.FileReport(path: file.relativePath, profile: file.profile, kind: profile.kind.name,
                                                     status: .new, accounting: RowAccounting())
            fileReport.part = file.part
            var placeOf: [Int64: Int] = [:]
            for (p, id) in current { placeOf[id] = p }
            do throws(TieoutError) {
                if let e = unit.unreadable { throw e }
                try workspace.checkInside(file.path, shownAs: file.relativePath)
                let (r, id, later) = try ingestFile(file, profile: profile, run: report.run, base: fileReport, force: force, position: i, placeOf: placeOf) { rows in
                    progress?(Progress(index: i + 1, count: units.count, path: file.relativePath, rows: rows, done: false))
                }
                guard let id else {
                    // It shares keys with a kept file after it: that one (and what follows of its kind) is read again after it.
                    let q = try rewind(units, from: i, kind: unit.kind, current: current, also: later)
                    for p in q..<units.count where units[p].kind == unit.kind {
                        if plan.why[p] == nil && (current[p] != nil || plan.kept[p] != nil || plan.renamed[p] != nil) { plan.why[p] = Self.sharedReason }
                        current[p] = nil; plan.kept[p] = nil; plan.renamed[p] = nil; plan.changed[p] = nil
                        fileReports[p] = nil
                    }
                    i = q - 1
                    continue
                }
                fileReport = r
                if r.status == .failed {
                    // Read but refused whole (dated in another year): its transaction rolled back, so
                    // nothing of it is in the dataset, and the version it had leaves with it, as for
                    // any file that fails: a fresh run would have nothing of it either.
                    if let stale = plan.changed[i] { try retire([stale]); plan.changed[i] = nil }
                    current[i] = nil
                    fileReports[i] = fileReport
                    progress?(Progress(index: i + 1, count: units.count, path: file.relativePath, rows: 0, done: true))
                    continue
                }
                current[i] = id
                if fileReport.status == .new, let why = plan.why[i] { fileReport.status = .reread; fileReport.setReadAgain(why) }
                // New bytes for a path whose version had been re-issued (no active rows to compare): changed.
                if fileReport.status == .new, plan.changed[i] != nil { fileReport.status = .changed }
                // Its records have the newest ids: the files of its kind after it in the order are read
                // again after it, so that ids (and the places figures show first) follow the order.
                if (i + 1 ..< units.count).contains(where: { units[$0].kind == unit.kind && current[$0] != nil }) {
                    let q = try rewind(units, from: i + 1, kind: unit.kind, current: current)
                    for p in q..<units.count where units[p].kind == unit.kind {
                        if plan.why[p] == nil && current[p] != nil { plan.why[p] = p > i ? Self.orderReason : Self.sharedReason }
                        current[p] = nil; plan.kept[p] = nil; plan.renamed[p] = nil; plan.changed[p] = nil
                        fileReports[p] = nil
                    }
                    if q <= i { i = q - 1; continue }
                }
            } catch where error.code.domain == .store {
                // The dataset cannot be written (a full disk, a read-only or damaged file): the
                // run's failure, not this ledger's. What was read before stays whole (a file is
                // one transaction); the run stays open, and the reports say it did not finish.
                throw error
            } catch {
                fileReport.status = .failed
                fileReport.error = error.description
                fileReport.errorZh = error.rendered(english: false)
                fileReport.errorCode = error.code.rawValue
                // The version it had leaves with it: a fresh run would have nothing of it either.
                if let stale = plan.changed[i] { try retire([stale]); plan.changed[i] = nil; current[i] = nil }
            }
            fileReports[i] = fileReport
            progress?(Progress(index: i + 1, count: units.count, path: file.relativePath, rows: fileReport.accounting.read, done: true))
        }
        // Rows sharing a key are the dataset's to tell, for every unit read or kept alike (none for a
        // file a later re-issue replaced): a rerun that skips a file says what the run that read it said.
        let repeats = try activeKeyRepeats(current.filter { fileReports[$0.key] != nil })
        for (i, r) in fileReports where r.status != .failed { fileReports[i]?.keyRepeats = repeats[i] }
        // So are subtotal rows that disagree and rows counted once or rejected against earlier files.
        let problems = try fileProblems(current.filter { fileReports[$0.key] != nil })
        for (i, r) in fileReports where r.status != .failed {
            let p = problems[i] ?? FileProblems()
            fileReports[i]?.subtotalChecks = p.checks
            // In both languages, from the dataset: the line a fresh run prints is the line a rerun prints.
            fileReports[i]?.subtotalMismatches = []
            fileReports[i]?.subtotalMismatchesZh = nil
            for m in p.mismatches {
                fileReports[i]?.addSubtotalMismatch("subtotal.rows", place: m.place, label: m.label, field: m.field,
                                                    stated: m.stated, computed: m.computed, status: m.status)
            }
            fileReports[i]?.duplicates = p.duplicates
            fileReports[i]?.conflicts = p.conflicts
        }
        report.files = units.indices.compactMap { fileReports[$0] }
        // A file a source matches whose name is not UTF-8 cannot be named in the dataset: a failed file.
        for bad in undecodable {
            var r = IngestReport.FileReport(path: bad.shown, profile: bad.profile, kind: "", status: .failed, accounting: RowAccounting())
            let error = TieoutError(code: "workspace.file-name", ["file": bad.shown],
                                    location: SourceLocation(file: workspace.root + "/" + bad.shown))
            r.error = error.description
            r.errorZh = error.rendered(english: false)
            r.errorCode = error.code.rawValue
            report.files.append(r)
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
        } catch { throw fault(error, Phrase("error.doing.closing-run")) }
        try checkFiscalYear(workspace, report)
        return report
    }

    /// Renamed or moved files (same bytes and profile as a file that is gone, at the same
    /// place in the order): the files row takes the new path (its records, rejects and checks
    /// follow it) and the rename is kept in `file_renames`.
    func applyRenames(_ units: [LedgerUnit], _ renamed: [Int: StoredVersion], run: Int64) throws(TieoutError) {
        guard !renamed.isEmpty else { return }
        do {
            try queue.write { db in
                for (i, old) in renamed.sorted(by: { $0.key < $1.key }) {
                    let file = units[i].file
                    let stamp = FileStamp.of(file.path)
                    try db.execute(sql: "UPDATE files SET path = ?, size = ?, modified_ns = ? WHERE id = ?",
                                   arguments: [file.relativePath, stamp?.size, stamp?.modified, old.id])
                    try db.execute(sql: "INSERT INTO file_renames (run_id, file_id, old_path, new_path) VALUES (?, ?, ?, ?)",
                                   arguments: [run, old.id, old.path, file.relativePath])
                }
            }
        } catch { throw fault(error, Phrase("error.doing.recording-renames")) }
    }

    /// The report of a unit kept as the dataset holds it (unchanged or renamed); its size and
    /// time are noted, so that it does not show as changed since it was read.
    func storedReport(_ v: StoredVersion, unit: LedgerUnit, status: IngestReport.Status) throws(TieoutError) -> IngestReport.FileReport {
        do {
            return try queue.write { db in
                let row = try Row.fetchOne(db, sql: "SELECT * FROM files WHERE id = ?", arguments: [v.id])!
                if let stamp = FileStamp.of(unit.file.path) {
                    try db.execute(sql: "UPDATE files SET size = ?, modified_ns = ? WHERE id = ?", arguments: [stamp.size, stamp.modified, v.id])
                }
                var r = IngestReport.FileReport(path: unit.file.relativePath, profile: unit.file.profile, kind: v.kind, status: status,
                                                sha256: v.sha, accounting: Self.accounting(row))
                r.part = unit.file.part
                r.period = row["period"]
                r.sheet = row["sheet"]
                if status == .renamed { r.replaces = v.path }
                return r
            }
        } catch { throw fault(error, Phrase("error.doing.noting", ["file": unit.file.relativePath])) }
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
    ///
    /// `position` is the unit's place in the order and `placeOf` the place of every other
    /// unit's files row: a kept file after it that shares keys with it stops the import
    /// (the id returned is nil, nothing is imported, and those files' rows are returned), to be
    /// read again after it.
    func ingestFile(_ file: Workspace.SourceFile, profile: Profile, run: Int64, base: IngestReport.FileReport, force: Bool = false,
                    position: Int, placeOf: [Int64: Int], onRows: (Int) -> Void) throws(TieoutError) -> (IngestReport.FileReport, Int64?, [Int64]) {
        var report = base
        let kind = profile.kind
        // A path seen before is fingerprinted first (unchanged files are skipped); a new
        // path is fingerprinted here while the typing thread starts on its rows.
        let seen: Bool
        do {
            seen = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE path = ? AND part IS ?", arguments: [file.relativePath, file.part])! > 0 }
        } catch { throw fault(error, Phrase("error.doing.looking-up", ["file": file.relativePath])) }
        // Taken before the bytes are read: a change while reading shows as a stale file later.
        let stamp = FileStamp.of(file.path)
        var sha = seen ? try fileSHA256(file.path) : ""
        report.sha256 = seen ? sha : nil
        var outcome: Result<IngestReport.FileReport, TieoutError> = .success(report)
        var newId: Int64 = 0
        var laterFiles: [Int64] = []
        // Why a file with the same bytes is read again, if it is.
        var readAgain: (key: String, args: [String: String])? = nil
        do {
            try queue.write { db in
                let same = seen ? try Row.fetchOne(db, sql: """
                    SELECT * FROM files WHERE path = ? AND part IS ? AND sha256 = ? AND status IN ('active', 'replaced') ORDER BY id DESC LIMIT 1
                    """, arguments: [file.relativePath, file.part, sha]) : nil
                if let same {
                    if force {
                        readAgain = ("reread.force", [:])
                    } else if (same["profile"] as String) != profile.name {
                        readAgain = ("reread.profile", ["old": same["profile"] as String, "new": profile.name])
                    } else if (same["reader_version"] as String?) != Profile.readerVersion && same["reader_version"] as String? != nil {
                        readAgain = ("reread.reader", ["old": same["reader_version"] as String, "new": Profile.readerVersion])
                    } else if (same["profile_digest"] as String?) != profile.digest {
                        readAgain = same["profile_digest"] as String? == nil ? ("reread.unrecorded", [:])
                                                                              : ("reread.profile-changed", ["profile": profile.name])
                    }
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
                newId = fileId

                // Rows, streamed into the table.
                let insertMany = try db.makeStatement(sql: Self.insertSQL(kind, rows: RecordBinder.rowsPerStatement))
                let insertOne = try db.makeStatement(sql: Self.insertSQL(kind, rows: 1))
                let binder = RecordBinder(many: insertMany.sqliteStatement, one: insertOne.sqliteStatement, fileId: fileId)
                let rejectInsert = try db.makeStatement(sql: """
                    INSERT INTO rejects (file_id, row, line, column_letter, cell, column_name, reason, cells, reason_zh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var insertError: Error? = nil
                var rows = 0
                // Typing on a second thread, writing here; a new file's SHA-256 while the first rows are typed.
                let pipeline = ApplyPipeline(profile: profile, path: file.path)
                let digest = seen ? nil : Result { () throws(TieoutError) in try fileSHA256(file.path) }
                // Keys seen in this file (fingerprints): a repeat means the dataset must be searched for duplicates.
                // The profile's key when it names one (a ledger whose natural key differs from its kind's), else the kind's.
                let recordKey = profile.key ?? kind.key
                let key = recordKey.map { Self.parts($0, kind: kind) } ?? []
                var keys = FingerprintSet()
                var keyCollision = false
                var secondRows = SecondCellRows()
                while let batch = pipeline.next() {
                    if let error = binder.insert(batch) { insertError = error }
                    secondRows.add(batch)
                    if !key.isEmpty && !keyCollision {
                        for r in 0..<batch.count {
                            if let h = batch.keyFingerprint(r, parts: key), !keys.insert(h) { keyCollision = true; break }
                        }
                    }
                    for reject in batch.rejects where insertError == nil {
                        do {
                            let l = reject.location
                            try rejectInsert.execute(arguments: [fileId, l.line ?? l.record, l.sheet == nil ? l.line : nil, l.columnLetter,
                                                                 l.cellReference, l.columnName, reject.reason, try Self.jsonArray(reject.cells), reject.reasonZh])
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
                try Self.recordSecondCells(db, fileId: fileId, kind: kind, result: result, rows: secondRows)
                for check in result.subtotals {
                    try db.execute(sql: """
                        INSERT INTO subtotal_checks (file_id, row, cell, label, field, stated, computed, rows_covered, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [fileId, check.location.line ?? check.location.record, check.location.cellReference, check.label,
                                         check.field, check.stated?.description, check.computed.description, check.rows, check.status.rawValue])
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
                for s in result.filtered {
                    try db.execute(sql: "INSERT INTO skipped_rows (file_id, row, reason, filtered) VALUES (?, ?, ?, 1)",
                                   arguments: [fileId, s.location.line ?? s.location.record, s.reason])
                }
                for c in result.countedInTotals {
                    try db.execute(sql: "INSERT INTO filtered_in_totals (file_id, row, date, field, amount) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [fileId, c.location.line ?? c.location.record, c.date.description, c.field, c.amount.description])
                }
                if !result.filtered.isEmpty {
                    report.filteredReasons = result.filtered.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
                    report.filteredReasonsZh = result.filtered.reduce(into: [:]) { $0[$1.reasonZh ?? $1.reason, default: 0] += 1 }
                }
                var accounting = result.accounting
                let period = Self.period(result, profile: profile)

                // The same path with other bytes (or read again): its rows give way, and the report says what changed.
                if let old = samePath {
                    let change = try Self.diff(db, kind: kind, key: recordKey, old: old, new: fileId)
                    try Self.deleteRecords(db, kind: kind, file: old)
                    try db.execute(sql: "UPDATE files SET status = 'replaced', replaced_by = ? WHERE id = ?", arguments: [fileId, old])
                    try db.execute(sql: """
                        INSERT INTO reissues (run_id, file_id, replaced_file_id, added, removed, changed, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [run, fileId, old, change.added, change.removed, change.changed, try Self.jsonArray(change.detail)])
                    report.status = readAgain != nil ? .reread : .changed
                    report.replaces = file.relativePath
                    report.change = change
                    if let readAgain { report.setReadAgain(readAgain.key, readAgain.args) }
                }
                // Files that share keys with this one. One after it in the order is read again after it;
                // one before it, of the same profile and period, is the file this one re-issues (only
                // files whose records overlap can be re-issues of each other).
                let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE status = 'active' AND kind = ? AND id != ?",
                                              arguments: [kind.name, fileId]) ?? 0
                var sharing: [Int64] = []
                if !key.isEmpty, others > 0, let recordKey {
                    let match = Self.keyMatch(Self.parts(recordKey, kind: kind), kind: kind, "k", "n")
                    let ids = Self.ids(of: fileId)
                    sharing = try Int64.fetchAll(db, sql: """
                        SELECT DISTINCT k.file_id FROM \(Self.quoted(kind.table)) n JOIN \(Self.quoted(kind.table)) k ON \(match) AND k.file_id != n.file_id
                        WHERE n.id >= ? AND n.id < ? AND k.file_id IN (SELECT id FROM files WHERE status = 'active' AND kind = ?)
                        """, arguments: [ids.lowerBound, ids.upperBound, kind.name])
                    let later = sharing.filter { placeOf[$0].map { $0 > position } ?? true }
                    if !later.isEmpty {
                        laterFiles = later
                        throw Rollback()
                    }
                }
                if let period, !sharing.isEmpty {
                    let candidates = try Row.fetchAll(db, sql: """
                        SELECT id, path FROM files WHERE status = 'active' AND profile = ? AND period = ? AND path != ? AND id IN (\(sharing.map { String($0) }.joined(separator: ", ")))
                        """, arguments: [profile.name, period, file.relativePath])
                    if let pick = candidates.max(by: { (placeOf[$0["id"] as Int64] ?? -1) < (placeOf[$1["id"] as Int64] ?? -1) }) {
                        let old: Int64 = pick["id"]
                        let oldPath: String = pick["path"]
                        let change = try Self.diff(db, kind: kind, key: recordKey, old: old, new: fileId)
                        try Self.deleteRecords(db, kind: kind, file: old)
                        try db.execute(sql: "UPDATE files SET status = 'replaced', replaced_by = ? WHERE id = ?", arguments: [fileId, old])
                        try db.execute(sql: """
                            INSERT INTO reissues (run_id, file_id, replaced_file_id, added, removed, changed, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [run, fileId, old, change.added, change.removed, change.changed, try Self.jsonArray(change.detail)])
                        report.status = .reissue
                        report.replaces = oldPath
                        report.change = change
                    }
                }
                // A key an earlier file holds: counted once when the values agree, rejected when they do not.
                // Rows of this file sharing a key are distinct records: all kept, and reported (DatasetStore+Keys).
                if let key = recordKey {
                    let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE status = 'active' AND kind = ? AND id != ?",
                                                  arguments: [kind.name, fileId]) ?? 0
                    if keyCollision {
                        report.keyRepeats = try Self.keyRepeats(db, kind: kind, key: key, fileId: fileId)
                        try Self.recordKeyRepeats(db, fileId: fileId, report.keyRepeats)
                    }
                    if others > 0 {
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
                        rows_read = ?, accepted = ?, rejected = ?, subtotal = ?, skipped = ?, filtered = ? WHERE id = ?
                    """, arguments: [result.sheet, result.unit.symbol, period, result.firstDate?.description, result.lastDate?.description,
                                     accounting.read, accounting.accepted, accounting.rejected, accounting.subtotal, accounting.skipped,
                                     accounting.filtered, fileId])
                try Self.recordFileFacts(db, kind: kind, fileId: fileId, result: result)
                report.sheet = result.sheet
                report.period = period
                report.accounting = accounting
                report.absentFields = result.absentFields
                outcome = .success(report)
            }
        } catch is Rollback {
        } catch {
            throw fault(error, Phrase("error.doing.importing", ["file": file.relativePath]))
        }
        if !laterFiles.isEmpty { return (report, nil, laterFiles) }
        return (try outcome.get(), newId, [])
    }

    /// Thrown inside a transaction to roll it back when applying the profile failed.
    struct Rollback: Error {}

    static func accounting(_ row: Row) -> RowAccounting {
        var a = RowAccounting()
        a.read = row["rows_read"]; a.accepted = row["accepted"]; a.rejected = row["rejected"]
        a.subtotal = row["subtotal"]; a.skipped = row["skipped"]
        a.filtered = (row["filtered"] as Int?) ?? 0
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
