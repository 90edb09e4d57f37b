import TieoutCore
import TieoutReconcile

/// The reconciliation as the terminal (and cron mail) shows it: the counts by class, then
/// every finding that is not ok, worst first, with what the ledgers give and the difference.
public enum ConsoleSummary {
    public static func lines(_ r: Reconciliation, language l: ReportLanguage) -> [String] {
        let c = r.counts
        var out = [l.s("console.reconcile", ["counts": Finding.Status.listed(c).map { s in
            l.s("console.count", ["class": l.s("console.status.\(s.rawValue)"), "n": c[s] ?? 0])
        }.joined(separator: l.s("list.comma"))])]
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
        var line = "  \(l.s("console.status.\(f.status.rawValue)"))  \(l.title(f).escapingControlCharacters)"
        if let a = f.actual { line += l.s(f.actualIsSumOfParts ? "console.parts-add-to" : "console.ledgers-give", ["value": l.value(a)]) }
        if let d = f.difference { line += l.s("console.difference", ["value": l.value(d)]) }
        return line
    }
}
