import Foundation
import Testing

/// .xls in (Excel 97–2003, BIFF8) through FreeXL: the samples' workbooks as LibreOffice saves
/// them (scripts/make-xls-fixtures) read as their .xlsx originals read.
@Suite(".xls workbooks")
struct XLSReadingTests {
    static let fixtures = CLI.root.appendingPathComponent("Tests/tieoutTests/Fixtures/xls").path
    static let originals = [
        "预算指标台账-2024": "samples/futian-2024/ledgers/budget/预算指标台账-2024.xlsx",
        "资产卡片-2024": "samples/futian-2024/ledgers/assets/资产卡片-2024.xlsx",
        "政府采购执行-2024": "samples/futian-2024/ledgers/procurement/政府采购执行-2024.xlsx",
        "国库集中支付-2025": "samples/nanshan-2025/ledgers/treasury/国库集中支付-2025.xlsx",
    ]

    @Test("every sheet of every fixture reads cell for cell as its .xlsx: Chinese text, dates, amounts", arguments: Array(originals.keys).sorted())
    func sameCells(_ name: String) throws {
        let xls = Self.fixtures + "/" + name + ".xls"
        let xlsx = CLI.root.appendingPathComponent(Self.originals[name]!).path
        let sheets = try CLI.run(["sheets", "--lang", "en", xls, "--json"])
        #expect(sheets.status == 0, "\(sheets.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(sheets.stdout.utf8)) as! [String: Any]
        let tables = json["tables"] as! [[String: Any]]
        #expect(!tables.isEmpty)
        for table in tables {
            let sheet = table["name"] as! String
            #expect(table["merged"] is NSNull, "merged ranges of a .xls are unknown, never 'none'")
            let a = try CLI.run(["cat", xls, "--sheet", sheet])
            let b = try CLI.run(["cat", xlsx, "--sheet", sheet])
            #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
            // A styled blank cell is a cell in .xlsx (cat writes its comma) but a BLANK record FreeXL
            // reports as no cell: rows compare without their trailing empty cells.
            func rows(_ s: String) -> [String] {
                s.components(separatedBy: "\r\n").map { line in String(line.reversed().drop { $0 == "," }.reversed()) }
            }
            #expect(rows(a.stdout) == rows(b.stdout), "\(name) [\(sheet)]")
            #expect(rows(a.stdout).filter { !$0.isEmpty }.count >= (sheet == "填表说明" ? 1 : 4))
        }
    }

    @Test("a unit whose budget ledger is a .xls: the same records, findings and score as from the .xlsx")
    func sampleWithXLS() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        let before = try CLI.run(["run", ws], in: dir)
        let records = try CLI.run(["export", "--lang", "en", ws], in: dir)
        #expect(records.status == 0)
        let xlsxBudget = try String(contentsOfFile: root + "/out/dataset/budget_indicators.csv", encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/ledgers/budget/预算指标台账-2024.xlsx")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/预算指标台账-2024.xls", toPath: root + "/ledgers/budget/预算指标台账-2024.xls")
        let yaml = try String(contentsOfFile: root + "/tieout.yaml", encoding: .utf8)
        try yaml.replacingOccurrences(of: "ledgers/budget/*.xlsx", with: "ledgers/budget/*.xls").write(toFile: root + "/tieout.yaml", atomically: true, encoding: .utf8)
        let after = try CLI.run(["run", ws], in: dir)
        #expect(after.status == before.status, "\(after.stderr)")
        #expect(after.stdout.contains("评分：合计 98.79 / 100.00 分，与附件一致"))
        #expect(after.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2"), "\(after.stdout)")
        _ = try CLI.run(["export", "--lang", "en", ws], in: dir)
        let xlsBudget = try String(contentsOfFile: root + "/out/dataset/budget_indicators.csv", encoding: .utf8)
        // The same records, value for value and cell for cell; only the file's name and its SHA-256 differ.
        func lines(_ csv: String) -> [String] {
            csv.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map { line in
                var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if fields.count > 2 { fields.remove(at: 1) }
                return fields.joined(separator: ",").replacingOccurrences(of: "预算指标台账-2024.xlsx", with: "预算指标台账-2024.xls")
            }
        }
        #expect(lines(xlsBudget) == lines(xlsxBudget))
        #expect(xlsBudget.utf8.filter { $0 == 0x0A }.count == 36, "\(xlsBudget.prefix(300))")   // the header and 35 lines
    }

    @Test("--fill-merged on a .xls is an error (FreeXL does not read merged ranges), never a silent no-op")
    func mergedUnknown() throws {
        let r = try CLI.run(["cat", Self.fixtures + "/政府采购执行-2024.xls", "--fill-merged"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot be read from a .xls workbook (FreeXL does not read them)"), "\(r.stderr)")
    }
}
