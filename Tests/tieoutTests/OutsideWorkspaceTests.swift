import Foundation
import Testing

/// Sources and profiles resolve inside the workspace; names are shown safely. Before: a
/// link in ledgers/ to /etc/passwd copied its lines into the dataset and the reports,
/// `profile: ../../outside/evil` loaded a profile from outside, a mistyped source pattern
/// was silent, and control characters of file names reached the terminal raw.
@Suite("Outside the workspace")
struct OutsideWorkspaceTests {
    static func workspace(extraSource: String = "") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-outside-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/ledgers", withIntermediateDirectories: true)
        try ("unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: treasury-payments\n" + extraSource)
            .write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try "单位：元\n凭证号,支付日期,经济分类,支出类型,金额\n记-1,2024-03-01,30201 办公费,基本支出,100.00\n"
            .write(toFile: dir + "/ledgers/2024-03.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("a link to /etc/passwd is refused with its name and target; the rest is read; the reports say so")
    func linkOutside() throws {
        let dir = try Self.workspace()
        try FileManager.default.createSymbolicLink(atPath: dir + "/ledgers/evil.csv", withDestinationPath: "/etc/passwd")
        let r = try CLI.run(["run", dir])
        #expect(r.status == 1)
        #expect(r.stdout.contains("  读取失败 ledgers/evil.csv: Error: ledgers/evil.csv leads outside the workspace, to /etc/passwd at \(dir)/ledgers/evil.csv / Help: Ledgers and profiles must be inside the workspace: copy the file in instead of linking to it, or remove the link.\n"))
        let md = try String(contentsOfFile: dir + "/out/report.md", encoding: .utf8)
        #expect(md.contains("读取失败：ledgers/evil.csv：Error: ledgers/evil.csv leads outside the workspace, to /etc/passwd"))
        #expect(!md.contains("root:x:0:0"))
        #expect(try CLI.run(["export", "--lang", "en", dir]).status == 0)
        let csv = try String(contentsOfFile: dir + "/out/dataset/treasury_payments.csv", encoding: .utf8)
        #expect(!csv.contains("root:") && csv.contains("记-1"))
    }

    @Test("a profile named as a path, and a profile file that links outside, are refused")
    func profileOutside() throws {
        let dir = try Self.workspace(extraSource: "  - files: other/*.csv\n    profile: ../../outside/evil\n")
        let r = try CLI.run(["ingest", dir, "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.stderr == "Error: '../../outside/evil' is not a profile name at \(dir)/tieout.yaml:7\nHelp: Name a profile, not a path: `profile: treasury-payments` reads profiles/treasury-payments.yaml in the workspace, or the built-in profile of that name.\n")
        let dir2 = try Self.workspace()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-evil-\(UUID().uuidString).yaml").path
        try "kind: treasury-payment\ncolumns: {voucher: A, date: B, economic_class: C, spend_type: D, amount: E}\n".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir2 + "/profiles", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir2 + "/profiles/treasury-payments.yaml", withDestinationPath: outside)
        let r2 = try CLI.run(["ingest", dir2, "--lang", "en"])
        #expect(r2.status == 2)
        #expect(r2.stderr.hasPrefix("Error: profiles/treasury-payments.yaml leads outside the workspace, to \(outside)"))
    }

    @Test("a source that matches no file is a warning in the summary and the reports")
    func unmatched() throws {
        let dir = try Self.workspace(extraSource: "  - files: ledgers/procurment/*.xlsx\n    profile: procurement\n")
        let ingest = try CLI.run(["ingest", dir, "--lang", "en"])
        #expect(ingest.stdout.contains("warning: no file matches the source ledgers/procurment/*.xlsx (procurement, tieout.yaml line 6)\n"))
        let run = try CLI.run(["run", dir])
        #expect(run.stdout.contains("  来源匹配不到文件 ledgers/procurment/*.xlsx (procurement, tieout.yaml line 6)\n"))
        let md = try String(contentsOfFile: dir + "/out/report.md", encoding: .utf8)
        #expect(md.contains("来源匹配不到任何文件：ledgers/procurment/\\*.xlsx (procurement)"))
    }

    @Test("control characters in a file name are escaped on the terminal; HTML in one is escaped in report.md")
    func names() throws {
        let dir = try Self.workspace()
        let red = "ledgers/a\u{1B}[31mred.csv"
        try "不是台账\n".write(toFile: dir + "/" + red, atomically: true, encoding: .utf8)
        try "不是台账\n".write(toFile: dir + "/ledgers/<script>x.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", dir])
        #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}"))
        #expect(r.stdout.contains("  读取失败 ledgers/a\\u{1b}[31mred.csv: "))
        let md = try String(contentsOfFile: dir + "/out/report.md", encoding: .utf8)
        #expect(md.contains("读取失败：ledgers/&lt;script&gt;x.csv：") && !md.contains("<script>"))
        #expect(!md.contains("\u{1B}"))
    }
}
