import Foundation
import Testing
import TieoutPostgres
import TieoutTestSupport

/// What an operator reads of the queue across units (issue 25 item 3): the fleet views, the
/// fleet summary of `report --all --queue`, and `status` while a unit runs.
@Suite("Work queue: across units", .serialized)
struct QueueFleetTests {
    /// A folder with a copy of samples/futian-2024 (u01: 2 mismatches) and of samples/luohu-2025 (u02: none).
    static func mixedFleet() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-queue-fleet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, sample) in [("u01", "futian-2024"), ("u02", "luohu-2025")] {
            let unit = dir + "/" + name
            try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/" + sample).path, toPath: unit)
            try? FileManager.default.removeItem(atPath: unit + "/.tieout")
            try? FileManager.default.removeItem(atPath: unit + "/out")
        }
        return dir
    }

    @Test("fleet_findings counts the units with a finding of the class; report --all says the wall time and the workers that ran the units")
    func findingsAndSummary() throws {
        let url = try TestPostgres.freshDatabase("queuefleet")
        let dir = try Self.mixedFleet()
        #expect(try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir).status == 0)
        let worker = try CLI.run(["worker", "--queue", url.text, "--drain", "--jobs", "2"], in: dir, timeout: 600)
        #expect(worker.status == 0, "\(worker.stdout)\(worker.stderr)")
        let db = try PostgresConnection(url: url)
        let findings = Dictionary(uniqueKeysWithValues: try db.query("SELECT class, findings, units FROM tieout_queue.fleet_findings WHERE enqueue_id = 1")
            .map { ($0["class"]!, [$0["findings"]!, $0["units"]!]) })
        // u01 (futian) has 2 mismatches, u02 (luohu) none: one unit has mismatches, not two.
        #expect(findings["mismatch"] == ["2", "1"], "\(findings)")
        #expect(findings["unsupported"] == ["2", "1"], "\(findings)")
        #expect(findings["missing-data"] == ["4", "2"], "\(findings)")   // 1 + 3
        #expect(findings["ok"] == ["163", "2"], "\(findings)")           // 119 + 44

        let report = try CLI.run(["report", "--all", "--queue", url.text], in: dir)
        #expect(report.status == 1, "\(report.stdout)\(report.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let ran = try #require(try db.queryFirst("""
            SELECT count(DISTINCT worker) AS workers,
                   EXTRACT(epoch FROM max(finished_at) - (SELECT min(claimed_at) FROM tieout_queue.claims))::text AS wall
            FROM tieout_queue.units
            """))
        let workers = try #require(ran.int("workers"))
        let wall = try #require(ran["wall"].flatMap { Double($0) })
        #expect(workers >= 1 && workers <= 2)
        // The summary's "(N 个并行)" is the worker threads that ran units, never 0, and its time the
        // wall time from the first claim to the last unit stored, not the units' seconds added up.
        #expect(json["jobs"] as? Int == workers, "\(json["jobs"] ?? "nil")")
        let seconds = try #require(json["seconds"] as? Double)
        #expect(abs(seconds - wall) < 0.01, "summary \(seconds) s, wall \(wall) s")
        let markdown = try String(contentsOfFile: dir + "/out/summary.md", encoding: .utf8)
        #expect(markdown.contains("2 个单位（正常 0，有问题 2，失败 0）；读取 868 行；用时 \(Self.tenths(wall)) 秒（\(workers) 个并行）\n"), "\(markdown)")
        // summary.xlsx beside the page, as run --all writes it (before: report --all --queue wrote md, html and json only).
        let book = try DumpedWorkbook.read(dir + "/out/summary.xlsx")
        #expect(book.sheets.map(\.name) == ["汇总"], "\(book.sheets.map(\.name))")
        let rows = try #require(book.sheets.first?.rows)
        #expect(rows.first?.first == "单位" && rows.count == 3, "\(rows)")
        #expect(rows.dropFirst().map { $0[13] } == ["有问题", "有问题"], "\(rows)")
    }

    /// A worker thread holding `unit`, as FleetWorker marks it: its application_name and the
    /// unit's advisory lock, held while the returned connection lives.
    static func hold(_ unit: String, in url: PostgresURL, as worker: String) throws -> PostgresConnection {
        let holder = try PostgresConnection(url: url)
        try holder.execute(PostgresSQL(sql: "SET application_name = 'tieout worker \(worker)'"))
        let id = try #require(try holder.queryFirst("SELECT id FROM tieout_queue.units WHERE workspace = \(unit)")?.int("id"))
        try holder.execute("SELECT pg_advisory_lock(25002, \(id))")
        return holder
    }

    /// pg_locks lists the advisory locks of every database on the server, and status joined it
    /// without naming its own: a worker running unit 1 of another queue (another database on the
    /// same server) made this queue's u01 "running", listed twice ("3 units: queued 1, running 2"
    /// for a queue of 2). Found when two suites' queues ran side by side on one test server.
    @Test("status counts only its own database's locks: a unit running in another queue on the server is not running here")
    func otherDatabasesLocks() throws {
        let (here, there) = (try TestPostgres.freshDatabase("queuehere"), try TestPostgres.freshDatabase("queuethere"))
        let (dirHere, dirThere) = (try QueueTests.fleet(2), try QueueTests.fleet(2))
        #expect(try CLI.run(["enqueue", "--lang", "en", dirHere, "--queue", here.text], in: dirHere).status == 0)
        #expect(try CLI.run(["enqueue", "--lang", "en", dirThere, "--queue", there.text], in: dirThere).status == 0)
        // A worker thread of the other queue holding its u01.
        let holder = try Self.hold("u01", in: there, as: "elsewhere:7#1")
        let status = try CLI.run(["status", "--lang", "en", "--queue", here.text], in: dirHere)
        #expect(status.stdout.contains(": 2 units: queued 2, running 0, done 0, failed 0\n"), "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.split(separator: "\n").filter { $0.hasPrefix("u01 ") }.count == 1, "\(status.stdout)")
        #expect(!status.stdout.contains("elsewhere"), "\(status.stdout)")
        let other = try CLI.run(["status", "--lang", "en", "--queue", there.text], in: dirThere)
        #expect(other.stdout.contains(": 2 units: queued 1, running 1, done 0, failed 0\n"), "\(other.stdout)")
        withExtendedLifetime(holder) {}   // the lock held until here
    }

    @Test("status names a running unit's worker as a finished unit's: host:pid#job")
    func runningWorkerName() throws {
        let url = try TestPostgres.freshDatabase("queuerunning")
        let dir = try QueueTests.fleet(2)
        #expect(try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir).status == 0)
        let holder = try Self.hold("u01", in: url, as: "testhost:42#1")
        let status = try CLI.run(["status", "--lang", "en", "--queue", url.text], in: dir)
        #expect(status.stdout.contains(": 2 units: queued 1, running 1, done 0, failed 0\n"), "\(status.stdout)\(status.stderr)")
        let line = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix("u01 ") })
        #expect(line.contains(" running ") && line.trimmingCharacters(in: .whitespaces).hasSuffix("testhost:42#1") && !line.contains("tieout worker"), "\(line)")
        withExtendedLifetime(holder) {}   // the lock held until here
    }

    @Test("an enqueue of a folder with no workspace records nothing: the last real enqueue stays the one status and report show")
    func emptyEnqueue() throws {
        let url = try TestPostgres.freshDatabase("queueempty")
        let dir = try QueueTests.fleet(1)
        #expect(try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir).status == 0)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-queue-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for folder in [empty, empty + "/typo"] {
            let r = try CLI.run(["enqueue", "--lang", "en", folder, "--queue", url.text], in: dir)
            #expect(r.status == 2 && r.stderr.hasPrefix("Error: there is no workspace under \(folder) (no folder with a tieout.yaml)"), "\(r.stdout)\(r.stderr)")
        }
        let db = try PostgresConnection(url: url)
        #expect(try db.queryFirst("SELECT count(*) AS n FROM tieout_queue.enqueues")?.int("n") == 1)
        let status = try CLI.run(["status", "--lang", "en", "--queue", url.text], in: dir)
        #expect(status.stdout.hasPrefix("enqueue 1 (") && status.stdout.contains(": 1 unit: queued 1, running 0, done 0, failed 0\n"), "\(status.stdout)\(status.stderr)")
    }

    @Test("enqueuing a folder whose earlier enqueue still has units queued says so: those run as well")
    func enqueueTwice() throws {
        let url = try TestPostgres.freshDatabase("queuetwice")
        let dir = try QueueTests.fleet(2)
        let first = try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir)
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        let second = try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir)
        #expect(second.status == 0 && second.stdout.hasPrefix("enqueue 2: 2 units queued from "), "\(second.stdout)")
        #expect(second.stderr == "Note: enqueue 1 of this folder still has 2 units queued; they run as well (each enqueue runs every unit once).\n", "\(second.stderr)")
        let other = try QueueTests.fleet(1)
        let third = try CLI.run(["enqueue", "--lang", "en", other, "--queue", url.text], in: dir)
        #expect(third.status == 0 && third.stderr.isEmpty, "\(third.stderr)")   // another folder: nothing to say
    }

    @Test("enqueue says which folder it could not search (a dangling link), queued as failed")
    func enqueueUnsearchable() throws {
        let url = try TestPostgres.freshDatabase("queuedead")
        let dir = try QueueTests.fleet(1)
        try FileManager.default.createSymbolicLink(atPath: dir + "/dead", withDestinationPath: dir + "/nowhere")
        let r = try CLI.run(["enqueue", "--lang", "en", dir, "--queue", url.text], in: dir)
        #expect(r.status == 0 && r.stdout.hasPrefix("enqueue 1: 1 unit queued from "), "\(r.stdout)")
        #expect(r.stderr == "enqueue: dead cannot be searched: queued as failed\n", "\(r.stderr)")
        let status = try CLI.run(["status", "--lang", "en", "--queue", url.text], in: dir)
        #expect(status.stdout.contains(": 2 units: queued 1, running 0, done 0, failed 1\n"), "\(status.stdout)")
    }

    static func tenths(_ s: Double) -> String {
        let t = Int((s * 10).rounded())
        return "\(t / 10).\(t % 10)"
    }
}
