import Foundation
import Testing
import TieoutCore
@testable @_spi(Fuzzing) import TieoutXLSX

func xlsxFixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
}

/// Reads every cell of the first sheet as text; the error, if any.
func readAllCells(_ path: String, limits: XLSXLimits = XLSXLimits()) -> (rows: [[String]], error: TieoutError?) {
    var rows: [[String]] = []
    do {
        let book = try XLSXWorkbook(path: path, limits: limits)
        try book.readRows(of: 0) { row in
            rows.append(row.cells.map { $0.text(date1904: book.date1904) })
        }
        return (rows, nil)
    } catch {
        return (rows, error)
    }
}

/// Hostile workbooks (scripts/make-xlsx-fixtures): each ends in a clear error
/// or a correct reading, without a crash and with bounded memory.
@Suite("XLSX security")
struct SecurityTests {
    @Test("a minimal workbook reads")
    func minimal() {
        let r = readAllCells(xlsxFixture("minimal.xlsx"))
        #expect(r.error == nil)
        #expect(r.rows == [["金额", "基本支出"], ["1234.56", "TRUE"]])
    }

    @Test("billion laughs: the DTD stops the parse before any entity is expanded")
    func billionLaughs() {
        let r = readAllCells(xlsxFixture("billion-laughs.xlsx"))
        #expect(r.error?.code == "xlsx.dtd")
        #expect(r.error?.what == "part xl/worksheets/sheet1.xml of \(xlsxFixture("billion-laughs.xlsx")) declares a DTD, which Office Open XML forbids")
        #expect(r.rows.isEmpty)
    }

    @Test("an external entity is never loaded")
    func externalEntity() {
        let r = readAllCells(xlsxFixture("external-entity.xlsx"))
        #expect(r.error?.code == "xlsx.dtd")
        let host = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "\u{0}"
        #expect(!(r.rows.joined().contains { $0.contains(host) }))
    }

    @Test("a zip bomb stops at the inflate ratio, counted on bytes actually inflated")
    func zipBomb() {
        let r = readAllCells(xlsxFixture("zip-bomb.xlsx"))
        #expect(r.error?.code == "xlsx.zip-bomb")
        var tight = XLSXLimits()
        tight.maxPartBytes = 1 << 20
        let small = readAllCells(xlsxFixture("zip-bomb.xlsx"), limits: tight)
        #expect(small.error?.code == "xlsx.limit")
    }

    @Test("a shared-string count of 10^13 allocates nothing up front")
    func hugeCount() {
        let r = readAllCells(xlsxFixture("sst-count-huge.xlsx"))
        #expect(r.error == nil)
        #expect(r.rows == [["金额", "基本支出"], ["1234.56", "TRUE"]])
    }

    @Test("<dimension> is a hint only; a cell in column XFD reads")
    func dimensions() {
        #expect(readAllCells(xlsxFixture("dimension-huge.xlsx")).rows == [["1"]])
        let book = try? XLSXWorkbook(path: xlsxFixture("column-xfd.xlsx"))
        var columns: [Int] = []
        _ = try? book?.readRows(of: 0) { row in columns = row.cells.map(\.column) }
        #expect(columns == [1, 16384])
    }

    @Test("refusals name what is wrong", arguments: [
        ("truncated.xlsx", "xlsx.truncated"),
        ("crc-damaged.xlsx", "xlsx.crc"),
        ("not-a-zip.xlsx", "xlsx.not-zip"),
        ("legacy.xls", "xlsx.legacy-xls"),
    ])
    func refusals(_ name: String, _ code: String) {
        #expect(readAllCells(xlsxFixture(name)).error?.code.rawValue == code)
    }

    @Test("limits on cells and shared strings")
    func cellLimits() {
        var limits = XLSXLimits()
        limits.maxCells = 3
        #expect(readAllCells(xlsxFixture("minimal.xlsx"), limits: limits).error?.code == "xlsx.limit")
        limits = XLSXLimits()
        limits.maxSharedStrings = 1
        #expect(readAllCells(xlsxFixture("minimal.xlsx"), limits: limits).error?.code == "xlsx.limit")
    }
}

