import Foundation
import Testing

/// CSVs meant for a spreadsheet never carry a live formula. Before: ledger text such as
/// `=HYPERLINK(…)`, `+cmd|' /C calc'!A0` or `@SUM(A1:A9)`, and a file named `=HYPERLINK(…).csv`,
/// were written raw into out/rejects.csv and out/dataset/*.csv.
@Suite("Formula injection")
struct FormulaInjectionTests {
    @Test("rejects.csv and the dataset CSV neutralise text that a spreadsheet would run; typed amounts stay numbers")
    func neutralised() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-inject-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: \"*.csv\"\n    profile: treasury-payments\n"
            .write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try """
            单位：元
            凭证号,支付日期,经济分类,支出类型,金额,摘要
            "=HYPERLINK(""http://x"")",2024-03-01,30201 办公费,基本支出,-5.00,+cmd|' /C calc'!A0
            记-2,2024-03-02,30201 办公费,@SUM(A1:A9),1.00,正常

            """.write(toFile: dir + "/=HYPERLINK(1).csv", atomically: true, encoding: .utf8)
        let ingest = try CLI.run(["ingest", dir])
        #expect(ingest.status == 1)   // one row rejected
        let rejects = String(decoding: FileManager.default.contents(atPath: dir + "/out/rejects.csv")!, as: UTF8.self)
        #expect(rejects == """
            \u{FEFF}文件,工作表,行号,文本行号,列,单元格,列名,拒收原因,原行内容\r
            '=HYPERLINK(1).csv,,4,4,D,D4,支出类型,"spend_type（支出类型）：“@SUM(A1:A9)”不是 basic, project, 基本支出, 项目支出 之一（配置所映射的词）","[""记-2"",""2024-03-02"",""30201 办公费"",""@SUM(A1:A9)"",""1.00"",""正常""]"\r

            """)
        #expect(try CLI.run(["export", "--lang", "en", dir]).status == 0)
        let csv = try String(contentsOfFile: dir + "/out/dataset/treasury_payments.csv", encoding: .utf8)
        let row = csv.components(separatedBy: "\r\n")[1]
        #expect(row.hasPrefix("'=HYPERLINK(1).csv,"))
        #expect(row.contains(",3,3,2024-03-01,B3,\"'=HYPERLINK(\"\"http://x\"\")\",A3,"))
        #expect(row.hasSuffix(",-5.00,E3"))                        // a typed amount stays a number
        #expect(row.contains(",'+cmd|' /C calc'!A0,F3,"))
    }
}
