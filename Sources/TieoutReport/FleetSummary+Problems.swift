import TieoutCore

extension FleetSummary {
    /// What `run --all --quiet` prints (cron mail): a line for each unit whose run had
    /// problems or failed, with its counts, score and log; nothing when every unit is ok.
    public func problemLines(language l: ReportLanguage = .zh) -> [String] {
        let problems = units.filter { $0.exitCode != 0 }
        guard !problems.isEmpty else { return [] }
        let failed = problems.filter { $0.exitCode != 1 }.count
        return [l.t("\(Self.count(units.count)) 个单位：有问题 \(Self.count(problems.count - failed))，失败 \(Self.count(failed))；汇总 out/summary.md",
                    "\(Self.count(units.count)) units: with problems \(Self.count(problems.count - failed)), failed \(Self.count(failed)); summary out/summary.md")] + problems.map { u in
            let name = (u.unit.isEmpty ? u.workspace : l.t("\(u.unit)（\(u.workspace)）", "\(u.unit) (\(u.workspace))")).escapingControlCharacters
            if u.exitCode != 1 {
                let error = (u.error ?? "exit \(u.exitCode)").replacing("\n", with: " / ").escapingControlCharacters
                return l.t("  失败  \(name)：\(error)；日志 \(u.log)", "  failed  \(name): \(error); log \(u.log)")
            }
            let (mismatch, missing) = (Self.count(u.findings["mismatch"] ?? 0), Self.count(u.findings["missing-data"] ?? 0))
            let unsupported = u.findings["unsupported"] ?? 0
            return l.t("  有问题  \(name)：不一致 \(mismatch)，缺少数据 \(missing)\(unsupported > 0 ? "，陈述无据 \(Self.count(unsupported))" : "")，评分 \(u.score ?? "—")；日志 \(u.log)",
                       "  problems  \(name): mismatch \(mismatch), missing data \(missing)\(unsupported > 0 ? ", unsupported \(Self.count(unsupported))" : ""), score \(u.score ?? "—"); log \(u.log)")
        }
    }
}
