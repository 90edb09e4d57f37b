import Foundation
import TieoutTestSupport
import Testing
import TieoutCore
@testable import TieoutIngest

/// Tables that are not lists (issue 21, item 8): a cross-tab and its transpose read into the
/// kind's records, each value its own cell, the 合计 row or column checked as a subtotal.
@Suite("Cross-tabs")
struct CrossTabTests {
    static let profile = """
        kind: staffing
        period: year
        layout:
          cross-tab:
            rows: department
            columns: { 编制数: authorised, 实有人数: on_post, 编外人员: off_establishment }
        """

    static func records(_ records: [Record]) -> [String] {
        records.map { r in ["department", "authorised", "on_post", "off_establishment"].map { r[$0]!.description }.joined(separator: " ") }
    }

    @Test("categories down the rows, measures across: a record per category, the 合计 row checked")
    func crossTab() throws {
        let path = try temporaryFile("staffing.csv", """
            人员编制情况表
            类别,编制数,实有人数,编外人员
            行政编制,10,9,1
            事业编制,8,7,2
            工勤编制,2,2,0
            合计,20,18,4

            """)
        let (records, rejects, result) = try apply(Self.profile, to: path)
        #expect(rejects.isEmpty)
        #expect(Self.records(records) == ["行政编制 10 9 1", "事业编制 8 7 2", "工勤编制 2 2 0"])
        #expect(records.map { $0.cell(of: "on_post")! } == ["C3", "C4", "C5"])
        #expect(result.subtotals.map { "\($0.label) \($0.field) \($0.stated!) \($0.computed) \($0.status)" } == [
            "合计 authorised 20 20 ok", "合计 on_post 18 18 ok", "合计 off_establishment 4 3 mismatch",
        ])
        #expect(result.subtotals[2].location.cellReference == "D6")
        var a = RowAccounting(); a.read = 4; a.accepted = 3; a.subtotal = 1
        #expect(result.accounting == a)
    }

    static let transposed = """
        人员编制情况表
        项目,行政编制,事业编制,工勤编制,合计
        编制数,10,8,2,20
        实有人数,9,七,2,18
        编外人员,1,2,0,4
        备注,,,,

        """

    @Test("transposed: a record per category column, each value from its cell (C4), the 合计 column checked, every row accounted for")
    func transposedCrossTab() throws {
        let path = try temporaryFile("staffing-t.csv", Self.transposed.replacingOccurrences(of: "七", with: "7"))
        let (records, rejects, result) = try apply(Self.profile.replacingOccurrences(of: "off_establishment }", with: "off_establishment }\n    transpose: true"), to: path)
        #expect(rejects.isEmpty)
        #expect(Self.records(records) == ["行政编制 10 9 1", "事业编制 8 7 2", "工勤编制 2 2 0"])
        #expect(records.map(\.row) == [2, 3, 4])   // the category's column: B, C, D
        // Lineage: each field is one row of the record's column (no letter of its own).
        #expect(result.fieldColumns.map { "\($0.field) \($0.letter.isEmpty ? "-" : $0.letter) \($0.header) \($0.row.map(String.init) ?? "-")" } == [
            "department - 项目 2", "authorised - 编制数 3", "on_post - 实有人数 4", "off_establishment - 编外人员 5",
        ])
        #expect(result.subtotals.map { "\($0.label) \($0.field) \($0.stated!) \($0.computed) \($0.status)" } == [
            "合计 authorised 20 20 ok", "合计 on_post 18 18 ok", "合计 off_establishment 4 3 mismatch",
        ])
        #expect(result.subtotals[2].location.cellReference == "E5")
        #expect(result.skipped.map(\.reason) == [
            "a measure row of the transposed cross-tab ('编制数'): its cells are values of the records of columns B–E",
            "a measure row of the transposed cross-tab ('实有人数'): its cells are values of the records of columns B–E",
            "a measure row of the transposed cross-tab ('编外人员'): its cells are values of the records of columns B–E",
            "the label '备注' is not one the profile maps",
        ])
        // Read: the 4 category columns and the 4 rows below the header.
        var a = RowAccounting(); a.read = 8; a.accepted = 3; a.subtotal = 1; a.skipped = 4
        #expect(result.accounting == a && a.addsUp)
    }

    @Test("transposed: a cell that is not a count is rejected at its own cell")
    func transposedReject() throws {
        let path = try temporaryFile("staffing-t.csv", Self.transposed)
        let (records, rejects, result) = try apply(Self.profile.replacingOccurrences(of: "off_establishment }", with: "off_establishment }\n    transpose: true"), to: path)
        #expect(Self.records(records) == ["行政编制 10 9 1", "工勤编制 2 2 0"])
        #expect(rejects.map(\.reason) == ["on_post (实有在编人数): \"七\" is not a valid amount: '七' cannot appear in a number"])
        #expect(rejects.map(\.code) == ["value.integer"])
        #expect(rejects.map { $0.location.cellReference } == ["C4"])
        #expect(result.subtotals.map(\.status) == [.incomplete, .incomplete, .incomplete])
    }

    @Test("a transposed workbook: the header's labels and each value keep their cells")
    func transposedWorkbook() throws {
        func t(_ s: String) -> String { #"t="inlineStr"><is><t>\#(s)</t></is></c>"# }
        let rows = #"<row r="1"><c r="A1" \#(t("人员编制情况表"))</row>"#
            + #"<row r="3"><c r="A3" \#(t("项目"))<c r="B3" \#(t("行政编制"))<c r="C3" \#(t("事业编制"))<c r="D3" \#(t("合计"))</row>"#
            + #"<row r="4"><c r="A4" \#(t("编制数"))<c r="B4"><v>10</v></c><c r="C4"><v>8</v></c><c r="D4"><v>18</v></c></row>"#
            + #"<row r="5"><c r="A5" \#(t("实有人数"))<c r="B5"><v>9</v></c><c r="C5"><v>7</v></c><c r="D5"><v>16</v></c></row>"#
            + #"<row r="6"><c r="A6" \#(t("编外人员"))<c r="B6"><v>1</v></c><c r="C6"><v>2</v></c><c r="D6"><v>3</v></c></row>"#
        let path = try madeWorkbook(sheets: [("Sheet1", rows)])
        let (records, rejects, result) = try apply(Self.profile.replacingOccurrences(of: "off_establishment }", with: "off_establishment }\n    transpose: true"), to: path)
        #expect(rejects.isEmpty)
        #expect(Self.records(records) == ["行政编制 10 9 1", "事业编制 8 7 2"])
        #expect(result.fieldColumns.map { $0.row } == [3, 4, 5, 6])
        #expect(result.subtotals.map(\.status) == [.ok, .ok, .ok])
        #expect(result.subtotals.map { $0.location.cellReference } == ["D4", "D5", "D6"])
    }

    @Test("cross-tab mistakes: the key, the line and the fix")
    func mistakes() {
        func error(_ layout: String) -> String { ProfileErrorTests.error("kind: staffing\nlayout:\n  cross-tab: \(layout)\n") }
        #expect(error("{ rows: 类别, columns: { 编制数: authorised } }")
                == "Error: key 'layout.cross-tab.rows': '类别' is not a field of staffing at profiles/p.yaml:3\nHelp: Name the field the row labels fill: department, authorised, on_post, off_establishment.")
        #expect(error("{ rows: department, columns: { 编制数: authorized } }")
                == "Error: key 'layout.cross-tab.columns.编制数': 'authorized' is not a field of staffing at profiles/p.yaml:3\nHelp: Map each measure label onto one of: department, authorised, on_post, off_establishment.")
        #expect(error("{ rows: department, columns: { 编制数: authorised } }")
                == "Error: key 'layout': the required fields 'on_post' (实有在编人数) and 'off_establishment' (编外人员数) have no column at profiles/p.yaml:3\nHelp: Add `on_post: <header of the 实有在编人数 column>`, `off_establishment: <header of the 编外人员数 column>` under columns, or give them under constants.")
        #expect(error("{ columns: { 编制数: authorised } }")
                == "Error: key 'layout.cross-tab': a cross-tab needs 'rows' at profiles/p.yaml:3\nHelp: Write `layout: { cross-tab: { rows: department, columns: { 编制数: authorised, 实有人数: on_post }, transpose: false } }`.")
        #expect(error("{ rows: authorised, columns: { 编制数: on_post } }")
                == "Error: key 'layout.cross-tab.rows': 'authorised' is integer; the row labels are words at profiles/p.yaml:3\nHelp: Name a text or enumeration field, such as department.")
        #expect(error("{ rows: department, columns: { 编制数: authorised, 实有人数: on_post, 编外人员: off_establishment }, transpose: yes }")
                == "Error: key 'layout.cross-tab.transpose': 'yes' is not true or false at profiles/p.yaml:3\nHelp: Write `transpose: true` when the categories run across the header, else leave it out.")
        #expect(error("{ rows: department, columns: { 编制数: authorised, 实有人数: on_post, 编外人员: off_establishment }, rotate: true }")
                == "Error: unknown key 'rotate' under 'layout.cross-tab' at profiles/p.yaml:3\nHelp: Use one of: rows, columns, transpose (docs/profiles.md lists every key).")
        #expect(ProfileErrorTests.error("kind: staffing\nlayout:\n  cross-tab: { rows: department, columns: { 编制数: authorised, 实有人数: on_post, 编外人员: off_establishment } }\ncolumns: { authorised: 编制 }\n")
                == "Error: key 'layout': 'authorised' is read both by the cross-tab and under columns at profiles/p.yaml:3\nHelp: Keep it in one place: the cross-tab's `rows:`/`columns:`, or `columns:`.")
    }
}
