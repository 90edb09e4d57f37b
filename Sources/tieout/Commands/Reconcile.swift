import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutOffice
import TieoutReconcile
import TieoutReport
import TieoutScore
import TieoutStore

/// `tieout reconcile WORKSPACE`: every stated figure recomputed; findings and reports.
struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every figure the report states (claims.yaml) and check the ledgers against each other; write out/report.md, report.html and findings.json.",
        discussion: """
        Each finding is ok, rounding (explained by rounding to the displayed precision), \
        mismatch, missing-data or unsupported (a statement the report's own text does not \
        support), with the inputs and the cells they come from.

        Exit status: 0 when every finding is ok or rounding; 1 when any is mismatch, \
        missing-data or unsupported; 2 for a bad workspace, claims file or dataset.

        Examples:
          tieout reconcile samples/futian-2024
          tieout reconcile samples/futian-2024 --lang en
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml), ingested.", completion: .directory)
    var workspace: String

    @OptionGroup var locking: LockOptions

    @Option(help: "Report language: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var csvHeaders: HeaderOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        logging.start("reconcile", workspace: workspace)
        let ws = database.apply(try Workspace.open(workspace))
        let lock = try ReportSet.retiringOnFailure(ws) { try locking.lock(ws, "reconcile") }
        defer { lock.release() }
        let store = try ReportSet.retiringOnFailure(ws) { try DatasetStore.open(ws) }
        // `database: postgresql://…`: the figures are computed on the unit's schema, published first when it is not the file's (docs/postgresql.md).
        let postgres = try ReportSet.retiringOnFailure(ws) { try PostgresDataset.forWorkspace(ws) }
        let status = try ReportSet.replace(ws) { set in
            try Ingest.publishIfNotCurrent(postgres, store, language: lang.language)
            let (r, scoring) = try ReportFiles.reconcileAndScore(ws, store, engine: postgres)
            EventLog.findings(r)
            EventLog.scored(scoring)
            let annotated = try ReportFiles.write(r, language: lang.language, workspace: ws, score: scoring.sheet, into: set)
            try ScoreFiles.write(scoring.sheet, language: lang.language, workspace: ws, headers: csvHeaders.language, into: set)
            try RejectsFile.write(store, workspace: ws, headers: csvHeaders.language, language: lang.language, into: set)
            ReportFiles.printSummary(r, language: lang.language, written: set, annotated: annotated)
            AnnotatedReportFile.printLine(annotated, language: lang.language)
            return r.hasProblems ? 1 : 0
        }
        if status != 0 { throw ExitCode(status) }
    }
}

enum ReportLanguageOption: String, ExpressibleByArgument, CaseIterable {
    case zh, en
    var language: ReportLanguage { self == .zh ? .zh : .en }
}

/// Writing and summarising the reports, shared by reconcile and run.
enum ReportFiles {
    /// The findings, with the claimed item scores among them, and the score sheet.
    static func reconcileAndScore(_ ws: Workspace, _ store: DatasetStore, engine: (any DatasetEngine)? = nil) throws -> (Reconciliation, Scoring) {
        var r = try Reconciliation(workspace: ws, store: store, rubric: try Rubric.forWorkspace(ws), engine: engine)
        let scoring = try Scoring(workspace: ws, reconciliation: r)
        r.findings += scoring.findings + scoring.statements
        return (r, scoring)
    }

    /// The reports, and the annotated copy of a .docx report (returned, for the line that names it).
    @discardableResult
    static func write(_ r: Reconciliation, language: ReportLanguage, workspace ws: Workspace, score: ScoreSheet? = nil, into set: StagedFiles) throws -> (path: String, unplaced: Int)? {
        let out = ws.outputDirectory
        try set.write(out + "/report.md") { $0.write(MarkdownReport.render(r, language: language)) }
        try set.write(out + "/report.html") {
            $0.write(HTMLReport.render(r, language: language, extraSections: score.map { [ScoreReport.htmlSection($0, language: language)] } ?? []))
        }
        let json = try FindingsJSON.render(r)
        try set.write(out + "/findings.json") { $0.write(json) }
        try set.writeFile(out + "/findings.xlsx") { temp in
            let book = try WorkbookWriter(path: temp, reportedAs: out + "/findings.xlsx", constantMemory: false)
            try FindingsWorkbook.write(r.findings, into: book)
            try book.close()
        }
        return try AnnotatedReportFile.write(r, workspace: ws, language: language, into: set)
    }

    /// A warning on stderr when the dataset is partial or stale (the findings say why, too).
    static func warnIfNotCurrent(_ r: Reconciliation) { warnIfNotCurrent(r.dataset, root: r.workspace.root) }

    /// The same for a dataset's state (explain's, which reconciles nothing).
    static func warnIfNotCurrent(_ s: DatasetState, root: String) {
        guard !s.isCurrent else { return }
        var why: [Phrase] = []
        if s.neverIngested && s.unfinishedIngest == nil { why.append(Phrase("error.dataset.stale.never")) }
        if let u = s.unfinishedIngest { why.append(Phrase("error.dataset.stale.unfinished", ["started": u])) }
        if !s.failed.isEmpty { why.append(Phrase("error.dataset.stale.failed", ["n": s.failed.count, "files": s.failed.map(\.path).joined(separator: ", ")])) }
        if !s.notIngested.isEmpty { why.append(Phrase("error.dataset.stale.not-ingested", ["n": s.notIngested.count])) }
        if !s.changedSinceIngest.isEmpty { why.append(Phrase("error.dataset.stale.changed", ["n": s.changedSinceIngest.count])) }
        if !s.alteredInDataset.isEmpty { why.append(Phrase("error.dataset.stale.altered", ["n": s.alteredInDataset.count])) }
        if !s.goneSinceIngest.isEmpty { why.append(Phrase("error.dataset.stale.gone", ["n": s.goneSinceIngest.count])) }
        Output.printWarning(TieoutError(code: "dataset.stale", what: Phrase("error.dataset.stale", ["why": StaleReasons(parts: why)]), location: nil,
                                        help: s.alteredInDataset.isEmpty ? Phrase("error.dataset.stale.help", ["root": root])
                                            : Phrase("error.dataset.stale.help-altered", ["root": root])))
    }

    /// Why a dataset is not current, joined by `; ` (`；` in Chinese).
    struct StaleReasons: Bilingual, CustomStringConvertible {
        let parts: [Phrase]
        func text(english: Bool) -> String {
            parts.map { $0.text(english: english) }.joined(separator: Catalog.text("error.dataset.stale.separator", english: english))
        }
        var description: String { text(english: true) }
    }

    static func printSummary(_ r: Reconciliation, language l: ReportLanguage, written set: StagedFiles, annotated: (path: String, unplaced: Int)?) {
        warnIfNotCurrent(r)
        for line in ConsoleSummary.lines(r, language: l) { Output.stdout.write(line + "\n") }
        EventLog.problems(ConsoleSummary.problemLines(r, language: l))
        printWritten(set, language: l, annotated: annotated)
    }

    /// The report files of the set in the usual order, each once, as they are named on the
    /// console: `out/report.md`. The annotated .docx copy has its own line (批注：).
    static func written(_ set: StagedFiles, annotated: (path: String, unplaced: Int)?) -> [String] {
        let order = ["report.md", "report.html", "findings.json", "findings.xlsx", "score.md", "score.csv", "score.json", "score.xlsx", "rejects.csv"]
        let names = set.paths.map { "out/" + ($0.split(separator: "/").last.map(String.init) ?? $0) }.filter { $0 != annotated?.path }
        return names.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: String(a.element.dropFirst(4))) ?? order.count, order.firstIndex(of: String(b.element.dropFirst(4))) ?? order.count)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// 报告：every report file the command wrote into out/ (reports, score, rejects).
    static func printWritten(_ set: StagedFiles, language l: ReportLanguage, annotated: (path: String, unplaced: Int)?) {
        Output.stdout.write(l.s("console.reports", ["files": written(set, annotated: annotated).joined(separator: ", ")]) + "\n")
    }
}
