import Foundation
import Testing
import TieoutTestSupport

/// `tieout init` on exports with a link that leads nowhere and a workbook of several sheets.
/// Before, the link was taken as an export (init tried to read it: `NOT READ: cannot open …`,
/// nothing said it was a link) and only a workbook's first sheet was considered.
@Suite("init: dangling links and a workbook's sheets")
struct InitSheetsAndLinksTests {
    /// A sheet of inline strings and numbers.
    static func sheet(_ rows: [[Any]]) -> String {
        var xml = ""
        for (r, row) in rows.enumerated() {
            var cells = ""
            for (c, v) in row.enumerated() {
                let ref = "\(Character(UnicodeScalar(65 + c)!))\(r + 1)"
                if let s = v as? String { if !s.isEmpty { cells += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(s)</t></is></c>" } }
                else { cells += "<c r=\"\(ref)\"><v>\(v)</v></c>" }
            }
            xml += "<row r=\"\(r + 1)\">\(cells)</row>"
        }
        return xml
    }

    static var payments: [[Any]] { [
        ["凭证号", "支付日期", "功能分类", "经济分类科目", "项目名称", "支出类型", "合同编号", "摘要", "金额"],
        ["记-1", "2024-01-02", "2013101 行政运行", "30113 住房公积金", "", "基本支出", "", "发放1月住房公积金", 91448.6],
        ["记-2", "2024-01-05", "2013101 行政运行", "30108 养老保险缴费", "", "基本支出", "", "发放1月养老保险", 1000],
        ["记-3", "2024-02-05", "2013102 一般行政管理事务", "30226 劳务费", "网格化管理", "项目支出", "", "劳务费", 384270.08],
    ] }

    @Test("a dangling link is named with its target and reason and not read; every sheet of a workbook is considered")
    func linksAndSheets() throws {
        let dir = try InitFromExportsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledgers = dir + "/ws/ledgers"
        try FileManager.default.createDirectory(atPath: ledgers, withIntermediateDirectories: true)
        let book = try madeWorkbook(sheets: [("说明", Self.sheet([["本工作簿为测试用"]])), ("国库支付", Self.sheet(Self.payments))])
        try FileManager.default.copyItem(atPath: book, toPath: ledgers + "/账.xlsx")
        try FileManager.default.createSymbolicLink(atPath: ledgers + "/2024-03.csv", withDestinationPath: dir + "/gone.csv")
        let r = try CLI.run(["init", "ws", "--lang", "en"], in: dir)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("  ledgers/2024-03.csv: NOT READ: a link to \(dir)/gone.csv that cannot be followed (No such file or directory): not an export; restore what it leads to or remove the link, then run tieout init again\n"), "\(r.stdout)")
        // The ledger is on the workbook's second sheet: its profile reads that sheet; the first is listed, not used.
        #expect(r.stdout.contains("  ledgers/账.xlsx[国库支付]: treasury-payment, profiles/treasury-payments.yaml\n"), "\(r.stdout)")
        #expect(r.stdout.contains("  ledgers/账.xlsx[说明]: sheet not used (another sheet of the workbook is): "), "\(r.stdout)")
        let profile = try String(contentsOfFile: dir + "/ws/profiles/treasury-payments.yaml", encoding: .utf8)
        #expect(profile.contains("\nsheet: 国库支付\n"), "\(profile)")
        // No source reads the link.
        let config = try String(contentsOfFile: dir + "/ws/tieout.yaml", encoding: .utf8)
        #expect(!config.contains("*.csv") && !config.contains("2024-03.csv"), "\(config)")
        // What init wrote reads the ledger: the link is the only failed file.
        let ingest = try CLI.run(["ingest", "ws", "--lang", "en"], in: dir)
        #expect(ingest.stdout.contains("ledgers/账.xlsx") && ingest.stdout.contains(" 3 "), "\(ingest.stdout)\(ingest.stderr)")
    }
}
