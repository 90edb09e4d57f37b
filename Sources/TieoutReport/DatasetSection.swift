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
            out.append(l.t("数据集：\(s.files) 个台账文件，最近一次导入已完成，与工作区一致。",
                           "Dataset: \(s.files) ledger files; the last ingest finished and matches the workspace."))
        } else {
            out.append(l.t("⚠ 数据集不完整或已过时：以下数字不能视为完整的台账结果。",
                           "⚠ The dataset is partial or stale: the figures below are not the complete ledgers' result."))
        }
        if s.neverIngested && s.unfinishedIngest == nil { out.append(l.t("尚未导入任何台账。", "No ledger has been ingested.")) }
        if let u = s.unfinishedIngest {
            out.append(l.t("上次导入（开始于 \(u)）未完成。", "The last ingest (started \(u)) did not finish."))
        }
        for f in s.failed { out.append(l.t("读取失败：\(f.path)：\(f.error)", "Could not be read: \(f.path): \(f.error)")) }
        for p in s.notIngested { out.append(l.t("尚未导入：\(p)", "Not ingested yet: \(p)")) }
        for p in s.changedSinceIngest { out.append(l.t("导入后已改动：\(p)", "Changed since ingested: \(p)")) }
        for p in s.alteredInDataset { out.append(l.t("数据集中的记录在导入后被改动（运行 tieout verify）：\(p)", "Records changed in the dataset after ingest (run tieout verify): \(p)")) }
        for p in s.goneSinceIngest { out.append(l.t("已不在工作区但记录仍在数据集：\(p)", "Gone from the workspace, records still in the dataset: \(p)")) }
        for p in s.unmatchedSources { out.append(l.t("来源匹配不到任何文件：\(p)", "A source matches no file: \(p)")) }
        for p in s.removed { out.append(l.t("最近一次导入时已不在工作区，其记录已移出：\(p)", "Gone at the last ingest, its records removed: \(p)")) }
        return out
    }
}
