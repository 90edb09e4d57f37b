import Foundation
import Testing
import TieoutCore
@testable import TieoutXLSX
import TieoutTestSupport

/// ../shared/corpus/xlsx: real workbooks (calamine's test suite, MIT) with the
/// quirks real exports have. Values asserted here were checked against the two
/// peer readings in expected/ and, where they differ, against the XML.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/xlsx").path

    static func path(_ name: String) -> String { root + "/" + name }

    /// The sheet's rows as text, dense from column A; rows the sheet skips are empty.
    static func rows(_ name: String, sheet: String? = nil) throws -> [[String]] {
        let book = try XLSXWorkbook(path: path(name))
        let index = sheet.flatMap { book.sheetIndex($0) } ?? book.sheets.firstIndex { $0.kind == .worksheet }!
        var out: [[String]] = []
        try book.readRows(of: index) { row in
            while out.count + 1 < row.number { out.append([]) }
            var line: [String] = []
            for cell in row.cells {
                while line.count + 1 < cell.column { line.append("") }
                line.append(cell.text(date1904: book.date1904))
            }
            out.append(line)
        }
        return out
    }
}

@Suite("XLSX corpus")
struct CorpusTests {
    @Test("every workbook opens and every worksheet reads, or it is refused with a reason")
    func everyWorkbook() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Corpus.root).filter { $0.hasSuffix(".xlsx") }.sorted()
        #expect(names.count == 37)
        for name in names {
            do {
                let book = try XLSXWorkbook(path: Corpus.path(name))
                for (i, s) in book.sheets.enumerated() where s.kind == .worksheet {
                    try book.readRows(of: i) { _ in }
                }
            } catch {
                #expect(name == "pass_protected.xlsx" && error.code == "xlsx.encrypted", "\(name): \(error.description)")
            }
        }
    }

    @Test("dates by style, in the 1900 and 1904 systems; durations")
    func dates() throws {
        #expect(try Corpus.rows("date.xlsx") == [["2021-01-01", "15"], ["2021-01-02", "16"], ["255:10:10", "17"]])
        #expect(try Corpus.rows("date_1904.xlsx") == [["2021-01-01", "15"], ["2021-01-02", "16"], ["255:10:10", "17"]])
        #expect(try XLSXWorkbook(path: Corpus.path("date_1904.xlsx")).date1904)
        #expect(try Corpus.rows("date_iso.xlsx").prefix(3) == [["2021-01-01"], ["2021-01-01T10:10:10"], ["10:10:10"]])
        #expect(try Corpus.rows("date_quoted_format.xlsx").first == ["2021-01-01"])
    }

    @Test("shared strings: rich text joined, phonetic runs skipped, escapes decoded, empty items")
    func strings() throws {
        #expect(try Corpus.rows("rph.xlsx") == [["課きく　毛こ"]])
        #expect(try Corpus.rows("has_x000D_.xlsx").first == ["ABC\r\nDEF"])   // _x000D_ then a real LF
        #expect(try Corpus.rows("has_x000D_inline.xlsx").first == ["ABC\r\nDEF"])
        #expect(try Corpus.rows("richtext-after-plain.xlsx").prefix(2) == [["abcd", "abcd", "abcd", "abcd"], ["tvalrval1rval2", "rval1rval2", "rval1rval2", "rval1rval2"]])
        #expect(try Corpus.rows("empty_shared_string_value.xlsx") == [["Name", "City", "Status"], ["Alice", "", "Active"], ["", "Berlin", ""]])
        #expect(try Corpus.rows("non_monotonic_si.xlsx").prefix(3) == [["1", "2", "3"], ["2", "4", "6"], ["3", "6", "9"]])
        // Row 2 is a character reference for LF (openpyxl agrees; calamine trims it away).
        #expect(try Corpus.rows("encoded_entities.xlsx").prefix(2) == [["&"], ["\n"]])
        #expect(try Corpus.rows("string-ref.xlsx") == [["col1"], ["-8086931554011838357"]])
    }

    @Test("inline strings: CDATA read, a stray <v> ignored")
    func inline() throws {
        #expect(try Corpus.rows("inlineStr_cdata.xlsx").prefix(2) == [["Hello CDATA", "World"], ["12345", "NormalText"]])
        // Column I holds an empty inline string (openpyxl: None; calamine drops it).
        #expect(try Corpus.rows("inlineStr_with_value.xlsx")[1] == ["1", "+", "", "1.", "RQ11610", "requirement", "Textual Requirement", "test", ""])
    }

    @Test("package structure: relationships, not fixed paths")
    func structure() throws {
        #expect(try Corpus.rows("strict_iso_paths.xlsx")[1].prefix(3) == ["150-031260-001_B", "1.5", "7"])
        #expect(try Corpus.rows("issue_530.xlsx").first == ["报表导出人：", "于国栋"])
        #expect(try Corpus.rows("issue_419.xlsx").first == ["Hello"])
        #expect(try Corpus.rows("table_with_absolute_paths.xlsx") == [["Item", "Name"], ["100", "North"], ["200", "South"], ["101", "West"], ["290", "East"]])
        #expect(try Corpus.rows("minimal_package.xlsx").first == ["ARREST BOOKINGS for 01/30/17"])
        #expect(try Corpus.rows("nonstandard-xml-ns-prefix.xlsx") == [["a", "b"], ["1", "3"], ["2", "4"]])
        #expect(try Corpus.rows("issue_261.xlsx").first?.first == "String Value 32")
    }

    @Test("sheets: names, order, states; chartsheets listed")
    func sheets() throws {
        let book = try XLSXWorkbook(path: Corpus.path("any_sheets.xlsx"))
        #expect(book.sheets.map(\.name) == ["Visible", "Hidden", "VeryHidden", "Chart"])
        #expect(book.sheets.map(\.state) == [.visible, .hidden, .veryHidden, .visible])
        #expect(book.sheets.map(\.kind) == [.worksheet, .worksheet, .worksheet, .chartsheet])
        #expect(try Corpus.rows("any_sheets.xlsx").prefix(3) == [["1", "2"], ["3", "4"], ["5", "6"]])
    }

    @Test("numbers stay exact; errors keep their text")
    func numbers() throws {
        #expect(try Corpus.rows("temperature.xlsx") == [["label", "value"], ["celsius", "22.2222"], ["fahrenheit", "72"]])
        #expect(try Corpus.rows("errors.xlsx").prefix(5).map { $0.first } == ["#DIV/0!", "#NAME?", "#VALUE!", "#NULL!", "#REF!"])
        #expect(try Corpus.rows("shared_formula_simple.xlsx") == [["1", "2"], ["2", "4"], ["3", "6"]])
    }

    @Test("a password-protected workbook is refused with what to do")
    func encrypted() {
        do {
            _ = try XLSXWorkbook(path: Corpus.path("pass_protected.xlsx"))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == "xlsx.encrypted")
            #expect(error.help.hasPrefix("This workbook is password-protected; save a copy without a password"))
        }
    }

    @Test("rows the sheet skips are empty; data below empty rows; no header")
    func layout() throws {
        let h = try Corpus.rows("header-row.xlsx")
        #expect(h.count == 10)
        #expect(h[2] == ["", "", "Note 1"])
        #expect(h[8] == ["Columns", "Column A", "Column B", "Column C"])
        #expect(h[9] == ["put data here", "1", "2", "3"])
        #expect(try Corpus.rows("no-header.xlsx") == [[], [], ["a", "0"], ["b", "1"]])
        #expect(try Corpus.rows("empty_sheet.xlsx") == [])
        #expect(try Corpus.rows("column_row_ranges.xlsx").prefix(5).allSatisfy { $0 == ["0", "0", "0"] })
        #expect(try Corpus.rows("empty_s_attribute.xlsx") == [["Name", "Value"], ["John", "1"], ["Sophia", "2"], ["Peter", "3"], ["Sam", "4"]])
        #expect(try Corpus.rows("empty_shared_string.xlsx") == [["abc"], [""]])
    }

    @Test("merged cells read as written (top-left holds the value); ranges reported")
    func merged() throws {
        let m = try Corpus.rows("merged_range.xlsx")
        #expect(m[0] == ["A1", "B1", "C1", "", "E1", "F1", "G1", "H1"])
        #expect(m[2] == ["A3", "B3", "C3", "", "E3", "F3", "G3", "H3"])
        #expect(try Corpus.rows("merge_cells.xlsx").prefix(2) == [["Row Merge", "", "Not Merged"], ["Column Merge", "Chunk Merged", "", ""]])
        let book = try XLSXWorkbook(path: Corpus.path("merge_cells.xlsx"))
        #expect(try !book.mergedRanges(of: 0).isEmpty)
    }

    @Test("formulas: cached values are read")
    func formulas() throws {
        #expect(try Corpus.rows("issue_567_absolute_shared.xlsx") == [["0", "0", "0", "0", "0"], ["0", "0", "0", "0", "0"], ["0", "0", "0", "0", "0"]])
    }

    /// Whitespace is kept as written: the XML says what the cell holds. (calamine
    /// trims text without xml:space="preserve"; openpyxl keeps it, as do we.)
    @Test("whitespace is kept")
    func whitespace() throws {
        let w = try Corpus.rows("whitespace_trim.xlsx")
        #expect(w[0] == ["  trimmed value  ", "\t\n value with tabs \n", " \t\n", "clean text"])
        #expect(w[1] == ["  line1\nline2  ", "  line1\nline2  "])
        #expect(w[2] == ["日期 时间"])
        #expect(try Corpus.rows("richtext-namespaced.xlsx")[0].first == "inline string\nLine 2\nLine 3")
    }
}

