import Testing
import TieoutCore
@testable import TieoutCSV

@Suite("Header detection")
struct CSVTableTests {
    @Test("title lines above the header are found and kept")
    func titleLines() throws {
        let t = try CSVTable.detect(path: fixture("gb18030.csv"))
        #expect(t.headerRecord == 4)
        #expect(t.columns == ["凭证号", "支付日期", "经济分类科目", "支出类型", "摘要", "金额"])
        #expect(t.titleLines == [["国库集中支付明细表", "", "", "", "", ""], ["单位：元", "", "", "", "", ""]])
        #expect(t.encoding == .gb18030)
        #expect(t.columnIndex("金额") == 5)
        #expect(t.columnIndex("F") == 5)
        #expect(t.columnIndex("#6") == 5)
        #expect(t.columnIndex("nope") == nil)
    }

    @Test("a file that starts with data has no header")
    func noHeader() throws {
        let path = FileManagerShim.temporaryFile(contents: Array("2024-01-01,1.00\n2024-01-02,2.00\n".utf8))
        let t = try CSVTable.detect(path: path)
        #expect(t.headerRecord == nil)
        #expect(t.columns == ["A", "B"])
    }

    @Test("a forced header row is used as given")
    func forced() throws {
        let t = try CSVTable.detect(path: fixture("gb18030.csv"), headerRecord: 2)
        #expect(t.headerRecord == 2)
        #expect(t.columns.first == "单位：元")
        #expect(try CSVTable.detect(path: fixture("utf8.csv"), headerRecord: 0).headerRecord == nil)
        let e = tieoutError { _ = try CSVTable.detect(path: fixture("gb18030.csv"), headerRecord: 3) }
        #expect(e?.code == "csv.header-row")
    }

    @Test("a header with a blank name is still a header")
    func blankName() throws {
        let path = FileManagerShim.temporaryFile(contents: Array("日期,,金额\n2024-01-01,x,1.00\n".utf8))
        let t = try CSVTable.detect(path: path)
        #expect(t.headerRecord == 1)
        #expect(t.columns == ["日期", "", "金额"])
    }
}
