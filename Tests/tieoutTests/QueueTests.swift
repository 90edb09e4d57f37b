#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TieoutPostgres
import TieoutTestSupport

/// The PostgreSQL work queue (issue 25): `tieout enqueue`, `worker`, `status`, `report --all`
/// against a real server (TestPostgres: TIEOUT_TEST_PG_URL or a throwaway cluster).
@Suite("Work queue", .serialized)
struct QueueTests {
    /// A folder of `count` copies of the sample (futian-2024), named u01, u02 …
    static func fleet(_ count: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-queue-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for i in 1...count {
            let unit = dir + "/" + String(format: "u%02d", i)
            try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: unit)
            try? FileManager.default.removeItem(atPath: unit + "/.tieout")
            try? FileManager.default.removeItem(atPath: unit + "/out")
        }
        return dir
    }

    /// What `tieout run` on SQLite says of the sample: the reference every queued unit must equal.
    static func reference() throws -> [String: Any] {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["run", ws, "--summary-json", dir + "/ref.json"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/ref.json"))) as! [String: Any]
    }

    /// Each unit's stored outcome: state, attempts, summary (decoded).
    static func units(_ db: PostgresConnection) throws -> [String: (state: String, attempts: Int, summary: [String: Any]?)] {
        var out: [String: (String, Int, [String: Any]?)] = [:]
        for r in try db.query("SELECT workspace, state, attempts, summary::text AS summary FROM tieout_queue.units") {
            let summary = r["summary"].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            out[r["workspace"]!] = (r["state"]!, r.int("attempts") ?? 0, summary)
        }
        return out
    }

    @Test("a failing unit is marked failed with its error and the others go on; status counts them; report --all writes the fleet summary")
    func failingUnit() throws {
        let url = try TestPostgres.freshDatabase("queuefail")
        let dir = try Self.fleet(3)
        // u02's tieout.yaml is broken: its run fails (exit 2).
        try "unit: [broken\n".write(toFile: dir + "/u02/tieout.yaml", atomically: true, encoding: .utf8)
        let enqueued = try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir)
        #expect(enqueued.status == 0 && enqueued.stdout.hasPrefix("enqueue 1: 3 units queued from "), "\(enqueued.stdout)\(enqueued.stderr)")
        let before = try CLI.run(["status", "--lang", "en", "--queue", url.text], in: dir)
        #expect(before.stdout.contains(": 3 units: queued 3, running 0, done 0, failed 0\n"), "\(before.stdout)\(before.stderr)")
        let worker = try CLI.run(["worker", "--queue", url.text, "--drain", "--jobs", "2"], in: dir, timeout: 600)
        #expect(worker.status == 1, "\(worker.stdout)\(worker.stderr)")
        #expect(worker.stderr.contains("worker: u02 failed: 错误："), "\(worker.stderr)")
        let db = try PostgresConnection(url: url)
        let units = try Self.units(db)
        #expect(units.mapValues(\.state) == ["u01": "done", "u02": "failed", "u03": "done"])
        #expect((units["u02"]?.summary?["error"] as? String)?.hasPrefix("错误：") == true, "\(String(describing: units["u02"]?.summary))")
        #expect(try db.queryFirst("SELECT error FROM tieout_queue.units WHERE workspace = 'u02'")?["error"]?.hasPrefix("错误：") == true)
        for u in ["u01", "u03"] {
            #expect(units[u]?.summary?["score"] as? String == "98.79")
            #expect(try db.queryFirst("SELECT score FROM tieout_queue.units WHERE workspace = \(u)")?["score"] == "98.79")
            #expect(FileManager.default.fileExists(atPath: dir + "/" + u + "/out/report.html"))
        }
        // The fleet views: findings by class (u01 and u03 alike, u02 none), scores, progress.
        let findings = try #require(units["u01"]?.summary?["findings"] as? [String: Int])
        let byClass = try db.query("SELECT class, findings, units FROM tieout_queue.fleet_findings WHERE enqueue_id = 1 ORDER BY class")
        #expect(byClass.map { $0.values } == findings.sorted { $0.key < $1.key }.map { [$0.key, String($0.value * 2), "2"] }, "\(byClass)")
        #expect(try db.queryFirst("SELECT units, scored, lowest, highest, done, failed FROM tieout_queue.fleet_scores WHERE enqueue_id = 1")?.values
                == ["3", "2", "98.79", "98.79", "2", "1"])
        #expect(try db.query("SELECT workspace, state FROM tieout_queue.fleet_progress WHERE enqueue_id = 1 ORDER BY workspace").map { $0.values }
                == [["u01", "done"], ["u02", "failed"], ["u03", "done"]])
        let status = try CLI.run(["status", "--lang", "en", "--queue", url.text], in: dir)
        #expect(status.status == 0 && status.stdout.contains(": 3 units: queued 0, running 0, done 2, failed 1\n"), "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("u02   failed"), "\(status.stdout)")
        // By default in Chinese: the states and the finding classes in the summary's words; the unit's error as it was stored.
        let zh = try CLI.run(["status", "--queue", url.text], in: dir, errorLanguage: nil)
        #expect(zh.stdout.contains("：共 3 个单位：等待 0，运行中 0，完成 2，失败 1\n"), "\(zh.stdout)")
        let u01 = try #require(zh.stdout.split(separator: "\n").first { $0.hasPrefix("u01 ") })
        #expect(u01.contains("  完成  98.79  不一致 2，缺少数据 1，一致 119，取整差异 1，陈述无据 2  "), "\(u01)")
        #expect(zh.stdout.contains("u02   失败  "), "\(zh.stdout)")
        let report = try CLI.run(["report", "--all", "--queue", url.text], in: dir)
        #expect(report.status == 2, "\(report.stdout)\(report.stderr)")   // the worst unit's: u02 failed
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let listed = (json["units"] as! [[String: Any]]).map { "\($0["workspace"]!) \($0["status"]!)" }
        #expect(listed == ["u01 problems", "u02 failed", "u03 problems"])
        #expect(FileManager.default.fileExists(atPath: dir + "/out/summary.md") && FileManager.default.fileExists(atPath: dir + "/out/summary.html"))
    }

    @Test("3 workers, 30 units, one worker killed with SIGKILL mid-run: every unit done exactly once, each equal to a run on SQLite")
    func killedWorker() throws {
        let url = try TestPostgres.freshDatabase("queuekill")
        let dir = try Self.fleet(30)
        let reference = try Self.reference()
        let enqueued = try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir)
        #expect(enqueued.status == 0, "\(enqueued.stderr)")
        let workers = try (0..<3).map { _ in try CLI.start(["worker", "--queue", url.text, "--drain"], in: dir) }
        // Output drained in the background so that no worker blocks on a full pipe.
        for w in workers {
            let out = w.out.fileHandleForReading, err = w.err.fileHandleForReading
            DispatchQueue.global().async { _ = out.readDataToEndOfFile() }
            DispatchQueue.global().async { _ = err.readDataToEndOfFile() }
        }
        let victim = workers[0].process.processIdentifier
        let db = try PostgresConnection(url: url)
        // Wait until the victim holds a unit (its claim's advisory lock), and has run it for a moment.
        var deadline = Date().addingTimeInterval(300)
        var held = false
        while Date() < deadline && !held {
            held = try db.queryFirst("""
                SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.objid <> 0 AND a.application_name LIKE \("tieout worker %:\(victim)#%")
                """)?.int("n") ?? 0 > 0
            if !held { usleep(50_000) }
        }
        #expect(held, "the victim never claimed a unit")
        usleep(300_000)
        kill(victim, SIGKILL)
        workers[0].process.waitUntilExit()
        #expect(workers[0].process.terminationReason == .uncaughtSignal)
        deadline = Date().addingTimeInterval(900)
        for w in workers.dropFirst() {
            while w.process.isRunning && Date() < deadline { usleep(100_000) }
            if w.process.isRunning { kill(w.process.processIdentifier, SIGKILL); Issue.record("a worker did not drain the queue in time") }
            w.process.waitUntilExit()
            #expect(w.process.terminationStatus == 0)
        }
        let units = try Self.units(db)
        #expect(units.count == 30)
        #expect(units.values.allSatisfy { $0.state == "done" }, "\(units.mapValues(\.state))")
        // The victim's unit was claimed again by another worker, and is stored once.
        let victimClaims = try db.query("""
            SELECT u.workspace FROM tieout_queue.claims c JOIN tieout_queue.units u ON u.id = c.unit_id
            WHERE c.worker LIKE \("%:\(victim)#%") AND u.worker NOT LIKE \("%:\(victim)#%")
            """)
        #expect(victimClaims.count == 1, "\(victimClaims)")
        if let claimed = victimClaims.first { #expect(units[claimed["workspace"]!]?.attempts == 2) }
        #expect(try db.queryFirst("SELECT count(*) AS n FROM tieout_queue.units WHERE attempts <> 1")?.int("n") == 1)
        // Every unit equals the run on SQLite: files, rows, findings by class, score.
        for (name, u) in units.sorted(by: { $0.key < $1.key }) {
            let s = try #require(u.summary, "\(name) has no summary")
            #expect(s["score"] as? String == reference["score"] as? String && s["score"] as? String == "98.79", "\(name)")
            #expect(s["findings"] as? [String: Int] == reference["findings"] as? [String: Int], "\(name)")
            #expect(s["files"] as? Int == reference["files"] as? Int, "\(name)")
            if u.attempts == 1 {
                #expect(s["rows"] as? Int == reference["rows"] as? Int, "\(name)")
            } else {
                // The unit the victim held: its second run's summary counts only the rows that run read
                // (the first may have stored some files before it was killed; rows from the dataset come
                // with F's e80af8a). Its dataset must equal the ledgers, as a clean run leaves it.
                let verify = try CLI.run(["verify", name, "--lang", "en"], in: dir)
                #expect(verify.status == 0 && verify.stdout.contains("the dataset equals the ledgers"), "\(name): \(verify.stdout)\(verify.stderr)")
            }
            #expect(FileManager.default.fileExists(atPath: dir + "/" + name + "/out/report.md"), "\(name)")
        }
        let status = try CLI.run(["status", "--lang", "en", "--queue", url.text], in: dir)
        #expect(status.stdout.contains(": 30 units: queued 0, running 0, done 30, failed 0\n"), "\(status.stdout)")
    }

    @Test("an unreachable queue is an error naming host:port without the password (exit 2)")
    func unreachable() throws {
        let port = TestPostgres.closedPort()
        let r = try CLI.run(["status", "--lang", "en", "--queue", "postgresql://q:Secret-Pw1@127.0.0.1:\(port)/fleet"], in: "/")
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: cannot connect to PostgreSQL at 127.0.0.1:\(port) (postgresql://q:***@127.0.0.1:\(port)/fleet): "), "\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains("Secret-Pw1"))
    }
}
