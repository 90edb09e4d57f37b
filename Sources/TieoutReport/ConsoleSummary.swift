import TieoutCore
import TieoutReconcile

/// The reconciliation as the terminal (and cron mail) shows it: the counts by class, then
/// every finding that is not ok, worst first, with what the ledgers give and the difference.
public enum ConsoleSummary {
    public static func lines(_ r: Reconciliation, language l: ReportLanguage) -> [String] {
        let zh = l == .zh
        let c = r.counts
        var out = [(zh ? "核对：" : "reconcile: ") + Finding.Status.allCases.map { s in
            "\(zh ? l.status(s) : s.rawValue) \(c[s] ?? 0)"
        }.joined(separator: zh ? "，" : ", ")]
        for f in r.orderedFindings where f.status != .ok {
            var line = "  \(zh ? l.status(f.status) : f.status.rawValue)  \((zh ? f.title : f.titleEn).escapingControlCharacters)"
            if let a = f.actual {
                line += zh ? (f.actualIsSumOfParts ? "；各项之和 \(a)" : "；台账 \(a)") : (f.actualIsSumOfParts ? "; the parts add to \(a)" : "; ledgers \(a)")
            }
            if let d = f.difference { line += zh ? "（差 \(d)）" : " (difference \(d))" }
            out.append(line)
        }
        return out
    }
}
