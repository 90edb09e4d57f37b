import Foundation
import GRDB
import Testing
import TieoutCore
import TieoutIngest
import TieoutTestSupport
@testable import TieoutStore

/// One row, several records (issue 21, item 2): column groups under merged group headers.
@Suite("Column groups")
struct ColumnGroupTests {
    /// A wide budget table as finance staff keep it: two header rows, the group headers 年初预算
    /// and 预算调整 merged across their columns, 项目名称 and 支出类型 merged down both rows.
    static func wideBook(extraAdjustment: String = "80000") -> [GridSheet] {
        [GridSheet("预算表", [
            ["2024年部门预算指标表"],
            ["单位：元"],
            ["项目名称", "支出类型", "年初预算", "", "预算调整", "", "", "", ""],
            ["", "", "文号", "金额", "文号", "日期", "原因", "追加", "追减"],
            ["办公费", "基本支出", "财预〔2024〕1号", "120000", "", "", "", "", ""],
            ["信息化项目", "项目支出", "财预〔2024〕2号", "500000", "财预〔2024〕31号", "2024-06-10", "其他", extraAdjustment, ""],
            ["培训费", "基本支出", "", "", "财预〔2024〕32号", "2024-09-01", "其他", "15000", ""],
        ], merged: ["A3:A4", "B3:B4", "C3:D3", "E3:I3", "A1:I1"])]
    }

    static let profile = """
        kind: budget-indicator
        header: [3, 4]
        unit: from-title
        subtotals: none
        columns:
          item: 项目名称
          spend_type: 支出类型
        groups:
          年初预算:
            constants: { stage: initial, date: 2024-01-01 }
            columns: { document: 文号, amount: 金额 }
          预算调整:
            constants: { stage: adjustment }
            columns: { document: 文号, date: 日期, reason: 原因, amount: 追加 }
        """

