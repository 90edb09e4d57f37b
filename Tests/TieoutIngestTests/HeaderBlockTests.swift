import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutIngest

/// `header_block:`: fields read from labelled cells above the header, as constants of every
/// record, each with its own cell as lineage; 金额单位 keeps setting the unit.
@Suite("Header block (header_block:)")
struct HeaderBlockTests {
    static let staffing = """
        人员编制情况表
        单位名称：南山区财政局,,核定编制数：24名
        制表人,张三,
        实有在编人数,编外人员数,备注
        21,3,

        """

    static let profile = """
        kind: staffing
        header: 4
        subtotals: none
        header_block:
          department: 单位名称
          authorised: 核定编制数
        columns:
          on_post: 实有在编人数
          off_establishment: 编外人员数
        """

    @Test("单位名称：X and 核定编制数：24名 in cells above the header: every record gets them, 24名 → 24, each value's cell kept")
    func labelColonValue() throws {
        let path = try temporaryFile("staffing.csv", Self.staffing)
        let (records, rejects, result) = try apply(Self.profile, to: path)
        #expect(rejects.isEmpty)
        #expect(records.map { "\($0["department"]!) \($0["authorised"]!) \($0["on_post"]!) \($0["off_establishment"]!)" } == ["南山区财政局 24 21 3"])
        #expect(result.fieldColumns.filter { $0.field == "department" || $0.field == "authorised" }.map { "\($0.field) \($0.letter)\($0.row!) \($0.header)" }
                == ["department A2 单位名称", "authorised C2 核定编制数"])
        var a = RowAccounting(); a.read = 1; a.accepted = 1
        #expect(result.accounting == a)
    }

    @Test("a label cell followed by its value cell (a workbook), 金额单位 | 万元 setting the unit, several rows above the header")
    func labelThenValueCells() throws {
        func s(_ r: String, _ t: String) -> String { #"<c r="\#(r)" t="inlineStr"><is><t>\#(t)</t></is></c>"# }
        func n(_ r: String, _ v: String) -> String { #"<c r="\#(r)"><v>\#(v)</v></c>"# }
        let path = try madeWorkbook(sheets: [("支付", """
            <row r="1">\(s("A1", "国库集中支付明细"))</row>
            <row r="2">\(s("A2", "项目名称"))\(s("C2", "乡村振兴"))</row>
            <row r="3">\(s("A3", "金额单位："))\(s("B3", "万元"))</row>
            <row r="5">\(s("A5", "凭证号"))\(s("B5", "支付日期"))\(s("C5", "支出类型"))\(s("D5", "经济分类"))\(s("E5", "金额"))</row>
            <row r="6">\(s("A6", "记-1"))\(s("B6", "2024-03-01"))\(s("C6", "项目支出"))\(s("D6", "30201 办公费"))\(n("E6", "1.5"))</row>
            <row r="7">\(s("A7", "记-2"))\(s("B7", "2024-03-02"))\(s("C7", "项目支出"))\(s("D7", "30201 办公费"))\(n("E7", "0.25"))</row>
            """)])
        let (records, rejects, result) = try apply("""
            kind: treasury-payment
            header: 5
            unit: from-title
            header_block: { project: [项目名, 项目名称] }
            columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, amount: 金额 }
            """, to: path)
        #expect(rejects.isEmpty)
        #expect(result.unit == .wanYuan)
        #expect(records.map { "\($0["voucher"]!) \($0["project"]!) \($0["amount"]!)" } == ["记-1 乡村振兴 15000", "记-2 乡村振兴 2500"])
        #expect(result.fieldColumns.first { $0.field == "project" }.map { "\($0.letter)\($0.row!) \($0.header)" } == "C2 项目名称")
    }

    @Test("several labels in one cell (编制单位：A  期间：2024年3月) each read to the next space")
    func severalInOneCell() throws {
        let lines: [[String]] = [["编制单位：南山区财政局　期间：2024年3月", ""]]
        #expect(ProfileApplier.find(["期间"], in: lines).map { "\($0.column) \($0.value)" } == "1 2024年3月")
        #expect(ProfileApplier.find(["编制单位"], in: lines).map { "\($0.column) \($0.value)" } == "1 南山区财政局")
        // 单位 alone does not match inside 编制单位 (a label starts a cell or follows a space).
        #expect(ProfileApplier.find(["单位"], in: lines) == nil)
        #expect(ProfileApplier.find(["单位"], in: [["编制单位：甲 单位：万元"]]).map(\.value) == "万元")
        #expect(ProfileApplier.dropMeasureWord("24名") == "24")
        #expect(ProfileApplier.dropMeasureWord("1,200 人") == "1,200")
        #expect(ProfileApplier.dropMeasureWord("二十四名") == "二十四名")
    }

    @Test("a label the block lacks fails the file, naming the file and the lines it has above its header")
    func missingLabel() throws {
        let path = try temporaryFile("staffing.csv", Self.staffing)
        #expect {
            _ = try apply(Self.profile.replacing("department: 单位名称", with: "department: 部门名称"), to: path)
        } throws: { error in
            let e = error as! TieoutError
            return e.code == "profile.header-block"
                && e.what == "\(path) has no label '部门名称' above its header for department (test.yaml line 5)"
                && e.help == "Its lines above the header are: '人员编制情况表'; '单位名称：南山区财政局 | 核定编制数：24名'; '制表人 | 张三'; write the label as one of them prints it."
        }
    }

    @Test("a value that does not read as its field's type fails the file at its cell")
    func badValue() throws {
        let path = try temporaryFile("staffing.csv", Self.staffing.replacing("24名", with: "二十四名"))
        #expect {
            _ = try apply(Self.profile, to: path)
        } throws: { error in
            let e = error as! TieoutError
            return e.code == "profile.header-block" && e.what.hasPrefix("the header block's '核定编制数' of \(path), for authorised (核定编制数): ")
                && e.location?.record == 2 && e.location?.column == 3
        }
    }

    @Test("mistakes in header_block: are errors with the line and the fix; a field it fills needs no column")
    func mistakes() throws {
        func problem(_ yaml: String) -> String {
            do { _ = try Profile.parse(yaml, file: "p.yaml"); return "parsed" } catch { return error.description }
        }
        #expect(problem(Self.profile) == "parsed")
        #expect(problem(Self.profile.replacing("authorised: 核定编制数", with: "authorized: 核定编制数")).contains("authorized"))
        #expect(problem(Self.profile.replacing("on_post: 实有在编人数", with: "on_post: 实有在编人数\n  department: 科室")).contains("'department' is also a column, a constant or the sections' field"))
        #expect(problem(Self.profile.replacing("authorised: 核定编制数", with: "authorised: []")).contains("no label named for authorised"))
        #expect(problem(Self.profile.replacing("  authorised: 核定编制数\n", with: "")).contains("the required field 'authorised' (核定编制数) has no column"))
    }
}
