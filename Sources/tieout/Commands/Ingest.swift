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
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml).", completion: .directory)
    var workspace: String

    @OptionGroup var locking: LockOptions

    @Flag(help: "Write the report as one JSON object.")
    var json = false

    @Flag(help: "Read every file again, even those unchanged since they were read with the same profile.")
    var force = false

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var csvHeaders: HeaderOptions

    func validate() throws {
        if json && logging.quiet { throw ValidationError("--json and --quiet: the JSON report is the output; choose one.") }
    }

    func run() throws {
        logging.start("ingest", workspace: workspace)
        let ws = try Workspace.open(workspace)
        let lock = try ReportSet.retiringOnFailure(ws) { try locking.lock(ws, "ingest") }
        defer { lock.release() }
        let store = try ReportSet.retiringOnFailure(ws) { try DatasetStore.open(ws) }
        let postgres = try ReportSet.retiringOnFailure(ws) { try PostgresDataset.forWorkspace(ws) }
        // The progress bar is for a terminal; an event log has a line per file instead.
        let tty = isatty(2) == 1 && !json && !EventLog.isOn && !logging.quiet
        let lines = !json && !EventLog.isOn && !logging.quiet
        // The dataset is about to change: the reports made from it are no longer current.
        try ReportSet.retire(ws)
        let report = try store.ingest(ws, force: force) { p in
            if tty {
                let width = 24
                let filled = p.count == 0 ? width : width * (p.index - (p.done ? 0 : 1)) / p.count
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                Output.stderr.write("\r\u{1B}[K[\(bar)] \(p.index)/\(p.count) \(p.path.escapingControlCharacters)" + (p.rows > 0 ? " \(p.rows) rows" : ""))
                if p.done && p.index == p.count { Output.stderr.write("\r\u{1B}[K") }
                Output.stderr.flush()
            } else if p.done && lines {
                Output.stderr.write("ingest: \(p.index)/\(p.count) \(p.path.escapingControlCharacters)\n")
                Output.stderr.flush()
            }
        }
        EventLog.ingested(report)
        let published = try postgres.map { try $0.publish(store) }
        let rejects = try RejectsFile.write(store, workspace: ws, headers: csvHeaders.language)
        let mismatches = report.files.flatMap(\.subtotalMismatches)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            Output.stdout.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        } else {
            printReport(report, database: postgres.map { _ in String(ws.databasePath.dropFirst(ws.root.count + 1)) } ?? ws.database, rejects: rejects.count, rejectsPath: "out/rejects.csv")
            if let postgres, let published { Self.printPublished(published, postgres, zh: false) }
        }
        // --quiet: the files that failed, the subtotal rows that disagree, the rejected rows.
        EventLog.problems(report.files.compactMap { f in
            f.error.map { "failed: \(f.shown.escapingControlCharacters): \($0.replacingOccurrences(of: "\n", with: " / ").escapingControlCharacters)" }
        } + mismatches.map { "subtotal: \($0)" } + (rejects.isEmpty ? [] : ["rejected rows: \(rejects.count) in out/rejects.csv"]))
        Output.stdout.flush()
        if report.failed || !rejects.isEmpty || !mismatches.isEmpty { throw ExitCode(1) }
    }

    /// The line saying where the dataset was published (the URL without its password).
    static func printPublished(_ p: PostgresDataset.Published, _ postgres: PostgresDataset, zh: Bool) {
        let seconds = String(format: "%.1f", p.seconds)
        Output.stdout.write(zh ? "发布：\(postgres.shown)，COPY \(p.total) 行（\(seconds) 秒）\n"
                               : "published: \(postgres.shown): COPY \(p.total) rows (\(seconds) s)\n")
    }

    func printReport(_ report: IngestReport, database: String, rejects: Int, rejectsPath: String) {
        // A filtered column only when a profile's `where:` left rows out (read = accepted + … + filtered).
        let showFiltered = report.files.contains { $0.accounting.filtered > 0 }
        var lines: [[String]] = [["file", "profile", "status", "period", "read", "accepted", "rejected", "subtotal", "skipped"] + (showFiltered ? ["filtered"] : [])]
        for f in report.files {
            var f = f
            f.path = f.shown.escapingControlCharacters
            f.replaces = f.replaces?.escapingControlCharacters
            f.error = f.error?.escapingControlCharacters
            let a = f.accounting
            let counted = f.status != .removed && f.status != .failed
            lines.append([f.path, f.profile, f.status.rawValue, f.period ?? "-",
                          counted ? "\(a.read)" : "-", counted ? "\(a.accepted)" : "-", counted ? "\(a.rejected)" : "-",
                          counted ? "\(a.subtotal)" : "-", counted ? "\(a.skipped)" : "-"] + (showFiltered ? [counted ? "\(a.filtered)" : "-"] : []))
        }
        let t = report.totals
        lines.append(["read this run", "", "", "", "\(t.read)", "\(t.accepted)", "\(t.rejected)", "\(t.subtotal)", "\(t.skipped)"] + (showFiltered ? ["\(t.filtered)"] : []))
        Output.stdout.write(TextTable.render(lines, rightAligned: showFiltered ? [4, 5, 6, 7, 8, 9] : [4, 5, 6, 7, 8]))
        for k in report.kindChanges {
            switch k.change {
            case .created: Output.stdout.write("kind: \(k.kind): new table \(k.detail)\n")
            case .rebuilt: Output.stdout.write("kind: \(k.kind): definition changed (\(k.detail)): its table made anew, \(k.filesToReread) files read again\n")
            case .adopted: break
            }
        }
        for u in report.unmatchedSources { Output.stdout.write("warning: no file matches the source \(u.escapingControlCharacters)\n") }
        for u in report.unreadSheets { Output.stdout.write("note: the sheet \(u.escapingControlCharacters) is not in its source's `sheets:` map, so it was not read\n") }
        for f in report.files {
            var f = f
            f.path = f.shown.escapingControlCharacters
            f.replaces = f.replaces?.escapingControlCharacters
            f.error = f.error?.replacingOccurrences(of: "\n", with: " / ").escapingControlCharacters
            if let error = f.error { Output.stdout.write("failed: \(f.path): \(error.replacingOccurrences(of: "\n", with: " / "))\n") }
            if f.status == .renamed, let old = f.replaces { Output.stdout.write("renamed: \(f.path) was \(old) (same bytes): its records kept\n") }
            if f.status == .removed { Output.stdout.write("gone: \(f.path) is no longer in the workspace: its records left the dataset\n") }
            if f.status == .reread {
                Output.stdout.write("read again: \(f.path): " + (f.readAgain ?? "rows of it had been counted once in a file now gone") + "\n")
            }
            if let change = f.change, let replaced = f.replaces, f.status != .reread {
                let verb = f.status == .changed ? "changed since the last ingest" : "re-issues \(replaced)"
                Output.stdout.write("\(f.status == .changed ? "changed" : "re-issued"): \(f.path) \(verb): \(change.added) added, \(change.removed) removed, \(change.changed) changed\n")
                for d in change.detail.prefix(20) { Output.stdout.write("  \(d)\n") }
                if change.detail.count > 20 { Output.stdout.write("  … \(change.detail.count - 20) more\n") }
            }
            if f.duplicates > 0 || f.conflicts > 0 {
                Output.stdout.write("duplicates: \(f.path): \(f.duplicates) rows already in the dataset with the same values (counted once), \(f.conflicts) with other values (rejected)\n")
            }
            if let repeats = f.keyRepeats {
                Output.stdout.write("warning: \(f.shown): \(repeats.message)\n")
            }
            if !f.absentFields.isEmpty {
                Output.stdout.write("note: \(f.path) has no column for \(f.absentFields.joined(separator: ", ")) (left blank)\n")
            }
            for m in f.subtotalMismatches { Output.stdout.write("subtotal: \(m)\n") }
            if let reasons = f.filteredReasons, !reasons.isEmpty {
                Output.stdout.write("filtered: \(f.path): " + reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) × \($0.key)" }.joined(separator: "; ") + "\n")
            }
        }
        let checks = report.files.reduce(0) { $0 + $1.subtotalChecks }
        let bad = report.files.reduce(0) { $0 + $1.subtotalMismatches.count }
        let cumulativeBad = report.cumulativeProblems
        Output.stdout.write("subtotal rows: \(checks) checks, \(bad - cumulativeBad == 0 ? "all equal to the rows they sum" : "\(bad - cumulativeBad) not equal")\n")
        if report.cumulativeChecks > 0 {
            Output.stdout.write("cumulative rows: \(report.cumulativeChecks) checks, \(cumulativeBad == 0 ? "all equal to their source's periods so far" : "\(cumulativeBad) not equal (or incomplete)")\n")
        }
        Output.stdout.write("dataset: \(database); rejected rows: \(rejects) in \(rejectsPath)\n")
    }
}

/// out/rejects.csv: every rejected row of the dataset, with its reason and place.
enum RejectsFile {
    @discardableResult
    static func write(_ store: DatasetStore, workspace ws: Workspace, headers: ReportLanguage = .zh, into set: StagedFiles? = nil) throws -> [StoredReject] {
        let rejects = try store.rejects()
        let own = StagedFiles()
        try (set ?? own).write(ws.outputDirectory + "/rejects.csv") { out in
            let w = CSVWriter(output: out)
            out.write(CSVHeaders.byteOrderMark(headers))
            w.record(CSVHeaders.rejects[headers]!)
            for r in rejects {
                w.spreadsheetRecord([r.file, r.sheet ?? "", r.row.map(String.init) ?? "", r.line.map(String.init) ?? "", r.column ?? "",
                                     r.cell ?? "", r.columnName ?? "", r.reason, r.cells], numeric: [2, 3])
            }
        }
        if set == nil { try own.commit() }
        return rejects
    }
}
