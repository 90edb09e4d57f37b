import Foundation
import Synchronization
import TieoutCore
import TieoutReport

/// A batch: units run `jobs` at a time on threads of this process, each unit in a process of
/// its own (``UnitRunner``). Printing, logging and locking are the caller's.
public enum FleetBatch {
    /// Runs every unit, `jobs` at a time; `finished` is called (on a worker thread) as each ends,
    /// with its summary, its index in `units` and how many have ended so far. The summaries come
    /// back in the order of `units`.
    public static func run(_ units: [String], jobs: Int, runner: UnitRunner,
                           finished: @escaping @Sendable (_ summary: UnitSummary, _ index: Int, _ done: Int) -> Void = { _, _, _ in }) -> [UnitSummary] {
        let results = Mutex<[UnitSummary?]>(Array(repeating: nil, count: units.count))
        let next = Mutex(0)
        let done = Mutex(0)
        let workers = (0..<min(max(jobs, 1), units.count)).map { _ in
            startThread(name: "tieout-unit") {
                while true {
                    let i = next.withLock { n in defer { n += 1 }; return n }
                    guard i < units.count else { return }
                    let summary = runner.run(units[i])
                    results.withLock { $0[i] = summary }
                    let k = done.withLock { d in d += 1; return d }
                    finished(summary, i, k)
                }
            }
        }
        for w in workers { w.join() }
        return results.withLock { $0.map { $0! } }
    }

    /// A folder that could not be searched, as a failed entry of the batch: it may hold units that did not run.
    public static func unsearched(_ u: FleetSearch.Unreadable) -> UnitSummary {
        UnitSummary(workspace: u.folder, unit: "", files: 0, rows: 0, findings: [:], score: nil, seconds: 0,
                    status: "failed", exitCode: 2, error: "Error: " + u.error, log: "")
    }

    /// The batch's summary: every entry in path order (by folder names, so `a/b` before `a-c`).
    public static func summary(folder: String, jobs: Int, seconds: Double, units: [UnitSummary]) -> FleetSummary {
        let sorted = units.sorted { $0.workspace.split(separator: "/").lexicographicallyPrecedes($1.workspace.split(separator: "/")) }
        return FleetSummary(folder: folder, jobs: jobs, seconds: seconds, units: sorted)
    }
}

extension Fleet {
    /// FOLDER/out/logs/, where the units' logs go (mkdir -p).
    public static func prepareOutput(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder + "/out/logs", withIntermediateDirectories: true)
    }
}

extension FleetSummary {
    /// The summary's files, named relative to the batch folder's out/: summary.md, summary.html,
    /// summary.json. The caller writes them as one set.
    public func files() throws -> [(name: String, contents: String)] {
        [("summary.md", markdown()), ("summary.html", html()), ("summary.json", try json())]
    }
}
