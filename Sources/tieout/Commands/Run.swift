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
        1 when rows were rejected or a finding is mismatch, missing-data or unsupported; 2 for a bad \
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

    @OptionGroup var csvHeaders: HeaderOptions

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

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of units at once, 1 or more.") }
        if jobs != nil && !all { throw ValidationError("--jobs goes with --all.") }
        if all, let d = database.database, !d.isURL {
            throw ValidationError("--database with --all takes a postgresql://user@host:port/db URL (a schema per unit): a SQLite file would be every unit's.")
        }
    }

    func run() throws {
        // A unit of `run --all` ends with its batch: a killed batch leaves no unit running on.
        if summaryJson != nil { BatchUnit.endWithBatch() }
        logging.start(all ? "run --all" : "run", workspace: workspace)
        if all {
            let status = try RunAll(folder: workspace, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, lang: lang, force: force,
                                    logArguments: logging.childArguments + csvHeaders.childArguments + database.childArguments, wait: !locking.noWait).run()
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
        let ws = database.apply(try Workspace.open(workspace))
        // A lock that cannot be taken or a dataset that cannot be opened fails the run: the reports in out/ no longer stand.
        let lock = try ReportSet.retiringOnFailure(ws) { try locking.lock(ws, "run") }
        defer { lock.release() }
        let store = try ReportSet.retiringOnFailure(ws) { try DatasetStore.open(ws) }
        // `database: postgresql://…`: the dataset is published there and the figures computed there (docs/postgresql.md).
        let postgres = try ReportSet.retiringOnFailure(ws) { try PostgresDataset.forWorkspace(ws) }
        let l = lang.language
        let status = try ReportSet.replace(ws) { set in
            let report = try store.ingest(ws, force: force)
            EventLog.ingested(report)
            let rejects = try RejectsFile.write(store, workspace: ws, headers: csvHeaders.language, language: l, into: set)
            Self.printIngest(report, language: l)
            if let postgres { Ingest.printPublished(try postgres.publish(store), postgres, language: l) }
            let (r, scoring) = try ReportFiles.reconcileAndScore(ws, store, engine: postgres)
            EventLog.findings(r)
            EventLog.scored(scoring)
            let annotated = try ReportFiles.write(r, language: lang.language, workspace: ws, score: scoring.sheet, into: set)
            try ScoreFiles.write(scoring.sheet, language: lang.language, workspace: ws, headers: csvHeaders.language, into: set)
            ReportFiles.printSummary(r, language: lang.language, written: set, annotated: annotated)
            AnnotatedReportFile.printLine(annotated, language: lang.language)
            let unscored = scoring.sheet.items.filter { !$0.missing.isEmpty }.map { l.name($0) }
            let scoreLine = l.s("run.score", ["total": scoring.sheet.total, "max": scoring.sheet.max])
                + (scoring.sheet.claimedTotal.map { c in c == scoring.sheet.total ? l.s("run.score.as-claimed") : l.s("run.score.claimed", ["claimed": c]) } ?? "")
                + (unscored.isEmpty ? "" : l.s("run.score.unscored", ["items": unscored.joined(separator: l.s("list.enum"))]))
            Output.stdout.write(scoreLine + "\n")
            if ScoreFiles.hasProblems(scoring) { EventLog.problems([scoreLine]) }
            let status: Int32 = report.failed || !rejects.isEmpty || r.hasProblems || ScoreFiles.hasProblems(scoring) ? 1 : 0
            if let summaryJson {
                // Rows from the dataset's files: a rerun that reads no file again still has them (totals.read counts this run's reads only).
                let rows = try store.rowsRead()
                let progress = Dictionary(uniqueKeysWithValues: (1...4).compactMap { q in r.book["progress.q\(q)"].map { ("q\(q)", $0.value.description) } })
                let unit = UnitSummary(workspace: ws.root, unit: ws.unitName, files: report.files.count, rows: rows, findings: r.countsByClass,
                                       score: scoring.sheet.total, seconds: 0, status: status == 0 ? "ok" : "problems", exitCode: status, error: nil, log: "",
                                       progress: progress.isEmpty ? nil : progress)
                try writeAtomically(summaryJson) { $0.write(String(decoding: try JSONEncoder().encode(unit), as: UTF8.self)) }
            }
            return status
        }
        Output.stdout.flush()
        if status != 0 { throw ExitCode(status) }
    }

    static func printIngest(_ report: IngestReport, language l: ReportLanguage) {
        let (lines, problems) = ingestLines(report, language: l)
        for l in lines { Output.stdout.write(l + "\n") }
        EventLog.problems(problems)
    }

    /// The ingest's lines for the terminal, and those of them that are problems (for `--quiet`):
    /// the totals line and the failed, gone and unmatched lines, when a file failed or is gone,
    /// a source matches nothing or rows were rejected.
    static func ingestLines(_ report: IngestReport, language l: ReportLanguage) -> (all: [String], problems: [String]) {
        let t = report.totals
        let statuses = Dictionary(grouping: report.files, by: \.status).mapValues(\.count)
        let head = l.s("ingest.head", ["files": report.files.count, "statuses": IngestReport.Status.allCases.compactMap { s in
            statuses[s].map { l.s("console.count", ["class": l.s("ingest.status.\(s.rawValue)"), "n": $0]) }
        }.joined(separator: l.s("list.comma")), "read": t.read, "accepted": t.accepted, "rejected": t.rejected, "subtotal": t.subtotal, "skipped": t.skipped])
        // Rows a profile's `where:` left out, when there are any (read = accepted + … + filtered).
        let filtered: String = t.filtered == 0 ? "" : l.s("ingest.filtered", ["n": t.filtered])
        var all = [head + filtered], problems: [String] = []
        for u in report.unmatchedSources {
            let line = l.s("ingest.unmatched", ["source": u.escapingControlCharacters])
            all.append(line); problems.append(line)
        }
        for f in report.files {
            let path = f.shown.escapingControlCharacters
            if let e = f.error {
                let line = l.s("ingest.failed", ["path": path, "error": e.replacing("\n", with: " / ").escapingControlCharacters])
                all.append(line); problems.append(line)
            }
            if f.status == .renamed, let old = f.replaces {
                all.append(l.s("ingest.renamed", ["path": path, "old": old.escapingControlCharacters]))
            }
            if f.status == .removed {
                let line = l.s("ingest.gone", ["path": path])
                all.append(line); problems.append(line)
            }
            if f.status == .reread, let why = f.readAgain(english: l == .en) {
                all.append(l.s("ingest.reread", ["path": path, "why": why]))
            }
            if let r = f.keyRepeats {
                let line = l.s("ingest.key-repeats", ["path": path, "message": r.message(english: l == .en).escapingControlCharacters])
                all.append(line); problems.append(line)
            }
            if let c = f.change, let old = f.replaces, f.status != .reread {
                all.append(l.s(f.status == .changed ? "ingest.changed" : "ingest.reissue", ["path": path, "old": old.escapingControlCharacters, "added": c.added, "removed": c.removed, "changed": c.changed]))
            }
        }
        return (all, problems.isEmpty && t.rejected == 0 ? [] : [head + filtered] + problems)
    }
}

extension IngestReport.Status: CaseIterable {
    public static var allCases: [IngestReport.Status] { [.new, .unchanged, .changed, .reissue, .renamed, .reread, .removed, .failed] }
}
