#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TieoutIngest
import TieoutReport

/// Runs one unit of a batch: `EXECUTABLE run FOLDER/UNIT --summary-json …` in a process of its
/// own, its stdout and stderr in FOLDER/out/logs/UNIT.log, its reports in the unit's own out/
/// as any run writes them. The outcome is a ``UnitSummary``: what the unit's run reported when
/// it ended with 0 or 1, else a failed entry with the error (the log's first `Error:` line, the
/// signal that killed it, or why it could not start). It never throws: one unit failing stops no other.
public struct UnitRunner: Sendable {
    /// The batch folder; units are named relative to it, and its out/logs/ holds their logs.
    public var folder: String
    /// The tieout executable that runs the unit (``Fleet/selfExecutable()`` for this one).
    public var executable: String
    /// The unit's report language (`--lang`).
    public var language: ReportLanguage
    /// `--force`: read every ledger again.
    public var force: Bool
    /// More arguments for the unit's run (`--log-format …`), so its log is in the batch's format.
    public var logArguments: [String]

    public init(folder: String, executable: String = Fleet.selfExecutable(), language: ReportLanguage = .zh,
                force: Bool = false, logArguments: [String] = []) {
        self.folder = folder
        self.executable = executable
        self.language = language
        self.force = force
        self.logArguments = logArguments
    }

    /// The unit's log, relative to the batch folder (`out/logs/a__b.log` for unit `a/b`).
    public static func logName(_ unit: String) -> String {
        "out/logs/" + unit.replacingOccurrences(of: "/", with: "__") + ".log"
    }

    /// Runs the unit (its workspace folder, relative to ``folder``) and waits for it.
    /// FOLDER/out/logs/ must exist (``Fleet/prepareOutput(_:)``).
    public func run(_ unit: String) -> UnitSummary {
        let logName = Self.logName(unit)
        let logPath = folder + "/" + logName
        let summaryPath = folder + "/out/logs/." + unit.replacingOccurrences(of: "/", with: "__") + ".summary.json"
        unlink(summaryPath)
        let started = Date()
        var failed = UnitSummary(workspace: unit, unit: "", files: 0, rows: 0, findings: [:], score: nil, seconds: 0,
                                 status: "failed", exitCode: 2, error: nil, log: logName)
        guard FileManager.default.createFile(atPath: logPath, contents: nil), let log = FileHandle(forWritingAtPath: logPath) else {
            failed.error = "cannot write \(logPath)"
            return failed
        }
        defer { try? log.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        // The unit runs in the batch folder, by absolute paths: the directory the batch was started
        // from may be one this user cannot enter (a root shell's, or a clone's 0700 folder), and a
        // process cannot be started in a directory it cannot enter.
        let top = Fleet.realPath(folder) ?? folder
        p.currentDirectoryURL = URL(fileURLWithPath: top)
        let absoluteSummary = summaryPath.hasPrefix("/") ? summaryPath : top + "/out/logs/." + unit.replacingOccurrences(of: "/", with: "__") + ".summary.json"
        p.arguments = ["run", top + "/" + unit, "--lang", language.rawValue, "--summary-json", absoluteSummary] + (force ? ["--force"] : []) + logArguments
        p.standardOutput = log
        p.standardError = log
        p.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment[BatchUnit.parentVariable] = String(getpid())
        p.environment = environment
        do { try p.run() } catch {
            failed.error = "cannot start \(executable): \(error)"
            return failed
        }
        p.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let code: Int32 = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
        if code <= 1, let data = FileManager.default.contents(atPath: summaryPath),
           var s = try? JSONDecoder().decode(UnitSummary.self, from: data) {
            unlink(summaryPath)
            s.workspace = unit
            s.seconds = seconds
            s.log = logName
            let report = unit + "/out/report.html"
            s.report = FileManager.default.fileExists(atPath: folder + "/" + report) ? report : nil
            return s
        }
        failed.seconds = seconds
        failed.exitCode = 2
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let errorLine = text.split(separator: "\n").first { $0.hasPrefix("Error:") || $0.hasPrefix("错误：") || $0.contains(" error failed ") || $0.contains("\"event\":\"failed\"") }
            .map(String.init)
        failed.error = p.terminationReason == .uncaughtSignal ? "killed by signal \(p.terminationStatus)" : (errorLine ?? "exit \(code)")
        if let ws = try? Workspace.open(folder + "/" + unit) { failed.unit = ws.unitName }
        return failed
    }
}
