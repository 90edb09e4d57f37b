import Foundation
import Testing

/// Names and titles from settings reach the reports as text, never as markup or raw control
/// characters; `run --all` runs each workspace under its folder once, and one batch at a time
/// (issue 20, item 14).
@Suite("Hostile names")
struct HostileNamesTests {
    @Test("a unit named 福田<script>…, a figure titled with ESC and BEL: report.md and report.html show them as text")
    func reportText() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        let config = try String(contentsOfFile: root + "/tieout.yaml", encoding: .utf8)
        let unitLine = config.split(separator: "\n").first { $0.hasPrefix("unit:") }!
        try config.replacingOccurrences(of: String(unitLine), with: "unit: \"福田<script>alert(1)</script> *x* # [y](z)\"")
            .write(toFile: root + "/tieout.yaml", atomically: true, encoding: .utf8)
        try """
            figures:
              - id: spend.actual.total
                title: "实际支出\\e[31m（合计）\\a"
                en: actual spending, total
                formula: 全部国库集中支付之和
                sum: treasury-payment.amount
                label: 国库集中支付

            """.write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        let md = try String(contentsOfFile: root + "/out/report.md", encoding: .utf8)
        #expect(md.hasPrefix("# 福田&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\# \\[y\\](z) 2024 年度部门整体支出绩效自评：数字核对报告\n"))
        #expect(!md.contains("<script>"))
        let html = try String(contentsOfFile: root + "/out/report.html", encoding: .utf8)
        #expect(html.contains("<h1>福田&lt;script&gt;alert(1)&lt;/script&gt; *x* # [y](z) 2024 年度部门整体支出绩效自评：数字核对报告</h1>"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(html.contains("实际支出\\u{1b}[31m（合计）\\u{7}"))
        #expect(!md.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    /// A folder with the sample as unit `a`.
    static func fleet() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fleet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: dir + "/a")
        try? FileManager.default.removeItem(atPath: dir + "/a/.tieout")
        try? FileManager.default.removeItem(atPath: dir + "/a/out")
        return dir
    }

    @Test("run --all with DIR/loop -> . and DIR/ext -> a workspace outside DIR: unit a runs once; ext is skipped with a message and not written")
    func linksInTheFolder() throws {
        let dir = try Self.fleet()
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop", withDestinationPath: ".")
        let (outside, ws) = try WorkspaceCommandTests.sample()
        try FileManager.default.createSymbolicLink(atPath: dir + "/ext", withDestinationPath: outside + "/" + ws)
        let r = try CLI.run(["run", "--all", dir])
        #expect(r.status == 1, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        #expect((json["units"] as! [[String: Any]]).map { $0["workspace"] as! String } == ["a"])
        #expect(r.stderr.contains("run --all: skipped ext: it leads outside \(dir), to \(outside)/\(ws); run it by its own path\n"))
        #expect(r.stderr.contains("run --all: 1/1 a "))
        #expect(!FileManager.default.fileExists(atPath: outside + "/" + ws + "/out"))
        #expect(!FileManager.default.fileExists(atPath: outside + "/" + ws + "/.tieout"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out/logs").filter { !$0.hasPrefix(".") } == ["a.log"])
    }

    @Test("a second run --all on a folder whose batch is under way: --no-wait exits 2 naming the holder, and writes no log or summary")
    func oneBatchAtATime() throws {
        let dir = try Self.fleet()
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        // The lock as a running batch holds it.
        let fd = open(dir + "/out/.lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        _ = "pid 1, tieout run --all, since then\n".withCString { write(fd, $0, strlen($0)) }
        let r = try CLI.run(["run", "--all", dir, "--no-wait"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Error: another tieout is running the units under this folder (pid 1, tieout run --all, since then) at \(dir)\n"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/logs/a.log"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/summary.json"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/a/out"))
        close(fd)
        #expect(try CLI.run(["run", "--all", dir, "--no-wait"]).status == 1)
    }
}
