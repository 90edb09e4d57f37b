import Foundation
import Testing
import TieoutTestSupport

/// `cat` and `sheets` on workbooks made in the test (issue 22).
@Suite("Workbook reading through the CLI")
struct WorkbookReadingTests {
    @Test("a sheet named 5&4 is listed as 5&4 and found by --sheet")
    func sheetNameWithEntity() throws {
        let path = try madeWorkbook(sheets: [("Sheet1", #"<row r="1"><c r="A1"><v>0</v></c></row>"#), ("5&amp;4", #"<row r="1"><c r="A1"><v>54</v></c></row>"#)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sheets = try CLI.run(["sheets", path])
        #expect(sheets.status == 0)
        #expect(sheets.stdout.contains("2  5&4 "))
        let cat = try CLI.run(["cat", path, "--sheet", "5&4", "--header-row", "0", "--eol", "lf"])
        #expect(cat.status == 0, "\(cat.stderr)")
        #expect(cat.stdout == "54\n")
    }

    @Test("a row written once per cell and cells out of order: cat writes each cell in its place")
    func placement() throws {
        let path = try madeWorkbook(sheets: [("Sheet1", #"<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row><row r="1"><c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>"#
            + #"<row r="2"><c r="B2"><v>3</v></c><c r="A2"><v>1</v></c><c r="B2"><v>4</v></c></row>"#)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cat = try CLI.run(["cat", path, "--header-row", "0", "--eol", "lf"])
        #expect(cat.status == 0)
        #expect(cat.stdout == "ID,Name\n1,4\n")
        #expect(cat.stderr.contains("cell B2 is written twice in the sheet; the later value was read, as Excel reads it"))
    }
}
