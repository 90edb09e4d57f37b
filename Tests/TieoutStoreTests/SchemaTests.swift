import Foundation
import GRDB
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// The dataset's schema: migrations upgrade a dataset in place, and record ids place each row in its file.
@Suite("Dataset schema")
struct SchemaTests {
    @Test("v2 renumbers a v1 dataset's records into their files' id blocks, in order, and drops the per-row indexes")
    func migrationV2() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-v1-\(UUID().uuidString).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try DatasetStore.migrator.migrate(queue, upTo: "v1: files, records with lineage, rejects, subtotal checks, runs")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO ingest_runs (id, started_at) VALUES (1, '2024-01-01T00:00:00Z')")
            for (id, path) in [(1, "ledgers/a.csv"), (2, "ledgers/b.csv")] {
                try db.execute(sql: """
                    INSERT INTO files (id, path, sha256, profile, kind, unit, rows_read, accepted, rejected, subtotal, skipped, status, run_id)
                    VALUES (?, ?, 'x', 'treasury-payments', 'treasury-payment', '元', 0, 0, 0, 0, 0, 'active', 1)
                    """, arguments: [id, path])
            }
            // v1 ids: one sequence for the table; id 4 deleted (a duplicate counted once).
            for (id, file, row) in [(1, 1, 3), (2, 1, 4), (3, 1, 5), (5, 2, 3), (6, 2, 5)] {
                try db.execute(sql: "INSERT INTO treasury_payments (id, file_id, row, voucher, amount) VALUES (?, ?, ?, ?, '1.00')",
                               arguments: [id, file, row, "记-\(id)"])
            }
        }
        _ = try DatasetStore(path: path)
        let block: Int64 = 1 << 32
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, file_id, row, voucher FROM treasury_payments ORDER BY id")
            #expect(rows.map { [$0["id"] as Int64, $0["file_id"], $0["row"]] } == [
                [block, 1, 3], [block + 1, 1, 4], [block + 2, 1, 5], [2 * block, 2, 3], [2 * block + 1, 2, 5],
            ])
            #expect(rows.map { $0["voucher"] as String } == ["记-1", "记-2", "记-3", "记-5", "记-6"])
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'treasury_payments'")
            #expect(indexes.isEmpty)
        }
    }

    @Test("a file of 70 rows goes in as two statements of 32 rows and 6 single rows: every row once, in order, ids in its block")
    func groupedInserts() throws {
        #expect(RecordBinder.rowsPerStatement == 32)
        let lines = (1...70).map { "记-\($0),2024-03-\(String(format: "%02d", $0 % 28 + 1)),30201 办公费,基本支出,\($0).0\($0 % 10)\n" }
        let (ws, store) = try IngestBehaviourTests.workspace(["2024-03.csv": lines.joined()])
        let report = try store.ingest(ws)
        #expect(report.files[0].accounting.accepted == 70)
        let records = try store.records(of: .treasuryPayment)
        #expect(records.map { $0["voucher"]!.description } == (1...70).map { "记-\($0)" })
        #expect(records.map(\.lineage.row) == Array(3...72))
        #expect(records.last?["amount"]?.description == "70.00")
        let expected = (1...70).reduce(Amount.zero) { $0 + Amount("\($1).0\($1 % 10)")! }
        #expect(sum(records, "amount") == expected)
        try store.queue.read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM treasury_payments ORDER BY id")
            let file = try Int64.fetchOne(db, sql: "SELECT id FROM files")!
            #expect(ids == Array(DatasetStore.ids(of: file).prefix(70)))
        }
    }
}

@Suite("Fingerprint set")
struct FingerprintSetTests {
    @Test("holds 100,000 fingerprints through its growth, finds each again, and takes 0 and 1 as one")
    func insertAndFind() {
        var set = FingerprintSet()
        var state: UInt64 = 7
        var seen: [UInt64] = []
        var added = 0
        for _ in 0..<100_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            seen.append(state)
            if set.insert(state) { added += 1 }
        }
        #expect(added == 100_000 && set.count == 100_000)
        var again = 0
        for s in seen where !set.insert(s) { again += 1 }
        #expect(again == 100_000 && set.count == 100_000)
        // Sequential fingerprints (the worst case for weak placement) still go in.
        var seq = FingerprintSet()
        var seqAdded = 0
        for k in 1...5000 where seq.insert(UInt64(k) << 32) { seqAdded += 1 }
        #expect(seqAdded == 5000)
        let zero = seq.insert(0), one = seq.insert(1)
        #expect(zero && !one)
    }
}

@Suite("Dataset errors")
struct DatasetErrorTests {
    @Test("a damaged dataset file: its own code and help (move it aside, rebuild), not 'a bug or a damaged dataset'")
    func damaged() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-bad-\(UUID().uuidString).sqlite").path
        try String(repeating: "not a database ", count: 100).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try DatasetStore(path: path)
            Issue.record("opened a damaged dataset")
        } catch {
            #expect(error.code == "store.damaged")
            #expect(error.message.hasPrefix("the dataset \(path) failed while opening: file is not a database"))
            #expect(error.help == "The dataset file is damaged or not a dataset: move it aside and run `tieout ingest` to rebuild it from the ledgers.")
        }
    }
}

@Suite("Stored values that do not read back")
struct StoredValueTests {
    @Test("an amount changed outside Tieout: an error naming the file, row and field, never a blank that leaves figures short")
    func damagedAmount() throws {
        let (ws, store) = try IngestBehaviourTests.workspace(["a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本支出,5.00\n"])
        _ = try store.ingest(ws)
        try store.queue.write { db in try db.execute(sql: "UPDATE treasury_payments SET amount = 'lots' WHERE voucher = '记-2'") }
        do {
            _ = try store.records(of: .treasuryPayment)
            Issue.record("a damaged amount was read")
        } catch {
            #expect(error.code == "store.damaged")
            #expect(error.message.hasPrefix("the dataset holds \"lots\" as amount of ledgers/a.csv row 4 (table treasury_payments), which does not read as its type, amount"))
        }
    }

    @Test("a stored ingest report that cannot be read is an error, not a dataset said to be current")
    func damagedReport() throws {
        let (ws, store) = try IngestBehaviourTests.workspace(["a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n"])
        _ = try store.ingest(ws)
        try store.queue.write { db in try db.execute(sql: "UPDATE ingest_runs SET report = '{\"broken\": 1}'") }
        #expect(throws: TieoutError.self) { _ = try store.state(ws) }
    }
}