@Suite("XLSX values")
struct XLSXValueTests {
    @Test("<v> texts read exactly; float artefacts rounded to 15 significant digits", arguments: [
        ("2422.3000000000002", "2422.3"), ("0.1", "0.1"), ("-12.5", "-12.5"), ("1E-3", "0.001"),
        ("1.5E+3", "1500"), ("22.2222", "22.2222"), ("0.30000000000000004", "0.3"),
        ("99999999999999999", "100000000000000000"), ("123456789.12345678", "123456789.123457"),
    ])
    func numbers(_ text: String, _ expected: String) {
        #expect(XLSXValue.number(text)?.description == expected)
    }

    /// Issue 22, item 4. Before: `4.615384615384615` was rounded half-up as text to
    /// `4.61538461538462` (Excel shows the binary value's `4.61538461538461`); values below
    /// about 1e-23 lost digits and below 1e-38 became 0 (`3E-104` → `0`, sign lost).
    @Test("more than 15 digits: the binary value rounded to 15 digits, as Excel shows it", arguments: [
        ("4.615384615384615", "4.61538461538461"), ("-4.615384615384615", "-4.61538461538461"),
        ("0.1234567890123455", "0.123456789012345"), ("1.0000000000000002", "1"),
        ("5.5511151231257827E-17", "0.0000000000000000555111512312578"),
    ])
    func binaryRounding(_ text: String, _ expected: String) {
        #expect(XLSXValue.number(text)?.description == expected)
    }

