import TieoutCore
import TieoutPostgres

extension FleetQueue {
    /// The queue's schema, as literal SQL, applied in order and recorded in
    /// `tieout_queue.migrations` (as GRDB's migrator does): a migration is never edited once
    /// released, a change is a new one.
    public static let migrations: [(id: String, sql: String)] = [
        ("v1-queue", """
            CREATE TABLE tieout_queue.enqueues (
                id bigserial PRIMARY KEY,
                folder text NOT NULL,
                units integer NOT NULL,
                enqueued_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE tieout_queue.units (
                id bigserial PRIMARY KEY,
                enqueue_id bigint NOT NULL REFERENCES tieout_queue.enqueues(id),
                folder text NOT NULL,
                workspace text NOT NULL,
                state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'failed')),
                attempts integer NOT NULL DEFAULT 0,
                worker text,
                finished_at timestamptz,
                unit_name text,
                exit_code integer,
                error text,
                score numeric,
                findings jsonb,
                summary jsonb,
                UNIQUE (enqueue_id, workspace)
            );
            CREATE INDEX units_queued ON tieout_queue.units (id) WHERE state = 'queued';
            -- Every claim, committed at once on a connection of its own: a unit claimed twice was run by a
            -- worker that died. No foreign key: its check would wait for the claim's own FOR UPDATE lock.
            CREATE TABLE tieout_queue.claims (
                unit_id bigint NOT NULL,
                worker text NOT NULL,
                claimed_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        // Fleet views across units (issue 25 item 3), per enqueue: the units' progress by quarter
        // (from the summary's progress, exact ratios as text; NULL for a unit whose run has none),
        // findings by class, scores.
        ("v2-fleet-views", """
            CREATE VIEW tieout_queue.fleet_progress AS
                SELECT enqueue_id, workspace, unit_name, state,
                       (summary->'progress'->>'q1')::numeric AS q1, (summary->'progress'->>'q2')::numeric AS q2,
                       (summary->'progress'->>'q3')::numeric AS q3, (summary->'progress'->>'q4')::numeric AS q4
                FROM tieout_queue.units;
            CREATE VIEW tieout_queue.fleet_findings AS
                SELECT u.enqueue_id, f.key AS class, sum(f.value::integer) AS findings, count(*) AS units
                FROM tieout_queue.units u, jsonb_each_text(u.findings) f
                GROUP BY u.enqueue_id, f.key;
            CREATE VIEW tieout_queue.fleet_scores AS
                SELECT enqueue_id, count(*) AS units, count(score) AS scored, min(score) AS lowest, max(score) AS highest,
                       count(*) FILTER (WHERE state = 'done') AS done, count(*) FILTER (WHERE state = 'failed') AS failed
                FROM tieout_queue.units
                GROUP BY enqueue_id;
            """),
        // fleet_findings.units counted every unit that reported (a count of 0 included), the same
        // number for every class: now the units with at least one finding of the class.
        ("v3-fleet-findings-units", """
            CREATE OR REPLACE VIEW tieout_queue.fleet_findings AS
                SELECT u.enqueue_id, f.key AS class, sum(f.value::integer) AS findings,
                       count(*) FILTER (WHERE f.value::integer > 0) AS units
                FROM tieout_queue.units u, jsonb_each_text(u.findings) f
                GROUP BY u.enqueue_id, f.key;
            """),
    ]

    /// Creates the schema and applies the migrations not applied yet, in one transaction under
    /// an advisory lock, so that workers starting together do not race.
    func migrate() throws(TieoutError) {
        do {
            try db.transaction {
                try db.execute("SELECT pg_advisory_xact_lock(\(Self.lockClass), 0)")
                try db.execute("CREATE SCHEMA IF NOT EXISTS tieout_queue; CREATE TABLE IF NOT EXISTS tieout_queue.migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
                let applied = Set(try db.query("SELECT id FROM tieout_queue.migrations").compactMap { $0["id"] })
                for (id, sql) in Self.migrations where !applied.contains(id) {
                    try db.execute(PostgresSQL(sql: sql))
                    try db.execute("INSERT INTO tieout_queue.migrations (id) VALUES (\(id))")
                }
            }
        } catch let error as TieoutError {
            throw error
        } catch {
            throw TieoutError(code: "store.postgres-statement", key: "store.postgres-queue-migration", ["place": db.url.place, "reason": "\(error)"])
        }
    }
}
