#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ArgumentParser
import TieoutCore
import TieoutFleet
import TieoutIngest
import TieoutReconcile
import TieoutReport
import TieoutScore
import TieoutStore

/// `tieout run WORKSPACE`: the main job — ingest, reconcile, reports.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job: ingest the ledgers, reconcile every stated figure, write the reports to WORKSPACE/out/.",
        discussion: """
        Exit status: 0 when every row was accepted and every finding is ok or rounding; \
        1 when rows were rejected or a finding is mismatch or missing-data; 2 for a bad \
        workspace, profile or claims file, or a write that failed (the last finished \
        run's reports are then in out/previous/). With --all, every workspace under \
        the folder runs in its own process; the summary goes to FOLDER/out/ and the \
        status is the worst unit's.

        Examples:
          tieout run samples/futian-2024
          tieout run --all /srv/ledgers/2024 --jobs 2
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml).", completion: .directory)
    var workspace: String

    @OptionGroup var locking: LockOptions

    @OptionGroup var logging: LoggingOptions

    @Option(help: "Report language: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    @Flag(help: "Run every workspace under the folder (each independently; a summary in FOLDER/out/).")
    var all = false

    @Flag(help: "Read every ledger again, even those unchanged since they were read with the same profile.")
    var force = false

    @Option(help: "With --all: how many units run at once (default: the machine's cores).")
    var jobs: Int?

    /// With --all, each unit's run writes its summary here (for the batch's table).
    @Option(help: .hidden)
    var summaryJson: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of units at once, 1 or more.") }
        if jobs != nil && !all { throw ValidationError("--jobs goes with --all.") }
    }

    func run() throws {
        // A unit of `run --all` ends with its batch: a killed batch leaves no unit running on.
        if summaryJson != nil { BatchUnit.endWithBatch() }
        logging.start(all ? "run --all" : "run", workspace: workspace)
        if all {
            let status = try RunAll(folder: workspace, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, lang: lang, force: force,
                                    logArguments: logging.childArguments, wait: !locking.noWait).run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        // Every settings file checked first: all their mistakes at once, nothing read or written.
        let problems = WorkspaceValidation.validate(workspace)
        if !problems.isEmpty {
            for p in problems { Output.printError(p) }
            if !EventLog.isOn {
                Output.stderr.write("\(problems.count) \(problems.count == 1 ? "mistake" : "mistakes") in \(workspace)'s settings (tieout validate lists them); no ledger was read.\n")
            }
            // The settings changed since the reports in out/ were made: they no longer stand for this workspace.
            if let ws = try? Workspace.open(workspace) {
                try? ReportSet.retire(ws)
                ReportSet.notePrevious(ws)
            } else if !problems.contains(where: { $0.code == "workspace.missing" }) {
                // tieout.yaml is there but cannot be read: its reports no longer stand either.
                let out = (workspace.count > 1 && workspace.hasSuffix("/") ? String(workspace.dropLast()) : workspace) + "/out"
                try? ReportSet.retire(out: out)
                ReportSet.notePrevious(out: out)
            }
            Output.stderr.flush()
            throw ExitCode(2)
        }
        let ws = try Workspace.open(workspace)
        // A lock that cannot be taken or a dataset that cannot be opened fails the run: the reports in out/ no longer stand.
        let lock = try ReportSet.retiringOnFailure(ws) { try locking.lock(ws, "run") }
        defer { lock.release() }
        let store = try ReportSet.retiringOnFailure(ws) { try DatasetStore.open(ws) }
        // `database: postgresql://…`: the dataset is published there and the figures computed there (docs/postgresql.md).
        let postgres = try ReportSet.retiringOnFailure(ws) { try PostgresDataset.forWorkspace(ws) }
        let zh = lang == .zh
        let status = try ReportSet.replace(ws) { set in
            let report = try store.ingest(ws, force: force)
            EventLog.ingested(report)
            let rejects = try RejectsFile.write(store, workspace: ws, into: set)
            Self.printIngest(report, zh: zh)
            if let postgres { Ingest.printPublished(try postgres.publish(store), postgres, zh: zh) }
            let (r, scoring) = try ReportFiles.reconcileAndScore(ws, store, engine: postgres)
            EventLog.findings(r)
            EventLog.scored(scoring)
            try ReportFiles.write(r, language: lang.language, workspace: ws, score: scoring.sheet, into: set)
            try ScoreFiles.write(scoring.sheet, workspace: ws, into: set)
            ReportFiles.printSummary(r, language: lang.language)
            let unscored = scoring.sheet.items.filter { !$0.missing.isEmpty }.map(\.name)
            let scoreLine = ((zh ? "评分：合计 \(scoring.sheet.total) / \(scoring.sheet.max) 分" : "score: total \(scoring.sheet.total) of \(scoring.sheet.max)")
                + (scoring.sheet.claimedTotal.map { c in c == scoring.sheet.total ? (zh ? "，与附件一致" : ", as the annex claims") : (zh ? "，附件为 \(c)" : ", the annex claims \(c)") } ?? "")
                + (unscored.isEmpty ? "" : (zh ? "；未能计分：" : "; not scored: ") + unscored.joined(separator: "、"))
                + (zh ? "（out/score.md）" : " (out/score.md)"))
            Output.stdout.write(scoreLine + "\n")
            if ScoreFiles.hasProblems(scoring) { EventLog.problems([scoreLine]) }
            let status: Int32 = report.failed || !rejects.isEmpty || r.hasProblems || ScoreFiles.hasProblems(scoring) ? 1 : 0
            if let summaryJson {
                let unit = UnitSummary(workspace: ws.root, unit: ws.unitName, files: report.files.count, rows: report.totals.read, findings: r.countsByClass,
                                       score: scoring.sheet.total, seconds: 0, status: status == 0 ? "ok" : "problems", exitCode: status, error: nil, log: "")
                try writeAtomically(summaryJson) { $0.write(String(decoding: try JSONEncoder().encode(unit), as: UTF8.self)) }
            }
            return status
        }
        Output.stdout.flush()
        if status != 0 { throw ExitCode(status) }
    }

    static func printIngest(_ report: IngestReport, zh: Bool) {
        let (lines, problems) = ingestLines(report, zh: zh)
        for l in lines { Output.stdout.write(l + "\n") }
        EventLog.problems(problems)
    }

    /// The ingest's lines for the terminal, and those of them that are problems (for `--quiet`):
    /// the totals line and the failed, gone and unmatched lines, when a file failed or is gone,
    /// a source matches nothing or rows were rejected.
    static func ingestLines(_ report: IngestReport, zh: Bool) -> (all: [String], problems: [String]) {
        let t = report.totals
        let statuses = Dictionary(grouping: report.files, by: \.status).mapValues(\.count)
        let head = (zh ? "导入：" : "ingest: ") + "\(report.files.count) " + (zh ? "个文件（" : "files (")
            + IngestReport.Status.allCases.compactMap { s in statuses[s].map { "\(s.rawValue) \($0)" } }.joined(separator: ", ")
            + (zh ? "）；读取 \(t.read) 行：接受 \(t.accepted)，拒收 \(t.rejected)，小计 \(t.subtotal)，跳过 \(t.skipped)"
                  : "); read \(t.read) rows: accepted \(t.accepted), rejected \(t.rejected), subtotal \(t.subtotal), skipped \(t.skipped)")
        // Rows a profile's `where:` left out, when there are any (read = accepted + … + filtered).
        let filtered: String = t.filtered == 0 ? "" : (zh ? "，筛除 \(t.filtered)" : ", filtered \(t.filtered)")
        var all = [head + filtered], problems: [String] = []
        for u in report.unmatchedSources {
            let line = (zh ? "  来源匹配不到文件 " : "  no file matches ") + u.escapingControlCharacters
            all.append(line); problems.append(line)
        }
        for f in report.files {
            let path = f.shown.escapingControlCharacters
            if let e = f.error {
                let line = (zh ? "  读取失败 " : "  failed ") + "\(path): \(e.replacing("\n", with: " / ").escapingControlCharacters)"
                all.append(line); problems.append(line)
            }
            if f.status == .renamed, let old = f.replaces {
                all.append((zh ? "  改名 " : "  renamed ") + "\(path) ← \(old.escapingControlCharacters)" + (zh ? "（记录保留）" : " (records kept)"))
            }
            if f.status == .removed {
                let line = (zh ? "  已不在工作区 " : "  gone ") + path + (zh ? "：其记录已移出数据集" : ": its records left the dataset")
                all.append(line); problems.append(line)
            }
            if f.status == .reread, let why = f.readAgain {
                all.append((zh ? "  重新读取 " : "  read again ") + "\(path): \(why)")
            }
            if let r = f.keyRepeats {
                let line = (zh ? "  键重复 " : "  key repeats ") + "\(path): \(r.message.escapingControlCharacters)"
                all.append(line); problems.append(line)
            }
            if let c = f.change, let old = f.replaces, f.status != .reread {
                all.append((zh ? "  更正导出 " : "  re-issue ") + "\(path) ← \(old.escapingControlCharacters): +\(c.added) −\(c.removed) ~\(c.changed)")
            }
        }
        return (all, problems.isEmpty && t.rejected == 0 ? [] : [head + filtered] + problems)
    }
}

extension IngestReport.Status: CaseIterable {
    public static var allCases: [IngestReport.Status] { [.new, .unchanged, .changed, .reissue, .renamed, .reread, .removed, .failed] }
}