@Suite("A workbook written by LibreOffice")
struct LibreOfficeTests {
    /// scripts/make-libreoffice-fixture: Chinese text, date cells, negative and
    /// percentage amounts, merged header cells, saved by LibreOffice Calc.
    @Test("values, dates, percentages and merged ranges")
    func budget() throws {
        let path = xlsxFixture("libreoffice-budget.xlsx")
        let r = readAllCells(path)
        #expect(r.error == nil)
        // LibreOffice writes the covered cells of a merge as empty cells.
        #expect(r.rows == [["项目", "日期", "预算数", "", "执行率"], ["", "", "基本支出", "项目支出", ""],
                           ["政务信息化系统运维", "2024-03-05", "10367900.12", "-1200.5", "0.9946"],
                           ["12345热线", "2024-12-31", "0.1", "2422.3", "1.0845"]])
        let book = try XLSXWorkbook(path: path)
        #expect(book.sheets.map(\.name) == ["预算执行"])
        #expect(try book.mergedRanges(of: 0).map(\.description) == ["A1:A2", "B1:B2", "C1:D1", "E1:E2"])
        var kinds: [XLSXCellKind] = []
        try book.readRows(of: 0) { row in if row.number == 3 { kinds = row.cells.map(\.kind) } }
        #expect(kinds == [.text, .date, .number, .number, .number])
    }

    @Test("cell ranges")
    func ranges() {
        #expect(CellRange("A1:H200")?.description == "A1:H200")
        #expect(CellRange("$B$7")?.description == "B7:B7")
        #expect(CellRange("D10:B2")?.description == "B2:D10")
        #expect(CellRange("XFE1") == nil)
        #expect(CellRange("A0") == nil)
        #expect(CellRange("A1:H200")?.contains(row: 200, column: 8) == true)
        #expect(CellRange("A1:H200")?.contains(row: 201, column: 8) == false)
    }
}

@Suite("XLSX fuzz findings")
struct XLSXFuzzFindingTests {
    /// Every input scripts/fuzz-xlsx found ends in rows or an error, never a crash.
    /// nested-row-in-cell.xlsx: a <row> inside a <c> left a stale value offset.
    @Test("fuzz findings read without a crash")
    func findings() throws {
        let dir = (xlsxFixture("fuzz/nested-row-in-cell.xlsx") as NSString).deletingLastPathComponent
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let r = readAllCells(dir + "/" + name)
            #expect(r.error == nil || !(r.error!.code.rawValue.isEmpty), "\(name)")
        }
    }

    @Test("a row nested in a cell")
    func nestedRow() {
        let xml = Array(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>12345</v><row r="2"><c r="B2"><v>7</v></c></row></c></row></sheetData></worksheet>"#.utf8)
        let r = xml.withUnsafeBufferPointer { XLSXFuzzing.readSheetXML($0) }
        #expect((try? r.get()) == 1)
    }

    /// scripts/fuzz-xlsx's sheet-XML target: huge-duration.xml has a duration-styled
    /// number far beyond any clock (its milliseconds overflowed Int). Now its raw text is shown.
    @Test("sheet-XML fuzz findings read without a crash")
    func sheetFindings() throws {
        let dir = (xlsxFixture("fuzz-sheet/huge-duration.xml") as NSString).deletingLastPathComponent
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            let r = bytes.withUnsafeBufferPointer { XLSXFuzzing.readSheetXML($0) }
            if case .failure(let e) = r { #expect(!e.code.rawValue.isEmpty, "\(name)") }
        }
        #expect(XLSXValue.durationText(serial: XLSXValue.number("1E+30")!) == nil)
        #expect(XLSXValue.isoText(serial: XLSXValue.number("2958466")!, date1904: false) == nil)
        #expect(XLSXValue.isoText(serial: XLSXValue.number("2958465")!, date1904: false) == "9999-12-31")
    }
}

/// Cell types are matched exactly. Before: any one-letter type not in n/s/b/e/d was read as
/// a number, any three-letter one as str, anything longer as an inline string.
@Suite("XLSX cell types")
struct XLSXCellTypeTests {
    static func read(_ cell: String) -> Result<Int, TieoutError> {
        let xml = Array(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">"#.utf8)
            + Array(cell.utf8) + Array("</row></sheetData></worksheet>".utf8)
        return xml.withUnsafeBufferPointer { XLSXFuzzing.readSheetXML($0) }
    }

    @Test("an unknown cell type is an error at the cell, not a number", arguments: ["x", "number", "foo"])
    func unknown(_ t: String) {
        guard case .failure(let e) = Self.read(#"<c r="B1" t="\#(t)"><v>12</v></c>"#) else {
            Issue.record("t=\"\(t)\" was read")
            return
        }
        #expect(e.code == "xlsx.cell-type")
        #expect(e.message.hasPrefix("cell B1 of sheet Sheet1 has the type '\(t)', which is not a spreadsheet cell type (n, s, b, e, d, str, inlineStr)"))
    }

    @Test("the known types still read", arguments: [#"<c r="A1"><v>1</v></c>"#, #"<c r="A1" t="n"><v>1</v></c>"#, #"<c r="A1" t="str"><v>a</v></c>"#,
                                                   #"<c r="A1" t="inlineStr"><is><t>a</t></is></c>"#, #"<c r="A1" t="b"><v>1</v></c>"#, #"<c r="A1" t="s"><v>0</v></c>"#])
    func known(_ cell: String) {
        #expect((try? Self.read(cell).get()) == 1)
    }
}
