import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutTestSupport
@testable import TieoutStore

/// A ledger renamed or moved is the same ledger: its records stay, its lineage follows it.
/// (Before: the new name's rows were skipped as already in the dataset, then the old
/// name was removed with its records, and the dataset ended without the ledger.)
@Suite("Renamed and moved ledgers")
struct RenameTests {
    typealias W = IngestBehaviourTests

    @Test("a renamed file keeps its records; lineage names the new path; nothing is read again")
    func renamed() throws {
        let (ws, store) = try W.workspace([
            "a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本支出,200.00\n",
            "b.csv": "记-3,2024-04-01,30201 办公费,基本支出,5.00\n",
        ])
        _ = try store.ingest(ws)
        try FileManager.default.moveItem(atPath: ws.root + "/ledgers/a.csv", toPath: ws.root + "/ledgers/a-renamed.csv")
        let second = try store.ingest(ws)
        #expect(second.files.map { "\($0.path) \($0.status) \($0.replaces ?? "-")" }
                == ["ledgers/a-renamed.csv renamed ledgers/a.csv", "ledgers/b.csv unchanged -"])
        #expect(second.totals.read == 0)
        #expect(try W.total(store) == "305.00")
        let records = try store.records(of: .treasuryPayment)
        #expect(records.map(\.lineage.file) == ["ledgers/a-renamed.csv", "ledgers/a-renamed.csv", "ledgers/b.csv"])
        #expect(try store.files().map(\.path) == ["ledgers/a-renamed.csv", "ledgers/b.csv"])
        // The rename is remembered; a third ingest changes nothing.
        #expect(try store.renames().map { "\($0.from) → \($0.to)" } == ["ledgers/a.csv → ledgers/a-renamed.csv"])
        let third = try store.ingest(ws)
        #expect(third.files.allSatisfy { $0.status == .unchanged })
        #expect(try W.total(store) == "305.00")
    }

    @Test("a file moved into another folder the same source matches keeps its records")
    func moved() throws {
        let (ws, store) = try W.workspace(["2024-03.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n"])
        try """
            unit: 测试单位
            fiscal_year: 2024
            sources:
              - files: ledgers/**/*.csv
                profile: treasury-payments
            """.write(toFile: ws.root + "/tieout.yaml", atomically: true, encoding: .utf8)
        let ws2 = try Workspace.open(ws.root)
        _ = try store.ingest(ws2)
        try FileManager.default.createDirectory(atPath: ws.root + "/ledgers/2024", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: ws.root + "/ledgers/2024-03.csv", toPath: ws.root + "/ledgers/2024/2024-03.csv")
        let second = try store.ingest(ws2)
        #expect(second.files.map { "\($0.path) \($0.status)" } == ["ledgers/2024/2024-03.csv renamed"])
        #expect(try W.total(store) == "100.00")
    }

    @Test("renamed and edited: the new file's rows are read, never skipped as duplicates of the file that is gone")
    func renamedAndEdited() throws {
        let (ws, store) = try W.workspace([
            "a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本支出,200.00\n",
        ])
        _ = try store.ingest(ws)
        try FileManager.default.removeItem(atPath: ws.root + "/ledgers/a.csv")
        try W.write(ws.root, "a-v2.csv", "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本支出,250.00\n")
        let second = try store.ingest(ws)
        let statuses = second.files.map { "\($0.path) \($0.status)" }
        #expect(statuses == ["ledgers/a-v2.csv new", "ledgers/a.csv removed"])
        #expect(second.files[0].accounting.accepted == 2 && second.files[0].duplicates == 0)
        #expect(try W.total(store) == "350.00")
    }

    @Test("a dated copy beside the original is a re-issue of it (same period) that changes nothing; removing the original keeps the records")
    func copiedDated() throws {
        let (ws, store) = try W.workspace(["a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n"])
        _ = try store.ingest(ws)
        try FileManager.default.copyItem(atPath: ws.root + "/ledgers/a.csv", toPath: ws.root + "/ledgers/a-copy.csv")
        let second = try store.ingest(ws)
        #expect(second.files.map { "\($0.path) \($0.status)" } == ["ledgers/a.csv unchanged", "ledgers/a-copy.csv reissue"])
        #expect(second.files[1].change == IngestReport.Change(added: 0, removed: 0, changed: 0, detail: []))
        try FileManager.default.removeItem(atPath: ws.root + "/ledgers/a.csv")
        _ = try store.ingest(ws)
        #expect(try W.total(store) == "100.00")
    }

    @Test("an undated copy beside the original is counted once; removing the original reads the copy again, so its records stay")
    func copiedUndated() throws {
        let dir = try copyOfWorkspace("samples/futian-2024")
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        let folder = dir + "/ledgers/procurement/"
        try FileManager.default.copyItem(atPath: folder + "政府采购执行-2024.xlsx", toPath: folder + "政府采购执行-2024-copy.xlsx")
        let second = try store.ingest(ws)
        let copy = try #require(second.files.first { $0.path.hasSuffix("-copy.xlsx") })
        #expect(copy.status == .new && copy.duplicates == 11 && copy.accounting.accepted == 0)
        #expect(try store.records(of: .procurement).count == 11)
        try FileManager.default.removeItem(atPath: folder + "政府采购执行-2024.xlsx")
        let third = try store.ingest(ws)
        #expect(third.files.filter { $0.status != .unchanged }.map { "\($0.path) \($0.status) \($0.accounting.accepted)" } == [
            "ledgers/procurement/政府采购执行-2024-copy.xlsx reread 11", "ledgers/procurement/政府采购执行-2024.xlsx removed 0",
        ])
        let records = try store.records(of: .procurement)
        #expect(records.count == 11 && Set(records.map(\.lineage.file)) == ["ledgers/procurement/政府采购执行-2024-copy.xlsx"])
    }

    @Test("the sample's procurement workbook renamed: its 11 records stay (they were all lost)")
    func sampleWorkbookRenamed() throws {
        let dir = try copyOfWorkspace("samples/futian-2024")
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        #expect(try store.records(of: .procurement).count == 11)
        try FileManager.default.moveItem(atPath: dir + "/ledgers/procurement/政府采购执行-2024.xlsx",
                                         toPath: dir + "/ledgers/procurement/政府采购执行-2024-renamed.xlsx")
        let second = try store.ingest(ws)
        #expect(second.files.filter { $0.status != .unchanged }.map { "\($0.path) \($0.status)" }
                == ["ledgers/procurement/政府采购执行-2024-renamed.xlsx renamed"])
        let records = try store.records(of: .procurement)
        #expect(records.count == 11)
        #expect(Set(records.map(\.lineage.file)) == ["ledgers/procurement/政府采购执行-2024-renamed.xlsx"])
    }
}
