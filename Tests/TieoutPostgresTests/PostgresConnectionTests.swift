import Foundation
import Testing
import TieoutCore
import TieoutPostgres
import TieoutTestSupport

/// Against a real server (TestPostgres: TIEOUT_TEST_PG_URL or a throwaway cluster).
@Suite("PostgreSQL connection")
struct PostgresConnectionTests {
    @Test("statements with text parameters; numeric keeps every digit both ways; NULL, quotes and Chinese as given")
    func executeAndQuery() throws {
        let db = try PostgresConnection(url: TestPostgres.freshDatabase("exec"))
        #expect(db.serverVersion >= 120000)
        try db.execute("CREATE TABLE payments (id integer PRIMARY KEY, payee text, amount numeric(38, 10), note text)")
        let big = try #require(Amount("12345678901234567890.1234567891"))
        let inserted = try db.execute("INSERT INTO payments VALUES (\(1), \("福田区'财政\"局"), \(big), \(nil as String?)), (\(2), \("x"), \(Amount("0.1")!), \("a\tb"))")
        #expect(inserted == 2)
        try db.execute("INSERT INTO payments VALUES (\(3), \("y"), \(Amount("0.2")!), \("; DROP TABLE payments; --"))")
        let rows = try db.query("SELECT id, payee, amount, note FROM payments ORDER BY id")
        #expect(rows.map { $0.values } == [
            ["1", "福田区'财政\"局", "12345678901234567890.1234567891", nil],
            ["2", "x", "0.1000000000", "a\tb"],
            ["3", "y", "0.2000000000", "; DROP TABLE payments; --"],
        ])
        #expect(rows[0]["payee"] == "福田区'财政\"局" && rows[0].int("id") == 1 && rows[0]["nope"] == nil)
        // 0.1 + 0.2 is 0.3 exactly; the big one keeps its 30 digits.
        let sum = try #require(try db.queryFirst("SELECT sum(amount) AS s FROM payments WHERE id > \(1)"))
        #expect(sum.amount("s") == Amount("0.3") && sum["s"] == "0.3000000000")
        #expect(try db.queryFirst("SELECT amount FROM payments WHERE id = \(1)")?.amount("amount") == big)
        #expect(try db.execute("UPDATE payments SET note = \("n") WHERE amount < \(Amount("1")!)") == 2)
        #expect(try db.query("SELECT 1 WHERE false").isEmpty)
    }

    @Test("a statement joins fragments; names are quoted; several statements at once without arguments")
    func statements() throws {
        let db = try PostgresConnection(url: TestPostgres.freshDatabase("sql"))
        let schema = "unit \"甲\""
        try db.execute("CREATE SCHEMA \(identifier: schema); CREATE TABLE \(identifier: schema).t (k text, v integer);")
        let filter: PostgresSQL = " WHERE v > \(1)"
        let insert: PostgresSQL = "INSERT INTO \(identifier: schema).t VALUES (\("a"), \(1)), (\("b"), \(2)), (\("c"), \(3))"
        #expect(try db.execute(insert) == 3)
        let select: PostgresSQL = "SELECT k FROM \(identifier: schema).t" + filter + " AND k <> \("c")"
        #expect(select.build().sql == "SELECT k FROM \"unit \"\"甲\"\"\".t WHERE v > $1 AND k <> $2")
        #expect(select.build().arguments == ["1", "c"])
        #expect(try db.query(select).map { $0["k"] } == ["b"])
        #expect(try db.query(PostgresSQL(sql: "SELECT $1::int + $2::int AS n", arguments: ["40", "2"]))[0]["n"] == "42")
    }

    @Test("a statement the server refuses is an error with its message and SQLSTATE; the connection goes on")
    func statementError() throws {
        let db = try PostgresConnection(url: TestPostgres.freshDatabase("err"))
        do {
            try db.execute("SELECT * FROM missing_table WHERE a = \(1)")
            Issue.record("no error")
        } catch {
            #expect(error.code == "store.postgres-statement")
            #expect(error.what.contains("relation \"missing_table\" does not exist"), "\(error)")
            #expect(error.what.contains("\"SELECT * FROM missing_table WHERE a = $1\""), "\(error)")
            #expect(PostgresConnection.sqlState(of: error) == "42P01")
        }
        #expect(try db.queryFirst("SELECT 2 AS two")?["two"] == "2")
    }

    @Test("a transaction commits when its body returns and rolls back when it throws")
    func transactions() throws {
        let db = try PostgresConnection(url: TestPostgres.freshDatabase("tx"))
        try db.execute("CREATE TABLE t (v integer)")
        let n = try db.transaction { () throws -> Int in
            try db.execute("INSERT INTO t VALUES (\(1))")
        }
        #expect(n == 1)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (\(2))")
                throw Stop()
            }
        }
        // Another connection sees only the committed row.
        let other = try PostgresConnection(url: db.url)
        #expect(try other.query("SELECT v FROM t").map { $0["v"] } == ["1"])
        // An error inside (a refused statement) rolls back too, and the connection is usable.
        #expect(throws: TieoutError.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (\(3))")
                try db.execute("INSERT INTO t VALUES (\("not a number"))")
            }
        }
        #expect(try db.query("SELECT v FROM t ORDER BY v").map { $0["v"] } == ["1"])
    }

    @Test("COPY FROM STDIN: 20,000 rows with tabs, newlines, backslashes, NULLs and Chinese, stored as given; the sum exact")
    func copy() throws {
        let db = try PostgresConnection(url: TestPostgres.freshDatabase("copy"))
        try db.execute("CREATE TABLE p (i integer, payee text, amount numeric)")
        let payees = ["福田区财政局", "tab\there", "line\nbreak\r\n", "back\\slash \\N", "", "\\"]
        let stored = try db.copy("COPY p (i, payee, amount) FROM STDIN") { rows in
            for i in 0..<20_000 {
                rows.field(String(i))
                rows.field(i % 7 == 6 ? nil : payees[i % 7])
                rows.field(i % 2 == 0 ? "0.01" : "1234567890123.45")
                try rows.endRow()
            }
        }
        #expect(stored == 20_000)
        let totals = try #require(try db.queryFirst("SELECT count(*) AS n, sum(amount) AS s, count(payee) AS named FROM p"))
        #expect(totals["n"] == "20000" && totals["s"] == "12345678901234600.00" && totals["named"] == String(20_000 - 20_000 / 7))
        for (i, payee) in payees.enumerated() {
            #expect(try db.queryFirst("SELECT payee FROM p WHERE i = \(i)")?.values == [payee])
        }
        #expect(try db.queryFirst("SELECT payee FROM p WHERE i = \(6)")?.values == [nil])
        // The array form.
        #expect(try db.copy("COPY p (i, payee, amount) FROM STDIN", rows: [["-1", "a", "1.5"], ["-2", nil, nil]]) == 2)
    }

    @Test("a COPY the server refuses names the bad row and stores nothing; a COPY abandoned by its writer stores nothing; the connection goes on")
    func copyErrors() throws {
        let db = try PostgresConnection(url: TestPostgres.freshDatabase("copyerr"))
        try db.execute("CREATE TABLE p (i integer, amount numeric)")
        do {
            try db.copy("COPY p (i, amount) FROM STDIN", rows: [["1", "1.00"], ["2", "12,34"], ["3", "3"]])
            Issue.record("no error")
        } catch let error as TieoutError {
            #expect(error.code == "store.postgres-statement")
            #expect(error.what.contains("invalid input syntax for type numeric: \"12,34\"") && error.what.contains("line 2"), "\(error)")
            #expect(PostgresConnection.sqlState(of: error) == "22P02")
        }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.copy("COPY p (i, amount) FROM STDIN") { rows in
                try rows.append(["1", "1"])
                throw Stop()
            }
        }
        #expect(try db.queryFirst("SELECT count(*) AS n FROM p")?["n"] == "0")
        #expect(try db.copy("COPY p (i, amount) FROM STDIN", rows: [["1", "1"]]) == 1)
        // Not a COPY.
        #expect(throws: TieoutError.self) { try db.copy("SELECT 1", rows: [[String?]]()) }
        #expect(try db.queryFirst("SELECT count(*) AS n FROM p")?["n"] == "1")
    }

    @Test("a server that cannot be reached is an error naming host:port, never the password")
    func unreachable() throws {
        let port = TestPostgres.closedPort()
        for text in ["postgresql://auditor:Secret-Pw1@127.0.0.1:\(port)/fleet",
                     "postgresql://auditor@127.0.0.1:\(port)/fleet?password=Secret-Pw1&sslmode=disable"] {
            do {
                _ = try PostgresConnection(text)
                Issue.record("connected to a closed port")
            } catch {
                #expect(error.code == "store.postgres-connect")
                #expect(error.what.hasPrefix("cannot connect to PostgreSQL at 127.0.0.1:\(port) (postgresql://auditor"), "\(error)")
                #expect(error.what.contains("Connection refused"), "\(error)")
                #expect(error.help.contains("pg_isready -h 127.0.0.1 -p \(port)"))
                #expect(!error.description.contains("Secret-Pw1"), "\(error)")
            }
        }
        // A host name that does not resolve.
        do {
            _ = try PostgresConnection("postgresql://u:Secret-Pw1@no-such-host.invalid:5432/db")
            Issue.record("connected to no-such-host")
        } catch {
            #expect(error.what.hasPrefix("cannot connect to PostgreSQL at no-such-host.invalid:5432 (postgresql://u:***@no-such-host.invalid:5432/db): "), "\(error)")
            #expect(!error.description.contains("Secret-Pw1"))
        }
    }

    @Test("a wrong user is an error naming the server")
    func refusedUser() throws {
        let url = try TestPostgres.url()
        let text = "postgresql://no_such_role_x:pw@\(url.host ?? "127.0.0.1"):\(url.port)/postgres"
        do {
            _ = try PostgresConnection(text)
            Issue.record("connected as a role that does not exist")
        } catch {
            #expect(error.what.hasPrefix("cannot connect to PostgreSQL at \(url.place) (postgresql://no_such_role_x:***@"), "\(error)")
            #expect(error.what.contains("role \"no_such_role_x\" does not exist"), "\(error)")
        }
    }
}
