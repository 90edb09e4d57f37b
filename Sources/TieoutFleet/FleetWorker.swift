#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TieoutCore
import TieoutPostgres
import TieoutReport

/// A worker of the queue (``FleetQueue``): `jobs` threads, each with a connection of its own,
/// each claiming one unit at a time and running it with ``UnitRunner`` (a process of its own,
/// its reports in the unit's out/, its log in the batch folder's out/logs/). The claim's
/// transaction lasts the run and ends by storing the outcome (done, or failed with its error).
public struct FleetWorker: Sendable {
    public var url: PostgresURL
    public var jobs: Int
    /// Exit when no unit is queued (running ones elsewhere may still return to the queue: the
    /// worker waits for them to end, and runs any that does not).
    public var drain: Bool
    /// How long to wait before looking again when nothing can be claimed.
    public var poll: Double
    /// The tieout that runs each unit.
    public var executable: String
    public var language: ReportLanguage
    /// This worker's name in the queue (host:pid).
    public var name: String

    public init(url: PostgresURL, jobs: Int = 1, drain: Bool = false, poll: Double = 1, executable: String = Fleet.selfExecutable(),
                language: ReportLanguage = .zh) {
        self.url = url
        self.jobs = max(jobs, 1)
        self.drain = drain
        self.poll = poll
        self.executable = executable
        self.language = language
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, 255)
        name = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + ":" + String(getpid())
    }

    /// Runs until drained (or forever without `drain`); `finished` is called as each unit ends.
    /// The first error of a thread (the server gone) ends that thread and is returned.
    public func run(finished: @escaping @Sendable (FleetQueue.Unit) -> Void = { _ in }) -> [TieoutError] {
        let errors = LockedErrors()
        let threads = (0..<jobs).map { job in
            startThread(name: "tieout-worker") {
                do {
                    let queue = try FleetQueue(url: url)
                    try queue.db.execute(PostgresSQL(sql: "SET application_name = " + PostgresSQL.quote(literal: "tieout worker \(name)#\(job)")))
                    while true {
                        if let unit = try claimAndRun(queue, job: job) {
                            finished(unit)
                        } else if try drain && queue.queuedCount() == 0 {
                            return
                        } else {
                            usleep(UInt32(poll * 1_000_000))
                        }
                    }
                } catch let error as TieoutError {
                    errors.append(error)
                } catch {
                    errors.append(TieoutError(code: "store.postgres-statement", key: "store.postgres-worker", ["error": "\(error)"]))
                }
            }
        }
        for t in threads { t.join() }
        return errors.all
    }

    /// Claims the first unit nobody holds, runs it, stores its outcome; nil when none is free.
    func claimAndRun(_ queue: FleetQueue, job: Int) throws -> FleetQueue.Unit? {
        let db = queue.db
        try db.execute("BEGIN")
        do {
            guard let row = try db.queryFirst("""
                SELECT id, enqueue_id, folder, workspace FROM tieout_queue.units
                WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """), let id = row.int("id"), let folder = row["folder"], let workspace = row["workspace"] else {
                try db.execute("COMMIT")
                return nil
            }
            let worker = "\(name)#\(job)"
            try db.execute("SELECT pg_advisory_xact_lock(\(FleetQueue.lockClass), \(id))")
            // The claim is logged on its own connection, so it stays even when this worker dies.
            try FleetQueue.logClaim(url: url, unit: id, worker: worker)
            try Fleet.prepareOutput(folder)
            let summary = UnitRunner(folder: folder, executable: executable, language: language).run(workspace)
            let state = summary.status == "failed" ? "failed" : "done"
            try db.execute("""
                UPDATE tieout_queue.units SET state = \(state), worker = \(worker), finished_at = now(),
                    attempts = (SELECT count(*) FROM tieout_queue.claims WHERE unit_id = \(id)),
                    unit_name = \(summary.unit), exit_code = \(Int(summary.exitCode)), error = \(summary.error),
                    score = \(summary.score)::numeric, findings = \(try FleetQueue.json(summary.findings))::jsonb,
                    summary = \(try FleetQueue.json(summary))::jsonb
                WHERE id = \(id)
                """)
            try db.execute("COMMIT")
            return FleetQueue.Unit(id: id, enqueue: row.int("enqueue_id") ?? 0, folder: folder, workspace: workspace, state: state,
                                   attempts: 0, worker: worker, summary: summary)
        } catch {
            _ = try? db.execute("ROLLBACK")
            throw error
        }
    }
}

extension FleetQueue {
    /// Units queued, whether or not a worker holds them.
    func queuedCount() throws(TieoutError) -> Int {
        try db.queryFirst("SELECT count(*) AS n FROM tieout_queue.units WHERE state = 'queued'")?.int("n") ?? 0
    }

    static func logClaim(url: PostgresURL, unit: Int, worker: String) throws(TieoutError) {
        let side = try PostgresConnection(url: url)
        try side.execute("INSERT INTO tieout_queue.claims (unit_id, worker) VALUES (\(unit), \(worker))")
    }

    static func json(_ findings: [String: Int]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(findings), as: UTF8.self)
    }
}

final class LockedErrors: @unchecked Sendable {
    private var errors: [TieoutError] = []
    private let lock = NSLock()
    func append(_ e: TieoutError) { lock.lock(); errors.append(e); lock.unlock() }
    var all: [TieoutError] { lock.lock(); defer { lock.unlock() }; return errors }
}
