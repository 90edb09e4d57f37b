import Foundation
import Testing

/// A general ledger through the command line (issue 21, items 3 and 5): 借方 − 贷方 with each
/// amount's cell in the export, `validate` finding a sign mistake with its line, and `ingest`
/// naming rows of one file that share a key (all kept) with the key that tells them apart.
@Suite("General ledger commands")
struct GeneralLedgerCommandTests {
    static func workspace(key: String) throws -> String {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-gl-\(UUID().uuidString)").path
        for sub in ["/ledgers", "/profiles", "/kinds"] { try FileManager.default.createDirectory(atPath: ws + sub, withIntermediateDirectories: true) }
        let files = [
            "tieout.yaml": "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: gl\n",
            "kinds/ledger-entry.yaml": """
                kind: ledger-entry
                title: 明细账
                key: \(key)
                dated_by: date
                fields:
                  date: { title: 日期, type: date, required: true }
                  voucher: { title: 凭证号, type: text, required: true }
                  entry: { title: 分录号, type: integer, required: true }
                  account: { title: 科目名称, type: text, required: true }
                  amount: { title: 金额, type: amount, required: true }
                """,
            "profiles/gl.yaml": "kind: ledger-entry\ncolumns:\n  date: 日期\n  voucher: 凭证号\n  entry: 分录号\n  account: 科目名称\n  amount: { from: 借方金额, minus: 贷方金额 }\n",
            "ledgers/2024.csv": """
                日期,凭证号,分录号,科目名称,借方金额,贷方金额
                2024-01-05,记-0001,1,5201 行政支出,1200.00,
                2024-01-05,记-0001,2,1011 零余额账户用款额度,,1200.00
                2024-03-02,记-0001,1,5201 行政支出,300.00,
                2024-03-02,记-0001,2,1011 零余额账户用款额度,,300.00

                """,
        ]
        for (name, text) in files { try text.write(toFile: ws + "/" + name, atomically: true, encoding: .utf8) }
        return ws
    }

    @Test("ingest keeps four entries of two 记-0001 vouchers, warns under [voucher, entry] with the month key, and exports each amount's cell")
    func ingestAndExport() throws {
        let ws = try Self.workspace(key: "[voucher, entry]")
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let r = try CLI.run(["ingest", ws, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("warning: ledgers/2024.csv: 4 rows share their voucher, entry with another row of the file (2 keys; 记-0001|1: rows 2, 4; 记-0001|2: rows 3, 5): all kept as distinct records, none counted once; to tell them apart, give the profile `key: [month, voucher, entry]`\n"))
        #expect(try CLI.run(["export", "--lang", "en", ws, "--format", "csv"]).status == 0)
        let rows = try String(contentsOfFile: ws + "/out/dataset/ledger_entry.csv", encoding: .utf8).components(separatedBy: .newlines).filter { !$0.isEmpty }.dropFirst()
        #expect(rows.map { $0.split(separator: ",").suffix(2).joined(separator: " ") } == ["1200.00 E2", "-1200.00 F3", "300.00 E4", "-300.00 F5"])
        // Under [month, voucher, entry]: nothing to say.
        let ws2 = try Self.workspace(key: "[month, voucher, entry]")
        defer { try? FileManager.default.removeItem(atPath: ws2) }
        let r2 = try CLI.run(["ingest", ws2, "--lang", "en"])
        #expect(r2.status == 0 && !r2.stdout.contains("warning"))
    }

    @Test("validate finds a sign on a field that is no amount, with the profile's line and the fix, before any ledger is read")
    func validateSign() throws {
        let ws = try Self.workspace(key: "[month, voucher, entry]")
        defer { try? FileManager.default.removeItem(atPath: ws) }
        try "kind: ledger-entry\ncolumns:\n  date: 日期\n  voucher: 凭证号\n  entry: { from: 分录号, negate: true }\n  account: 科目名称\n  amount: 借方金额\n"
            .write(toFile: ws + "/profiles/gl.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", ws, "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Error: key 'columns.entry.negate': 'negate' applies to amount fields; entry (分录号) is integer at profiles/gl.yaml:5\nHelp: The sign of a value is an amount's: remove `negate:` here, or map an amount field.\n"), "\(r.stderr)")
    }
}
