import Foundation
import Testing

/// `tieout figures`: every figure a user can name, and `explain` by title.
@Suite("Figures a user can find")
struct FiguresCommandTests {
    @Test("tieout figures lists every built-in figure with its Chinese title and formula, aligned; --lang en in English")
    func builtIn() throws {
        let r = try CLI.run(["figures"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("budget.initial.basic ") == true)
        #expect(lines.contains { $0.hasPrefix("spend.actual.total") && $0.contains("实际支出（合计）") })
        let count = lines.count - 1
        #expect(lines.last == "共 \(count) 个指标。`tieout explain 工作区 编号`（或指标名称）列出其所依据的每条记录。")
        // Titles start in one column: the longest id and two spaces.
        let idWidth = lines.dropLast().map { $0.prefix { $0 != " " }.count }.max()!
        #expect(lines[0].hasPrefix("budget.initial.basic" + String(repeating: " ", count: idWidth - 20 + 2) + "年初预算（基本支出）  "))
        #expect(lines[0].hasSuffix("  指标类型为年初预算的基本支出指标之和"))
        let en = try CLI.run(["figures", "--lang", "en"])
        #expect(en.stdout.split(separator: "\n").first?.contains("initial budget, basic") == true)
        #expect(en.stdout.split(separator: "\n").first?.contains("sum of budget-indicator.amount where spend_type, stage match") == true)
        #expect(en.stdout.hasSuffix("\(count) figures. `tieout explain WORKSPACE ID` (or its title) lists the records behind one.\n"))
        #expect(!en.stdout.contains("指标"), "English listing: \(en.stdout.prefix(400))")
    }

    @Test("a workspace's own figures are listed with the file and line that define them")
    func workspace() throws {
        let r = try CLI.run(["figures", CLI.root.appendingPathComponent("samples/nanshan-2025").path])
        #expect(r.status == 0)
        let own = r.stdout.split(separator: "\n").filter { $0.contains("[figures.yaml:") }
        #expect(!own.isEmpty)
        let builtIn = try CLI.run(["figures"])
        #expect(r.stdout.split(separator: "\n").count > builtIn.stdout.split(separator: "\n").count || own.count > 0)
    }

    @Test("explain takes a figure's Chinese or English title, with either kind of parentheses, and lists the same records as its id")
    func explainByTitle() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        _ = try CLI.run(["ingest", ws], in: dir)
        let byId = try CLI.run(["explain", ws, "spend.actual.total"], in: dir)
        for name in ["实际支出（合计）", "实际支出(合计)", "actual spending, total"] {
            let r = try CLI.run(["explain", ws, name], in: dir)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stdout == byId.stdout && r.stderr == byId.stderr, "\(name)")
        }
    }
}
