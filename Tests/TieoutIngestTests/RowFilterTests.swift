import Foundation
import Testing
import TieoutCore
@testable import TieoutIngest

/// `where:`: conditions on named columns decide which rows are records; a row that fails one
/// is `filtered`, counted apart from skipped rows, with the condition it failed.
@Suite("Row filters (where:)")
struct RowFilterTests {
    /// A treasury export with a voided voucher, a continuation line, a closing entry, a footer
    /// note and a record whose 摘要 starts with 注：, as the general ledgers write them.
    static let ledger = """
        国库集中支付明细
        凭证号,凭证状态,支付日期,支出类型,经济分类,摘要,金额
        记-001,已审核,2024-03-01,基本支出,30201 办公费,购办公用品,100.00
        记-002,已作废,2024-03-02,基本支出,30201 办公费,购打印纸,200.00
        ,,,,,（接上行）,
        记-003,已审核,2024-03-31,基本支出,30201 办公费,期末结转,300.00
        记-004,已审核,2024-03-04,项目支出,30201 办公费,注：退回资金,40.00
        合计,,,,,,140.00
        注：本表由系统生成,,,,,,

        """

    static let columns = """
        columns:
          voucher: 凭证号
          date: 支付日期
          spend_type: 支出类型
          economic_class: 经济分类
          summary: 摘要
          amount: 金额
        """

