import Foundation
import TieoutTestSupport
import Testing
import TieoutCore
@testable import TieoutIngest

@Suite("Profile features")
struct ProfileFeatureTests {
    @Test("unit from a title line, a units row skipped, a footer skipped by pattern, date formats, mapped words, verbatim codes; rejects say why")
    func unitsAndSkips() throws {
        let (records, rejects, result) = try apply("""
            kind: treasury-payment
            unit: from-title
            skip:
              rows: 1
              patterns: ["^注："]
            columns:
              voucher: 凭证号
              date: { from: 支付日期, formats: [dd/MM/yyyy] }
              spend_type: { from: 支出类型, map: { 基本支出: basic, 项目支出: project } }
              economic_class: 经济分类
              amount: 金额
            """, to: ingestFixture("units-and-skips.csv"))
        #expect(result.unit == .wanYuan)
        #expect(records.map { $0["voucher"]!.description } == ["00123", "00124"])
        #expect(records.map { $0["amount"]!.description } == ["15000", "20002500"])   // 1.5 and 2,000.25 万元, in 元
        #expect(records.map { $0["date"]!.description } == ["2024-03-05", "2024-03-06"])
        #expect(records.map { $0["spend_type"]!.description } == ["basic", "project"])
        #expect(rejects.map(\.reason) == [
            "spend_type (支出类型): \"基本\" is not one of 基本支出, 项目支出 (the words the profile maps)",
            "amount (金额): \"12%\" is a percentage where an amount is expected",
            "date (支付日期): \"31/02/2024\" is not a date in the form dd/MM/yyyy",
            "amount (金额) is blank, and every treasury-payment needs one",
        ])
        #expect(rejects.map { $0.location.description } == [
            "\(ingestFixture("units-and-skips.csv")):7:3", "\(ingestFixture("units-and-skips.csv")):8:5",
            "\(ingestFixture("units-and-skips.csv")):9:2", "\(ingestFixture("units-and-skips.csv")):10:5",
        ])
        #expect(rejects[0].cells == ["00125", "07/03/2024", "基本", "30201 办公费", "3"])
        #expect(result.skipped.map(\.reason) == ["one of the 1 rows below the header that the profile skips",
                                                 "a cell matches the skip pattern ^注："])
        var a = RowAccounting(); a.read = 8; a.accepted = 2; a.rejected = 4; a.skipped = 2
        #expect(result.accounting == a && a.addsUp)
    }

    @Test("subtotal rows: checked against the rows they cover (小计 since the last subtotal, 合计 all), then left out")
    func subtotals() throws {
        let (records, rejects, result) = try apply("""
            kind: treasury-payment
            subtotals: { column: 凭证号 }
            columns:
              voucher: 凭证号
              date: 支付日期
              spend_type: { from: 支出类型, map: { 基本支出: basic, 项目支出: project } }
              economic_class: 经济分类
              amount: 金额
            """, to: ingestFixture("subtotals.csv"))
        #expect(records.count == 4 && rejects.count == 1)
        #expect(result.subtotals.map { "\($0.label) \($0.stated?.description ?? "-") \($0.computed) \($0.rows) \($0.status)" } == [
            "小计 300.00 300.00 2 ok",
            "小计 50.00 50.00 1 incomplete",      // 记-4 was rejected: the sum is partial
            "小计 20.00 25.00 1 mismatch",        // the rows sum to 25.00
            "合计 375.00 375.00 4 incomplete",
        ])
        #expect(result.subtotals[2].location.description == "\(ingestFixture("subtotals.csv")):9:5")
        var a = RowAccounting(); a.read = 9; a.accepted = 4; a.rejected = 1; a.subtotal = 4
        #expect(result.accounting == a)
    }

    @Test("a wrong 合计 row is found; counts are checked like amounts")
    func wrongTotal() throws {
        let (records, _, result) = try apply(BuiltInProfiles.text("staffing")!, to: ingestFixture("staffing.csv"))
        #expect(records.count == 2)
        #expect(result.subtotals.map { "\($0.field) \($0.stated!) \($0.computed) \($0.status)" } == [
            "authorised 9 9 ok", "on_post 8 8 ok", "off_establishment 10 9 mismatch",
        ])
    }

    @Test("类/款/项 codes: a row whose code begins the codes below it is their total, checked against its direct children")
    func hierarchy() throws {
        let (records, rejects, result) = try apply("""
            kind: budget-indicator
            subtotals: { hierarchy: 科目编码 }
            columns:
              document: 科目编码
              item: 科目名称
              amount: 金额
            constants:
              date: 2024-01-05
              spend_type: basic
              stage: initial
            """, to: ingestFixture("hierarchy.csv"))
        #expect(rejects.isEmpty)
        #expect(records.map { $0["document"]!.description } == ["2010301", "2010302", "2080505"])
        #expect(records[0]["date"] == .date(CalendarDate(year: 2024, month: 1, day: 5)!))
        #expect(records[0].cell(of: "date") == nil && records[0].cell(of: "amount") == "C4")
        #expect(result.subtotals.map { "\($0.label) \($0.stated!) \($0.computed) \($0.rows) \($0.status)" } == [
            "201 100.00 100.00 1 ok", "20103 100.00 100.00 2 ok", "208 50.00 45.00 1 mismatch", "20805 45.00 45.00 1 ok",
        ])
        var a = RowAccounting(); a.read = 7; a.accepted = 3; a.subtotal = 4
        #expect(result.accounting == a)
    }

    @Test("percentages need their % sign; yes/no words; codes keep their leading zeros")
    func percentagesAndBooleans() throws {
        let (records, rejects, _) = try apply(BuiltInProfiles.text("projects")!, to: ingestFixture("projects.csv"))
        #expect(records.map { $0["project_id"]!.description } == ["001", "002"])
        #expect(records.map { $0["progress"]!.description } == ["1.00", "0.855"])
        #expect(records[1]["government_investment"] == .boolean(true) && records[1]["actual_completion"] == nil)
        #expect(rejects.map(\.reason) == [
            "target_filed (已编报绩效目标): \"未知\" is neither yes (是, Y, true, 1) nor no (否, N, false, 0); map it under `map:` in the profile",
            "progress (形象进度): \"99.5\" has no % sign, so whether it is a fraction or percentage points is unclear (write 99.46%)",
        ])
    }

    @Test("a two-row merged header is flattened: 预算数/基本支出 (a workbook written by LibreOffice)")
    func multiRowHeader() throws {
        let path = repositoryRoot + "/Tests/TieoutXLSXTests/Fixtures/libreoffice-budget.xlsx"
        let (records, rejects, result) = try apply("""
            kind: budget-indicator
            header: [1, 2]
            columns:
              document: 项目
              item: 项目
              date: 日期
              amount: 预算数/项目支出
            constants:
              spend_type: project
              stage: adjustment
            """, to: path)
        #expect(result.header.columns == ["项目", "日期", "预算数/基本支出", "预算数/项目支出", "执行率"])
        #expect(rejects.isEmpty)
        #expect(records.map { "\($0["item"]!) \($0["date"]!) \($0["amount"]!) \($0.cell(of: "amount")!)" } == [
            "政务信息化系统运维 2024-03-05 -1200.5 D3", "12345热线 2024-12-31 2422.3 D4",
        ])
        #expect(result.sheet == "预算执行")
        #expect(ProfileApplier.flatten([["项目", "预算数", "", "执行率"], ["", "基本支出", "项目支出", ""]])
                == ["项目", "预算数/基本支出", "预算数/项目支出", "执行率"])
    }

    @Test("an amount beyond any ledger is rejected, not summed into an overflow")
    func beyondLedger() throws {
        let nines = String(repeating: "9", count: 38)
        let path = try temporaryFile("huge.csv", "凭证号,支付日期,支出类型,经济分类,金额\n记-1,2024-03-01,基本支出,30201 办公费,\(nines)\n记-2,2024-03-01,基本支出,30201 办公费,\(nines)\n合计,,,,1\n")
        let (records, rejects, result) = try apply("""
            kind: treasury-payment
            subtotals: { column: 凭证号 }
            columns: { voucher: 凭证号, date: 支付日期, spend_type: { from: 支出类型, map: { 基本支出: basic } }, economic_class: 经济分类, amount: 金额 }
            """, to: path)
        #expect(records.isEmpty)
        #expect(rejects.map(\.reason) == Array(repeating: "amount (金额): \(nines) is beyond any ledger (10^20 yuan or more); check the column's unit and the export", count: 2))
        #expect(result.subtotals.map(\.status) == [.incomplete])
    }

    @Test("a ragged record is rejected: its columns may be shifted")
    func ragged() throws {
        let path = try temporaryFile("ragged.csv", "凭证号,支付日期,支出类型,经济分类,金额\n记-1,2024-03-01,基本支出,30201 办公费,100.00\n记-2,2024-03-02,基本支出,30201,办公费,200.00\n")
        let (records, rejects, _) = try apply("""
            kind: treasury-payment
            columns: { voucher: 凭证号, date: 支付日期, spend_type: { from: 支出类型, map: { 基本支出: basic } }, economic_class: 经济分类, amount: 金额 }
            """, to: path)
        #expect(records.count == 1)
        #expect(rejects.map(\.reason) == ["the record has 6 fields but the header has 5, so its columns may be shifted"])
    }
}

