import Foundation
import Testing

/// ingest's lines about subtotal rows that disagree and rows counted once or rejected against an
/// earlier file are the dataset's: the same files print the same lines whatever the history.
/// Before, only the ingest that read a file printed them; a warm rerun (files unchanged, skipped)
/// printed none, while `tieout run` still showed the mismatch and the conflict from the dataset.
@Suite("ingest's problem lines in every run")
struct IngestWarmLinesTests {
    static func workspace() throws -> String {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-warm-\(UUID().uuidString)").path
        for sub in ["/ledgers", "/profiles", "/kinds"] { try FileManager.default.createDirectory(atPath: ws + sub, withIntermediateDirectories: true) }
        let files = [
            "tieout.yaml": "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: pay\n",
            "kinds/payment.yaml": """
                kind: payment
                title: 支付
                key: [voucher, entry]
                dated_by: date
                fields:
                  date: { title: 日期, type: date, required: true }
                  voucher: { title: 凭证号, type: text, required: true }
                  entry: { title: 分录号, type: text, required: true }
                  amount: { title: 金额, type: amount, required: true }
                """,
            "profiles/pay.yaml": "kind: payment\ncolumns:\n  date: 日期\n  voucher: 凭证号\n  entry: 分录号\n  amount: 金额\n",
            // 合计 states 301.00; its rows sum to 300.00.
            "ledgers/a.csv": "日期,凭证号,分录号,金额\n2024-01-05,记-0001,1,100.00\n2024-01-05,记-0001,2,200.00\n合计,,,301.00\n",
            // 记-0001|1 again with the same values (counted once), 记-0001|2 with another amount (rejected).
            "ledgers/b.csv": "日期,凭证号,分录号,金额\n2024-01-05,记-0001,1,100.00\n2024-01-05,记-0001,2,250.00\n2024-02-01,记-0002,1,50.00\n",
        ]
        for (name, text) in files { try text.write(toFile: ws + "/" + name, atomically: true, encoding: .utf8) }
        return ws
    }

    /// ingest's problem lines (not its table: the rows read this run differ, legitimately, between
    /// a run that reads the files and one that skips them) and its exit status.
    static func problems(_ ws: String) throws -> (lines: [String], status: Int32) {
        let r = try CLI.run(["ingest", ws, "--lang", "en"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("subtotal") || $0.hasPrefix("duplicates: ") || $0.hasPrefix("warning: ") }
        return (lines, r.status)
    }

    @Test("a fresh ingest, a warm rerun (files skipped) and an ingest on a fresh copy print the same subtotal and duplicate lines")
    func sameInEveryRun() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let fresh = try Self.problems(ws)
        // The place is the workspace's own (before: the absolute path of the folder it was read in).
        #expect(fresh.lines == [
            "subtotal: ledgers/a.csv:4:4: 合计 amount states 301.00, the rows sum to 300.00 (mismatch)",
            "duplicates: ledgers/b.csv: 1 rows already in the dataset with the same values (counted once), 1 with other values (rejected)",
            "subtotal rows: 1 checks, 1 not equal",
        ], "\(fresh.lines)")
        #expect(fresh.status == 1)
        // Files unchanged: both skipped, the same lines.
        let warm = try Self.problems(ws)
        #expect(warm.lines == fresh.lines)
        #expect(warm.status == fresh.status)
        // The same files in a new folder, with no dataset.
        let copy = ws + "-copy"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: ws, toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/.tieout")
        try? FileManager.default.removeItem(atPath: copy + "/out")
        let copied = try Self.problems(copy)
        #expect(copied.lines == fresh.lines && copied.status == fresh.status)
    }

    /// Before, a warm rerun printed the stored mismatch in English inside the Chinese output
    /// (`小计：ledgers/a.csv:4:4: 合计 amount states 301.00, the rows sum to 300.00 (mismatch)`), and
    /// the fresh run named the file as the workspace was named (`./ledgers/a.csv` for `.`), the rerun
    /// as the dataset keeps it: both now print the dataset's line, in the language asked for.
    @Test("in Chinese, with the workspace named `.`: the fresh run and the rerun print the same Chinese lines")
    func sameInChinese() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: ws) }
        func lines() throws -> [String] {
            let r = try CLI.run(["ingest", "."], in: ws, errorLanguage: nil)
            #expect(r.status == 1)
            return r.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("小计") || $0.hasPrefix("重复：") }
        }
        let fresh = try lines()
        #expect(fresh == [
            "小计：ledgers/a.csv:4:4：合计 amount 为 301.00，所含各行之和为 300.00（不一致）",
            "重复：ledgers/b.csv：1 行与数据集中已有的行值相同（只计一次），1 行值不同（拒收）",
            "小计行：核对 1 处，1 处不相等",
        ], "\(fresh)")
        #expect(try lines() == fresh)
    }
}
