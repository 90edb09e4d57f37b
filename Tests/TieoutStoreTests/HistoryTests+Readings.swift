import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutTestSupport
@testable import TieoutStore

/// A file read by several readings (issue 21, item 1) keeps the dataset a function of the files.
extension HistoryTests {
    @Test("a file read by two readings edited, renamed and put back: each ingest equals a fresh run on a copy")
    func historyOfTwoReadings() throws {
        for sources in [ReadingsTests.twoSources, ReadingsTests.sheetMap] {
            let (ws, store) = try ReadingsTests.workspace(sources)
            _ = try store.ingest(ws)
            #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
            let path = ws.root + "/ledgers/budget/指标.xlsx"
            // Edited: the adjustment changes, the initial lines stay.
            try madeGridWorkbook(ReadingsTests.budgetBook(adjustment: "95000"), at: path)
            let edited = try store.ingest(ws)
            // The first reading in the order is changed; the other, after it, is read again.
            #expect(edited.files.map(\.status) == [.changed, .reread])
            #expect(try ReadingsTests.records(store, ws).contains { $0.hasPrefix("adjustment 财预〔2024〕31号 信息化项目 95000") })
            #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
            // Renamed: both readings follow it, their records kept.
            try FileManager.default.moveItem(atPath: path, toPath: ws.root + "/ledgers/budget/指标-2024.xlsx")
            let renamed = try store.ingest(ws)
            #expect(renamed.files.map(\.status) == [.renamed, .renamed])
            #expect(renamed.files.allSatisfy { $0.replaces == "ledgers/budget/指标.xlsx" })
            #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
            // Put back to the original bytes.
            try madeGridWorkbook(ReadingsTests.budgetBook(), at: ws.root + "/ledgers/budget/指标-2024.xlsx")
            _ = try store.ingest(ws)
            #expect(try ReadingsTests.records(store, ws).contains { $0.hasPrefix("adjustment 财预〔2024〕31号 信息化项目 80000 ledgers/budget/指标-2024.xlsx[预算调整]!F2") })
            #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
            // Removed: every reading leaves.
            try FileManager.default.removeItem(atPath: ws.root + "/ledgers/budget/指标-2024.xlsx")
            let removed = try store.ingest(ws)
            #expect(removed.removed.count == 2)
            #expect(try ReadingsTests.records(store, ws).isEmpty)
        }
    }
}