    @Test("numbers beyond 38 places or digits are shown in full, never as 0; amounts refuse them", arguments: [
        ("3E-104", "3E-104"), ("-3E-104", "-3E-104"), ("1.2345678901234567E-30", "1.23456789012346E-30"),
        ("2.5E-39", "2.5E-39"), ("1E+40", "1E+40"), ("-1.7976931348623157E+308", "-1.79769313486232E+308"),
    ])
    func edges(_ text: String, _ shown: String) {
        #expect(XLSXValue.number(text) == nil)
        #expect(Array(text.utf8).withUnsafeBufferPointer { XLSXValue.displayText($0) } == shown)
    }

    @Test("small numbers that fit keep every digit")
    func smallExact() {
        #expect(XLSXValue.number("1.5E-30")?.description == "0.0000000000000000000000000000015")
        #expect(XLSXValue.number("1E-38")?.description == "0." + String(repeating: "0", count: 37) + "1")
        #expect(XLSXValue.number("1.23456789012345E-24")?.description == "0.00000000000000000000000123456789012345")
        #expect(Array("0".utf8).withUnsafeBufferPointer { XLSXValue.displayText($0) } == "0")
        #expect(Array("abc".utf8).withUnsafeBufferPointer { XLSXValue.displayText($0) } == nil)
    }

