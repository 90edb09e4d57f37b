import Foundation
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// Text is never cut at a NUL. Before: a memo starting with two NUL bytes was stored as an
/// empty string (SQLite kept the bytes; reading them back as a C string cut them), and a
/// reject reason that quoted such text stopped at the NUL.
@Suite("NUL bytes in ledger text")
struct NULTests {
    @Test("a NUL in a memo rejects the row with where it is; a NUL in quoted text is escaped in the reason, stored whole")
    func nul() throws {
        let (ws, store) = try IngestBehaviourTests.workspace([:])
        // Past the first 64 KiB, where a NUL is not taken as a sign of UTF-16.
        var text = "单位：元\n凭证号,支付日期,经济分类,支出类型,金额,摘要\n"
        for i in 0..<3000 { text += "记-\(i + 10),2024-03-01,30201 办公费,基本支出,1.00,普通摘要\n" }
        text += "记-1,2024-03-01,30201 办公费,基本支出,100.00,\u{0}\u{0}办公用品\n"
        text += "记-2,2024-03-02,30201 办公费,基\u{0}本,1.00,摘要\n"
        try text.write(toFile: ws.root + "/ledgers/2024-03.csv", atomically: true, encoding: .utf8)
        let report = try store.ingest(ws)
        #expect(report.files[0].accounting.accepted == 3000 && report.files[0].accounting.rejected == 2)
        let rejects = try store.rejects()
        #expect(rejects.map(\.reason) == [
            "summary (摘要) holds a NUL byte (U+0000) at character 1: ledger text never does, so the export is damaged or is not the text it seems; re-export it from the system",
            "spend_type (支出类型): \"基\\u{0}本\" is not one of basic, project, 基本支出, 项目支出 (the words the profile maps)",
        ])
        #expect(rejects.map(\.cell) == ["F3003", "D3004"])
        #expect(rejects[0].cells == "[\"记-1\",\"2024-03-01\",\"30201 办公费\",\"基本支出\",\"100.00\",\"\\u0000\\u0000办公用品\"]")
        // No stored memo is cut: every one reads back whole.
        #expect(try store.records(of: .treasuryPayment).allSatisfy { $0["summary"]?.description == "普通摘要" })
    }
}
