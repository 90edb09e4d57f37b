import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutReconcile
import TieoutReport
import TieoutScore
import TieoutStore

/// `tieout score WORKSPACE`: the rubric scored from the dataset and the assessments.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the rubric (部门整体支出绩效评价表) from the dataset and assessments.yaml; write out/score.md, score.csv, score.json.",
        discussion: """
        Computed items (rates, bands, deductions, the quarterly 预算执行率) come from the \
        dataset; the others from assessments.yaml, with evidence. An item score claimed in \
        claims.yaml that the computation does not support is reported.

        Exit status: 0 when every claimed item score is supported and no item lacks an \
        assessment; 1 otherwise; 2 for a bad workspace, rubric or assessments file.

        Examples:
          tieout score samples/futian-2024
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml), ingested.", completion: .directory)
    var workspace: String

    @OptionGroup var locking: LockOptions

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        logging.start("score", workspace: workspace)
        let ws = try Workspace.open(workspace)
        let lock = try ReportSet.retiringOnFailure(ws) { try locking.lock(ws, "score") }
        defer { lock.release() }
        let store = try ReportSet.retiringOnFailure(ws) { try DatasetStore.open(ws) }
        let status = try ReportSet.replace(ws) { set in
            let (r, scoring) = try ReportFiles.reconcileAndScore(ws, store)
            EventLog.findings(r)
            EventLog.scored(scoring)
            try ReportFiles.write(r, language: .zh, workspace: ws, score: scoring.sheet, into: set)
            try ScoreFiles.write(scoring.sheet, workspace: ws, into: set)
            try RejectsFile.write(store, workspace: ws, into: set)
            ReportFiles.warnIfNotCurrent(r)
            ScoreFiles.printTable(scoring)
            return ScoreFiles.hasProblems(scoring) ? 1 : 0
        }
        if status != 0 { throw ExitCode(status) }
    }
}

enum ScoreFiles {
    static func write(_ sheet: ScoreSheet, workspace ws: Workspace, into set: StagedFiles) throws {
        try set.write(ws.outputDirectory + "/score.md") { $0.write(ScoreReport.markdown(sheet)) }
        try set.write(ws.outputDirectory + "/score.csv") { $0.write(ScoreReport.csv(sheet)) }
        let json = try ScoreReport.json(sheet)
        try set.write(ws.outputDirectory + "/score.json") { $0.write(json) }
    }

    static func printTable(_ s: Scoring) {
        var lines: [[String]] = [["三级指标", "分值", "得分", "附件"]]
        for i in s.sheet.items {
            lines.append([i.name, i.max, i.points, i.claimed.map { $0 == i.points ? "✓" : "附件 \($0)" } ?? ""])
        }
        lines.append(["合计", s.sheet.max, s.sheet.total, s.sheet.claimedTotal.map { $0 == s.sheet.total ? "✓" : "附件 \($0)" } ?? ""])
        Output.stdout.write(TextTable.render(lines, rightAligned: [1, 2]))
        for i in s.sheet.items where !i.missing.isEmpty {
            Output.stdout.write("未能计分：\(i.name)：缺少 \(i.missing.joined(separator: "、"))\n")
        }
        Output.stdout.write("评分：out/score.md, out/score.csv, out/score.json\n")
        // --quiet: the item scores the computation does not support, and the items not scored.
        EventLog.problems(s.findings.filter { $0.status != .ok }.map { ConsoleSummary.line($0, language: .zh) }
            + s.sheet.items.filter { !$0.missing.isEmpty }.map { "未能计分：\($0.name)：缺少 \($0.missing.joined(separator: "、"))" })
    }

    static func hasProblems(_ s: Scoring) -> Bool {
        s.findings.contains { $0.status != .ok } || s.sheet.items.contains { !$0.missing.isEmpty }
    }
}
