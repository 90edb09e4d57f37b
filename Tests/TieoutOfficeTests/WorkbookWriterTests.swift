import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
import TieoutXLSX
@testable import TieoutOffice

/// Workbooks out through libxlsxwriter, read back by Tieout's reader, by openpyxl and by
/// LibreOffice (scripts/xlsx-dump.py; the venv scripts/compare-corpus makes, soffice).
@Suite("WorkbookWriter")
struct WorkbookWriterTests {
    static func temp(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-wb-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/" + name
    }

    /// Every sheet as Tieout reads it: names, and rows of (display text, kind), trailing blanks dropped.
    static func tieoutRead(_ path: String) throws -> [(name: String, rows: [[String]], kinds: [[CellKind]])] {
        let book = try XLSXWorkbook(path: path)
        var out: [(name: String, rows: [[String]], kinds: [[CellKind]])] = []
        for (i, s) in book.sheets.enumerated() {
            var rows: [[String]] = [], kinds: [[CellKind]] = []
            _ = try book.readRows(of: i) { row in
                while rows.count < row.number - 1 { rows.append([]); kinds.append([]) }
                var r: [String] = [], k: [CellKind] = []
                for c in row.cells {
                    while r.count < c.column - 1 { r.append(""); k.append(.empty) }
                    r.append(c.text(date1904: book.date1904)); k.append(c.kind)
                }
                while r.last == "" { r.removeLast(); k.removeLast() }
                rows.append(r); kinds.append(k)
            }
            while rows.last?.isEmpty == true { rows.removeLast(); kinds.removeLast() }
            out.append((s.name, rows, kinds))
        }
        return out
    }

    static func peerRead(_ path: String, libreOffice: Bool = false) throws -> DumpedWorkbook { try DumpedWorkbook.read(path, libreOffice: libreOffice) }
    static func same(_ a: [[String]], _ b: [[String]]) -> Bool { DumpedWorkbook.same(a, b) }

    /// The error `body` throws, when it is a TieoutError.
    static func caught(_ body: () throws -> Void) -> TieoutError? {
        do { try body() } catch { return error as? TieoutError }
        return nil
    }

    static let tricky = ["=SUM(A1:A2)", "+1", "-2", "@x", "=1+1", "'quoted", "中文 摘要", " leading space", "tab\there", "line\nbreak", "_x0041_", "<&>\""]

    @Test("text that looks like a formula stays text; amounts exact (a number only when exact, else text); dates, integers; read back the same by Tieout, openpyxl and LibreOffice")
    func typedCells() throws {
        let path = Self.temp("cells.xlsx")
        let amounts = ["1234.50", "-0.01", "123456789012345", "1234567890123456", "0.367803814714", "12345678901234567890.12", "13816.95", "0"]
        try WorkbookWriter.write(to: path) { book in
            let t = try SheetTable(book: book, name: "cells", header: ["text", "amount", "date", "count"], columns: [.text, .money, .date, .integer])
            for (i, s) in Self.tricky.enumerated() {
                try t.append([s, amounts[i % amounts.count], i % 3 == 0 ? "2024-03-15" : "2024-12-31", String(i * 7)])
            }
        }
        let mine = try Self.tieoutRead(path)
        #expect(mine.map(\.name) == ["cells"])
        let rows = mine[0].rows
        #expect(rows[0] == ["text", "amount", "date", "count"])
        // Every formula-looking text is a text cell, character for character.
        #expect(rows.dropFirst().map { $0[0] } == Self.tricky)
        #expect(mine[0].kinds.dropFirst().allSatisfy { $0[0] == .text })
        // Amounts: numbers when exact in 15 significant digits, else their exact text.
        #expect(mine[0].kinds[1][1] == .number && rows[1][1] == "1234.5")
        #expect(mine[0].kinds[3][1] == .number && rows[3][1] == "123456789012345")
        #expect(mine[0].kinds[4][1] == .text && rows[4][1] == "1234567890123456")
        #expect(mine[0].kinds[5][1] == .number && rows[5][1] == "0.367803814714")
        #expect(mine[0].kinds[6][1] == .text && rows[6][1] == "12345678901234567890.12")
        #expect(mine[0].kinds[1][2] == .date && rows[1][2] == "2024-03-15" && rows[2][2] == "2024-12-31")
        #expect(rows[3][3] == "14")

        let py = try Self.peerRead(path)
        #expect(py.sheets.map(\.name) == ["cells"])
        // openpyxl shows the escape of a literal `_xHHHH_` (`_x005F_x0041_`) in an inline string; Excel, LibreOffice and Tieout the text.
        let pyRows = py.sheets[0].rows.map { $0.map { $0.replacingOccurrences(of: "_x005F_x", with: "_x") } }
        #expect(py.sheets[0].rows[11][0] == "_x005F_x0041_")
        #expect(Self.same(pyRows, rows), "openpyxl: \(py.sheets[0].rows) vs Tieout: \(rows)")
        #expect(py.sheets[0].types.contains("datetime") && py.sheets[0].types.contains("float") && py.sheets[0].types.contains("str"))
        let lo = try Self.peerRead(path, libreOffice: true)
        #expect(lo.sheets.map(\.name) == ["cells"])
        #expect(Self.same(lo.sheets[0].rows, rows), "LibreOffice: \(lo.sheets[0].rows) vs Tieout: \(rows)")
    }

