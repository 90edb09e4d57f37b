import TieoutCore
import TieoutStore

/// What the dataset stands on: an ingest that did not finish, ledgers that failed to read,
/// ledgers new, changed or gone since the last ingest (rule `ingest`, each `missing-data`).
struct DatasetStateRule: Rule {
    static let name = "dataset-state"

    func findings(in c: RuleContext) -> [Finding] { Self.findings(c.dataset) }

    /// Findings from what the dataset stands on: an ingest that did not finish, ledgers that
    /// failed to read, ledgers new, changed or gone since the last ingest. Each is
    /// `missing-data`: figures computed without those rows are not to be taken as complete.
    static func findings(_ s: DatasetState) -> [Finding] {
        var out: [Finding] = []
        func finding(_ id: String, _ title: String, _ titleEn: String, _ explanation: String, _ explanationEn: String, files: [String]) {
            out.append(Finding(id: id, rule: "ingest", status: .missingData, title: title, titleEn: titleEn, expected: nil,
                               actual: files.isEmpty ? nil : "\(files.count)", difference: nil,
                               explanation: explanation, explanationEn: explanationEn, section: nil,
                               inputs: files.map { Finding.Input(label: $0, value: $0, exact: "", places: [$0]) }, rubric: []))
        }
        if s.neverIngested && s.unfinishedIngest == nil {
            finding("ingest:never", "数据集为空：尚未导入台账", "the dataset is empty: no ledger has been ingested",
                    "尚未完成过导入，所有数字均无台账依据。请运行 tieout ingest 或 tieout run。",
                    "No ingest has finished: no figure has ledgers behind it. Run tieout ingest or tieout run.", files: [])
        }
        if let started = s.unfinishedIngest {
            finding("ingest:unfinished", "上次导入未完成（开始于 \(started)）：数据集可能不完整", "the last ingest (started \(started)) did not finish: the dataset may be partial",
                    "导入在完成前中断（进程被终止或机器停止）；未处理到的文件仍是之前的数据。请再次运行 tieout ingest 或 tieout run。",
                    "The ingest stopped before it finished (killed, or the machine stopped); the files it had not reached are as before. Run tieout ingest or tieout run again.", files: [])
        }
        for f in s.failed {
            finding("ingest:failed@\(f.path)", "台账未能读取：\(f.path)", "a ledger could not be read: \(f.path)",
                    "最近一次导入未能读取此文件，其行不在任何数字中：\(f.error)",
                    "The last ingest could not read this file; its rows are in no figure: \(f.error)", files: [f.path])
        }
        if !s.notIngested.isEmpty {
            finding("ingest:not-ingested", "工作区中有 \(s.notIngested.count) 个台账尚未导入", "\(s.notIngested.count) ledgers in the workspace are not in the dataset",
                    "这些文件在最近一次导入之后才出现，其行不在任何数字中。请运行 tieout ingest 或 tieout run。",
                    "These files appeared after the last ingest; their rows are in no figure. Run tieout ingest or tieout run.", files: s.notIngested)
        }
        if !s.changedSinceIngest.isEmpty {
            finding("ingest:changed", "\(s.changedSinceIngest.count) 个台账在导入后已改动", "\(s.changedSinceIngest.count) ledgers changed since they were ingested",
                    "这些文件的大小或修改时间与导入时不同，数字仍按导入时的内容计算。请运行 tieout ingest 或 tieout run。",
                    "These files' size or time differ from when they were read; figures still use what was read then. Run tieout ingest or tieout run.", files: s.changedSinceIngest)
        }
        if !s.goneSinceIngest.isEmpty {
            finding("ingest:gone", "\(s.goneSinceIngest.count) 个台账已不在工作区，但其记录仍在数据集中", "\(s.goneSinceIngest.count) ledgers left the workspace but their records are still in the dataset",
                    "这些文件在导入之后被移走或删除，数字仍包含其记录。请运行 tieout ingest 或 tieout run。",
                    "These files were moved or deleted after they were read; figures still include their records. Run tieout ingest or tieout run.", files: s.goneSinceIngest)
        }
        if !s.alteredInDataset.isEmpty {
            finding("ingest:altered", "数据集中 \(s.alteredInDataset.count) 个台账的记录在导入后被改动", "the records of \(s.alteredInDataset.count) ledgers were changed in the dataset after ingest",
                    "这些文件在数据集中的记录与导入时写入的不同（数据集在 Tieout 之外被改动），数字不可信。请运行 tieout verify 查看每处差异，再运行 tieout run --force 从台账重建。",
                    "These files' records in the dataset differ from what ingest stored (the dataset was changed outside Tieout); figures over them are not to be trusted. Run tieout verify to see each difference, then tieout run --force to rebuild them from the ledgers.",
                    files: s.alteredInDataset)
        }
        return out
    }
}
