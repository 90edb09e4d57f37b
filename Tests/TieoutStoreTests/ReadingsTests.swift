import Foundation
import GRDB
import Testing
import TieoutCore
import TieoutIngest
import TieoutTestSupport
@testable import TieoutStore

/// One file, several readings (issue 21, item 1): two sources with their own profiles on one
/// file, and a source's `sheets:` map from sheet to profile. Each (file, reading) is its own
/// part of the dataset, with its own profile and lineage.
@Suite("One file, several readings")
struct ReadingsTests {
    /// A budget workbook whose sheets have different layouts: 年初预算 (no reason column),
    /// 预算调整 (with 调整原因), and a 说明 sheet of notes.
    static func budgetBook(adjustment: String = "80000", notes: Bool = true) -> [GridSheet] {
        var sheets = [
            GridSheet("年初预算", [
                ["文号", "日期", "项目名称", "支出类型", "金额"],
                ["财预〔2024〕1号", "2024-01-05", "办公费", "基本支出", "120000"],
                ["财预〔2024〕2号", "2024-01-05", "信息化项目", "项目支出", "500000"],
            ]),
            GridSheet("预算调整", [
                ["文号", "日期", "项目名称", "支出类型", "调整原因", "金额"],
                ["财预〔2024〕31号", "2024-06-10", "信息化项目", "项目支出", "其他", adjustment],
            ]),
        ]
        if notes { sheets.append(GridSheet("说明", [["本表由财务科编制"], ["联系人", "张三"]])) }
        return sheets
    }

    static let initial = """
        kind: budget-indicator
        subtotals: none
        constants: { stage: initial }
        columns: { document: 文号, date: 日期, item: 项目名称, spend_type: 支出类型, amount: 金额 }
        """
    static let adjustments = """
        kind: budget-indicator
        subtotals: none
        constants: { stage: adjustment }
        columns: { document: 文号, date: 日期, item: 项目名称, spend_type: 支出类型, reason: 调整原因, amount: 金额 }
        """

