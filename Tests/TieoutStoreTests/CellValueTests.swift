import Foundation
import GRDB
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// The value a source cell holds, as reports show it beside the cell (`= 5.00 元`).
@Suite("Source cell values")
struct CellValueTests {
    @Test("a source cell whose stored amount does not read back (changed outside Tieout): an error naming the cell, the text and the fix, never a cell shown without its value")
    func damagedAmount() throws {
        let (ws, store) = try IngestBehaviourTests.workspace(["a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本支出,5.00\n"])
        _ = try store.ingest(ws)
        let record = try #require(try store.records(of: .treasuryPayment).first { $0.text("voucher") == "记-2" })
        let place = record.lineage.place(of: "amount")
        #expect(place == "ledgers/a.csv!E4")
        #expect(try store.cellValues([place], kinds: ws.kinds) == [place: CellValue(Amount("5.00")!, money: true)])
        try store.queue.write { db in try db.execute(sql: "UPDATE treasury_payments SET amount = 'lots' WHERE voucher = '记-2'") }
        do {
            let values = try store.cellValues([place, "ledgers/a.csv!E3"], kinds: ws.kinds)
            Issue.record("a damaged amount was read as \(values)")
        } catch {
            #expect(error.code == "store.damaged")
            #expect(error.what == "the dataset holds \"lots\" as amount of ledgers/a.csv!E4 (table treasury_payments), which does not read as its type, amount")
            #expect(error.location == SourceLocation(file: "ledgers/a.csv", line: 4, column: 5))
            #expect(error.help == "The dataset was changed outside Tieout or is damaged: move it aside and run `tieout ingest` to rebuild it from the ledgers.")
        }
    }
}
