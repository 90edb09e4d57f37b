import Foundation
import Testing
import TieoutCore
@testable import TieoutIngest

/// Signs and directions (issue 21, item 3): an amount from two columns (借方 − 贷方, 调增 − 调减),
/// a negated column (追减), a direction column (借/贷, 红字), refund rows netting in sums. Exact,
/// each value with its cell; a word in neither list, or both cells blank, rejected with its place.
@Suite("Signs and directions")
struct SignTests {
    static let ledger = """
        凭证号,日期,经济分类,摘要,借方,贷方
        记-0001,2024-03-01,30201 办公费,购办公用品,1200.50,
        记-0001,2024-03-01,30201 办公费,付款,,1200.50
        记-0002,2024-03-05,30211 差旅费,报销差旅费,3000.00,
        记-0003,2024-03-09,30211 差旅费,冲销,-500.00,
        记-0004,2024-03-10,30201 办公费,双边,100.00,40.25
        记-0005,2024-03-11,30201 办公费,空行,,
        合计,,,,3800.50,1240.75
        """

    static let debitCredit = """
        kind: treasury-payment
        constants: { spend_type: basic }
        columns:
          voucher: 凭证号
          date: 日期
          economic_class: 经济分类
          summary: 摘要
          amount: { from: 借方, minus: 贷方 }
        """

    @Test("借方 − 贷方: one blank counts 0, both blank rejected with the row's place; the cell is the non-blank one; 合计 checked net")
    func debitMinusCredit() throws {
        let path = try temporaryFile("gl.csv", Self.ledger)
        let (records, rejects, result) = try apply(Self.debitCredit, to: path)
        #expect(records.map { $0["amount"]!.description } == ["1200.50", "-1200.50", "3000.00", "-500.00", "59.75"])
        // The debit cell (E) where it holds a value; the credit cell (F) where only it does.
        #expect(records.map { $0.cell(of: "amount")! } == ["E2", "F3", "E4", "E5", "E6"])
        #expect(rejects.map(\.reason) == ["amount (金额) is 借方 − 贷方, and both cells (E and F) are blank"])
        #expect(rejects.map { $0.location.description } == ["\(path):7:5"])
        #expect(rejects.first?.code == "value.required-blank")
        // The 合计 row states 3800.50 − 1240.75 = 2559.75, and the accepted rows sum to it.
        #expect(result.subtotals.map { "\($0.label) \($0.stated?.description ?? "-") \($0.computed) \($0.status)" } == ["合计 2559.75 2559.75 incomplete"])
        #expect(result.secondColumns.map { "\($0.field) \($0.letter) \($0.header)" } == ["amount F 贷方"])
        var a = RowAccounting(); a.read = 7; a.accepted = 5; a.rejected = 1; a.subtotal = 1
        #expect(result.accounting == a && a.addsUp)
    }

    @Test("调增 − 调减 and a negated 追减: a positive reduction reduces")
    func adjustments() throws {
        let path = try temporaryFile("adj.csv", """
            文号,下达日期,指标名称,调增,调减,追减
            财预〔2024〕1号,2024-02-01,办公经费,50000,,
            财预〔2024〕2号,2024-05-01,办公经费,,12000.5,
            财预〔2024〕3号,2024-06-01,会议费,0.10,0.30,
            """)
        let (records, rejects, _) = try apply("""
            kind: budget-indicator
            key: [document, item]
            constants: { spend_type: basic, stage: adjustment }
            columns:
              document: 文号
              date: 下达日期
              item: 指标名称
              amount: { from: 调增, minus: 调减 }
            """, to: path)
        #expect(rejects.isEmpty)
        #expect(records.map { $0["amount"]!.description } == ["50000", "-12000.5", "-0.20"])
        let reduce = try temporaryFile("cut.csv", "文号,下达日期,指标名称,追减\n财预〔2024〕9号,2024-07-01,办公经费,8000.00\n财预〔2024〕10号,2024-07-02,会议费,-15\n")
        let (cuts, none, _) = try apply("""
            kind: budget-indicator
            constants: { spend_type: basic, stage: adjustment }
            columns:
              document: 文号
              date: 下达日期
              item: 指标名称
              amount: { from: 追减, negate: true }
            """, to: reduce)
        #expect(none.isEmpty)
        #expect(cuts.map { $0["amount"]!.description } == ["-8000.00", "15"])
        #expect(cuts.map { $0.cell(of: "amount")! } == ["D2", "D3"])
    }