    /// A workspace with the budget workbook, the two profiles (and each with its `sheet:`), and `sources`.
    static func workspace(_ sources: String, book: [GridSheet] = budgetBook()) throws -> (Workspace, DatasetStore) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-readings-\(UUID().uuidString)").path
        for sub in ["/ledgers/budget", "/profiles"] { try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true) }
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n\(sources)\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        for (name, text) in [("budget-initial", initial), ("budget-adjustments", adjustments),
                             ("initial-sheet", "extends: budget-initial\nsheet: 年初预算\n"),
                             ("adjustments-sheet", "extends: budget-adjustments\nsheet: 预算调整\n")] {
            try text.write(toFile: dir + "/profiles/\(name).yaml", atomically: true, encoding: .utf8)
        }
        try madeGridWorkbook(book, at: dir + "/ledgers/budget/指标.xlsx")
        let ws = try Workspace.open(dir)
        return (ws, try DatasetStore(path: ws.databasePath))
    }

    static let twoSources = """
          - files: ledgers/budget/*.xlsx
            profile: initial-sheet
          - files: ledgers/budget/*.xlsx
            profile: adjustments-sheet
        """
    static let sheetMap = """
          - files: ledgers/budget/*.xlsx
            sheets: { 年初预算: budget-initial, 预算调整: budget-adjustments }
        """

    /// Each record as `stage document item amount place-of-amount`.
    static func records(_ store: DatasetStore, _ ws: Workspace) throws -> [String] {
        try store.records(of: ws.kinds.named("budget-indicator")!).map { r in
            "\(r.text("stage")!) \(r.text("document")!) \(r.text("item")!) \(r["amount"]!.amount!) \(r.lineage.place(of: "amount"))"
        }.sorted()
    }

    static let expected = [
        "adjustment 财预〔2024〕31号 信息化项目 80000 ledgers/budget/指标.xlsx[预算调整]!F2",
        "initial 财预〔2024〕1号 办公费 120000 ledgers/budget/指标.xlsx[年初预算]!E2",
        "initial 财预〔2024〕2号 信息化项目 500000 ledgers/budget/指标.xlsx[年初预算]!E3",
    ]

    @Test("two sources with their own profiles read one workbook: each reading its own part (refused before as `matches two sources`)")
    func twoSourcesOneFile() throws {
        let (ws, store) = try Self.workspace(Self.twoSources)
        let report = try store.ingest(ws)
        #expect(report.files.map(\.shown) == ["ledgers/budget/指标.xlsx[adjustments-sheet]", "ledgers/budget/指标.xlsx[initial-sheet]"])
        #expect(report.files.map(\.status) == [.new, .new])
        #expect(report.files.map(\.sheet) == ["预算调整", "年初预算"])
        #expect(report.files.map { "\($0.accounting.read) \($0.accounting.accepted)" } == ["1 1", "2 2"])
        #expect(try Self.records(store, ws) == Self.expected)
        // The reason is read only by the adjustments' profile, and the date window is each reading's own.
        let adj = try store.records(of: ws.kinds.named("budget-indicator")!).first { $0.text("stage") == "adjustment" }!
        #expect(adj.text("reason") == "other" && adj.lineage.cells["reason"] == "E2" && adj.lineage.cells["date"] == "B2")
        // Read again: both kept.
        #expect(try store.ingest(ws).files.map(\.status) == [.unchanged, .unchanged])
        // The same profile twice is one reading, as before.
        let (ws2, store2) = try Self.workspace(Self.twoSources + "\n  - files: ledgers/budget/指标.xlsx\n    profile: initial-sheet")
        #expect(try store2.ingest(ws2).files.map(\.shown) == ["ledgers/budget/指标.xlsx[adjustments-sheet]", "ledgers/budget/指标.xlsx[initial-sheet]"])
    }

    @Test("a source's sheets map reads each sheet with its profile; a sheet it does not name is listed, not read")
    func sheetMapReadsEachSheet() throws {
        let (ws, store) = try Self.workspace(Self.sheetMap)
        let report = try store.ingest(ws)
        #expect(report.files.map(\.shown) == ["ledgers/budget/指标.xlsx[年初预算]", "ledgers/budget/指标.xlsx[预算调整]"])
        #expect(report.files.map(\.profile) == ["budget-initial", "budget-adjustments"])
        #expect(report.unreadSheets == ["ledgers/budget/指标.xlsx: 说明"])
        #expect(report.files.map { "\($0.accounting.read) \($0.accounting.accepted) \($0.accounting.rejected)" } == ["2 2 0", "1 1 0"])
        #expect(try Self.records(store, ws) == Self.expected)
        // Each part keeps its own profile's digest: editing one profile reads that sheet again, only it.
        try (Self.adjustments + "\ndescription: 调整\n").write(toFile: ws.root + "/profiles/budget-adjustments.yaml", atomically: true, encoding: .utf8)
        let again = try store.ingest(try Workspace.open(ws.root))
        #expect(again.files.map(\.status) == [.unchanged, .reread])
    }

    @Test("a sheet the map names that the workbook lacks fails the file, naming the sheets it has")
    func sheetMapMissingSheet() throws {
        let (ws, store) = try Self.workspace("""
              - files: ledgers/budget/*.xlsx
                sheets: { 年初预算: budget-initial, 调整: budget-adjustments }
            """)
        let report = try store.ingest(ws)
        #expect(report.files.map(\.status) == [.failed])
        #expect(report.files.first?.errorCode == "profile.sheets")
        let error = report.files.first?.error ?? ""
        #expect(error.contains("ledgers/budget/指标.xlsx has no sheet named '调整'"))
        #expect(error.contains("'年初预算', '预算调整', '说明'"))
        #expect(error.contains("tieout.yaml:5"))
    }
}
