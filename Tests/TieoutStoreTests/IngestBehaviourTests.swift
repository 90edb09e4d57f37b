import Foundation
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// Batch ingest: unchanged files skipped, changed and re-issued files replace
/// what they supersede, overlapping exports counted once, vanished files removed.
@Suite("Batch ingest")
struct IngestBehaviourTests {
    static let header = "单位：元\n凭证号,支付日期,经济分类,支出类型,金额\n"

    /// A workspace reading ledgers/*.csv as treasury payments.
    static func workspace(_ files: [String: String]) throws -> (Workspace, DatasetStore) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/ledgers", withIntermediateDirectories: true)
        try """
            unit: 测试单位
            fiscal_year: 2024
            sources:
              - files: ledgers/*.csv
                profile: treasury-payments
            """.write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        for (name, text) in files { try write(dir, name, text) }
        let ws = try Workspace.open(dir)
        return (ws, try DatasetStore(path: ws.databasePath))
    }

    static func write(_ dir: String, _ name: String, _ text: String) throws {
        try (header + text).write(toFile: dir + "/ledgers/" + name, atomically: true, encoding: .utf8)
    }

    static func total(_ store: DatasetStore) throws -> String {
        try store.records(of: .treasuryPayment).reduce(Amount.zero) { $0 + $1["amount"]!.amount! }.description
    }

    @Test("a second ingest skips unchanged files; a changed file replaces its rows and says what changed")
    func unchangedAndChanged() throws {
        let (ws, store) = try Self.workspace(["2024-03.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本支出,200.00\n"])
        let first = try store.ingest(ws)
        #expect(first.files.map(\.status) == [.new])
        let again = try store.ingest(ws)
        #expect(again.files.map(\.status) == [.unchanged] && again.totals.read == 0)
        #expect(try Self.total(store) == "300.00")
        try Self.write(ws.root, "2024-03.csv", "记-1,2024-03-01,30201 办公费,基本支出,150.00\n记-3,2024-03-03,30201 办公费,基本支出,5.00\n")
        let changed = try store.ingest(ws)
        #expect(changed.files[0].status == .changed && changed.files[0].replaces == "ledgers/2024-03.csv")
        #expect(changed.files[0].change == IngestReport.Change(added: 1, removed: 1, changed: 1,
                                                               detail: ["~ 记-1 amount: 100.00 → 150.00", "+ 记-3 5.00", "- 记-2 200.00"]))
        #expect(try Self.total(store) == "155.00")
        #expect(try store.files(all: true).map(\.status) == ["replaced", "active"])
    }

    @Test("a re-issued export for the same period replaces the first; sorted after it by name")
    func reissue() throws {
        let (ws, store) = try Self.workspace([
            "2024-06.csv": "记-1,2024-06-03,30201 办公费,基本支出,100.00\n",
            "2024-06-r2.csv": "记-1,2024-06-03,30201 办公费,基本支出,110.00\n记-2,2024-06-20,30201 办公费,基本支出,7.00\n",
            "2024-05.csv": "记-9,2024-05-03,30201 办公费,基本支出,1.00\n",
        ])
        let report = try store.ingest(ws)
        #expect(report.files.map { "\($0.path) \($0.status) \($0.period ?? "-")" } == [
            "ledgers/2024-05.csv new 2024-05", "ledgers/2024-06.csv new 2024-06", "ledgers/2024-06-r2.csv reissue 2024-06",
        ])
        #expect(report.files[2].change?.detail == ["~ 记-1 amount: 100.00 → 110.00", "+ 记-2 7.00"])
        #expect(try Self.total(store) == "118.00")
        // Ingesting again changes nothing: the replaced original stays replaced.
        let again = try store.ingest(ws)
        #expect(again.files.allSatisfy { $0.status == .unchanged })
        #expect(try Self.total(store) == "118.00")
    }

    @Test("the same voucher in two overlapping exports is counted once; with other values it is rejected, never guessed")
    func overlapping() throws {
        let (ws, store) = try Self.workspace([
            "2024-03.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-30,30201 办公费,基本支出,200.00\n",
            "2024-q1.csv": "记-0,2024-02-01,30201 办公费,基本支出,1.00\n记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-30,30201 办公费,基本支出,250.00\n",
        ])
        let report = try store.ingest(ws)
        let q1 = report.files[1]
        #expect(q1.path == "ledgers/2024-q1.csv" && q1.period == "2024-02..2024-03")
        #expect(q1.duplicates == 1 && q1.conflicts == 1)
        var a = RowAccounting(); a.read = 3; a.accepted = 1; a.rejected = 1; a.skipped = 1
        #expect(q1.accounting == a && a.addsUp)
        #expect(try Self.total(store) == "301.00")   // 100 + 200 from March, 1 from the quarter
        let rejects = try store.rejects()
        #expect(rejects.map(\.reason) == ["voucher 记-2 is already in ledgers/2024-03.csv row 4 with other values (amount 250.00 here, 200.00 there): which one is right is for a person to decide"])
        #expect(rejects.first?.file == "ledgers/2024-q1.csv" && rejects.first?.row == 5)
    }

    @Test("a file gone from the workspace leaves the dataset; rejects are kept with their place; accounting adds up")
    func removedAndRejects() throws {
        let (ws, store) = try Self.workspace([
            "a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本,1.00\n",
            "b.csv": "记-3,2024-04-01,30201 办公费,基本支出,5.00\n",
        ])
        let first = try store.ingest(ws)
        #expect(first.files.allSatisfy { $0.accounting.addsUp })
        #expect(first.totals.read == 3 && first.totals.accepted == 2 && first.totals.rejected == 1)
        let r = try store.rejects()
        #expect(r.count == 1 && r[0].file == "ledgers/a.csv" && r[0].row == 4 && r[0].cell == "D4" && r[0].columnName == "支出类型")
        #expect(r[0].cells == "[\"记-2\",\"2024-03-02\",\"30201 办公费\",\"基本\",\"1.00\"]")
        try FileManager.default.removeItem(atPath: ws.root + "/ledgers/a.csv")
        let second = try store.ingest(ws)
        #expect(second.files.map { "\($0.path) \($0.status)" } == ["ledgers/b.csv unchanged", "ledgers/a.csv removed"])
        #expect(try Self.total(store) == "5.00")
        #expect(try store.rejects().isEmpty)
    }

    @Test("a file that cannot be read is reported and the run goes on")
    func failedFile() throws {
        let (ws, store) = try Self.workspace([
            "good.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n",
        ])
        try "凭证号,金额\n记-1,1.00\n".write(toFile: ws.root + "/ledgers/bad.csv", atomically: true, encoding: .utf8)
        let report = try store.ingest(ws)
        #expect(report.files.map(\.status) == [.failed, .new])
        #expect(report.files[0].error?.hasPrefix("Error: \(ws.root)/ledgers/bad.csv has no column '凭证号' or '支付凭证号' or 'voucher'") == false)
        #expect(report.files[0].error?.contains("has no column '支付日期' or '日期' or 'date' for date (支付日期)") == true)
        #expect(try Self.total(store) == "100.00")
    }
}
