#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import TieoutCore
import TieoutFleet
import TieoutIngest
import TieoutOffice
import TieoutReport
import TieoutStore

/// `tieout run --all FOLDER`: every workspace under FOLDER, each in a process of its own
/// (`tieout run UNIT`), `jobs` at a time. One unit failing or crashing stops no other;
/// each unit keeps its own lock, reports and exit status; the batch's summary goes to
/// FOLDER/out/summary.md, .html and .json, and its exit status is the worst unit's.
struct RunAll {
    var folder: String
    var jobs: Int
    var lang: ReportLanguageOption
    var force = false
    /// `--log-format` for each unit's run, so that its log in out/logs/ is in the same format.
    var logArguments: [String] = []
    /// Whether to wait for another batch on the same folder (false: `--no-wait`, exit 2 at once).
    var wait = true

    func run() throws -> Int32 {
        let found = Fleet.search(folder)
        let (units, skipped, unreadable) = (found.units, found.skipped, found.unreadable)
        for line in skipped {
            if EventLog.isOn { EventLog.emit(.warning, "unit.skipped", ["message": .string(line)]) }
            else { Output.stderr.write("run --all: skipped \(line.escapingControlCharacters)\n") }
        }
        // A folder that could not be searched is a failed unit: it may hold units that did not run.
        let unsearched = unreadable.map(FleetBatch.unsearched)
        for u in unsearched {
            if EventLog.isOn { Self.logUnit(u) }
            else if !EventLog.problemsOnly { Output.stderr.write("run --all: \(u.workspace.escapingControlCharacters) failed: \(u.error!.escapingControlCharacters)\n") }
        }
        Output.stderr.flush()
        guard !units.isEmpty || !unreadable.isEmpty else {
            throw TieoutError(code: "workspace.none", ["folder": folder, "config": Workspace.fileName], location: SourceLocation(file: folder))
        }
        let out = folder + "/out"
        try makeDirectories(out + "/logs")
        // One batch per folder at a time: a second one would write over the first's unit logs and summary.
        let lock = try WorkspaceLock.acquire(out + "/.lock", subject: Phrase("error.workspace.busy.running-units"), root: folder,
                                             command: "run --all", wait: wait) { message in
            if EventLog.isOn { EventLog.emit(.notice, "lock.waiting", ["message": .string(message)]); return }
            if EventLog.problemsOnly { return }   // --quiet: waiting is no problem to mail
            Output.stderr.write(message + "\n")
            Output.stderr.flush()
        }
        defer { lock.release() }
        let started = Date()
        let runner = UnitRunner(folder: folder, executable: Fleet.selfExecutable(), language: lang.language, force: force, logArguments: logArguments)
        let ran = FleetBatch.run(units, jobs: jobs, runner: runner) { summary, i, k in
            if EventLog.isOn {
                Self.logUnit(summary)
            } else if !EventLog.problemsOnly {
                let line = "run --all: \(k)/\(units.count) \(units[i].escapingControlCharacters) \(summary.status) \(FleetSummary.time(summary.seconds)) s\n"
                _ = line.withCString { write(2, $0, strlen($0)) }
            }
        }
        let summary = FleetBatch.summary(folder: folder, jobs: jobs, seconds: Date().timeIntervalSince(started), units: ran + unsearched)
        let set = StagedFiles()
        for file in try summary.files(language: lang.language) {
            try set.write(out + "/" + file.name) { $0.write(file.contents) }
        }
        try set.writeFile(out + "/summary.xlsx") { try summary.writeWorkbook(to: $0, shownAs: out + "/summary.xlsx", language: lang.language) }
        try set.commit()
        Output.stdout.write(summary.markdown(language: lang.language).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n"))
        Output.stdout.write(lang.language == .zh ? "汇总：out/summary.md, out/summary.html, out/summary.json, out/summary.xlsx\n"
                                                 : "summary: out/summary.md, out/summary.html, out/summary.json, out/summary.xlsx\n")
        EventLog.problems(summary.problemLines(language: lang.language))
        return summary.exitCode
    }

    /// `unit.finished`: one unit's outcome, at warning level when it found problems and error when it failed.
    static func logUnit(_ s: UnitSummary) {
        var fields: Logger.Metadata = ["unit": .string(s.workspace), "status": .string(s.status), "exit": EventLog.count(Int(s.exitCode)),
                                       "files": EventLog.count(s.files), "rows": EventLog.count(s.rows), "log": .string(s.log),
                                       "milliseconds": EventLog.count(Int((s.seconds * 1000).rounded()))]
        if let score = s.score { fields["score"] = .string(score) }
        for (k, v) in s.findings { fields[k] = EventLog.count(v) }
        if let e = s.error { fields["message"] = .string(e) }
        EventLog.emit(s.exitCode == 0 ? .info : s.exitCode == 1 ? .warning : .error, "unit.finished", fields)
    }
}
