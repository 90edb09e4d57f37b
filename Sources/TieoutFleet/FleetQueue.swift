import Foundation
import TieoutCore
import TieoutIngest
import TieoutPostgres
import TieoutReport

/// The work queue in PostgreSQL (issue 25): `tieout enqueue DIR` queues every unit under DIR,
/// any number of `tieout worker`s on any machines run them, `tieout status` and
/// `tieout report --all` read the results back.
///
/// Its tables live in their own schema, `tieout_queue` (``migrations``). A worker claims a
/// unit with `SELECT … FOR UPDATE SKIP LOCKED` in a transaction that lasts the unit's run and
/// ends by storing its outcome: a worker that dies (SIGKILL, power) loses its transaction, the
/// row lock goes with it, and the unit is queued again for the others. A unit is therefore
/// done exactly once per enqueue. The transaction also holds an advisory lock on the unit
/// (`pg_locks`), which is how ``status(enqueue:)`` tells a running unit from a queued one.
public struct FleetQueue {
    public let db: PostgresConnection

    /// The schema of the queue's tables.
    public static let schema = "tieout_queue"
    /// The first key of the advisory locks that mark running units (the second is the unit's id).
    static let lockClass = 25_002

    /// Connects and brings the queue's tables up to date.
    public init(url: PostgresURL) throws(TieoutError) {
        db = try PostgresConnection(url: url)
        try migrate()
    }

    /// One unit of an enqueue, as the queue has it.
    public struct Unit: Sendable, Equatable {
        public var id: Int
        public var enqueue: Int
        /// The batch folder (absolute) and the unit's workspace under it.
        public var folder: String
        public var workspace: String
        /// queued, running, done or failed.
        public var state: String
        public var attempts: Int
        public var worker: String?
        /// What the unit's run reported (done and failed units).
        public var summary: UnitSummary?
    }

    /// Queues every unit under `folder` (``Fleet/search(_:maxDepth:)``) as one enqueue; a folder
    /// that cannot be searched is queued as a failed unit with its error, as `run --all` reports
    /// it. Returns the enqueue's number and its units.
    public func enqueue(_ folder: String) throws -> (enqueue: Int, units: [String], failed: [String]) {
        let top = Fleet.realPath(folder) ?? folder
        let found = Fleet.search(top)
        // Nothing to queue: no enqueue is recorded, so the last real one stays the latest
        // (`tieout status`, `tieout report --all`).
        guard !found.units.isEmpty || !found.unreadable.isEmpty else {
            throw TieoutError(code: "workspace.none", ["folder": folder, "config": Workspace.fileName], location: SourceLocation(file: folder))
        }
        return try db.transaction {
            guard let id = try db.queryFirst("INSERT INTO tieout_queue.enqueues (folder, units) VALUES (\(top), \(found.units.count + found.unreadable.count)) RETURNING id")?.int("id") else {
                throw TieoutError(code: "store.postgres-statement", key: "store.postgres-no-enqueue", ["place": db.url.place])
            }
            for unit in found.units {
                try db.execute("INSERT INTO tieout_queue.units (enqueue_id, folder, workspace) VALUES (\(id), \(top), \(unit))")
            }
            for u in found.unreadable {
                let summary = FleetBatch.unsearched(u)
                try db.execute("""
                    INSERT INTO tieout_queue.units (enqueue_id, folder, workspace, state, finished_at, exit_code, error, summary)
                    VALUES (\(id), \(top), \(u.folder), 'failed', now(), \(2), \(summary.error), \(try Self.json(summary))::jsonb)
                    """)
            }
            return (id, found.units, found.unreadable.map(\.folder))
        }
    }

    /// Earlier enqueues of the same folder that still have units queued (the enqueue's number
    /// and how many): each enqueue runs every unit once, so those units will run again.
    public func stillQueued(folder: String, before enqueue: Int) throws(TieoutError) -> [(enqueue: Int, units: Int)] {
        let top = Fleet.realPath(folder) ?? folder
        return try db.query("""
            SELECT enqueue_id, count(*) AS n FROM tieout_queue.units
            WHERE folder = \(top) AND state = 'queued' AND enqueue_id < \(enqueue)
            GROUP BY enqueue_id ORDER BY enqueue_id
            """).map { ($0.int("enqueue_id") ?? 0, $0.int("n") ?? 0) }
    }

