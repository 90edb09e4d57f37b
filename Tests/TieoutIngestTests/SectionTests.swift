import Foundation
import Testing
import TieoutCore
@testable import TieoutIngest

/// `sections:`: a section row (一、货物类) fills a field for the rows below it; a 小计 covers its
/// section, 总计 every row; a section row stating an amount is checked against its section.
@Suite("Section rows (sections:)")
struct SectionTests {
    static let profile = """
        kind: procurement
        sections:
          field: category
          pattern: "^[一二三四五六七八九十]+、"
        subtotals: { labels: [小计, 总计] }
        columns:
          plan_id: 计划编号
          item: 采购项目
          plan_amount: 计划金额
          contract: 合同编号
        """

    /// Section 一 has no 小计 of its own; section 三's row states its total (and it is wrong).
    static let ledger = """
        采购计划表
        计划编号,采购项目,计划金额,合同编号
        一、货物类,,,
        CG-01,电脑,5000.00,HT-1
        CG-02,打印机,1500.00,HT-2
        二、服务类,,,
        CG-03,物业服务,12000.00,HT-3
        小计,,12000.00,
        三、工程类,,20000.00,
        CG-04,维修改造,19000.00,HT-4
        总计,,37500.00,

        """

    @Test("the section's word fills category below it; 小计 covers its own section only, 总计 every row; a section row's amount is checked against its section")
    func sections() throws {
        let path = try temporaryFile("procurement.csv", Self.ledger)
        let (records, rejects, result) = try apply(Self.profile, to: path)
        #expect(rejects.isEmpty)
        #expect(records.map { "\($0["plan_id"]!) \($0["category"]!) \($0["plan_amount"]!)" } == [
            "CG-01 goods 5000.00", "CG-02 goods 1500.00", "CG-03 services 12000.00", "CG-04 works 19000.00",
        ])
        #expect(result.subtotals.map { "\($0.label) \($0.field) \($0.stated!) \($0.computed) \($0.rows) \($0.status)" } == [
            "小计 plan_amount 12000.00 12000.00 1 ok",          // its own section, not 一、货物类's rows above
            "三、工程类 plan_amount 20000.00 19000.00 1 mismatch",
            "总计 plan_amount 37500.00 37500.00 4 ok",
        ])
        #expect(result.subtotals[1].location.description == "\(path):9:3")
        #expect(result.skipped.map(\.reason) == ["section row: category = 货物类 for the rows below", "section row: category = 服务类 for the rows below"])
        #expect(result.skipped.map { $0.location.record } == [3, 6])
        var a = RowAccounting(); a.read = 9; a.accepted = 4; a.subtotal = 3; a.skipped = 2
        #expect(result.accounting == a && a.addsUp)
    }

    @Test("regression: without sections: the same file's 小计 covers both sections above it and disagrees, and the section rows are rejected as records")
    func withoutSections() throws {
        let path = try temporaryFile("procurement.csv", Self.ledger)
        let (records, rejects, result) = try apply(Self.profile.replacing("""
            sections:
              field: category
              pattern: "^[一二三四五六七八九十]+、"

            """, with: "constants: { category: goods }\n"), to: path)
        #expect(records.count == 4)
        #expect(rejects.count == 3)   // 一、货物类, 二、服务类 and 三、工程类 as records without a 计划编号 or amount
        #expect(result.subtotals.first.map { "\($0.stated!) \($0.computed) \($0.status)" } == "12000.00 18500.00 incomplete")
    }

    @Test("a section word the field does not know rejects the section row; the rows below are rejected as having no category")
    func unknownWord() throws {
        let path = try temporaryFile("procurement.csv", """
            计划编号,采购项目,计划金额,合同编号
            一、货物类,,,
            CG-01,电脑,5000.00,HT-1
            二、其他类,,,
            CG-02,咨询,800.00,HT-2

            """)
        let (records, rejects, result) = try apply(Self.profile, to: path)
        #expect(records.map { $0["plan_id"]!.description } == ["CG-01"])
        #expect(rejects.map(\.reason) == [
            "category (采购类别) of the section row '二、其他类': \"其他类\" is not one of 工程, 工程类, 服务, 服务类, 货物, 货物类 (the words the profile maps)",
            "category (采购类别) is blank: the section row above (\(path):4) did not give one",
        ])
        // And in Chinese, for rejects.csv and the reports (before: nil, the English shown in a Chinese run).
        #expect(rejects.map(\.reasonZh) == [
            "分节行“二、其他类”的 category（采购类别）：“其他类”不是 工程, 工程类, 服务, 服务类, 货物, 货物类 之一（配置所映射的词）",
            "category（采购类别）为空：上方的分节行（\(path):4）没有给出",
        ])
        var a = RowAccounting(); a.read = 4; a.accepted = 1; a.rejected = 2; a.skipped = 1
        #expect(result.accounting == a)
        // map: gives the word a value.
        let (mapped, _, _) = try apply(Self.profile.replacing("pattern: \"^[一二三四五六七八九十]+、\"", with: "pattern: \"^[一二三四五六七八九十]+、\"\n  map: { 其他类: services }"), to: path)
        #expect(mapped.map { "\($0["plan_id"]!) \($0["category"]!)" } == ["CG-01 goods", "CG-02 services"])
        // A group in the pattern names the value: 一、货物类（2项） → 货物类.
        let counted = try temporaryFile("procurement.csv", "计划编号,采购项目,计划金额,合同编号\n一、货物类（2项）,,,\nCG-01,电脑,5000.00,HT-1\n")
        let (grouped, _, _) = try apply(Self.profile.replacing("pattern: \"^[一二三四五六七八九十]+、\"", with: "pattern: \"^[一二三四五六七八九十]+、([^（]+)\""), to: counted)
        #expect(grouped.map { "\($0["plan_id"]!) \($0["category"]!)" } == ["CG-01 goods"])
    }

    @Test("regression: in a year's ledger each 本月合计 covers its month, 本季合计 its quarter, 本年合计 the year (before, every 本月合计 after January was checked against every row so far: a mismatch)")
    func levels() throws {
        let path = try temporaryFile("ledger.csv", """
            凭证号,支付日期,支出类型,经济分类,金额
            记-1,2024-01-05,基本支出,30201 办公费,100.00
            记-2,2024-01-20,基本支出,30201 办公费,20.00
            本月合计,,,,120.00
            记-3,2024-02-03,基本支出,30201 办公费,7.00
            小计,,,,7.00
            记-4,2024-02-10,基本支出,30201 办公费,3.00
            本月合计,,,,10.00
            记-5,2024-03-03,基本支出,30201 办公费,1.00
            本月合计,,,,1.00
            本季合计,,,,131.00
            记-6,2024-04-01,基本支出,30201 办公费,9.00
            本月合计,,,,9.00
            本年合计,,,,140.00

            """)
        let (records, _, result) = try apply("""
            kind: treasury-payment
            columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, amount: 金额 }
            """, to: path)
        #expect(records.count == 6)
        #expect(result.subtotals.map { "\($0.label) \($0.stated!) \($0.computed) \($0.rows) \($0.status)" } == [
            "本月合计 120.00 120.00 2 ok",
            "小计 7.00 7.00 1 ok",
            "本月合计 10.00 10.00 2 ok",      // its month: the 小计 inside it does not end it
            "本月合计 1.00 1.00 1 ok",
            "本季合计 131.00 131.00 5 ok",
            "本月合计 9.00 9.00 1 ok",
            "本年合计 140.00 140.00 6 ok",
        ])
    }

    @Test("mistakes in sections: are errors with the line and the fix")
    func mistakes() throws {
        func problem(_ sections: String, columns: String = "plan_id: 计划编号\n  item: 采购项目\n  plan_amount: 计划金额") -> String {
            do { _ = try Profile.parse("kind: procurement\n\(sections)\ncolumns:\n  \(columns)", file: "p.yaml"); return "parsed" }
            catch { return error.description }
        }
        #expect(problem("sections: { field: category }").contains("`sections:` needs 'pattern'"))
        #expect(problem("sections: { field: kategory, pattern: \"^一、\" }").contains("'kategory' is not a field of procurement"))
        #expect(problem("sections: { field: actual_amount, pattern: \"^一、\" }").contains("a section row fills a text or enumeration field"))
        #expect(problem("sections: { field: category, pattern: \"^(一\" }").contains("is not a valid pattern"))
        #expect(problem("sections: { field: category, pattern: \"^一、\", map: { 其他: misc } }").contains("'misc' is not one of goods, services, works"))
        #expect(problem("sections: { field: item, pattern: \"^一、\" }").contains("'item' is also a column or a constant"))
        // Without sections:, category has no column: the usual error.
        #expect(problem("").contains("the required field 'category' (采购类别) has no column"))
        #expect(problem("sections: { field: category, pattern: \"^一、\" }") == "parsed")
    }
}