    static func workspace(profile: String = profile, book: [GridSheet] = wideBook()) throws -> (Workspace, DatasetStore) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-groups-\(UUID().uuidString)").path
        for sub in ["/ledgers", "/profiles"] { try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true) }
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.xlsx\n    profile: budget-wide\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try profile.write(toFile: dir + "/profiles/budget-wide.yaml", atomically: true, encoding: .utf8)
        try madeGridWorkbook(book, at: dir + "/ledgers/预算指标表.xlsx")
        let ws = try Workspace.open(dir)
        return (ws, try DatasetStore(path: ws.databasePath))
    }

    @Test("a row becomes a record per column group, each value from its own cell; a blank group gives no record, skipped with the reason")
    func rowPerGroup() throws {
        let (ws, store) = try Self.workspace()
        let report = try store.ingest(ws)
        #expect(report.files.map(\.shown) == ["ledgers/预算指标表.xlsx[年初预算]", "ledgers/预算指标表.xlsx[预算调整]"])
        #expect(report.files.map(\.status) == [.new, .new])
        // Each group reads all three rows: two records, one row skipped (its group blank).
        #expect(report.files.map { a in "\(a.accounting.read) \(a.accounting.accepted) \(a.accounting.rejected) \(a.accounting.skipped)" } == ["3 2 0 1", "3 2 0 1"])
        #expect(report.files.allSatisfy { $0.accounting.addsUp })
        let records = try store.records(of: ws.kinds.named("budget-indicator")!).map { r in
            [r.text("stage")!, r.text("item")!, r.text("spend_type")!, r.text("document")!, r.text("date")!, r.text("reason") ?? "-", r["amount"]!.amount!.description,
             r.lineage.place(of: "document"), r.lineage.place(of: "amount"), r.lineage.place(of: "item")].joined(separator: " ")
        }
        #expect(records == [
            "initial 办公费 basic 财预〔2024〕1号 2024-01-01 - 120000 ledgers/预算指标表.xlsx[预算表]!C5 ledgers/预算指标表.xlsx[预算表]!D5 ledgers/预算指标表.xlsx[预算表]!A5",
            "initial 信息化项目 project 财预〔2024〕2号 2024-01-01 - 500000 ledgers/预算指标表.xlsx[预算表]!C6 ledgers/预算指标表.xlsx[预算表]!D6 ledgers/预算指标表.xlsx[预算表]!A6",
            "adjustment 信息化项目 project 财预〔2024〕31号 2024-06-10 other 80000 ledgers/预算指标表.xlsx[预算表]!E6 ledgers/预算指标表.xlsx[预算表]!H6 ledgers/预算指标表.xlsx[预算表]!A6",
            "adjustment 培训费 basic 财预〔2024〕32号 2024-09-01 other 15000 ledgers/预算指标表.xlsx[预算表]!E7 ledgers/预算指标表.xlsx[预算表]!H7 ledgers/预算指标表.xlsx[预算表]!A7",
        ])
        // The skipped rows and their reasons, per group.
        let skipped = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT f.part, s.row, s.reason FROM skipped_rows s JOIN files f ON f.id = s.file_id ORDER BY f.part").map { "\($0["part"] as String) \($0["row"] as Int) \($0["reason"] as String)" }
        }
        #expect(skipped == ["年初预算 7 the group 年初预算 is blank on this row, so it gives no record",
                            "预算调整 5 the group 预算调整 is blank on this row, so it gives no record"])
        // The header each field was read from, as the file names it.
        let headers = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT f.part, ff.field, ff.header FROM file_fields ff JOIN files f ON f.id = ff.file_id WHERE ff.field = 'amount' ORDER BY f.part")
                .map { "\($0["part"] as String) \($0["header"] as String)" }
        }
        #expect(headers == ["年初预算 年初预算/金额", "预算调整 预算调整/追加"])
    }

    @Test("a profile extending the built-in budget-indicators with groups: the groups' fields replace the base's, a 合计 row is checked per group")
    func extendsBuiltIn() throws {
        var book = Self.wideBook()
        book[0].rows.append(["合计", "", "", "620000", "", "", "", "95000", ""])
        let (ws, store) = try Self.workspace(profile: """
            extends: budget-indicators
            header: [3, 4]
            subtotals: { labels: [合计], check: [amount] }
            groups:
              年初预算:
                constants: { stage: initial, date: 2024-01-01 }
                columns: { document: 文号, amount: 金额 }
              预算调整:
                constants: { stage: adjustment }
                columns: { document: 文号, date: 日期, reason: 原因, amount: 追加 }
            """, book: book)
        let report = try store.ingest(ws)
        #expect(report.files.map(\.status) == [.new, .new])
        #expect(report.files.map { a in "\(a.accounting.read) \(a.accounting.accepted) \(a.accounting.subtotal) \(a.accounting.skipped)" } == ["4 2 1 1", "4 2 1 1"])
        #expect(report.files.map(\.subtotalChecks) == [1, 1])
        #expect(report.files.allSatisfy { $0.subtotalMismatches.isEmpty })
        let checks = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT f.part, c.cell, c.stated, c.computed, c.status FROM subtotal_checks c JOIN files f ON f.id = c.file_id ORDER BY f.part")
                .map { "\($0["part"] as String) \($0["cell"] as String? ?? "") \($0["stated"] as String) \($0["computed"] as String) \($0["status"] as String)" }
        }
        #expect(checks == ["年初预算 D8 620000 620000 ok", "预算调整 H8 95000 95000 ok"])
        let stages = try store.records(of: ws.kinds.named("budget-indicator")!).map { "\($0.text("stage")!) \($0.text("document")!) \($0.lineage.place(of: "document"))" }
        #expect(stages == ["initial 财预〔2024〕1号 ledgers/预算指标表.xlsx[预算表]!C5", "initial 财预〔2024〕2号 ledgers/预算指标表.xlsx[预算表]!C6",
                           "adjustment 财预〔2024〕31号 ledgers/预算指标表.xlsx[预算表]!E6", "adjustment 财预〔2024〕32号 ledgers/预算指标表.xlsx[预算表]!E7"])
    }

    @Test("unpivot is a group per month column: each month its own part, a blank month cell skipped with the reason (rejected as a missing amount before)")
    func unpivotAsGroups() throws {
        let (ws, store) = try Self.workspace(profile: """
            kind: budget-indicator
            unit: from-title
            subtotals: none
            key: [document, item, date]
            columns: { document: 文号, item: 项目名称 }
            constants: { spend_type: basic, stage: adjustment }
            unpivot: { columns: "*月", value: amount, date: date }
            """, book: [GridSheet("执行", [
                ["2024年预算执行表"], ["单位：元"],
                ["文号", "项目名称", "1月", "2月"],
                ["财预〔2024〕1号", "办公费", "100", ""],
                ["财预〔2024〕2号", "培训费", "50", "70"],
            ])])
        let report = try store.ingest(ws)
        #expect(report.files.map(\.shown) == ["ledgers/预算指标表.xlsx[1月]", "ledgers/预算指标表.xlsx[2月]"])
        #expect(report.files.map { a in "\(a.accounting.read) \(a.accounting.accepted) \(a.accounting.rejected) \(a.accounting.skipped)" } == ["2 2 0 0", "2 1 0 1"])
        let records = try store.records(of: ws.kinds.named("budget-indicator")!).map { "\($0.text("item")!) \($0.text("date")!) \($0["amount"]!.amount!) \($0.lineage.place(of: "amount"))" }
        #expect(records == ["办公费 2024-01-31 100 ledgers/预算指标表.xlsx[执行]!C4", "培训费 2024-01-31 50 ledgers/预算指标表.xlsx[执行]!C5",
                            "培训费 2024-02-29 70 ledgers/预算指标表.xlsx[执行]!D5"])
        let skipped = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT s.row, s.reason FROM skipped_rows s").map { "\($0["row"] as Int) \($0["reason"] as String)" }
        }
        #expect(skipped == ["4 the group 2月 is blank on this row, so it gives no record"])
    }

    @Test("an edited group value is read again with its file; the dataset equals a fresh run")
    func editedGroup() throws {
        let (ws, store) = try Self.workspace()
        _ = try store.ingest(ws)
        try madeGridWorkbook(Self.wideBook(extraAdjustment: "90000"), at: ws.root + "/ledgers/预算指标表.xlsx")
        let again = try store.ingest(ws)
        // The first part read is changed (its records the same); the second, after it in the order, is read again.
        #expect(again.files.map(\.status) == [.changed, .reread])
        #expect(again.files[0].change.map { "\($0.added) \($0.removed) \($0.changed)" } == "0 0 0")
        let amounts = try store.records(of: ws.kinds.named("budget-indicator")!).map { "\($0.text("document")!) \($0["amount"]!.amount!)" }
        #expect(amounts == ["财预〔2024〕1号 120000", "财预〔2024〕2号 500000", "财预〔2024〕31号 90000", "财预〔2024〕32号 15000"])
        #expect(try HistoryTests.snapshot(ws, store) == HistoryTests.fresh(ws))
    }

    @Test("a group the file has no header for fails the file with the profile's line and the groups it has")
    func missingGroupHeader() throws {
        let (ws, store) = try Self.workspace(profile: Self.profile.replacingOccurrences(of: "预算调整:", with: "预算追加:"))
        let report = try store.ingest(ws)
        #expect(report.files.map(\.status) == [.failed])
        #expect(report.files.first?.errorCode == "profile.groups")
        let error = report.files.first?.error ?? ""
        #expect(error.contains("the group '预算追加' of profiles/budget-wide.yaml is not a group header of"))
        #expect(error.contains("profiles/budget-wide.yaml:12"))
        #expect(error.contains("Its group headers are '年初预算', '预算调整'"))
    }

    @Test("mistakes in groups are profile errors with the line and the fix")
    func groupMistakes() throws {
        func error(_ text: String) -> String {
            do { _ = try Profile.parse(text, file: "profiles/p.yaml"); return "" } catch { return error.description }
        }
        // A field twice in a group.
        #expect(error(Self.profile.replacingOccurrences(of: "columns: { document: 文号, amount: 金额 }", with: "columns: { document: 文号, amount: 金额, stage: 阶段 }"))
            .contains("'stage' is both a column and a constant of the group '年初预算'"))
        // A group without columns, and a group name with a slash.
        #expect(error(Self.profile.replacingOccurrences(of: "    columns: { document: 文号, amount: 金额 }\n", with: "")).contains("the group '年初预算' has no columns"))
        #expect(error(Self.profile.replacingOccurrences(of: "年初预算:", with: "年初/预算:")).contains("'年初/预算' is not a group header"))
        // A required field one group lacks.
        #expect(error(Self.profile.replacingOccurrences(of: "constants: { stage: initial, date: 2024-01-01 }", with: "constants: { stage: initial }"))
            .contains("the required field 'date'"))
        // A constant that is not one of its field's values.
        #expect(error(Self.profile.replacingOccurrences(of: "stage: adjustment", with: "stage: 调整中")).contains("'调整中' is not one of initial, adjustment"))
        #expect(error(Self.profile + "\nunpivot: { columns: \"*月\", value: amount, date: date }").contains("'unpivot' and 'groups' cannot go together"))
    }
}