    /// The latest enqueue's number, nil when nothing was ever queued.
    public func latestEnqueue() throws(TieoutError) -> Int? {
        try db.queryFirst("SELECT max(id) AS id FROM tieout_queue.enqueues")?.int("id")
    }

    /// The batch folder of an enqueue.
    public func folder(enqueue: Int) throws(TieoutError) -> String? {
        try db.queryFirst("SELECT folder FROM tieout_queue.enqueues WHERE id = \(enqueue)")?["folder"]
    }

    /// Every unit of an enqueue, in the order queued, running ones told apart by their lock
    /// (this database's: pg_locks lists every database's, and another queue on the server has
    /// units of the same ids).
    public func units(enqueue: Int) throws(TieoutError) -> [Unit] {
        let rows = try db.query("""
            SELECT u.id, u.enqueue_id, u.folder, u.workspace, u.attempts, u.summary::text AS summary,
                   CASE WHEN u.state = 'queued' AND l.pid IS NOT NULL THEN 'running' ELSE u.state END AS state,
                   COALESCE(u.worker, regexp_replace(a.application_name, '^tieout worker ', '')) AS worker
            FROM tieout_queue.units u
            LEFT JOIN pg_locks l ON l.locktype = 'advisory' AND l.classid = \(Self.lockClass)::oid AND l.objid = u.id::oid AND l.objsubid = 2 AND l.granted
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE u.enqueue_id = \(enqueue)
            ORDER BY u.id
            """)
        return rows.map { r in
            Unit(id: r.int("id") ?? 0, enqueue: r.int("enqueue_id") ?? 0, folder: r["folder"] ?? "", workspace: r["workspace"] ?? "",
                 state: r["state"] ?? "", attempts: r.int("attempts") ?? 0, worker: r["worker"],
                 summary: r["summary"].flatMap { try? JSONDecoder().decode(UnitSummary.self, from: Data($0.utf8)) })
        }
    }

    /// How many units of an enqueue are queued, running, done and failed.
    public func counts(enqueue: Int) throws(TieoutError) -> [String: Int] {
        var counts = ["queued": 0, "running": 0, "done": 0, "failed": 0]
        for u in try units(enqueue: enqueue) { counts[u.state, default: 0] += 1 }
        return counts
    }

    /// The fleet summary of an enqueue, from the outcomes stored (like `run --all`'s); units
    /// not yet run are failed entries saying so, in the summary's language (`尚未运行：在队列中为“等待”`).
    public func summary(enqueue: Int, language: ReportLanguage = .zh) throws(TieoutError) -> FleetSummary {
        let units = try units(enqueue: enqueue)
        let folder = try folder(enqueue: enqueue) ?? ""
        let entries = units.map { u in
            u.summary ?? UnitSummary(workspace: u.workspace, unit: "", files: 0, rows: 0, findings: [:], score: nil, seconds: 0,
                                     status: "failed", exitCode: 2, error: language.s("tools.report.not-run", ["state": Self.stateText(u.state, language)]), log: "")
        }
        let (workers, seconds) = try ran(enqueue: enqueue)
        return FleetBatch.summary(folder: folder, jobs: workers, seconds: seconds, units: entries)
    }

    /// A unit's state in the queue (queued, running, done, failed) in the language asked for.
    public static func stateText(_ state: String, _ l: ReportLanguage) -> String {
        ["queued", "running", "done", "failed"].contains(state) ? l.s("tools.status.state." + state) : state
    }

    /// How the enqueue ran, for the summary's counts line as `run --all` words it (`用时 S 秒（N 个并行）`):
    /// the worker threads (`host:pid#job`) that stored a unit, and the wall time from the first
    /// claim to the last unit stored (not the units' seconds added up: they ran side by side).
    func ran(enqueue: Int) throws(TieoutError) -> (workers: Int, seconds: Double) {
        let row = try db.queryFirst("""
            SELECT count(DISTINCT u.worker) AS workers,
                   EXTRACT(epoch FROM max(u.finished_at) - (SELECT min(c.claimed_at) FROM tieout_queue.claims c
                        JOIN tieout_queue.units v ON v.id = c.unit_id WHERE v.enqueue_id = \(enqueue)))::text AS seconds
            FROM tieout_queue.units u WHERE u.enqueue_id = \(enqueue) AND u.worker IS NOT NULL
            """)
        return (row?.int("workers") ?? 0, row?["seconds"].flatMap { Double($0) } ?? 0)
    }

    static func json(_ summary: UnitSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
