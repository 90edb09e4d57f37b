import TieoutReconcile
import TieoutStore

/// What a report stands on, in words: the dataset's files, and every reason it may not be
/// complete or current (an unfinished ingest, ledgers that failed, that came, changed or
/// went since). Shown at the top of report.md and report.html, and as `dataset` in findings.json.
enum DatasetSection {
    /// Lines in the report's language; the first says whether the dataset is complete.
    static func lines(_ s: DatasetState, _ l: ReportLanguage) -> [String] {
        var out: [String] = []
        if s.isCurrent {
            out.append(l.s("dataset.current", ["files": s.files]))
        } else {
            out.append(l.s("dataset.stale"))
        }
        if s.neverIngested && s.unfinishedIngest == nil { out.append(l.s("dataset.never-ingested")) }
        if let u = s.unfinishedIngest {
            out.append(l.s("dataset.unfinished", ["started": u]))
        }
        for f in s.failed { out.append(l.s("dataset.failed", ["path": f.path, "error": f.error])) }
        for p in s.notIngested { out.append(l.s("dataset.not-ingested", ["path": p])) }
        for p in s.changedSinceIngest { out.append(l.s("dataset.changed", ["path": p])) }
        for p in s.alteredInDataset { out.append(l.s("dataset.altered", ["path": p])) }
        for p in s.goneSinceIngest { out.append(l.s("dataset.gone", ["path": p])) }
        for p in s.unmatchedSources { out.append(l.s("dataset.unmatched", ["source": p])) }
        for p in s.removed { out.append(l.s("dataset.removed", ["path": p])) }
        for k in s.keyRepeats { out.append(l.s("dataset.key-repeats", ["path": k.path, "message": k.message(english: l == .en)])) }
        return out
    }
}