    @Test("凭证状态 not 已作废, 摘要 not *结转*, 凭证号 not blank or 注：*: those rows are filtered with their reasons; the 合计 is checked on the records alone")
    func filters() throws {
        let path = try temporaryFile("ledger.csv", Self.ledger)
        let (records, rejects, result) = try apply("""
            kind: treasury-payment
            where:
              凭证状态: { not: [已作废] }
              摘要: { not: ["*结转*"] }
              凭证号: { not: [blank, "注：*"] }
            \(Self.columns)
            """, to: path)
        #expect(rejects.isEmpty)
        #expect(records.map { $0["voucher"]!.description } == ["记-001", "记-004"])
        #expect(records.map { $0["summary"]!.description } == ["购办公用品", "注：退回资金"])
        #expect(result.filtered.map(\.reason) == [
            "凭证状态 is 已作废 (where: not 已作废)",
            "凭证号 is blank (where: not blank, 注：*)",
            "摘要 is 期末结转 (where: not *结转*)",
            "凭证号 is 注：本表由系统生成 (where: not blank, 注：*)",
        ])
        #expect(result.filtered.map { $0.location.record } == [4, 5, 6, 9])
        #expect(result.subtotals.map { "\($0.label) \($0.stated!) \($0.computed) \($0.rows) \($0.status)" } == ["合计 140.00 140.00 2 ok"])
        var a = RowAccounting(); a.read = 7; a.accepted = 2; a.subtotal = 1; a.filtered = 4
        #expect(result.accounting == a && a.addsUp)
        #expect(result.skipped.isEmpty)
    }

    @Test("regression: skip.patterns matches any cell, so ^注： drops the record whose 摘要 starts with 注： too; where: on 凭证号 drops only the footer")
    func skipPatternsMatchAnyCell() throws {
        let path = try temporaryFile("ledger.csv", Self.ledger)
        // skip.patterns keeps working as documented: any cell, anywhere in the row.
        let (skippedRecords, _, skipped) = try apply("""
            kind: treasury-payment
            skip: { patterns: ["^注："] }
            \(Self.columns)
            """, to: path)
        #expect(!skippedRecords.map { $0["voucher"]!.description }.contains("记-004"))
        #expect(skipped.skipped.map(\.reason) == ["a cell matches the skip pattern ^注：", "a cell matches the skip pattern ^注："])
        // where: looks at the one column named.
        let (records, _, result) = try apply("""
            kind: treasury-payment
            where:
              凭证号: { not: ["注：*", blank] }
            \(Self.columns)
            """, to: path)
        #expect(records.map { $0["voucher"]!.description } == ["记-001", "记-002", "记-003", "记-004"])
        #expect(result.filtered.map { $0.location.record } == [5, 9])
        #expect(result.accounting.filtered == 2 && result.accounting.skipped == 0 && result.accounting.addsUp)
    }

    @Test("is: keeps only the listed words (a glob or blank too); a column by letter")
    func isCondition() throws {
        let path = try temporaryFile("ledger.csv", """
            凭证号,业务类型,支付日期,支出类型,经济分类,金额
            记-1,支付,2024-03-01,基本支出,30201 办公费,10.00
            记-2,退回,2024-03-02,基本支出,30201 办公费,-4.00
            记-3,结转,2024-03-03,基本支出,30201 办公费,7.00
            记-4,,2024-03-04,基本支出,30201 办公费,1.00

            """)
        let (records, _, result) = try apply("""
            kind: treasury-payment
            subtotals: none
            where:
              B: { is: [支付, "退*"] }
            columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, amount: 金额 }
            """, to: path)
        #expect(records.map { $0["amount"]!.description } == ["10.00", "-4.00"])
        #expect(result.filtered.map(\.reason) == ["B is 结转, not 支付 or 退* (where:)", "B is blank, not 支付 or 退* (where:)"])
        var a = RowAccounting(); a.read = 4; a.accepted = 2; a.filtered = 2
        #expect(result.accounting == a)
    }

    /// Two months of a general ledger: a voided voucher the system leaves out of its totals, and a
    /// closing entry (期末结转) it includes in February's 本月合计.
    static let closing = """
        凭证号,凭证状态,支付日期,支出类型,经济分类,摘要,金额
        记-1,已记账,2024-01-05,基本支出,30201 办公费,办公用品,100.00
        记-2,已作废,2024-01-06,基本支出,30201 办公费,重复录入,100.00
        本月合计,,,,,,100.00
        记-1,已记账,2024-02-03,基本支出,30201 办公费,差旅费,30.00
        记-2,已记账,2024-02-29,基本支出,30201 办公费,期末结转本年支出,-130.00
        本月合计,,,,,,-100.00

        """

    @Test("in_totals: true: a closing entry filtered out of the data still counts in the 本月合计 that includes it; a voided voucher does not")
    func inTotals() throws {
        let path = try temporaryFile("ledger.csv", Self.closing)
        let profile = """
            kind: treasury-payment
            where:
              凭证状态: { not: [已作废] }
              摘要: { not: ["*结转*"], in_totals: true }
            columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, summary: 摘要, amount: 金额 }
            """
        let (records, _, result) = try apply(profile, to: path)
        #expect(records.map { $0["amount"]!.description } == ["100.00", "30.00"])
        #expect(result.subtotals.map { "\($0.label) \($0.stated!) \($0.computed) \($0.rows) \($0.status)" } == [
            "本月合计 100.00 100.00 1 ok", "本月合计 -100.00 -100.00 2 ok",
        ])
        #expect(result.filtered.map(\.reason) == ["凭证状态 is 已作废 (where: not 已作废)", "摘要 is 期末结转本年支出 (where: not *结转*)"])
        var a = RowAccounting(); a.read = 6; a.accepted = 2; a.subtotal = 2; a.filtered = 2
        #expect(result.accounting == a)
        // Without in_totals the closing entry is out of the sums too, and February's 本月合计 disagrees.
        let (_, _, without) = try apply(profile.replacing(", in_totals: true", with: ""), to: path)
        #expect(without.subtotals.map { "\($0.stated!) \($0.computed) \($0.status)" } == ["100.00 100.00 ok", "-100.00 30.00 mismatch"])
        #expect(throws: TieoutError.self) {
            _ = try Profile.parse(profile.replacing("in_totals: true", with: "in_totals: yes please"), file: "p.yaml")
        }
    }

    @Test("a column where: names that the file lacks fails the file, naming the columns it has")
    func missingColumn() throws {
        let path = try temporaryFile("ledger.csv", Self.ledger)
        #expect {
            _ = try apply("kind: treasury-payment\nwhere: { 状态: { not: [已作废] } }\n\(Self.columns)", to: path)
        } throws: { error in
            let e = error as! TieoutError
            return e.code == "profile.column" && e.what == "\(path) has no column '状态' for the condition of `where:` (test.yaml line 2)"
                && e.help.hasPrefix("Its columns are '凭证号', '凭证状态', ")
        }
    }

    @Test("mistakes in where: are errors with the line and the fix, found before any ledger is read")
    func mistakes() throws {
        func problem(_ yaml: String) -> String {
            do { _ = try Profile.parse("kind: treasury-payment\n" + yaml + "\n" + Self.columns, file: "p.yaml"); return "parsed" }
            catch { return error.description }
        }
        #expect(problem("where: [凭证状态]").contains("`where:` is a map from column to condition"))
        #expect(problem("where:\n  凭证状态: 已作废").contains("p.yaml:3"))
        #expect(problem("where:\n  凭证状态: 已作废").contains("the condition on '凭证状态' is not `{ not: … }` or `{ is: … }`"))
        #expect(problem("where:\n  凭证状态: { not: [已作废], is: [已审核] }").contains("needs one of `not:` or `is:`"))
        #expect(problem("where:\n  凭证状态: { isnt: [已作废] }").contains("isnt"))
        #expect(problem("where:\n  凭证状态: { not: [] }").contains("lists no word"))
    }
}
