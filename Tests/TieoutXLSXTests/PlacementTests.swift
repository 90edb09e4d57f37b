import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutXLSX

/// Every cell is placed by its reference, as Excel places it (issue 22, item 1). Before: a row
/// written in several `<row r="1">` elements came out as several rows numbered 1 (`cat` wrote
/// each on a line of its own); cells written out of column order came out in that order (`cat`
/// glued `3` and `1` into `31`); a `<row r="0">` was delivered as row 0 (every line shifted).
@Suite("Cell placement")
struct PlacementTests {
    /// The sheet's rows as the reader delivers them, one parser or in pieces of `pieceBytes`.
    static func read(_ rows: String, pieceBytes: Int? = nil) throws -> (rows: [String], error: TieoutError?, duplicates: [String]) {
        let path = try madeWorkbook(sheets: [("Sheet1", rows)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var out: [String] = []
        do {
            let book = try XLSXWorkbook(path: path)
            let report: XLSXWorkbook.SheetReport
            if let pieceBytes, let part = book.sheets[0].part, let entry = book.zip.entry(named: part) {
                try book.loadStylesAndStrings()
                report = try book.readRowsInPieces(entry, sheet: "Sheet1", pieceBytes: pieceBytes) { out.append(SheetPieces.describe($0)) }
            } else {
                report = try book.readRows(of: 0) { out.append(SheetPieces.describe($0)) }
            }
            return (out, nil, report.duplicateCells)
        } catch {
            return (out, error, [])
        }
    }

    static let perCell = #"<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row><row r="1"><c r="B1" t="inlineStr"><is><t>XLME</t></is></c></row>"#
        + #"<row r="1"><c r="C1"><v>7</v></c></row><row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>"#

    @Test("a row written in several elements is one row, with one line per row, in one parser and in pieces", arguments: [nil, 1, 40, 500])
    func repeatedRows(_ pieces: Int?) throws {
        let r = try Self.read(Self.perCell, pieceBytes: pieces)
        #expect(r.error == nil)
        #expect(r.rows == ["1:1/text//ID|2/text//XLME|3/number//7", "2:1/number//1|2/number//2"])
        #expect(r.duplicates.isEmpty)
    }

    @Test("cells out of column order are sorted; a cell written twice keeps the later value, reported", arguments: [nil, 1, 500])
    func cellOrder(_ pieces: Int?) throws {
        let r = try Self.read(#"<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>5</v></c><c r="B2"><v>6</v></c><c r="A2"><v>4</v></c></row>"#
                              + #"<row r="3"><c r="A3"><v>7</v></c></row><row r="3"><c r="A3"><v>8</v></c></row>"#, pieceBytes: pieces)
        #expect(r.error == nil)
        #expect(r.rows == ["1:1/number//1|3/number//3", "2:1/number//4|2/number//6", "3:1/number//8"])
        #expect(r.duplicates == ["B2", "A3"])
    }

    @Test("cells without r follow the previous cell; rows without r follow the previous row")
    func withoutR() throws {
        let r = try Self.read(#"<row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>"#)
        #expect(r.rows == ["1:1/number//1|3/number//3|4/number//4", "2:1/number//5"])
    }

    @Test("a 0-based exporter's <row r=\"0\">: the cells' references place them")
    func rowZero() throws {
        let r = try Self.read(#"<row r="0"><c r="A1"><v>1</v></c></row><row r="1"><c r="A2"><v>2</v></c></row><row r="2"/>"#)
        #expect(r.error == nil)
        #expect(r.rows == ["1:1/number//1", "2:1/number//2"])
    }

    @Test("places in messages and reports are the cells' own: a formula without a value in a 0-based row is B1, not B0")
    func placesInReports() throws {
        let path = try madeWorkbook(sheets: [("Sheet1", #"<row r="0"><c r="A1"><v>1</v></c><c r="B1"><f>A1+1</f></c></row><row r="1"><c r="A2" t="zz"><v>1</v></c></row>"#)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWorkbook(path: path)
        var formulas: [String] = []
        let e = tieoutError { try book.readRows(of: 0) { _ in } }
        #expect(e?.what.hasPrefix("cell A2 of sheet Sheet1 has the type 'zz'") == true)
        let ok = try madeWorkbook(sheets: [("Sheet1", #"<row r="0"><c r="A1"><v>1</v></c><c r="B1"><f>A1+1</f></c></row>"#)])
        defer { try? FileManager.default.removeItem(atPath: ok) }
        formulas = try XLSXWorkbook(path: ok).readRows(of: 0) { _ in }.formulasWithoutValue
        #expect(formulas == ["B1"])
    }

    @Test("a row 0 whose cells do not say their row is refused, naming it")
    func rowZeroUnplaced() throws {
        let r = try Self.read(#"<row r="0"><c><v>1</v></c></row><row r="1"><c><v>2</v></c></row>"#)
        #expect(r.error?.code == "xlsx.row-number")
        #expect(r.error?.what == "sheet Sheet1 has a cell in row 0 (column A), and rows are numbered from 1; the cell does not say which row it belongs to")
        #expect(r.rows.isEmpty)
    }

    @Test("a row after a later one is refused with its place, in one parser and in pieces", arguments: [nil, 1, 500])
    func rowOrder(_ pieces: Int?) throws {
        let r = try Self.read(#"<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="A5"><v>5</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>"#, pieceBytes: pieces)
        #expect(r.error?.code == "xlsx.row-order")
        #expect(r.error?.what == "sheet Sheet1 has row 3 after row 5: its rows are out of order, so their cells cannot be placed while the sheet is read")
        #expect(r.error?.location?.line == 3)
        #expect(r.rows == ["1:1/number//1"])
    }

    @Test("a cell naming another row than its row's other cells is refused")
    func misplacedCell() throws {
        let r = try Self.read(#"<row r="1"><c r="A1"><v>1</v></c><c r="B2"><v>2</v></c></row>"#)
        #expect(r.error?.code == "xlsx.row-order")
        #expect(r.error?.what == "cell B2 of sheet Sheet1 is written inside row 1, among that row's cells, so it cannot be placed while the sheet is read")
    }

    @Test("cell references: column and row")
    func references() {
        func ref(_ s: String) -> [Int]? { Array(s.utf8).withUnsafeBufferPointer { SheetHandler.reference($0).map { [$0.column, $0.row] } } }
        #expect(ref("B7") == [2, 7])
        #expect(ref("$AA$10") == [27, 10])
        #expect(ref("C") == [3, 0])
        #expect(ref("XFD1048576") == [16384, 1_048_576])
        #expect(ref("A1048577") == [1, 0])
        #expect(ref("A1x") == [1, 0])
        #expect(ref("XFE1") == nil)
        #expect(ref("7") == nil)
    }
}

/// Sheet names are XML text: entities and character references decoded (issue 22, item 2).
/// Before: a sheet named `5&4` (stored `5&amp;4`) was listed as `5&#38;4`, and could not be named.
@Suite("Sheet names")
struct SheetNameTests {
    @Test("entities and character references in sheet names are decoded; the names find their sheets")
    func entities() throws {
        let path = try madeWorkbook(sheets: [("5&amp;4", #"<row r="1"><c r="A1"><v>1</v></c></row>"#), ("a&#38;b&amp;amp;", ""), ("&lt;x&gt; &quot;q&quot; &apos;", ""), ("&#x4E2D;&#25991;", "")])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWorkbook(path: path)
        #expect(book.sheets.map(\.name) == ["5&4", "a&b&amp;", "<x> \"q\" '", "中文"])
        #expect(book.sheetIndex("5&4") == 0)
        #expect(book.sheetIndex("a&b&amp;") == 1)
        #expect(book.sheetIndex("中文") == 3)
    }
}

/// A workbook whose sheets cannot be listed was read as an empty workbook (issue 22, item 6):
/// POI's sample-beta.xlsx, an Excel 2007 beta file, listed no sheets with exit 0.
@Suite("Workbooks that list their sheets otherwise")
struct SheetListTests {
    @Test("Excel 2007 beta namespaces are SpreadsheetML: sheets listed and read", arguments: [
        "http://schemas.microsoft.com/office/excel/2006/2", "http://schemas.microsoft.com/office/excel/2006/main",
        "http://schemas.openxmlformats.org/spreadsheetml/2006/5/main", "http://schemas.openxmlformats.org/spreadsheetml/2006/7/main",
    ])
    func beta(_ ns: String) throws {
        let path = try madeWorkbook(sheets: [("Sheet1", #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>"#), ("Sheet2", ""), ("Sheet3", "")],
                                    sharedStrings: ["beta"], main: ns)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try XLSXWorkbook(path: path).sheets.map(\.name) == ["Sheet1", "Sheet2", "Sheet3"])
        let r = readAllCells(path)
        #expect(r.error == nil)
        #expect(r.rows == [["beta", "2"]])
    }

    @Test("sheets in a namespace Tieout does not read: refused with the reason, never an empty list")
    func foreign() throws {
        let path = try madeWorkbook(sheets: [("Sheet1", "")], main: "urn:example:not-spreadsheetml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = tieoutError { _ = try XLSXWorkbook(path: path) }
        #expect(e?.code == "xlsx.no-sheets")
        #expect(e?.what == "the workbook part xl/workbook.xml of \(path) cannot be read: its 1 sheet is listed in the namespace urn:example:not-spreadsheetml, which is not SpreadsheetML's")
    }

    @Test("a workbook part with no sheets is refused")
    func none() throws {
        let path = try madeWorkbook(sheets: [], workbook: #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = tieoutError { _ = try XLSXWorkbook(path: path) }
        #expect(e?.code == "xlsx.no-sheets")
        #expect(e?.what.hasSuffix("cannot be read: it lists no sheets (its root element is in the namespace http://schemas.openxmlformats.org/spreadsheetml/2006/main)") == true)
    }
}

func tieoutError(_ body: () throws -> Void) -> TieoutError? {
    do { try body(); return nil } catch let e as TieoutError { return e } catch { return nil }
}

/// A small package whose cells repeat a long shared string expanded without bound (issue 22,
/// item 5: POI's 110 KB poc-shared-strings.xlsx made cat write 12.6 GB, exit 0).
@Suite("Sheet text limits")
struct SheetTextLimitTests {
    static func bomb(cells: Int) throws -> String {
        let rows = (1...cells / 10).map { r in "<row r=\"\(r)\">" + (1...10).map { _ in #"<c t="s"><v>0</v></c>"# }.joined() + "</row>" }.joined()
        return try madeWorkbook(sheets: [("Sheet1", rows)], sharedStrings: [String(repeating: "长", count: 1000)])
    }

    @Test("the text a sheet expands to is bounded relative to the package, in one parser and in pieces", arguments: [nil, 4096])
    func relative(_ pieces: Int?) throws {
        let path = try Self.bomb(cells: 2000)           // 6 MB of text from about 60 KB
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = XLSXLimits()
        limits.textGraceBytes = 1 << 20
        limits.maxTextRatio = 20
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let book = try XLSXWorkbook(path: path, limits: limits)
        var rows = 0
        let e = tieoutError {
            if let pieces, let part = book.sheets[0].part, let entry = book.zip.entry(named: part) {
                try book.loadStylesAndStrings()
                _ = try book.readRowsInPieces(entry, sheet: "Sheet1", pieceBytes: pieces) { _ in rows += 1 }
            } else {
                try book.readRows(of: 0) { _ in rows += 1 }
            }
        }
        #expect(e?.code == "xlsx.limit")
        #expect(e?.what == "sheet Sheet1 of \(path) expands to more than \(limits.sheetTextBudget(packageBytes: Int64(size)) >> 20) MiB of cell text from a \(size)-byte file: its cells repeat its strings far beyond what a ledger holds (a decompression bomb)")
        #expect(rows < 200)
        // Within the limit it reads.
        limits.maxTextRatio = 1000
        #expect(readAllCells(path, limits: limits).error == nil)
    }

    @Test("the budget: the grace for small packages, the ratio, the absolute cap")
    func budget() {
        let l = XLSXLimits()
        #expect(l.sheetTextBudget(packageBytes: 50_000) == 64 << 20)
        #expect(l.sheetTextBudget(packageBytes: 110_000) == 110_000_000)
        #expect(l.sheetTextBudget(packageBytes: 1_000_000) == 1_000_000_000)
        #expect(l.sheetTextBudget(packageBytes: 100_000_000) == 4 << 30)
        #expect(l.sheetTextBudget(packageBytes: .max) == 4 << 30)
    }
}
