import Foundation
import Testing

/// `tieout suggest` writes a starting profile; on every ledger of the first sample, the
/// suggested profiles, used unedited, ingest the same records (values and cells) as the shipped ones.
@Suite("suggest")
struct SuggestTests {
    static let ledgers = [  // a ledger of each source, and the profile its source names
        ("ledgers/treasury/2024-03.csv", "treasury-payments"), ("ledgers/budget/预算指标台账-2024.xlsx", "budget-indicators"),
        ("ledgers/procurement/政府采购执行-2024.xlsx", "procurement"), ("ledgers/assets/资产卡片-2024.xlsx", "asset-cards"),
        ("ledgers/staffing/人员编制-2024.csv", "staffing"), ("ledgers/projects/项目绩效目标台账-2024.csv", "projects"),
        ("ledgers/petitions/信访件登记-2024.csv", "petitions"), ("ledgers/surveys/满意度调查-2024.csv", "surveys"),
    ]

    /// The dataset as exported, every kind's JSON lines.
    static func dataset(_ dir: String, _ ws: String) throws -> [String: String] {
        #expect(try CLI.run(["export", "--lang", "en", ws, "--format", "jsonl"], in: dir).status == 0)
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/\(ws)/out/dataset") {
            out[name] = try String(contentsOfFile: "\(dir)/\(ws)/out/dataset/\(name)", encoding: .utf8)
        }
        return out
    }

    @Test("the suggestions for the sample's eight ledgers ingest the same records as the shipped profiles")
    func sameRecords() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let shipped = try Self.dataset(dir, ws)
        #expect(shipped.count == 8 && shipped.values.allSatisfy { !$0.isEmpty })
        try FileManager.default.removeItem(atPath: "\(dir)/\(ws)/.tieout")
        try FileManager.default.createDirectory(atPath: "\(dir)/\(ws)/profiles", withIntermediateDirectories: true)
        for (ledger, profile) in Self.ledgers {
            let r = try CLI.run(["suggest", "\(ws)/\(ledger)", "--lang", "en"], in: dir)
            #expect(r.status == 0, "\(ledger): \(r.stderr)")
            try r.stdout.write(toFile: "\(dir)/\(ws)/profiles/\(profile).yaml", atomically: true, encoding: .utf8)
        }
        let again = try CLI.run(["ingest", ws], in: dir)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let suggested = try Self.dataset(dir, ws)
        for (name, text) in shipped { #expect(suggested[name] == text, "\(name) differs") }
    }

    @Test("the suggestion for a treasury export: kind, unit, subtotal label and every column, marked")
    func treasury() throws {
        let r = try CLI.run(["suggest", "samples/futian-2024/ledgers/treasury/2024-03.csv", "--lang", "en"], in: CLI.root.path)
        #expect(r.status == 0)
        #expect(r.stdout.contains("kind: treasury-payment    # GUESS: the kind whose fields the header names best (9 of 9)\n"))
        #expect(r.stdout.contains("unit: from-title    # a 单位 line names the unit\n"))
        #expect(r.stdout.contains("subtotals: { labels: [合计] }"))
        #expect(r.stdout.contains("  amount: 金额    # by name\n"))
        #expect(!r.stdout.contains("# UNMAPPED:") && !r.stdout.contains("no column found"))
    }
}

extension SuggestTests {
    @Test("the second sample: a sheet per month with 本年累计, a key-value table, a wide table and control lines by code are suggested as such, and ingest the same records")
    func secondSample() throws {
        let (dir, ws) = try SecondSampleTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let shipped = try Self.dataset(dir, ws)
        try FileManager.default.removeItem(atPath: "\(dir)/\(ws)/.tieout")
        let cases: [(String, String, [String])] = [
            ("ledgers/treasury/国库集中支付-2025.xlsx", "treasury-payments", []),
            ("ledgers/staffing/人员编制-2025.csv", "staffing", []),
            ("ledgers/progress/项目支出进度表-2025.csv", "project-progress", ["--workspace", ws, "--kind", "project-spending"]),
            ("ledgers/budget/预算指标-2025.csv", "budget-indicators", []),
        ]
        for (ledger, profile, extra) in cases {
            let r = try CLI.run(["suggest", "\(ws)/\(ledger)", "--lang", "en"] + extra, in: dir)
            #expect(r.status == 0, "\(ledger): \(r.stderr)")
            try r.stdout.write(toFile: "\(dir)/\(ws)/profiles/\(profile).yaml", atomically: true, encoding: .utf8)
            switch profile {
            case "treasury-payments": #expect(r.stdout.contains("sheets: \"*月\"") && r.stdout.contains("cumulative: { labels: [本年累计] }"))
            case "staffing": #expect(r.stdout.contains("layout: key-value") && r.stdout.contains("  authorised: 核定编制    # by its label\n"))
            case "budget-indicators":
                #expect(r.stdout.contains("  control_line:    # GUESS by its codes\n    from: 经济分类\n"))
                #expect(r.stdout.contains("key: [document, item, control_line]    # GUESS"))
            default: #expect(r.stdout.contains("unpivot: { columns: \"*月\", value: amount, date: month }"))
            }
        }
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let suggested = try Self.dataset(dir, ws)
        for name in ["treasury_payments.jsonl", "staffing.jsonl", "project_spending.jsonl", "budget_indicators.jsonl"] {
            #expect(suggested[name] == shipped[name] && shipped[name]?.isEmpty == false, "\(name) differs")
        }
    }
}