    @Test("a table past the row limit continues on 'NAME (2)', 'NAME (3)', each with the header")
    func continuesOnNextSheet() throws {
        let path = Self.temp("long.xlsx")
        var names: [String] = []
        try WorkbookWriter.write(to: path) { book in
            let t = try SheetTable(book: book, name: "treasury_payment", header: ["n", "amount"], columns: [.integer, .money], rowLimit: 3)
            for i in 1...7 { try t.append([String(i), "\(i).25"]) }
            names = t.sheets
            #expect(t.rows == 7)
        }
        #expect(names == ["treasury_payment", "treasury_payment (2)", "treasury_payment (3)"])
        let mine = try Self.tieoutRead(path)
        #expect(mine.map(\.name) == names)
        #expect(mine.map(\.rows) == [[["n", "amount"], ["1", "1.25"], ["2", "2.25"], ["3", "3.25"]],
                                     [["n", "amount"], ["4", "4.25"], ["5", "5.25"], ["6", "6.25"]],
                                     [["n", "amount"], ["7", "7.25"]]])
        let py = try Self.peerRead(path)
        #expect(py.sheets.map(\.name) == names)
        for (a, b) in zip(py.sheets, mine) { #expect(Self.same(a.rows, b.rows)) }
    }

    @Test("amounts are numbers only when the file's number is the same decimal")
    func numberRule() {
        #expect(WorkbookCell.numberValue(Amount("98.79")!) == 98.79)          // the file holds 98.79000000000001
        #expect(WorkbookCell.numberValue(Amount("0.1")!) == 0.1)
        #expect(WorkbookCell.escaped("_x0041_ and _x00e9_, _x12_") == "_x005F_x0041_ and _x005F_x00e9_, _x12_")
        #expect(WorkbookCell.numberValue(Amount("999999999999999")!) == 999999999999999)
        #expect(WorkbookCell.numberValue(Amount("1000000000000001")!) == nil)      // 16 digits
        #expect(WorkbookCell.numberValue(Amount("0.1234567890123456")!) == nil)    // 16 digits
        #expect(WorkbookCell.numberValue(Amount("-13816.950")!) == -13816.95)
    }

    @Test("sheet names: Excel's forbidden characters replaced, 31 characters with the suffix, unique")
    func sheetNames() throws {
        #expect(WorkbookWriter.sheetName("a/b:c[d]*?\\") == "a_b_c_d____")
        #expect(WorkbookWriter.sheetName(String(repeating: "长", count: 40), suffix: " (2)") == String(repeating: "长", count: 27) + " (2)")
        let path = Self.temp("names.xlsx")
        try WorkbookWriter.write(to: path) { book in
            let a = try book.addSheet("x"), b = try book.addSheet("X")
            #expect(a.name == "x" && b.name == "X (2)")
        }
    }

    @Test("a write that fails is an error naming the file and the fix; the previous file stays; no temporary file is left")
    func failures() throws {
        // A folder that does not exist: libxlsxwriter cannot create the file at close.
        let missing = Self.caught {
            let book = try WorkbookWriter(path: "/nonexistent-\(UUID().uuidString)/x.xlsx")
            _ = try book.addSheet("a")
            try book.close()
        }
        #expect(missing?.code == "xlsx.write")
        #expect(missing?.what.contains("/x.xlsx") == true, "\(String(describing: missing))")
        #expect(missing?.help.contains("writable") == true, "\(String(describing: missing))")
        // A body that fails: the old file is unchanged and no .tmp- file is left beside it.
        let path = Self.temp("keep.xlsx")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try WorkbookWriter.write(to: path) { book in
                _ = try book.addSheet("a")
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        let dir = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep.xlsx"])
        // A cell too long for a workbook: the error says where and what to do instead.
        let long = Self.temp("long-cell.xlsx")
        let tooLong = Self.caught {
            try WorkbookWriter.write(to: long) { book in
                let s = try book.addSheet("a")
                try s.write(row: 4, column: 2, .text(String(repeating: "x", count: 40_000)))
            }
        }
        #expect(tooLong?.what.contains("sheet a, cell C5") == true, "\(String(describing: tooLong))")
        #expect(tooLong?.help.contains("--format csv") == true, "\(String(describing: tooLong))")
        #expect(!FileManager.default.fileExists(atPath: long))
    }
}
