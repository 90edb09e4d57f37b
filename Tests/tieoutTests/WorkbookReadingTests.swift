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
        let sheets = try CLI.run(["sheets", "--lang", "en", path])
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

/// `totals` on a workbook written one `<row>` element per cell (issue 22, item 1). Before:
/// the header row came out as one-cell rows, so no header was found (exit 2).
@Suite("Totals on a workbook with repeated rows")
struct RepeatedRowTotalsTests {
    @Test("each row's cells are grouped together, whatever elements they were written in")
    func totals() throws {
        func s(_ ref: String, _ t: String) -> String { #"<c r="\#(ref)" t="inlineStr"><is><t>\#(t)</t></is></c>"# }
        func n(_ ref: String, _ v: String) -> String { #"<c r="\#(ref)"><v>\#(v)</v></c>"# }
        let rows: [(Int, [String])] = [(1, [s("A1", "类型"), s("B1", "金额")]), (2, [s("A2", "基本"), n("B2", "10")]),
                                       (3, [s("A3", "项目"), n("B3", "5")]), (4, [s("A4", "基本"), n("B4", "1")])]
        let xml = rows.map { r in r.1.map { "<row r=\"\(r.0)\">\($0)</row>" }.joined() }.joined()
        let path = try madeWorkbook(sheets: [("Sheet1", xml)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(["totals", "--lang", "en", path, "--sum", "金额", "--by", "类型", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""groups":[{"key":["基本"],"sum":"11","count":2},{"key":["项目"],"sum":"5","count":1}],"total":"16","rows":3,"accepted":3,"rejected":0"#))
    }
}

/// `--encoding latin-1` / `windows-1252`, and the refusal of implausible GB18030 (issue 22, item 7).
@Suite("Western encodings through the CLI")
struct WesternEncodingCLITests {
    @Test("a Windows-1252 file is refused without --encoding, and read with it")
    func windows1252() throws {
        let bytes: [UInt8] = Array("Name,Ort\n".utf8) + [0xD6] + Array("kman,Malm".utf8) + [0xF6, 0x0A] + Array("premi".utf8) + [0xE8] + Array("re,\u{22}".utf8) + [0x80] + Array("5\u{22}\n".utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-1252-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let refused = try CLI.run(["cat", path])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("as GB18030 it does not read as Chinese"))
        #expect(refused.stderr.contains("Help: Name its encoding: --encoding windows-1252"))
        let read = try CLI.run(["cat", path, "--encoding", "windows-1252", "--eol", "lf"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "Name,Ort\nÖkman,Malmö\npremière,€5\n")
    }
}
