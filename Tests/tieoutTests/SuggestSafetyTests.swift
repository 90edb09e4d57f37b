import Foundation
import Testing
import TieoutTestSupport

/// `suggest` on exports seen in issue 21: a header block above a two-row header, a blank
/// header cell, a procurement export, a quarterly export, words no enumeration knows.
@Suite("suggest: safe to trust")
struct SuggestSafetyTests {
    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-suggest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A one-sheet workbook of inline strings and numbers, written to `path`.
    static func workbook(_ rows: [[Any]], sheet: String = "采购") throws -> String {
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
        return try madeWorkbook(sheets: [(sheet, xml)])
    }

    static var blockRows: [[Any]] { [
        ["单位名称：测试局", "期间：2024年"],
        ["计划编号", "采购项目", "采购类别", "金额", "", "合同编号"],
        ["", "", "", "计划", "实际", ""],
        ["CG-1", "办公设备", "货物", 12.5, 12, "HT-1"],
        ["CG-2", "物业服务", "服务", 30, 29.5, "HT-2"],
    ] }

    @Test("a header block of two text cells above a two-row header is not the header")
    func headerBlock() throws {
        let path = try Self.workbook(Self.blockRows)
        let r = try CLI.run(["suggest", path, "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(r.stdout == """
        # A starting profile for \(name), suggested by `tieout suggest`. Lines marked GUESS
        # are guesses to check; UNMAPPED columns are read by no field.
        kind: procurement    # GUESS: the kind whose fields the header names best (6 of 6)
        # title lines above the header: 单位名称：测试局 期间：2024年
        header: [2, 3]    # GUESS: a header of two rows, flattened as 金额/计划
        unit: 元    # GUESS — CHECK: no 单位 line and no amount column's header names a unit; amounts taken as 元 (write unit: 万元 if they are in 万元)
        subtotals: none    # no 合计/小计/总计 row found
        columns:
          plan_id: 计划编号    # by name
          item: 采购项目    # by name
          category:    # by name
            from: 采购类别
          plan_amount: 金额/计划    # by name
          contract: 合同编号    # by name
          actual_amount: 金额/实际    # by name

        """)
    }

    @Test("group headers over merged cells (项目 | 年初预算 | | | 预算调整 | |) are narrow but gapped: they stay the header")
    func groupHeaderStays() throws {
        let path = try Self.workbook([
            ["项目名称", "年初预算", "", "", "预算调整", "", ""],
            ["", "文号", "日期", "金额", "文号", "日期", "金额"],
            ["信息化运维", "深财预〔2024〕1号", "2024-01-10", 1000, "深财预〔2024〕9号", "2024-06-10", 200],
        ], sheet: "预算")
        let r = try CLI.run(["suggest", path, "--kind", "budget-indicator", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("header block"), "\(r.stdout)")
        #expect(r.stdout.contains("header: [1, 2]    # GUESS: a header of two rows, flattened as 年初预算/文号\n"), "\(r.stdout)")
    }

    @Test("--header-row names the header")
    func headerRowOption() throws {
        let path = try Self.workbook(Self.blockRows)
        let r = try CLI.run(["suggest", path, "--header-row", "2", "--kind", "procurement", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("kind: procurement\n# title lines above the header: 单位名称：测试局 期间：2024年\nheader: [2, 3]    # GUESS: a header of two rows, flattened as 金额/计划\n"))
        #expect(r.stdout.contains("  plan_amount: 金额/计划    # by name\n"))
        let bad = try CLI.run(["suggest", path, "--header-row", "0", "--lang", "en"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--header-row takes the number of the row that holds the column names, from 1"))
    }

    @Test("a blank header cell is named by its letter, never amount: \"\"; the profile ingests")
    func blankHeader() throws {
        let dir = try Self.folder()
        #expect(try CLI.run(["init", "ws"], in: dir).status == 0)
        try "凭证号,支付日期,经济分类,支出类型,\nV1,2024-03-01,30201 办公费,基本支出,100.00\nV2,2024-03-02,30211 差旅费,基本支出,250.50\n"
            .write(toFile: dir + "/ws/ledgers/blank.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["suggest", "ws/ledgers/blank.csv", "--lang", "en"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("  amount: E    # GUESS by its values\n"))
        #expect(!r.stdout.contains("\"\""))
        let o = try CLI.run(["suggest", "ws/ledgers/blank.csv", "-o", "ws/profiles/payments.yaml", "--lang", "en"], in: dir)
        #expect(o.status == 0, "\(o.stderr)")
        let ingest = try CLI.run(["ingest", "ws", "--lang", "en"], in: dir)
        #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
        // file, profile, status, period, read, accepted, rejected, …
        let row = ingest.stdout.split(separator: "\n").first { $0.hasPrefix("ledgers/blank.csv ") }?.split(separator: " ").map(String.init)
        #expect(row.map { Array($0.prefix(7)) } == ["ledgers/blank.csv", "payments", "new", "2024-03", "2", "2", "0"], "\(ingest.stdout)")
    }

    @Test("a procurement export whose dates, project and budget columns name payments' fields loosely is procurement")
    func procurementKind() throws {
        let dir = try Self.folder()
        try """
        采购计划编号,采购项目名称,采购方式,采购类别,预算金额,合同编号,合同金额,供应商名称,合同签订日期,项目名称
        CG-2024-01,办公设备,公开招标,货物,120000,HT-01,118000,甲公司,2024-03-05,办公设备购置
        CG-2024-02,物业服务,竞争性磋商,服务,300000,HT-02,295000,乙公司,2024-04-10,物业管理

        """.write(toFile: dir + "/proc.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["suggest", "proc.csv", "--lang", "en"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("kind: procurement    # GUESS: the kind whose fields the header names best (4 of 6)\n"), "\(r.stdout)")
        #expect(r.stdout.contains("  plan_id: 采购计划编号    # by name\n"))
    }

    @Test("period: from the dates: a quarter's export is quarter, a month's month")
    func periodFromDates() throws {
        let dir = try Self.folder()
        let header = "单位：元,,,,,,,,\n凭证号,支付日期,功能分类,经济分类,项目名称,支出类型,合同编号,摘要,金额\n"
        try (header + "V1,2024-01-05,2013101 行政运行,30201 办公费,,基本支出,,办公,100.00\nV2,2024-02-15,2013101 行政运行,30201 办公费,,基本支出,,办公,200.00\nV3,2024-03-25,2013101 行政运行,30201 办公费,,基本支出,,办公,300.00\n")
            .write(toFile: dir + "/q1.csv", atomically: true, encoding: .utf8)
        try (header + "V1,2024-03-05,2013101 行政运行,30201 办公费,,基本支出,,办公,100.00\nV2,2024-03-15,2013101 行政运行,30201 办公费,,基本支出,,办公,200.00\n")
            .write(toFile: dir + "/m3.csv", atomically: true, encoding: .utf8)
        let q = try CLI.run(["suggest", "q1.csv", "--lang", "en"], in: dir)
        #expect(q.stdout.contains("\nperiod: quarter    # its dates (2024-01-05 to 2024-03-25) are of one quarter\n"), "\(q.stdout)")
        let m = try CLI.run(["suggest", "m3.csv", "--lang", "en"], in: dir)
        #expect(m.stdout.contains("\nperiod: month    # its dates (2024-03-05 to 2024-03-15) are of one month\n"), "\(m.stdout)")
    }

    @Test("words no enumeration knows: a map: to the closest value, each a GUESS")
    func closestWords() throws {
        let dir = try Self.folder()
        try """
        单位：元,,,,,
        指标文号,下达日期,指标名称,支出类型,指标类型,金额
        深财预〔2024〕1号,2024-01-10,人员经费,人员类,年初批复,1000.00
        深财预〔2024〕2号,2024-01-10,运转经费,运转类,年初批复,500.00
        深财预〔2024〕3号,2024-05-10,信息化项目,特定目标类,追加,800.00

        """.write(toFile: dir + "/words.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["suggest", "words.csv", "--lang", "en"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("""
          spend_type:    # by name
            from: 支出类型
            map:
              人员类: basic    # GUESS — CHECK: no word of spend_type is '人员类'; basic is the closest of basic, project
              特定目标类: project    # GUESS — CHECK: no word of spend_type is '特定目标类'; project is the closest of basic, project
              运转类: basic    # GUESS — CHECK: no word of spend_type is '运转类'; basic is the closest of basic, project
          stage:    # by name
            from: 指标类型
            map:
              年初批复: initial    # GUESS — CHECK: no word of stage is '年初批复'; initial is the closest of initial, adjustment

        """), "\(r.stdout)")
        #expect(!r.stdout.contains("GUESS needed"))
    }
}
