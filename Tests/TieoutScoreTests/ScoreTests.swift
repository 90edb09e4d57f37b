import Foundation
import TieoutTestSupport
import Testing
import TieoutCore
import TieoutIngest
import TieoutStore
import TieoutReconcile
@testable import TieoutScore

func scoredSample(edit: (String) throws -> Void = { _ in }) throws -> Scoring {
    let dir = try copyOfWorkspace("samples/futian-2024")
    try edit(dir)
    let ws = try Workspace.open(dir)
    let store = try DatasetStore(path: ws.databasePath)
    _ = try store.ingest(ws)
    let r = try Reconciliation(workspace: ws, store: store)
    return try Scoring(workspace: ws, reconciliation: r)
}

@Suite("Scoring the sample")
struct ScoreTests {
    @Test("every item of the annex, and the total 98.79")
    func annex() throws {
        let s = try scoredSample()
        #expect(s.sheet.items.map { "\($0.name) \($0.points)" } == [
            "预算编制规范性 5.00", "预算编制合理性 5.00", "绩效目标完整性 3.00", "绩效指标明确性 7.00",
            "财务合规性 2.92", "政府采购执行情况 2.00", "预决算信息公开 3.00", "项目监管 2.00", "项目实施程序 2.00",
            "固定资产利用率 1.00", "资产管理安全性 2.00", "财政供养人员控制率 1.00", "编外人员控制率 0.00", "管理制度健全性 3.00",
            "公用经费控制率 6.00", "项目完成及时性 6.00", "重点工作完成情况 8.00", "预算执行率 5.87",
            "社会效益、经济效益、生态效益及可持续发展影响等 25.00", "公众或服务对象满意度 6.00", "群众信访办理情况 3.00",
        ])
        #expect(s.sheet.total == "98.79" && s.sheet.max == "100.00")
        #expect(s.findings.count == 22 && s.findings.allSatisfy { $0.status == .ok })
        #expect(s.sheet.items.allSatisfy { $0.missing.isEmpty })
    }

    @Test("the computed items, exactly, with why")
    func computedItems() throws {
        let s = try scoredSample()
        func item(_ id: String) -> ItemScore { s.sheet.items.first { $0.id == id }! }
        // 财务合规性: 1 + (1 − 0.1 × 0.837…) + 1, from the adjustment ratio without government investment (10.84%).
        #expect(item("financial-compliance").exact.hasPrefix("2.9162"))
        #expect(item("financial-compliance").parts.map(\.points) == ["1.0000", "0.9163", "1.0000"])
        // 预算执行率: Q1 and Q2 capped at 1, Q3 65.97/75, Q4 99.46/100, plus 2 × min(1, mean of the uncapped ratios).
        let exec = item("budget-execution")
        #expect(exec.exact.hasPrefix("5.874"))
        #expect(exec.why.last == "平均执行率（未封顶比值的平均）1.2150，封顶 1 后 × 2 = 2.0000 分")
        #expect(exec.indicators.map(\.value) == ["45.67%", "57.96%", "65.97%", "99.46%"])
        // 编外人员控制率: 17 / 34 = 50.00% > 10% → 0.
        #expect(item("off-establishment").why == ["编外人员控制率 50.00%：其他 档，得 0 分"])
        // 政府采购: 99.90% × 1 + 1.
        #expect(item("procurement").exact.hasPrefix("1.99901"))
        #expect(item("public-expense-control").why.prefix(2) == ["“三公”经费控制率：“三公”经费控制率 36.78%：< 90% 档，得 3 分",
                                                               "日常公用经费控制率：公用经费控制率 89.65%：< 90% 档，得 3 分"])
        // Every computed item says where its indicator comes from: the first cells, and how many
        // in all (Q3 progress: the 200 payments to 30 September and the 35 budget lines).
        #expect(item("budget-execution").indicators[2].id == "progress.q3")
        #expect(item("budget-execution").indicators[2].places.count == 5)
        #expect(item("budget-execution").indicators[2].count == 235)
    }

    @Test("a Q3 payment changes 预算执行率 and nothing else")
    func q3Payment() throws {
        let before = try scoredSample()
        let after = try scoredSample { dir in
            // A September project payment 1,000,000.00 larger (its month's 本月合计 with it).
            try Self.edit(dir + "/ledgers/treasury/2024-09.csv", encoding: .utf8) { lines in
                let i = lines.firstIndex { $0.contains(",项目支出,") && !$0.contains("FTZS") }!
                lines[i] = Self.add(lines[i], 100_000_000)
                lines[lines.count - 2] = Self.add(lines[lines.count - 2], 100_000_000)
            }
        }
        let changed = zip(before.sheet.items, after.sheet.items).filter { $0.exact != $1.exact }.map { $0.0.id }
        #expect(changed == ["budget-execution"])
        #expect(after.sheet.items.first { $0.id == "budget-execution" }!.points == "5.89")   // Q3 65.97% → 66.69%, Q4 99.46% → 100.18% (capped at 1)
    }

    @Test("a 三公 payment changes 公用经费控制率 (and 预算执行率, through total spending), nothing else")
    func sanGongPayment() throws {
        let before = try scoredSample()
        let after = try scoredSample { dir in
            // An official-car payment in August 20,000.00 larger: 三公 spending 3.35 of 3.67 万元, 91.3%.
            try Self.edit(dir + "/ledgers/treasury/2024-08.csv", encoding: .utf8) { lines in
                let i = lines.firstIndex { $0.contains("30231 公务用车运行维护费") }!
                lines[i] = Self.add(lines[i], 2_000_000)
                lines[lines.count - 2] = Self.add(lines[lines.count - 2], 2_000_000)
            }
        }
        let changed = zip(before.sheet.items, after.sheet.items).filter { $0.exact != $1.exact }.map { $0.0.id }
        #expect(changed == ["public-expense-control", "budget-execution"])
        #expect(after.sheet.items.first { $0.id == "public-expense-control" }!.points == "5.00")
        #expect(after.sheet.total == "97.79")
        #expect(after.findings.first { $0.id == "score:public-expense-control" }!.status == .mismatch)
    }

    /// Rewrites a CSV ledger line by line.
    static func edit(_ path: String, encoding: String.Encoding, _ body: (inout [String]) -> Void) throws {
        var lines = try String(contentsOfFile: path, encoding: encoding).components(separatedBy: "\r\n")
        body(&lines)
        try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: encoding)
    }

    /// Adds `cents` to the quoted amount that ends a CSV line.
    static func add(_ line: String, _ cents: Int) -> String {
        let start = line.range(of: ",\"", options: .backwards)!
        let text = line[start.upperBound...].dropLast().replacing(",", with: "")
        let parts = text.split(separator: ".")
        let value = Int(parts[0])! * 100 + Int(parts[1])! + cents
        let grouped = (value / 100).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        return String(line[..<start.lowerBound]) + ",\"\(grouped).\(String(format: "%02d", value % 100))\""
    }
}

