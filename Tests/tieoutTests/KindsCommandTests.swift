import Foundation
import Testing

/// `tieout kinds`: what a user otherwise learns only from rejections.
@Suite("kinds")
struct KindsCommandTests {
    @Test("the list of kinds, exactly")
    func list() throws {
        let r = try CLI.run(["kinds", "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        kind              title         table              key             fields  defined in
        treasury-payment  国库集中支付  treasury_payments  voucher         9       built-in
        budget-indicator  预算指标      budget_indicators  document, item  8       built-in
        procurement       政府采购      procurement        plan_id         6       built-in
        asset-card        资产卡片      asset_cards        card            10      built-in
        staffing          人员编制      staffing           department      4       built-in
        project           项目          projects           project_id      8       built-in
        petition          信访          petitions          petition_id     4       built-in
        survey            满意度调查    surveys            survey          4       built-in

        """)
    }

    @Test("one kind: key, fields with the headers read, and the words of each enumeration (per field)")
    func one() throws {
        let r = try CLI.run(["kinds", "--lang", "en", "budget-indicator"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("""
        budget-indicator — 预算指标 (table budget_indicators; built-in)
        key: [document, item]
        dated by: date

        field         title     type         required  headers read
        document      指标文号  text         yes       指标文号, 文号
        date          下达日期  date         yes       下达日期, 日期
        item          指标名称  text         yes       指标名称, 项目名称

        """))
        // 基本支出调整 is a reason's word, not a spending type's.
        #expect(r.stdout.contains("spend_type (支出类型): the words read as each value\n  basic: 基本支出\n  project: 项目支出\n"))
        #expect(r.stdout.contains("  adjustment: 调减, 调剂, 调整, 调整指标, 追加, 预算调整\n"))
        #expect(r.stdout.contains("  daily-public: 日常公用经费; codes 302\n  none: 无; codes 3\n"))
    }

    @Test("a workspace's own kind, and an unknown kind with the names to use")
    func workspaceAndUnknown() throws {
        let r = try CLI.run(["kinds", "--lang", "en", "project-spending", "--workspace", "samples/nanshan-2025"], in: CLI.root.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("project-spending — 项目支出进度 (table "), "\(r.stdout)")
        #expect(r.stdout.contains("kinds/project-spending.yaml)\nkey: [project, month]\n"))
        let bad = try CLI.run(["kinds", "--lang", "en", "payments"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "Error: 'payments' is not a record kind\nHelp: Use one of: treasury-payment, budget-indicator, procurement, asset-card, staffing, project, petition, survey; a workspace's own kinds with --workspace DIR.\n")
    }

    @Test("docs/profiles.md lists each built-in kind's words as `tieout kinds` prints them")
    func docs() throws {
        let doc = try String(contentsOfFile: CLI.root.path + "/docs/profiles.md", encoding: .utf8)
        for kind in ["treasury-payment", "budget-indicator", "procurement", "asset-card", "project"] {
            let out = try CLI.run(["kinds", "--lang", "en", kind]).stdout
            let words = out.components(separatedBy: "\n\n").dropFirst(2).joined(separator: "\n\n")
            #expect(!words.isEmpty && doc.contains("# \(kind)\n" + words), "\(kind)")
        }
    }
}
