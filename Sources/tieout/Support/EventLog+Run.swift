#if canImport(Glibc)
import Glibc
#endif
import Logging
import TieoutCore
import TieoutReconcile
import TieoutScore
import TieoutStore

/// The events of a run, from what ingest, reconciliation and scoring returned.
extension EventLog {
    /// One event per file (read, skipped, renamed, gone or failed), the sources that matched
    /// nothing, the kinds whose table changed, and the ingest's totals.
    static func ingested(_ report: IngestReport) {
        guard isOn else { return }
        for k in report.kindChanges where k.change != .adopted {
            emit(.notice, "kind.changed", ["kind": .string(k.kind), "change": .string(k.change.rawValue), "detail": .string(k.detail),
                                           "files_read_again": count(k.filesToReread)])
        }
        for source in report.unmatchedSources {
            emit(.warning, "source.unmatched", ["source": .string(source), "message": "no file matches this source"])
        }
        for f in report.files {
            if f.status == .failed {
                var fields: Logger.Metadata = ["path": .string(f.shown), "profile": .string(f.profile), "message": .string(f.error ?? "")]
                if let code = f.errorCode { fields["code"] = .string(code) }
                emit(.error, "file.failed", fields)
                continue
            }
            let a = f.accounting
            var fields: Logger.Metadata = ["path": .string(f.shown), "profile": .string(f.profile), "kind": .string(f.kind),
                                           "status": .string(f.status.rawValue)]
            if f.status != .removed && f.status != .unchanged && f.status != .renamed {
                fields["read"] = count(a.read); fields["accepted"] = count(a.accepted); fields["rejected"] = count(a.rejected)
                fields["subtotal"] = count(a.subtotal); fields["skipped"] = count(a.skipped); fields["filtered"] = count(a.filtered)
            }
            if let sha = f.sha256 { fields["sha256"] = .string(sha) }
            if let p = f.period { fields["period"] = .string(p) }
            if let old = f.replaces { fields["replaces"] = .string(old) }
            if let c = f.change { fields["added"] = count(c.added); fields["removed"] = count(c.removed); fields["changed"] = count(c.changed) }
            if f.duplicates > 0 { fields["duplicates"] = count(f.duplicates) }
            if f.conflicts > 0 { fields["conflicts"] = count(f.conflicts) }
            if let r = f.keyRepeats { fields["key_repeats"] = count(r.rows) }
            if !f.subtotalMismatches.isEmpty { fields["subtotal_mismatches"] = .array(f.subtotalMismatches.map { .string($0) }) }
            if let why = f.readAgain { fields["why"] = .string(why) }
            let problem = a.rejected > 0 || f.conflicts > 0 || f.keyRepeats != nil || !f.subtotalMismatches.isEmpty
            emit(f.status == .removed || problem ? .warning : .info, f.status == .removed ? "file.removed" : "file.ingested", fields)
        }
        let t = report.totals
        emit(t.rejected > 0 || report.failed ? .warning : .info, "ingest.finished",
             ["files": count(report.files.count), "read": count(t.read), "accepted": count(t.accepted), "rejected": count(t.rejected),
              "subtotal": count(t.subtotal), "skipped": count(t.skipped), "filtered": count(t.filtered), "failed": count(report.files.filter { $0.status == .failed }.count)])
    }

    /// One event per finding class, every class (a count of 0 included); mismatch,
    /// unsupported and missing-data list their findings' ids.
    static func findings(_ r: Reconciliation) {
        guard isOn else { return }
        for status in Finding.Status.allCases {
            let these = r.findings.filter { $0.status == status }
            let problem = status.isProblem
            var fields: Logger.Metadata = ["class": .string(status.rawValue), "count": count(these.count)]
            if problem && !these.isEmpty { fields["findings"] = .array(these.map { .string($0.id) }) }
            emit(problem && !these.isEmpty ? .warning : .info, "finding.class", fields)
        }
    }

    /// The score, and the items that could not be scored.
    static func scored(_ s: Scoring) {
        guard isOn else { return }
        var fields: Logger.Metadata = ["total": .string(s.sheet.total), "max": .string(s.sheet.max)]
        if let c = s.sheet.claimedTotal { fields["claimed"] = .string(c) }
        let unscored = s.sheet.items.filter { !$0.missing.isEmpty }.map(\.name)
        if !unscored.isEmpty { fields["not_scored"] = .array(unscored.map { .string($0) }) }
        let differs = s.sheet.claimedTotal.map { $0 != s.sheet.total } ?? false
        emit(unscored.isEmpty && !differs ? .info : .warning, "score", fields)
    }

    /// The command's end: its exit status and how long it took.
    static func finished(_ status: Int32) {
        guard isOn, let start = startedAt else { return }
        let d = ContinuousClock.now - start
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        emit(status == 0 ? .info : status == 1 ? .warning : .error, "run.finished",
             ["exit": count(Int(status)), "milliseconds": count(Int(ms))])
    }

    /// An error that ends the command (exit 2): its code, place, message and fix.
    static func failed(_ error: TieoutError) {
        var fields: Logger.Metadata = ["code": .string(error.code.rawValue), "message": .string(error.what), "help": .string(error.help)]
        if let l = error.location { fields["place"] = .string(l.description) }
        emit(.error, "failed", fields)
    }
}

extension EventLog {
    /// A file put in place (a report, rejects.csv, the dataset's export, a summary): its path and size.
    static func written(_ path: String) {
        guard isOn else { return }
        var st = stat()
        var fields: Logger.Metadata = ["path": .string(path)]
        // Its size when it can be read back (it was just put in place); never a made-up one.
        if stat(path, &st) == 0 { fields["bytes"] = count(Int(st.st_size)) }
        emit(.info, "report.written", fields)
    }
}
