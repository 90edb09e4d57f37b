import Foundation
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// Profiles that are short to write: `extends:` with overrides, a ledger's own `key:`, and
/// words matched by their code or a pattern.
@Suite("Short profiles")
struct ShortProfileTests {
    /// A workspace reading `ledgers/*.csv` with profile `p`, with the given profiles.
    static func workspace(profiles: [String: String], ledger: String) throws -> (Workspace, DatasetStore) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-short-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/ledgers", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: p\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        for (name, text) in profiles { try text.write(toFile: dir + "/profiles/\(name).yaml", atomically: true, encoding: .utf8) }
        try ledger.write(toFile: dir + "/ledgers/budget.csv", atomically: true, encoding: .utf8)
        let ws = try Workspace.open(dir)
        return (ws, try DatasetStore(path: ws.databasePath))
    }

    /// Three 三公 lines share one document number and item name, told apart by their control line;
    /// the economic class carries the line as a code.
    static let ledger = """
        文号,下达日期,名称,支出类型,类型,经济分类,预算数
        深财预〔2024〕1号,2024-01-05,公用经费,基本支出,年初预算,30212 因公出国(境)费用,10000.00
        深财预〔2024〕1号,2024-01-05,公用经费,基本支出,年初预算,30231 公务用车运行维护费,20000.00
        深财预〔2024〕1号,2024-01-05,公用经费,基本支出,年初预算,30217 公务接待费,6700.00
        深财预〔2024〕1号,2024-01-05,办公费,基本支出,年初预算,30201 办公费,50000.00

        """

    /// The built-in budget-indicators profile, extended: a fixed unit, other headers, the
    /// control line read from the economic class by its code, and a key that includes it.
    static let profile = """
        extends: budget-indicators
        unit: 元
        subtotals: none
        key: [document, item, control_line]
        columns:
          document: 文号
          item: 名称
          stage: { from: 类型, map: { 年初预算: initial } }
          control_line:
            from: 经济分类
            prefixes: { "30212": abroad, "30231": vehicles, "30217": reception }
            patterns: { "^302": daily-public }
          amount: 预算数
        """

    @Test("extends, key and code prefixes: four lines, none rejected, each on its control line")
    func extended() throws {
        let (ws, store) = try Self.workspace(profiles: ["p": Self.profile], ledger: Self.ledger)
        let report = try store.ingest(ws)
        #expect(report.files.map(\.accounting.accepted) == [4] && report.files.map(\.accounting.rejected) == [0])
        #expect(report.files[0].duplicates == 0 && report.files[0].conflicts == 0)
        let lines = try store.records(of: .budgetIndicator).map { "\($0["control_line"]!) \($0["amount"]!)" }
        #expect(lines == ["abroad 10000.00", "vehicles 20000.00", "reception 6700.00", "daily-public 50000.00"])
        // The base's columns it does not override still read (date, spend type).
        #expect(try store.records(of: .budgetIndicator).allSatisfy { $0["date"] != nil && $0["spend_type"]?.description == "basic" })
    }

    @Test("without the profile's key the three 三公 lines share the kind's key (document, item): all kept, named, and the profile's key suggested")
    func kindKey() throws {
        let (ws, store) = try Self.workspace(profiles: ["p": Self.profile.replacingOccurrences(of: "key: [document, item, control_line]\n", with: "")], ledger: Self.ledger)
        let report = try store.ingest(ws)
        // Rows of one file are distinct records (issue 21, item 5): before, two of the three were
        // rejected as conflicts with the first; now none is merged or dropped, and they are named.
        #expect(report.files[0].conflicts == 0 && report.files[0].accounting.accepted == 4)
        let repeats = try #require(report.files[0].keyRepeats)
        #expect(repeats.rows == 3 && repeats.keys == 1 && repeats.examples == ["深财预〔2024〕1号|公用经费: rows 2, 3, 4"])
        #expect(repeats.suggestedKey == ["document", "item", "control_line"])
        #expect(try store.records(of: .budgetIndicator).map { $0["amount"]!.description } == ["10000.00", "20000.00", "6700.00", "50000.00"])
    }

    @Test("a workspace profile extending its own name extends the built-in one; chains and their mistakes")
    func chains() throws {
        // profiles/budget-indicators.yaml extends the built-in budget-indicators; p extends that.
        let own = "extends: budget-indicators\nunit: 元\nsubtotals: none\ncolumns:\n  document: 文号\n  item: 名称\n  amount: 预算数\n  stage: { from: 类型, map: { 年初预算: initial } }\n"
        let (ws, store) = try Self.workspace(profiles: ["budget-indicators": own, "p": "extends: budget-indicators\nkey: [document, item, control_line]\ncolumns:\n  control_line: { from: 经济分类, prefixes: { \"302\": daily-public, \"30212\": abroad, \"30231\": vehicles, \"30217\": reception } }\n"],
                                             ledger: Self.ledger)
        #expect(try store.ingest(ws).files.map(\.accounting.accepted) == [4])
        // The longest prefix wins: 30212 is abroad, not daily-public by its 302.
        #expect(try store.records(of: .budgetIndicator).map { $0["control_line"]!.description } == ["abroad", "vehicles", "reception", "daily-public"])
        func error(_ profiles: [String: String]) throws -> String {
            let (ws, _) = try Self.workspace(profiles: profiles, ledger: Self.ledger)
            do { _ = try ws.profile(named: "p"); return "no error" } catch { return error.description }
        }
        #expect(try error(["p": "extends: q\n", "q": "extends: p\n"])
                == "Error: key 'extends': the profile extends itself: profiles/p.yaml → profiles/q.yaml → profiles/p.yaml at profiles/q.yaml:1\nHelp: Make the chain of `extends:` end at a profile that extends none.")
        #expect(try error(["p": "extends: nothing\n"]).hasPrefix("Error: key 'extends': there is no profile 'nothing' to extend at profiles/p.yaml:1\nHelp: Name a profile of the workspace"))
        // A mistake in the base is reported in the base's file.
        #expect(try error(["p": "extends: q\n", "q": "kind: budget-indicator\ncolumns:\n  document: 文号\n  amount: { from: 预算数, unit: 千元 }\n"])
                == "Error: key 'columns.amount.unit': '千元' is not a unit at profiles/q.yaml:4\nHelp: Write 元, 万元 or 亿元 (or yuan, wan-yuan, yi-yuan), or from-title to read it from a line such as 单位：万元.")
        #expect(try error(["p": "extends: budget-indicators\nkey: [document, nothing]\n"])
                == "Error: key 'key': 'nothing' is not a field of budget-indicator at profiles/p.yaml:2\nHelp: Name the fields that identify a record: document, date, item, spend_type, stage, reason, control_line, amount; or month, quarter (of date, for vouchers numbered again each month or quarter).")
        #expect(try error(["p": "extends: budget-indicators\ncolumns:\n  control_line: { from: 经济分类, prefixes: { \"302\": daily } }\n"])
                == "Error: key 'columns.control_line.prefixes.302': 'daily' is not one of abroad, vehicles, reception, daily-public, none at profiles/p.yaml:3\nHelp: Map each prefix onto one of: abroad, vehicles, reception, daily-public, none.")
    }
}
