import TieoutCore

extension FleetSummary {
    /// What `run --all --quiet` prints (cron mail): a line for each unit whose run had
    /// problems or failed, with its counts, score and log; nothing when every unit is ok.
    public func problemLines() -> [String] {
        let problems = units.filter { $0.exitCode != 0 }
        guard !problems.isEmpty else { return [] }
        let failed = problems.filter { $0.exitCode != 1 }.count
        return ["\(units.count) 个单位：有问题 \(problems.count - failed)，失败 \(failed)；汇总 out/summary.md"] + problems.map { u in
            let name = (u.unit.isEmpty ? u.workspace : "\(u.unit)（\(u.workspace)）").escapingControlCharacters
            if u.exitCode != 1 {
                return "  失败  \(name)：\((u.error ?? "exit \(u.exitCode)").replacing("\n", with: " / ").escapingControlCharacters)；日志 \(u.log)"
            }
            let unsupported = u.findings["unsupported"] ?? 0
            return "  有问题  \(name)：不一致 \(u.findings["mismatch"] ?? 0)，缺少数据 \(u.findings["missing-data"] ?? 0)\(unsupported > 0 ? "，陈述无据 \(unsupported)" : "")，评分 \(u.score ?? "—")；日志 \(u.log)"
        }
    }
}
