import TieoutCore
import TieoutReconcile

/// The reconciliation as the terminal (and cron mail) shows it: the counts by class, then
/// every finding that is not ok, worst first, with what the ledgers give and the difference.
public enum ConsoleSummary {
    public static func lines(_ r: Reconciliation, language l: ReportLanguage) -> [String] {
        let zh = l == .zh
        let c = r.counts
        var out = [(zh ? "核对：" : "reconcile: ") + Finding.Status.listed(c).map { s in
            "\(zh ? l.status(s) : s.rawValue) \(c[s] ?? 0)"
        }.joined(separator: zh ? "，" : ", ")]
        for f in r.orderedFindings where f.status != .ok { out.append(line(f, language: l)) }
        return out
    }

    /// What `--quiet` prints (cron mail): the counts line and the findings that are problems
    /// (mismatch, unsupported, missing-data), in the same words as ``lines(_:language:)``; nothing when
    /// every finding is ok or rounding.
    public static func problemLines(_ r: Reconciliation, language l: ReportLanguage) -> [String] {
        let problems = r.orderedFindings.filter { $0.status.isProblem }
        guard !problems.isEmpty, let counts = lines(r, language: l).first else { return [] }
        return [counts] + problems.map { line($0, language: l) }
    }

    /// One finding as the terminal shows it: its class, its title (with the stated value),
    /// what the ledgers give and the difference.
    public static func line(_ f: Finding, language l: ReportLanguage) -> String {
        let zh = l == .zh
        var line = "  \(zh ? l.status(f.status) : f.status.rawValue)  \((zh ? f.title : f.titleEn).escapingControlCharacters)"
        if let a = f.actual {
            line += zh ? (f.actualIsSumOfParts ? "；各项之和 \(a)" : "；台账 \(a)") : (f.actualIsSumOfParts ? "; the parts add to \(a)" : "; ledgers \(a)")
        }
        if let d = f.difference { line += zh ? "（差 \(d)）" : " (difference \(d))" }
        return line
    }
}
