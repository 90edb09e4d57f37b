#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import TieoutCore
import TieoutIngest
import TieoutReport
import TieoutStore

/// `tieout ingest WORKSPACE`: the ledgers into the normalized dataset.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the workspace's ledgers into its dataset: new files imported, unchanged ones skipped, re-issues replace what they supersede.",
        discussion: """
        Every row below a header is accounted for: read = accepted + rejected + subtotal + skipped + filtered. \
        Rejected rows go to out/rejects.csv with their reason and place; the run goes on.

        Exit status: 0 when every row was accepted and every subtotal row agrees; 1 when rows \
        were rejected, a subtotal row disagrees with its rows, or a file could not be read; \
        2 for a bad workspace or profile.

        Examples:
          tieout ingest samples/futian-2024
          tieout ingest samples/futian-2024 --json
          tieout ingest samples/futian-2024 --lang en
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml).", completion: .directory)
    var workspace: String

    @OptionGroup var locking: LockOptions

    @Flag(help: "Write the report as one JSON object.")
    var json = false

    @Flag(help: "Read every file again, even those unchanged since they were read with the same profile.")
    var force = false

    @Option(help: "Language of the report: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var csvHeaders: HeaderOptions

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if json && logging.quiet { throw ValidationError("--json and --quiet: the JSON report is the output; choose one.") }
    }

    func run() throws {
        logging.start("ingest", workspace: workspace)
        let ws = database.apply(try Workspace.open(workspace))
        let lock = try ReportSet.retiringOnFailure(ws) { try locking.lock(ws, "ingest") }
        defer { lock.release() }
        let store = try ReportSet.retiringOnFailure(ws) { try DatasetStore.open(ws) }
        let postgres = try ReportSet.retiringOnFailure(ws) { try PostgresDataset.forWorkspace(ws) }
        // The progress bar is for a terminal; an event log has a line per file instead.
        let tty = isatty(2) == 1 && !json && !EventLog.isOn && !logging.quiet
        let lines = !json && !EventLog.isOn && !logging.quiet
        let l = lang.language
        // The dataset is about to change: the reports made from it are no longer current.
        try ReportSet.retire(ws)
        let report = try store.ingest(ws, force: force) { p in
            if tty {
                let width = 24
                let filled = p.count == 0 ? width : width * (p.index - (p.done ? 0 : 1)) / p.count
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                Output.stderr.write("\r\u{1B}[K[\(bar)] \(p.index)/\(p.count) \(p.path.escapingControlCharacters)" + (p.rows > 0 ? l.s("ingest.cmd.progress.rows", ["rows": p.rows]) : ""))
                if p.done && p.index == p.count { Output.stderr.write("\r\u{1B}[K") }
                Output.stderr.flush()
            } else if p.done && lines {
                Output.stderr.write(l.s("ingest.cmd.progress", ["index": p.index, "count": p.count, "path": p.path.escapingControlCharacters]) + "\n")
                Output.stderr.flush()
            }
        }
        EventLog.ingested(report)
        let published = try postgres.map { try $0.publish(store) }
        let rejects = try RejectsFile.write(store, workspace: ws, headers: csvHeaders.language, language: l)
        let mismatches = report.files.flatMap(\.subtotalMismatches)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            Output.stdout.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        } else {
            printReport(report, database: postgres.map { _ in String(ws.databasePath.dropFirst(ws.root.count + 1)) } ?? ws.database, rejects: rejects.count, rejectsPath: "out/rejects.csv", language: l)
            if let postgres, let published { Self.printPublished(published, postgres, language: l) }
        }
        // --quiet: the files that failed, the subtotal rows that disagree, the rejected rows.
        EventLog.problems(report.files.compactMap { f in
            f.error.map { "failed: \(f.shown.escapingControlCharacters): \($0.replacingOccurrences(of: "\n", with: " / ").escapingControlCharacters)" }
        } + mismatches.map { "subtotal: \($0)" } + (rejects.isEmpty ? [] : ["rejected rows: \(rejects.count) in out/rejects.csv"]))
        Output.stdout.flush()
        if report.failed || !rejects.isEmpty || !mismatches.isEmpty { throw ExitCode(1) }
    }

    /// With a PostgreSQL database: publishes the dataset when the unit's schema is not the file's
    /// (stale or missing), and says so on the published line.
    static func publishIfNotCurrent(_ postgres: PostgresDataset?, _ store: DatasetStore, language l: ReportLanguage) throws {
        guard let postgres, let p = try postgres.publishIfNotCurrent(store) else { return }
        printPublished(p, postgres, language: l)
    }

    /// The line saying where the dataset was published (the URL without its password).
    static func printPublished(_ p: PostgresDataset.Published, _ postgres: PostgresDataset, language l: ReportLanguage) {
        let seconds = String(format: "%.1f", p.seconds)
        switch p.mode {
        case .whole: Output.stdout.write(l.s("ingest.cmd.published", ["url": postgres.shown, "rows": p.total, "seconds": seconds]) + "\n")
        case .changes: Output.stdout.write(l.s("ingest.cmd.published.changes", ["url": postgres.shown, "rows": p.total, "files": p.changedFiles, "seconds": seconds]) + "\n")
        case .unchanged: Output.stdout.write(l.s("ingest.cmd.published.unchanged", ["url": postgres.shown, "seconds": seconds]) + "\n")
        }
    }

    func printReport(_ report: IngestReport, database: String, rejects: Int, rejectsPath: String, language l: ReportLanguage) {
        // A filtered column only when a profile's `where:` left rows out (read = accepted + … + filtered).
        let showFiltered = report.files.contains { $0.accounting.filtered > 0 }
        var lines: [[String]] = [(["file", "profile", "status", "period", "read", "accepted", "rejected", "subtotal", "skipped"] + (showFiltered ? ["filtered"] : [])).map { l.s("ingest.cmd.col.\($0)") }]
        for f in report.files {
            var f = f
            f.path = f.shown.escapingControlCharacters
            f.replaces = f.replaces?.escapingControlCharacters
            f.error = f.error?.escapingControlCharacters
            let a = f.accounting
            let counted = f.status != .removed && f.status != .failed
            lines.append([f.path, f.profile, l.s("ingest.status.\(f.status.rawValue)"), f.period ?? "-",
                          counted ? "\(a.read)" : "-", counted ? "\(a.accepted)" : "-", counted ? "\(a.rejected)" : "-",
                          counted ? "\(a.subtotal)" : "-", counted ? "\(a.skipped)" : "-"] + (showFiltered ? [counted ? "\(a.filtered)" : "-"] : []))
        }
        let t = report.totals
        lines.append([l.s("ingest.cmd.totals"), "", "", "", "\(t.read)", "\(t.accepted)", "\(t.rejected)", "\(t.subtotal)", "\(t.skipped)"] + (showFiltered ? ["\(t.filtered)"] : []))
        Output.stdout.write(TextTable.render(lines, rightAligned: showFiltered ? [4, 5, 6, 7, 8, 9] : [4, 5, 6, 7, 8]))
        for k in report.kindChanges {
            switch k.change {
            case .created: Output.stdout.write(l.s("ingest.cmd.kind.created", ["kind": k.kind, "detail": k.detail]) + "\n")
            case .rebuilt: Output.stdout.write(l.s("ingest.cmd.kind.rebuilt", ["kind": k.kind, "detail": k.detail, "n": k.filesToReread]) + "\n")
            case .adopted: break
            }
        }
        for u in report.unmatchedSources { Output.stdout.write(l.s("ingest.cmd.unmatched", ["source": u.escapingControlCharacters]) + "\n") }
        for u in report.unreadSheets { Output.stdout.write(l.s("ingest.cmd.unread-sheet", ["sheet": u.escapingControlCharacters]) + "\n") }
        for f in report.files {
            var f = f
            f.path = f.shown.escapingControlCharacters
            f.replaces = f.replaces?.escapingControlCharacters
            f.error = (l == .zh ? f.errorZh ?? f.error : f.error)?.replacingOccurrences(of: "\n", with: " / ").escapingControlCharacters
            if let error = f.error { Output.stdout.write(l.s("ingest.cmd.failed", ["path": f.path, "error": error.replacingOccurrences(of: "\n", with: " / ")]) + "\n") }
            if f.status == .renamed, let old = f.replaces { Output.stdout.write(l.s("ingest.cmd.renamed", ["path": f.path, "old": old]) + "\n") }
            if f.status == .removed { Output.stdout.write(l.s("ingest.cmd.gone", ["path": f.path]) + "\n") }
            if f.status == .reread {
                Output.stdout.write(l.s("ingest.cmd.reread", ["path": f.path, "why": f.readAgain(english: l == .en) ?? l.s("ingest.cmd.reread.why")]) + "\n")
            }
            if let change = f.change, let replaced = f.replaces, f.status != .reread {
                Output.stdout.write(l.s(f.status == .changed ? "ingest.cmd.changed" : "ingest.cmd.reissued",
                                        ["path": f.path, "old": replaced, "added": change.added, "removed": change.removed, "changed": change.changed]) + "\n")
                for d in change.detail.prefix(20) { Output.stdout.write("  \(d)\n") }
                if change.detail.count > 20 { Output.stdout.write(l.s("ingest.cmd.more", ["n": change.detail.count - 20]) + "\n") }
            }
            if f.duplicates > 0 || f.conflicts > 0 {
                Output.stdout.write(l.s("ingest.cmd.duplicates", ["path": f.path, "duplicates": f.duplicates, "conflicts": f.conflicts]) + "\n")
            }
            if let repeats = f.keyRepeats {
                Output.stdout.write(l.s("ingest.cmd.key-repeats", ["path": f.shown, "message": repeats.message(english: l == .en)]) + "\n")
            }
            if !f.absentFields.isEmpty {
                Output.stdout.write(l.s("ingest.cmd.absent", ["path": f.path, "fields": f.absentFields.joined(separator: l.s("list.enum"))]) + "\n")
            }
            for m in f.subtotalMismatches(english: l == .en) { Output.stdout.write(l.s("ingest.cmd.subtotal", ["mismatch": m]) + "\n") }
            if let reasons = f.filteredReasons(english: l == .en), !reasons.isEmpty {
                let listed = reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { l.s("ingest.cmd.filtered.reason", ["n": $0.value, "reason": $0.key]) }
                Output.stdout.write(l.s("ingest.cmd.filtered", ["path": f.path, "reasons": listed.joined(separator: l.s("ingest.cmd.filtered.separator"))]) + "\n")
            }
        }
        let checks = report.files.reduce(0) { $0 + $1.subtotalChecks }
        let bad = report.files.reduce(0) { $0 + $1.subtotalMismatches.count }
        let cumulativeBad = report.cumulativeProblems
        Output.stdout.write(l.s(bad - cumulativeBad == 0 ? "ingest.cmd.subtotals.equal" : "ingest.cmd.subtotals.unequal", ["checks": checks, "n": bad - cumulativeBad]) + "\n")
        if report.cumulativeChecks > 0 {
            Output.stdout.write(l.s(cumulativeBad == 0 ? "ingest.cmd.cumulative.equal" : "ingest.cmd.cumulative.unequal", ["checks": report.cumulativeChecks, "n": cumulativeBad]) + "\n")
        }
        Output.stdout.write(l.s("ingest.cmd.dataset", ["database": database, "n": rejects, "path": rejectsPath]) + "\n")
    }
}

/// out/rejects.csv: every rejected row of the dataset, with its reason and place.
enum RejectsFile {
    @discardableResult
    /// The reasons are in Chinese unless the headers or the language are English (`--headers en`, `--lang en`).
    static func write(_ store: DatasetStore, workspace ws: Workspace, headers: ReportLanguage = .zh, language: ReportLanguage = .zh,
                      into set: StagedFiles? = nil) throws -> [StoredReject] {
        let rejects = try store.rejects()
        let own = StagedFiles()
        try (set ?? own).write(ws.outputDirectory + "/rejects.csv") { out in
            let w = CSVWriter(output: out)
            out.write(CSVHeaders.byteOrderMark(headers))
            w.record(CSVHeaders.rejects[headers]!)
            for r in rejects {
                w.spreadsheetRecord([r.file, r.sheet ?? "", r.row.map(String.init) ?? "", r.line.map(String.init) ?? "", r.column ?? "",
                                     r.cell ?? "", r.columnName ?? "", r.reason(english: headers == .en || language == .en), r.cells], numeric: [2, 3])
            }
        }
        if set == nil { try own.commit() }
        return rejects
    }
}
