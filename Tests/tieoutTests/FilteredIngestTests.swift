import Foundation
import Testing

/// `tieout ingest` with a profile's `where:`: the filtered rows counted in the table and by
/// reason; `tieout validate` finds a mistake in `where:` before any ledger is read.
@Suite("Filtered rows at the command line")
struct FilteredIngestTests {
    /// A workspace reading ledgers/*.csv with profiles/p.yaml; returns (parent folder, workspace name).
    static func workspace(profile: String) throws -> (String, String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-filtered-cli-\(UUID().uuidString)").path
        let dir = parent + "/ws"
        try FileManager.default.createDirectory(atPath: dir + "/ledgers", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: p\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try profile.write(toFile: dir + "/profiles/p.yaml", atomically: true, encoding: .utf8)
        try """
            凭证号,凭证状态,支付日期,支出类型,经济分类,金额
            记-1,已审核,2024-03-01,基本支出,30201 办公费,100.00
            记-2,已作废,2024-03-02,基本支出,30201 办公费,200.00
            记-3,已作废,2024-03-03,基本支出,30201 办公费,300.00
            ,已审核,,,,
            记-4,已审核,2024-03-04,基本支出,30201 办公费,4.00

            """.write(toFile: dir + "/ledgers/2024-03.csv", atomically: true, encoding: .utf8)
        return (parent, "ws")
    }

    static let profile = """
        kind: treasury-payment
        where:
          凭证状态: { not: [已作废] }
          凭证号: { not: blank }
        columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, amount: 金额 }
        """

    @Test("ingest: a filtered column in the table, the reasons counted per file; exit 0 (filtered rows are not problems)")
    func ingest() throws {
        let (dir, ws) = try Self.workspace(profile: Self.profile)
        let r = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "file                 profile  status  period   read  accepted  rejected  subtotal  skipped  filtered")
        #expect(lines.contains("ledgers/2024-03.csv  p        new     2024-03     5         2         0         0        0         3"))
        #expect(lines.contains("read this run                                     5         2         0         0        0         3"))
        #expect(lines.contains("filtered: ledgers/2024-03.csv: 2 × 凭证状态 is 已作废 (where: not 已作废); 1 × 凭证号 is blank (where: not blank)"))
        let json = try CLI.run(["ingest", ws, "--json", "--force"], in: dir)
        #expect(json.stdout.contains("\"accounting\":{\"accepted\":2,\"filtered\":3,\"read\":5,\"rejected\":0,\"skipped\":0,\"subtotal\":0}"))
        #expect(json.stdout.contains("\"filtered_reasons\":{\"凭证号 is blank (where: not blank)\":1,\"凭证状态 is 已作废 (where: not 已作废)\":2}"))
    }

    @Test("totals --profile: the filtered rows counted apart from the skipped ones, the total the records'")
    func totals() throws {
        let (dir, ws) = try Self.workspace(profile: Self.profile)
        let r = try CLI.run(["totals", "--lang", "en", "\(ws)/ledgers/2024-03.csv", "--profile", "\(ws)/profiles/p.yaml", "--sum", "amount"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("104.00"))
        #expect(r.stdout.hasSuffix("profile ws/profiles/p.yaml: subtotal rows 0 (checked, left out), rows skipped 0, rows filtered 3 (where:)\n"))
        let json = try CLI.run(["totals", "--lang", "en", "\(ws)/ledgers/2024-03.csv", "--profile", "\(ws)/profiles/p.yaml", "--sum", "amount", "--json"], in: dir)
        #expect(json.stdout.contains("\"skipped_rows\":0,\"filtered_rows\":3"))
    }

    @Test("validate: a condition that is neither not: nor is: is an error with the profile's line, exit 2")
    func validate() throws {
        let (dir, ws) = try Self.workspace(profile: Self.profile.replacing("凭证号: { not: blank }", with: "凭证号: { isnt: blank }"))
        let r = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("profiles/p.yaml:4"))
        #expect(r.stderr.contains("unknown key 'isnt'"))
    }
}
