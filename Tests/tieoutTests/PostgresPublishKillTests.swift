import Foundation
import Testing
import TieoutPostgres
import TieoutTestSupport

/// A publish of changes killed with SIGKILL in the middle of its `COPY`: the unit's schema is
/// the last publish's, whole (the transaction never committed), and the next run publishes
/// the changes in full.
@Suite("a publish killed mid-COPY", .serialized)
struct PostgresPublishKillTests {
    static let rows = 150_000

    /// A month of generated payments (`amount` each), no total row: enough rows for the
    /// `COPY` to last seconds.
    static func bigLedger(_ path: String, amount: String) throws {
        var text = "国库集中支付明细表（2024年7月）\n单位：元\n凭证号,支付日期,功能分类,经济分类科目,项目名称,支出类型,合同编号,摘要,金额\n"
        text.reserveCapacity(rows * 90)
        for i in 0..<rows {
            text += "记-BIG-\(i),2024-07-15,2013101 行政运行,30113 住房公积金,,基本支出,,测试支付,\"\(amount)\"\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("ingest killed with SIGKILL while it publishes a changed 150,000-row ledger: the schema is the previous publish's, row for row; the next ingest publishes the change")
    func killedMidCopy() throws {
        let url = try TestPostgres.freshDatabase("publishkill")
        let (dir, ws) = try PostgresRunTests.sample(database: url.text)
        let big = dir + "/" + ws + "/ledgers/treasury/2024-07-big.csv"
        try Self.bigLedger(big, amount: "1.00")
        let first = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(first.stdout.contains("published: postgresql://"), "\(first.stdout)\(first.stderr)")
        let db = try PostgresConnection(url: url)
        let schema = try #require(try db.queryFirst("SELECT schema_name FROM tieout.units")?[0])
        let before = try TestPostgres.contents(url, schema: schema)
        let payments = try #require(before.keys.first { $0.hasPrefix("treasury") && $0 != "tieout_migrations" })
        #expect((before[payments]?.count ?? 0) > Self.rows)

        // Every amount of the big ledger changed: its rows are sent again, and killed mid-way.
        try Self.bigLedger(big, amount: "2.00")
        let p = try CLI.start(["ingest", ws, "--lang", "en"], in: dir)
        let out = p.out.fileHandleForReading, err = p.err.fileHandleForReading
        DispatchQueue.global().async { _ = out.readDataToEndOfFile() }
        DispatchQueue.global().async { _ = err.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(300)
        var copying = false
        while Date() < deadline && p.process.isRunning && !copying {
            copying = try db.queryFirst("""
                SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND state = 'active' AND query LIKE \("COPY " + PostgresSQL.quote(identifier: payments) + "%")
                """)?.int("n") ?? 0 > 0
            if !copying { usleep(5_000) }
        }
        #expect(copying, "the ingest never sent the changed ledger's rows")
        usleep(200_000)
        kill(p.process.processIdentifier, SIGKILL)
        p.process.waitUntilExit()
        #expect(p.process.terminationReason == .uncaughtSignal)
        // The server ends the killed client's session (and its transaction) once it sees the socket closed.
        var others = 1
        let gone = Date().addingTimeInterval(60)
        while others > 0 && Date() < gone {
            others = try db.queryFirst("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")?.int("n") ?? 0
            if others > 0 { usleep(50_000) }
        }
        #expect(others == 0)
        #expect(try TestPostgres.contents(url, schema: schema) == before)

        // The next ingest (the files as the killed one left them: already read) publishes the change.
        let next = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(next.stdout.contains(", changes only (records of "), "\(next.stdout)\(next.stderr)")
        let t = PostgresSQL.quote(identifier: schema) + "." + PostgresSQL.quote(identifier: payments)
        #expect(try db.queryFirst(PostgresSQL(sql: "SELECT count(*) AS n FROM \(t) WHERE voucher LIKE '记-BIG-%' AND amount = '2.00'"))?.int("n") == Self.rows)
        #expect(try db.queryFirst(PostgresSQL(sql: "SELECT count(*) AS n FROM \(t) WHERE voucher LIKE '记-BIG-%'"))?.int("n") == Self.rows)
    }
}
