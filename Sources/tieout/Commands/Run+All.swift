#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import Synchronization
import TieoutCore
import TieoutIngest
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

    /// Folders under `folder` holding a tieout.yaml (not looked into further), in path order,
    /// each once: a workspace reached again through a link (`loop -> .`) is skipped, and one
    /// whose real path is outside `folder` is skipped too; `skipped` says why, one line each.
    /// A folder that cannot be listed, or one nested deeper than `maxDepth`, may hold units:
    /// each is `unreadable`, with its error, and the batch counts it as a failed unit, never
    /// as a folder without units. A `tieout.yaml` that is there in any form (a dangling link,
    /// a link loop, a file this user may not read) makes its folder a unit, whose run then
    /// says what is wrong with it.
    static func workspaces(_ folder: String, maxDepth: Int = 8) -> (units: [String], skipped: [String], unreadable: [(folder: String, error: String)]) {
        var out: [String] = [], skipped: [String] = [], unreadable: [(folder: String, error: String)] = []
        guard let top = realPath(folder) else { return ([], [], []) }
        var seen: [String: String] = [:]   // real path → the name it was found under
        var visited: Set<String> = [top]
        func inside(_ real: String) -> Bool { real == top || real.hasPrefix(top == "/" ? "/" : top + "/") }
        func present(_ path: String) -> Bool {
            var st = stat()
            return lstat(path, &st) == 0
        }
        func visit(_ rel: String, depth: Int) {
            let path = rel.isEmpty ? folder : folder + "/" + rel
            guard let dir = opendir(path) else {
                unreadable.append((rel.isEmpty ? "." : rel, "cannot list the folder \(rel.isEmpty ? folder : rel): \(String(cString: strerror(errno))); make it readable for this user (chmod/chown), or move it out of \(folder)"))
                return
            }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(dir)
            for name in names.sorted() where !name.hasPrefix(".") && !(rel.isEmpty && name == "out") {
                let child = rel.isEmpty ? name : rel + "/" + name
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder + "/" + child, isDirectory: &isDir), isDir.boolValue,
                      let real = realPath(folder + "/" + child) else { continue }
                let isWorkspace = present(folder + "/" + child + "/" + Workspace.fileName)
                guard inside(real) else {
                    if isWorkspace { skipped.append("\(child): it leads outside \(folder), to \(real); run it by its own path") }
                    continue
                }
                if isWorkspace {
                    if let first = seen[real] { skipped.append("\(child): the same workspace as \(first) (through a link)"); continue }
                    seen[real] = child
                    out.append(child)
                } else if visited.insert(real).inserted {
                    if depth + 1 > maxDepth {
                        unreadable.append((child, "the folder \(child) is nested deeper than \(maxDepth) folders below \(folder), so it was not searched for units; run it by its own path, or move its units up"))
                    } else {
                        visit(child, depth: depth + 1)
                    }
                }
            }
        }
        visit("", depth: 0)
        return (out, skipped, unreadable)
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    func run() throws -> Int32 {
        let (units, skipped, unreadable) = Self.workspaces(folder)
        for line in skipped {
            if EventLog.isOn { EventLog.emit(.warning, "unit.skipped", ["message": .string(line)]) }
            else { Output.stderr.write("run --all: skipped \(line.escapingControlCharacters)\n") }
        }
        // A folder that could not be searched is a failed unit: it may hold units that did not run.
        let unsearched = unreadable.map { u in
            UnitSummary(workspace: u.folder, unit: "", files: 0, rows: 0, findings: [:], score: nil, seconds: 0,
                        status: "failed", exitCode: 2, error: "Error: " + u.error, log: "")
        }
        for u in unsearched {
            if EventLog.isOn { Self.logUnit(u) }
            else if !EventLog.problemsOnly { Output.stderr.write("run --all: \(u.workspace.escapingControlCharacters) failed: \(u.error!.escapingControlCharacters)\n") }
        }
        Output.stderr.flush()
        guard !units.isEmpty || !unreadable.isEmpty else {
            throw TieoutError(code: "workspace.none", what: "there is no workspace under \(folder) (no folder with a \(Workspace.fileName))",
                              location: SourceLocation(file: folder), help: "Name the folder that holds the units' workspaces, one folder each.")
        }
        let out = folder + "/out"
        try makeDirectories(out + "/logs")
        // One batch per folder at a time: a second one would write over the first's unit logs and summary.
        let lock = try WorkspaceLock.acquire(out + "/.lock", subject: "running the units under this folder", root: folder,
                                             command: "run --all", wait: wait) { message in
            if EventLog.isOn { EventLog.emit(.notice, "lock.waiting", ["message": .string(message)]); return }
            if EventLog.problemsOnly { return }   // --quiet: waiting is no problem to mail
            Output.stderr.write(message + "\n")
            Output.stderr.flush()
        }
        defer { lock.release() }
        let executable = Self.selfPath()
        let started = Date()
        let results = Mutex<[UnitSummary?]>(Array(repeating: nil, count: units.count))
        let next = Mutex(0)
        let done = Mutex(0)
        let workers = (0..<min(jobs, units.count)).map { _ in
            startThread(name: "tieout-unit") {
                while true {
                    let i = next.withLock { n in defer { n += 1 }; return n }
                    guard i < units.count else { return }
                    let summary = Self.runUnit(units[i], folder: folder, executable: executable, lang: lang, force: force, logArguments: logArguments)
                    results.withLock { $0[i] = summary }
                    let k = done.withLock { d in d += 1; return d }
                    if EventLog.isOn {
                        Self.logUnit(summary)
                    } else if !EventLog.problemsOnly {
                        let line = "run --all: \(k)/\(units.count) \(units[i].escapingControlCharacters) \(summary.status) \(FleetSummary.time(summary.seconds)) s\n"
                        _ = line.withCString { write(2, $0, strlen($0)) }
                    }
                }
            }
        }
        for w in workers { w.join() }
        let all = (results.withLock { $0.map { $0! } } + unsearched).sorted { $0.workspace.split(separator: "/").lexicographicallyPrecedes($1.workspace.split(separator: "/")) }
        let summary = FleetSummary(folder: folder, jobs: jobs, seconds: Date().timeIntervalSince(started), units: all)
        let set = StagedFiles()
        try set.write(out + "/summary.md") { $0.write(summary.markdown()) }
        try set.write(out + "/summary.html") { $0.write(summary.html()) }
        let json = try summary.json()
        try set.write(out + "/summary.json") { $0.write(json) }
        try set.commit()
        Output.stdout.write(summary.markdown().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n"))
        Output.stdout.write("汇总：out/summary.md, out/summary.html, out/summary.json\n")
        EventLog.problems(summary.problemLines())
        return summary.exitCode
    }

    /// This executable's path, for the units' processes.
    static func selfPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return n > 0 ? String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }

    /// One unit's run in a process of its own; its stdout and stderr go to out/logs/UNIT.log.
    static func runUnit(_ unit: String, folder: String, executable: String, lang: ReportLanguageOption, force: Bool = false,
                        logArguments: [String] = []) -> UnitSummary {
        let logName = "logs/" + unit.replacingOccurrences(of: "/", with: "__") + ".log"
        let logPath = folder + "/out/" + logName
        let summaryPath = folder + "/out/logs/." + unit.replacingOccurrences(of: "/", with: "__") + ".summary.json"
        unlink(summaryPath)
        let started = Date()
        var failed = UnitSummary(workspace: unit, unit: "", files: 0, rows: 0, findings: [:], score: nil, seconds: 0,
                                 status: "failed", exitCode: 2, error: nil, log: "out/" + logName)
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
        let top = realPath(folder) ?? folder
        p.currentDirectoryURL = URL(fileURLWithPath: top)
        let absoluteSummary = summaryPath.hasPrefix("/") ? summaryPath : top + "/out/logs/." + unit.replacingOccurrences(of: "/", with: "__") + ".summary.json"
        p.arguments = ["run", top + "/" + unit, "--lang", lang.rawValue, "--summary-json", absoluteSummary] + (force ? ["--force"] : []) + logArguments
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
            s.log = "out/" + logName
            return s
        }
        failed.seconds = seconds
        failed.exitCode = 2
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let errorLine = text.split(separator: "\n").first { $0.hasPrefix("Error:") || $0.contains(" error failed ") || $0.contains("\"event\":\"failed\"") }
            .map(String.init)
        failed.error = p.terminationReason == .uncaughtSignal ? "killed by signal \(p.terminationStatus)" : (errorLine ?? "exit \(code)")
        if let ws = try? Workspace.open(folder + "/" + unit) { failed.unit = ws.unitName }
        return failed
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

/// A unit run by `run --all` watches its batch: when the batch process is gone (killed, or
/// ended by cron's timeout), the unit ends at once, as if killed with it (every kill leaves
/// the workspace as a clean run would find it), instead of running on as an orphan that
/// writes reports after whatever runs next.
enum BatchUnit {
    static let parentVariable = "TIEOUT_BATCH_PID"

    static func endWithBatch() {
        guard let text = ProcessInfo.processInfo.environment[parentVariable], let batch = pid_t(text) else { return }
        if getppid() != batch { _exit(2) }
        Thread.detachNewThread {
            while true {
                usleep(50_000)
                if getppid() != batch { kill(getpid(), SIGKILL) }
            }
        }
    }
}