/// The documented default for `subtotals:` applies. Before: a profile without the key
/// imported 合计 rows as records, and the staffing counts doubled.
@Suite("Subtotal defaults")
struct SubtotalDefaultTests {
    static let staffing = """
        kind: staffing
        columns:
          department: 科室
          authorised: 核定编制数
          on_post: 实有在编人数
          off_establishment: 编外人员数
        """

    @Test("no subtotals key: 合计 is a subtotal (checked, left out), never a record")
    func defaultLabels() throws {
        let (records, rejects, result) = try apply(Self.staffing, to: ingestFixture("staffing.csv"))
        #expect(records.map { $0["department"]!.description } == ["办公室", "数据科"])
        #expect(rejects.isEmpty && result.accounting.subtotal == 1)
        #expect(result.subtotals.map { "\($0.label) \($0.field) \($0.stated!) \($0.computed) \($0.status)" } == [
            "合计 authorised 9 9 ok", "合计 on_post 8 8 ok", "合计 off_establishment 10 9 mismatch",
        ])
    }

    @Test("subtotals: none turns it off: the 合计 row is a record like any other")
    func none() throws {
        let (records, _, result) = try apply(Self.staffing + "\nsubtotals: none\n", to: ingestFixture("staffing.csv"))
        #expect(records.map { $0["department"]!.description } == ["办公室", "数据科", "合计"])
        #expect(result.subtotals.isEmpty && result.accounting.subtotal == 0)
    }
}
