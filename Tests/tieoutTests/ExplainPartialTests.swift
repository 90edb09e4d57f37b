import Foundation
import Testing

/// `explain` on a dataset that is not whole, or that changes under it: it says so, and its
/// status says whether the records it listed make the figure (issue 20, item 11).
@Suite("explain on a partial dataset")
struct ExplainPartialTests {
    @Test("after a killed ingest (its run never finished): explain warns as reconcile does; the records still add up: exit 0")
    func killedIngest() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        // The run row a killed ingest leaves: started, never finished.
        _ = try CLI.run(["-c", "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nc.execute(\"INSERT INTO ingest_runs (started_at) VALUES ('2026-12-06T21:00:00Z')\")\nc.commit()",
                         dir + "/" + ws + "/.tieout/tieout.sqlite"], executable: "/usr/bin/python3")
        let r = try CLI.run(["explain", ws, "spend.actual.total"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr == """
            Warning: the dataset is partial or stale: the last ingest (started 2026-12-06T21:00:00Z) did not finish
            Help: Run `tieout run \(ws)` (or `tieout ingest` first); the reports say the same at the top.
            明细：305 条记录；其值之和 138169467.85 = spend.actual.total 138169467.85 元（13,816.95 万元）

            """)
        let rec = try CLI.run(["reconcile", ws], in: dir)
        #expect(rec.stderr.hasPrefix("Warning: the dataset is partial or stale: the last ingest (started 2026-12-06T21:00:00Z) did not finish\n"))
    }

    @Test("a ledger changed since it was ingested: explain warns")
    func changedLedger() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/" + ws + "/ledgers/treasury/2024-03.csv"))
        try h.seekToEnd()
        try h.write(contentsOf: Data("\n".utf8))
        try h.close()
        let r = try CLI.run(["explain", ws, "spend.actual.total"], in: dir)
        #expect(r.stderr.hasPrefix("Warning: the dataset is partial or stale: 1 ledgers changed since they were ingested\n"), "\(r.stderr)")
    }

    @Test("the dataset changing while explain reads it: whenever the listed records do not add up to the figure, THEY DIFFER and exit 1")
    func changingUnderneath() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let db = dir + "/" + ws + "/.tieout/tieout.sqlite"
        // A writer flipping one payment's amount by 1 元, back and forth, in its own transactions.
        let flipper = try CLI.start(["-c", """
            import sqlite3,sys,time
            c=sqlite3.connect(sys.argv[1], timeout=30)
            end=time.time()+30
            while time.time()<end:
                for d in ('+1','-1'):
                    c.execute("UPDATE treasury_payments SET amount = CAST(CAST(amount AS INTEGER)" + d + " AS TEXT) || substr(amount, instr(amount, '.')) WHERE id = (SELECT min(id) FROM treasury_payments)")
                    c.commit()
                    time.sleep(0.02)
            """, db], executable: "/usr/bin/python3")
        defer { kill(flipper.process.processIdentifier, SIGKILL); flipper.process.waitUntilExit() }
        var differed = 0, agreed = 0
        for _ in 0..<40 where differed < 3 {
            let r = try CLI.run(["explain", ws, "spend.actual.total"], in: dir)
            if r.stderr.contains("（两者不相等）") {
                differed += 1
                #expect(r.status == 1, "\(r.stderr)")
            } else if r.stderr.contains(" = spend.actual.total ") {
                agreed += 1
                #expect(r.status == 0, "\(r.stderr)")
            }
        }
        #expect(differed > 0)
    }
}
