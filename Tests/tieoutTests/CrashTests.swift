#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TieoutTestSupport

/// `tieout run` killed with SIGKILL at 60 moments spread over a whole run (ingest of a
/// fresh or a known dataset, reconcile, report writing): each next run completes, and its
/// dataset and reports equal those of a clean run, byte for byte.
@Suite("Killed runs", .serialized)
struct CrashTests {
    /// One value from the dataset, read with Python's sqlite3 (the CLI tests link no SQLite).
    static func sql(_ ws: String, _ query: String) throws -> String {
        let path = ws + "/.tieout/tieout.sqlite"
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        let r = try CLI.run(["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])", path, query],
                            executable: "/usr/bin/python3")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The reports and the dataset (as exported, with lineage) of a workspace.
    static func outcome(_ ws: String) throws -> [String: Data] {
        #expect(try CLI.run(["export", "--lang", "en", ws, "--format", "jsonl"]).status == 0)
        var out: [String: Data] = [:]
        for name in ["report.md", "report.html", "findings.json", "score.md", "score.csv", "score.json", "rejects.csv"] {
            out[name] = FileManager.default.contents(atPath: ws + "/out/" + name)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: ws + "/out/dataset") {
            out["dataset/" + name] = FileManager.default.contents(atPath: ws + "/out/dataset/" + name)
        }
        return out
    }

    @Test("60 kills across a run: every next run completes and equals a clean run")
    func kills() throws {
        let (dir, name) = try WorkspaceCommandTests.sample()
        let ws = dir + "/" + name
        let started = Date()
        #expect(try CLI.run(["run", ws]).status == 1)
        let clean = Date().timeIntervalSince(started)
        // How long an ingest of everything takes: kills on a fresh dataset fall within it, so
        // that a fair share meets an ingest however fast the rest of a run has become.
        try FileManager.default.removeItem(atPath: ws + "/.tieout")
        let ingestStarted = Date()
        #expect(try CLI.run(["ingest", ws]).status == 0)
        let ingestTime = Date().timeIntervalSince(ingestStarted)
        #expect(try CLI.run(["run", ws]).status == 1)
        let reference = try Self.outcome(ws)
        #expect(reference.count == 15 && reference.values.allSatisfy { !$0.isEmpty })

        var rng = SplitMix(state: 20241130)
        var duringIngest = 0, afterIngest = 0, duringWriting = 0
        // The window for kills on a fresh dataset follows where they land: the ingest's length
        // measured above may have been taken while other suites loaded the machine (CI runs
        // them side by side), so a kill that lands after the ingest narrows the window and one
        // that lands in it widens it again, up to the measured length.
        var ingestWindow = ingestTime
        for k in 0..<60 {
            // Every other kill meets an ingest with everything to read, at a moment within its length.
            if k % 2 == 0 { try? FileManager.default.removeItem(atPath: ws + "/.tieout") }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.executable)
            p.arguments = ["run", ws]
            p.standardOutput = FileHandle.nullDevice
            let err = Pipe()
            p.standardError = err
            try p.run()
            usleep(UInt32(Double.random(in: 0...(k % 2 == 0 ? ingestWindow : clean * 1.1), using: &rng) * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            _ = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            // Where the kill met the run: the last ingest run left open means during ingest;
            // files being staged in out/ mean during report writing.
            let open = try Self.sql(ws, "SELECT count(*) FROM ingest_runs WHERE id = (SELECT max(id) FROM ingest_runs) AND finished_at IS NULL")
            let inIngest = open == "1" || !FileManager.default.fileExists(atPath: ws + "/.tieout/tieout.sqlite")
            if inIngest { duringIngest += 1 } else { afterIngest += 1 }
            if k % 2 == 0 { ingestWindow = inIngest ? min(ingestTime, ingestWindow * 1.1) : ingestWindow * 0.7 }
            if (try FileManager.default.contentsOfDirectory(atPath: ws + "/out")).contains(where: { $0.contains(".tmp-") }) { duringWriting += 1 }

            let next = try CLI.run(["run", ws])
            #expect(next.status == 1, "run after kill \(k): \(next.stderr)")
            #expect(next.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2\n"), "kill \(k)")
            let now = try Self.outcome(ws)
            for (file, data) in reference where now[file] != data { Issue.record("kill \(k): \(file) differs from a clean run's") }
            let out = try FileManager.default.contentsOfDirectory(atPath: ws + "/out")
            #expect(!out.contains { $0.contains(".tmp-") } && !out.contains("previous"), "kill \(k): \(out)")
        }
        print("crash test: kills during ingest \(duringIngest), after it \(afterIngest), while writing reports \(duringWriting)")
        // The moments cover the run: a fair share in ingest, after it, and while reports were written.
        #expect(duringIngest >= 10 && afterIngest >= 10 && duringWriting >= 1,
                "kills during ingest \(duringIngest), after it \(afterIngest) (while writing reports \(duringWriting))")
    }
}
