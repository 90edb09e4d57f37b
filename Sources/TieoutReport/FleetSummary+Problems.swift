import TieoutCore
import TieoutReconcile

extension FleetSummary {
    /// What `run --all --quiet` prints (cron mail): a line for each unit whose run had
    /// problems or failed, with its counts, score and log; nothing when every unit is ok.
    public func problemLines(language l: ReportLanguage = .zh) -> [String] {
        let problems = units.filter { $0.exitCode != 0 }
        guard !problems.isEmpty else { return [] }
        let failed = problems.filter { $0.exitCode != 1 }.count
        return [l.s("fleet.quiet.head", ["units": Self.count(units.count), "problems": Self.count(problems.count - failed), "failed": Self.count(failed)])] + problems.map { u in
            let name = (u.unit.isEmpty ? u.workspace : l.s("fleet.unit-name", ["unit": u.unit, "workspace": u.workspace])).escapingControlCharacters
            if u.exitCode != 1 {
                let error = (u.error ?? "exit \(u.exitCode)").replacing("\n", with: " / ").escapingControlCharacters
                return l.s("fleet.quiet.failed", ["name": name, "error": error, "log": u.log])
            }
            // The classes to act on as a counts line lists them (each always, or when there are any).
            let counts = Dictionary(uniqueKeysWithValues: Finding.Status.allCases.map { ($0, u.findings[$0.rawValue] ?? 0) })
            let listed = Finding.Status.listed(counts).filter(\.isProblem).map { l.s("console.count", ["class": l.status($0), "n": Self.count(counts[$0]!)]) }
            return l.s("fleet.quiet.problems", ["name": name, "counts": listed.joined(separator: l.s("list.comma")), "score": u.score ?? "—", "log": u.log])
        }
    }
}