    @Test("a workbook's edge numbers: cat's text and the amount")
    func edgeCells() throws {
        let path = try madeWorkbook(sheets: [("Sheet1", #"<row r="1"><c r="A1"><v>3E-104</v></c><c r="B1"><v>4.615384615384615</v></c><c r="C1"><v>-1.2345678901234567E-30</v></c></row>"#)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWorkbook(path: path)
        var texts: [String] = [], amounts: [String] = []
        try book.readRows(of: 0) { row in
            texts = row.cells.map { $0.text(date1904: false) }
            amounts = row.cells.map { c in
                do throws(CellValueError) { return try c.amount()?.description ?? "-" } catch { return error.message }
            }
        }
        #expect(texts == ["3E-104", "4.61538461538461", "-1.23456789012346E-30"])
        #expect(amounts == ["the number 3E-104 cannot be read exactly (not a decimal number, or beyond 38 digits)", "4.61538461538461",
                            "the number -1.2345678901234567E-30 cannot be read exactly (not a decimal number, or beyond 38 digits)"])
    }

    @Test("serial dates in both systems, with Excel's fictitious 1900-02-29")
    func serials() {
        func iso(_ s: String, _ d1904: Bool = false) -> String? { XLSXValue.isoText(serial: XLSXValue.number(s)!, date1904: d1904) }
        #expect(iso("1") == "1900-01-01")
        #expect(iso("59") == "1900-02-28")
        #expect(iso("60") == nil)
        #expect(iso("61") == "1900-03-01")
        #expect(iso("45356") == "2024-03-05")
        #expect(iso("45356.5") == "2024-03-05T12:00:00")
        #expect(iso("45356.604166666664") == "2024-03-05T14:30:00")
        // Below 1 in the 1900 system: a time of day (Excel's day 0, 1900-01-00, is no date),
        // as calamine and openpyxl read it; 1 is the first day.
        #expect(iso("0") == "00:00:00")
        #expect(iso("0.5") == "12:00:00")
        #expect(iso("0.75") == "18:00:00")
        #expect(iso("0.99999999") == "23:59:59.999")
        #expect(iso("0.999999999") == "1900-01-01")    // rounds to the millisecond: the next day
        #expect(iso("1.5") == "1900-01-01T12:00:00")
        #expect(iso("0", true) == "1904-01-01")
        #expect(iso("43830", true) == "2024-01-01")
        #expect(XLSXValue.durationText(serial: XLSXValue.number("10.632060185185185")!) == "255:10:10")
    }
}

@Suite("Number formats")
struct NumberFormatTests {
    @Test("built-in formats 14–22, 27–36, 45, 47 and 50–58 are dates and times; 46 is a duration", arguments: Array(0...81))
    func builtIn(_ id: Int) {
        let dates = Set(14...22).union(27...36).union([45, 47]).union(50...58)
        let expected: NumberFormatKind = dates.contains(id) ? .date : (id == 46 ? .duration : .number)
        #expect(NumberFormatKind(builtIn: id) == expected)
    }

    /// The zh-CN, zh-TW, ja-JP and ko-KR built-in dates (27–36, 50–58), named by id alone as
    /// Chinese Excel and WPS write them. Before: every one read as the number `44644.9461155324`.
    @Test("East Asian built-in date formats read as dates in a workbook", arguments: Array(27...36) + Array(50...58))
    func eastAsian(_ id: Int) throws {
        let path = try madeWorkbook(sheets: [("Sheet1", #"<row r="1"><c r="A1" s="1"><v>44644.9461155324</v></c><c r="B1" s="1"><v>44644</v></c><c r="C1"><v>44644</v></c></row>"#)],
                                    styles: #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="\#(id)"/></cellXfs>"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = readAllCells(path)
        #expect(r.error == nil)
        #expect(r.rows == [["2022-03-24T22:42:24.382", "2022-03-24", "44644"]])
    }

    @Test("custom codes: the first section's tokens, outside quotes, escapes, padding and brackets", arguments: [
        ("yyyy-mm-dd", NumberFormatKind.date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("[$-804]yyyy/m/d", .date),
        ("hh:mm:ss", .date), ("mm:ss.0", .date), ("[h]:mm:ss", .duration), ("[mm]:ss", .duration),
        ("0.00", .number), ("#,##0.00_);(#,##0.00)", .number), ("[Red]0.00", .number), ("General", .number),
        ("@", .number), ("0.00E+00", .number), ("\"day\"0", .number), ("\\d0", .number), ("_m0", .number),
        ("*y0", .number), ("0;yyyy-mm-dd", .number), ("yyyy-mm-dd;@", .date), ("\"a;b\"0;yyyy", .number),
    ])
    func custom(_ code: String, _ kind: NumberFormatKind) {
        #expect(NumberFormatKind(code: code) == kind, "\(code)")
    }
}
