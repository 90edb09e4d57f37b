import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutOffice
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

        An item given full marks while the report states its measure below the band that \
        gives them (满意度 6 of 6, the text's 满意率 72.99%) is listed after the table \
        (unsupported); the score stands.

        Exit status: 0 when every claimed item score is supported, no item lacks an \
        assessment and no full marks are unsupported; 1 otherwise; 2 for a bad workspace, \
        rubric or assessments file.

        Examples:
          tieout score samples/futian-2024
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml), ingested.", completion: .directory)
    var workspace: String

    @OptionGroup var locking: LockOptions

    @OptionGroup var logging: LoggingOptions

    @Option(help: "Report language: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    @OptionGroup var csvHeaders: HeaderOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        logging.start("score", workspace: workspace)
        let ws = database.apply(try Workspace.open(workspace))
        let lock = try ReportSet.retiringOnFailure(ws) { try locking.lock(ws, "score") }
        defer { lock.release() }
        let store = try ReportSet.retiringOnFailure(ws) { try DatasetStore.open(ws) }
        let postgres = try ReportSet.retiringOnFailure(ws) { try PostgresDataset.forWorkspace(ws) }
        let status = try ReportSet.replace(ws) { set in
            try Ingest.publishIfNotCurrent(postgres, store, language: lang.language)
            let (r, scoring) = try ReportFiles.reconcileAndScore(ws, store, engine: postgres)
            EventLog.findings(r)
            EventLog.scored(scoring)
            let annotated = try ReportFiles.write(r, language: lang.language, workspace: ws, score: scoring.sheet, into: set)
            try ScoreFiles.write(scoring.sheet, language: lang.language, workspace: ws, headers: csvHeaders.language, into: set)
            try RejectsFile.write(store, workspace: ws, headers: csvHeaders.language, language: lang.language, into: set)
            ReportFiles.warnIfNotCurrent(r)
            ScoreFiles.printTable(scoring, language: lang.language)
            ReportFiles.printWritten(set, language: lang.language, annotated: annotated)
            AnnotatedReportFile.printLine(annotated, language: lang.language)
            return ScoreFiles.hasProblems(scoring) || !scoring.statements.isEmpty ? 1 : 0
        }
        if status != 0 { throw ExitCode(status) }
    }
}

enum ScoreFiles {
    static func write(_ sheet: ScoreSheet, language l: ReportLanguage, workspace ws: Workspace, headers: ReportLanguage = .zh, into set: StagedFiles) throws {
        try set.write(ws.outputDirectory + "/score.md") { $0.write(ScoreReport.markdown(sheet, language: l)) }
        try set.write(ws.outputDirectory + "/score.csv") { $0.write(ScoreReport.csv(sheet, headers: headers)) }
        let json = try ScoreReport.json(sheet)
        try set.write(ws.outputDirectory + "/score.json") { $0.write(json) }
        let xlsx = ws.outputDirectory + "/score.xlsx"
        try set.writeFile(xlsx) { temp in
            let book = try WorkbookWriter(path: temp, reportedAs: xlsx, constantMemory: false)
            try ScoreWorkbook.write(sheet, into: book)
            try book.close()
        }
    }

    static func printTable(_ s: Scoring, language l: ReportLanguage) {
        var lines: [[String]] = [[l.s("score.table.item"), l.s("score.table.max"), l.s("score.table.points"), l.s("score.table.claimed")]]
        for i in s.sheet.items {
            lines.append([l.name(i), i.max, i.points, i.claimed.map { $0 == i.points ? "✓" : l.s("score.table.annex", ["claimed": $0]) } ?? ""])
        }
        lines.append([l.s("score.total"), s.sheet.max, s.sheet.total, s.sheet.claimedTotal.map { $0 == s.sheet.total ? "✓" : l.s("score.table.annex", ["claimed": $0]) } ?? ""])
        Output.stdout.write(TextTable.render(lines, rightAligned: [1, 2]))
        let unscored = s.sheet.items.filter { !$0.missing.isEmpty }.map {
            l.s("score.unscored", ["item": l.name($0), "missing": $0.missing.joined(separator: l.s("list.enum"))])
        }
        for line in unscored { Output.stdout.write(line + "\n") }
        // Full marks the report's own text does not support: flagged, the score unchanged.
        let statements = s.statements.map { ConsoleSummary.line($0, language: l) }
        for line in statements { Output.stdout.write(line + "\n") }
        // --quiet: the item scores the computation does not support, the items not scored, unsupported full marks.
        EventLog.problems(s.findings.filter { $0.status != .ok }.map { ConsoleSummary.line($0, language: l) } + statements + unscored)
    }

    static func hasProblems(_ s: Scoring) -> Bool {
        s.findings.contains { $0.status != .ok } || s.sheet.items.contains { !$0.missing.isEmpty }
    }
}
