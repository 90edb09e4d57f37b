import Foundation
import Testing
import TieoutTestSupport

/// `tieout validate` finds the mistakes of readings and column groups before any row is read.
@Suite("validate: readings and column groups")
struct ReadingsValidateTests {
    static func workspace(_ sources: String, profiles: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-rv-\(UUID().uuidString)").path
        for sub in ["/ledgers", "/profiles"] { try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true) }
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n\(sources)\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        for (name, text) in profiles { try text.write(toFile: dir + "/profiles/\(name).yaml", atomically: true, encoding: .utf8) }
        try madeGridWorkbook([
            GridSheet("预算表", [
                ["单位：元"],
                ["项目名称", "支出类型", "年初预算", "", "预算调整", ""],
                ["", "", "文号", "金额", "文号", "追加"],
                ["办公费", "基本支出", "财预〔2024〕1号", "120000", "", ""],
            ], merged: ["A2:A3", "B2:B3", "C2:D2", "E2:F2"]),
            GridSheet("说明", [["注", "本表"]]),
        ], at: dir + "/ledgers/预算.xlsx")
        return dir
    }

    static let wide = """
        kind: budget-indicator
        header: [2, 3]
        unit: from-title
        subtotals: none
        columns: { item: 项目名称, spend_type: 支出类型 }
        groups:
          年初预算:
            constants: { stage: initial, date: 2024-01-01 }
            columns: { document: 文号, amount: 金额 }
          预算追加:
            constants: { stage: adjustment, date: 2024-06-30 }
            columns: { document: 文号, amount: 追加 }
        """

    @Test("a group header the file does not have: the profile's line, the file, and the group headers it has")
    func missingGroupHeader() throws {
        let dir = try Self.workspace("  - files: ledgers/*.xlsx\n    profile: wide", profiles: ["wide": Self.wide])
        let r = try CLI.run(["validate", dir, "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Error: the group '预算追加' of profiles/wide.yaml is not a group header of \(dir)/ledgers/预算.xlsx at profiles/wide.yaml:10\n"))
        #expect(r.stderr.contains("Help: Its group headers are '年初预算', '预算调整'; correct the group's name under `groups:`.\n"))
        #expect(r.stderr.hasSuffix("1 mistake in \(dir)'s settings; nothing was read or written.\n"))
        // Corrected: valid, and ingest reads a part per group.
        try Self.wide.replacingOccurrences(of: "预算追加:", with: "预算调整:").write(toFile: dir + "/profiles/wide.yaml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["validate", dir]).status == 0)
        let ingest = try CLI.run(["ingest", dir, "--lang", "en"])
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains("ledgers/预算.xlsx[年初预算]") && ingest.stdout.contains("ledgers/预算.xlsx[预算调整]"))
    }

    @Test("a sheets map naming a profile that does not exist, and a sheet the workbook lacks: each with tieout.yaml's line")
    func sheetMapMistakes() throws {
        let dir = try Self.workspace("  - files: ledgers/*.xlsx\n    sheets: { 预算表: wide, 调整表: budget-adjust }", profiles: ["wide": Self.wide.replacingOccurrences(of: "预算追加:", with: "预算调整:")])
        let r = try CLI.run(["validate", dir, "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Error: there is no profile 'budget-adjust' at \(dir)/tieout.yaml:5\n"))
        #expect(r.stderr.contains("Error: ledgers/预算.xlsx has no sheet named '调整表' (the `sheets:` map of its source) at \(dir)/tieout.yaml:5\n"))
        #expect(r.stderr.contains("Help: Its sheets are '预算表', '说明'; correct the sheet's name in the `sheets:` map of tieout.yaml.\n"))
        // Without the second entry: valid; the 说明 sheet is listed as not read.
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.xlsx\n    sheets: { 预算表: wide }\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["validate", dir]).status == 0)
        let ingest = try CLI.run(["ingest", dir, "--lang", "en"])
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains("ledgers/预算.xlsx[预算表/年初预算]") && ingest.stdout.contains("ledgers/预算.xlsx[预算表/预算调整]"))
        #expect(ingest.stdout.contains("note: the sheet ledgers/预算.xlsx: 说明 is not in its source's `sheets:` map, so it was not read\n"))
    }
}
