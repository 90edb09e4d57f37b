import Foundation
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// 本年累计 rows across monthly files of one source: checked against the source's own and
/// earlier periods, left out of the records; a wrong one is a mismatch, a gap incomplete.
@Suite("Cumulative rows")
struct CumulativeTests {
    typealias W = IngestBehaviourTests

    static func workspace(_ files: [String: String]) throws -> (Workspace, DatasetStore) {
        let (ws, store) = try W.workspace(files)
        try FileManager.default.createDirectory(atPath: ws.root + "/profiles", withIntermediateDirectories: true)
        try "extends: treasury-payments\nunit: 元\ncumulative: { labels: [本年累计], check: [amount] }\ncolumns:\n  economic_class: 经济分类\n"
            .write(toFile: ws.root + "/profiles/treasury-payments.yaml", atomically: true, encoding: .utf8)
        return (try Workspace.open(ws.root), store)
    }

    static let months = [
        "2024-01.csv": "记-1,2024-01-05,30201 办公费,基本支出,100.00\n本年累计,,,,100.00\n",
        "2024-02.csv": "记-2,2024-02-05,30201 办公费,基本支出,50.00\n本年累计,,,,150.00\n",
        "2024-03.csv": "记-3,2024-03-05,30201 办公费,基本支出,25.00\n本年累计,,,,176.00\n",
    ]

    @Test("each month's 本年累计 against January through that month: 100 ok, 150 ok, 176 a mismatch (175); the rows are left out")
    func checked() throws {
        let (ws, store) = try Self.workspace(Self.months)
        let report = try store.ingest(ws)
        #expect(report.cumulativeChecks == 3 && report.cumulativeProblems == 1)
        #expect(report.files.map(\.accounting.subtotal) == [1, 1, 1] && report.totals.accepted == 3)
        #expect(report.files[2].subtotalMismatches == ["ledgers/2024-03.csv!E4: 本年累计 amount states 176.00, the source's records so far sum to 175.00 (mismatch)"])
        #expect(try W.total(store) == "175.00")
        let problems = try store.subtotalProblems()
        #expect(problems.map { "\($0.file) \($0.label) \($0.stated ?? "-") \($0.computed) \($0.status) \($0.scope)" }
                == ["ledgers/2024-03.csv 本年累计 176.00 175.00 mismatch year-to-date"])
    }

    @Test("a month missing: the later 本年累计 cannot be checked in full, incomplete (never a mismatch)")
    func gap() throws {
        var files = Self.months
        files["2024-02.csv"] = nil
        files["2024-03.csv"] = "记-3,2024-03-05,30201 办公费,基本支出,25.00\n本年累计,,,,175.00\n"
        let (ws, store) = try Self.workspace(files)
        let report = try store.ingest(ws)
        #expect(try store.subtotalProblems().map { "\($0.file) \($0.status)" } == ["ledgers/2024-03.csv incomplete"])
        #expect(report.cumulativeProblems == 1)
    }
}