    @Test("a direction column: 贷 and 红字 negative, 借 positive; a word in neither list is rejected at its cell with the lists")
    func direction() throws {
        let path = try temporaryFile("dir.csv", """
            凭证号,日期,经济分类,方向,金额
            记-1,2024-03-01,30201 办公费,借,100.00
            记-2,2024-03-02,30201 办公费,贷,30.00
            记-3,2024-03-03,30201 办公费,红字,5.50
            记-4,2024-03-04,30201 办公费,平,7.00
            记-5,2024-03-05,30201 办公费,,8.00
            记-6,2024-03-06,30201 办公费, 借 ,-2.00
            """)
        let (records, rejects, _) = try apply("""
            kind: treasury-payment
            constants: { spend_type: basic }
            columns:
              voucher: 凭证号
              date: 日期
              economic_class: 经济分类
              amount: { from: 金额, sign: { column: 方向, negative: [贷, 红字], positive: [借] } }
            """, to: path)
        #expect(records.map { "\($0["voucher"]!) \($0["amount"]!)" } == ["记-1 100.00", "记-2 -30.00", "记-3 -5.50", "记-6 -2.00"])
        #expect(records.map { $0.cell(of: "amount")! } == ["E2", "E3", "E4", "E7"])
        #expect(rejects.map(\.reason) == [
            "amount (金额): the direction 方向 is '平', in neither list of `sign:` (negative 贷, 红字; positive 借); add it to one of them",
            "amount (金额): the direction 方向 is blank, in neither list of `sign:` (negative 贷, 红字; positive 借); add it to one of them",
        ])
        #expect(rejects.map(\.code) == ["value.sign", "value.sign"])
        #expect(rejects.map { $0.location.description } == ["\(path):5:4", "\(path):6:4"])
    }

    @Test("refund rows: 资金退回 by a 摘要 pattern, and negative lines, net against the payments they return in every sum")
    func refunds() throws {
        let path = try temporaryFile("refund.csv", """
            凭证号,日期,经济分类,摘要,金额
            记-1,2024-03-01,30201 办公费,支付办公用品款,1000.00
            记-2,2024-03-02,30201 办公费,办公用品款资金退回,200.00
            记-3,2024-03-03,30211 差旅费,差旅费,-50.00
            合计,,,,750.00
            """)
        let (records, rejects, result) = try apply("""
            kind: treasury-payment
            constants: { spend_type: basic }
            columns:
              voucher: 凭证号
              date: 日期
              economic_class: 经济分类
              summary: 摘要
              amount: { from: 金额, sign: { column: 摘要, negative: ["*资金退回*"] } }
            """, to: path)
        #expect(rejects.isEmpty)
        #expect(records.map { $0["amount"]!.description } == ["1000.00", "-200.00", "-50.00"])
        #expect(Amount.sum(records.map { $0["amount"]!.amount! }).description == "750.00")
        #expect(result.subtotals.map { "\($0.stated!) \($0.computed) \($0.status)" } == ["750.00 750.00 ok"])
    }

    @Test("in a column group, `minus:` names the group's own column, as `from:` does (预算调整/追加 − 预算调整/追减)")
    func inGroup() throws {
        let path = try temporaryFile("groups.csv", """
            项目名称,年初预算,,预算调整,,
            ,文号,金额,文号,追加,追减
            办公经费,财预〔2024〕1号,1000.00,财预〔2024〕5号,300.00,50.00
            会议费,财预〔2024〕2号,800.00,财预〔2024〕6号,,120.00

            """)
        let profile = try Profile.parse("""
            kind: budget-indicator
            header: [1, 2]
            constants: { spend_type: basic, date: 2024-06-30 }
            columns:
              item: 项目名称
            groups:
              年初预算:
                constants: { stage: initial }
                columns: { document: 文号, amount: 金额 }
              预算调整:
                constants: { stage: adjustment }
                columns: { document: 文号, amount: { from: 追加, minus: 追减 } }
            """, file: "test.yaml")
        var out: [String] = []
        for (name, p) in try #require(try profile.columnGroupParts(path)) {
            _ = try ProfileApplier(p).apply(path: path, onRecord: { r in
                out.append("\(name) \(r["document"]!) \(r["amount"]!) \(r.cell(of: "amount")!)")
            }, onReject: { Issue.record("rejected: \($0.reason)") })
        }
        #expect(out == ["年初预算 财预〔2024〕1号 1000.00 C3", "年初预算 财预〔2024〕2号 800.00 C4",
                        "预算调整 财预〔2024〕5号 250.00 E3", "预算调整 财预〔2024〕6号 -120.00 F4"])
    }

    @Test("each mistake of a sign in a profile: the key, the line and the fix", arguments: [
        ("  amount: 金额\n  summary: { from: 摘要, minus: 贷方 }\n",
         "Error: key 'columns.summary.minus': 'minus' applies to amount fields; summary (摘要) is text at profiles/p.yaml:7\nHelp: The sign of a value is an amount's: map the field to one column, or read the amount from two columns into an amount field."),
        ("  amount: { from: 借方, negate: yes }\n",
         "Error: key 'columns.amount.negate': 'yes' is not true or false at profiles/p.yaml:6\nHelp: Write `negate: true` to read a positive cell (追减, 调减金额) as a reduction."),
        ("  amount: { from: 金额, sign: { negative: [贷] } }\n",
         "Error: key 'columns.amount.sign': `sign:` names no column at profiles/p.yaml:6\nHelp: Write `sign: { column: 借贷方向, negative: [贷], positive: [借] }`: the column holding the direction word."),
        ("  amount: { from: 金额, sign: { column: 方向, positive: [借] } }\n",
         "Error: key 'columns.amount.sign': `sign:` lists no negative words at profiles/p.yaml:6\nHelp: List the words that make the amount negative, such as `negative: [贷, 红字]` (patterns such as \"*资金退回*\" too)."),
        ("  amount: { from: 金额, sign: { column: 方向, negative: [贷, 借], positive: [借] } }\n",
         "Error: key 'columns.amount.sign.negative': '借' is both a negative and a positive word at profiles/p.yaml:6\nHelp: Keep it in one of the two lists."),
        ("  amount: { from: 金额, sign: { column: 金额, negative: [贷] } }\n",
         "Error: key 'columns.amount.sign.column': the direction column is the amount's own column at profiles/p.yaml:6\nHelp: Name the column that holds the direction word (借/贷), not the amount."),
        ("  amount: { from: 金额, sign: { column: 方向, negative: [贷], positve: [借] } }\n",
         "Error: unknown key 'positve' under 'columns.amount.sign' at profiles/p.yaml:6\nHelp: Use one of: column, negative, positive (docs/profiles.md lists every key)."),
        ("  amount: { from: 借方, minus: [] }\n",
         "Error: key 'columns.amount.minus': no column named to subtract at profiles/p.yaml:6\nHelp: Write the header of the column subtracted, such as `minus: 贷方` (aliases as a list)."),
    ])
    func mistakes(_ amount: String, _ expected: String) {
        let yaml = "kind: treasury-payment\ncolumns:\n  voucher: 凭证号\n  date: 日期\n  economic_class: 经济分类\n" + amount
        #expect(ProfileErrorTests.error(yaml) == expected)
    }

    @Test("a column of `minus:` or `sign:` the file lacks: an error naming the file, the profile's line and the columns it has")
    func unknownColumn() throws {
        let path = try temporaryFile("gl.csv", Self.ledger)
        do {
            _ = try apply(Self.debitCredit.replacingOccurrences(of: "minus: 贷方", with: "minus: 贷方金额"), to: path)
            Issue.record("no error")
        } catch let error as TieoutError {
            #expect(error.code == "profile.column")
            #expect(error.description == "Error: \(path) has no column '贷方金额' for the column subtracted (`minus:`) of amount (金额) (test.yaml line 8) at \(path) (record 1)\nHelp: Its columns are '凭证号', '日期', '经济分类', '摘要', '借方', '贷方'; correct the column under `amount:` in test.yaml (a header, an alias list, or a letter).")
        }
    }

    @Test("the column subtracted may name its unit: 万元 read as such when the field says so, a mismatch refused")
    func units() throws {
        let path = try temporaryFile("wan.csv", "凭证号,日期,经济分类,借方（万元）,贷方（万元）\n记-1,2024-03-01,30201 办公费,1.5,0.25\n")
        let yaml = Self.debitCredit.replacingOccurrences(of: "  summary: 摘要\n", with: "")
            .replacingOccurrences(of: "{ from: 借方, minus: 贷方 }", with: "{ from: 借方（万元）, minus: 贷方（万元）, unit: 万元 }")
        let (records, _, _) = try apply(yaml, to: path)
        #expect(records.map { $0["amount"]!.description } == ["12500"])
        let mixed = try temporaryFile("mixed.csv", "凭证号,日期,经济分类,借方,贷方（万元）\n记-1,2024-03-01,30201 办公费,1.5,0.25\n")
        do {
            _ = try apply(Self.debitCredit.replacingOccurrences(of: "  summary: 摘要\n", with: "").replacingOccurrences(of: "minus: 贷方", with: "minus: 贷方（万元）"), to: mixed)
            Issue.record("no error")
        } catch let error as TieoutError {
            #expect(error.code == "profile.unit")
            #expect(error.what == "column E '贷方（万元）' of \(mixed) is in 万元, but test.yaml reads amount in 元")
        }
    }
}