@Suite("A workspace's own rubric")
struct RubricOverrideTests {
    @Test("rubric.yaml in the workspace replaces the built-in rubric")
    func override() throws {
        let s = try scoredSample { dir in
            try """
            version: test-2024
            title: 测试评分标准
            items:
              - id: off-establishment
                level1: 部门管理指标
                level2: 人员管理指标
                name: 编外人员控制率
                max: 1
                standard: 编外人员占比不超过 60% 得 1 分。
                rule: { kind: bands, indicator: staff.off-ratio, bands: [ { at_most: "60%", points: 1 }, { points: 0 } ] }
            """.write(toFile: dir + "/rubric.yaml", atomically: true, encoding: .utf8)
            // The assessments and claims name items this rubric does not have (an error, tested
            // in AssessmentTests): drop the assessments, keep only the claimed total.
            try FileManager.default.removeItem(atPath: dir + "/assessments.yaml")
            let claims = dir + "/claims.yaml"
            let kept = try String(contentsOfFile: claims, encoding: .utf8).split(separator: "\n").filter { !$0.contains("score:") || $0.contains("score: total") }
            try kept.joined(separator: "\n").write(toFile: claims, atomically: true, encoding: .utf8)
        }
        #expect(s.rubric.version == "test-2024")
        #expect(s.sheet.items.map { "\($0.name) \($0.points)" } == ["编外人员控制率 1.00"])
        #expect(s.sheet.total == "1.00")
        #expect(s.findings.map(\.status) == [.mismatch])   // the annex's 98.79 against this rubric's 1.00
    }
}
