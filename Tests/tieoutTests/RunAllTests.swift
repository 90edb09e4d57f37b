import Foundation
import Testing
import TieoutTestSupport

/// `tieout run --all DIR`: every unit independently, a summary in three forms, the worst status.
@Suite("Many units")
struct RunAllTests {
    @Test("two sample units and a broken one: the broken one fails alone, the others complete; summary.md/html/json; exit 2")
    func batch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fleet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/district", withIntermediateDirectories: true)
        for u in ["district/a", "b"] {
            try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: dir + "/" + u)
            try? FileManager.default.removeItem(atPath: dir + "/" + u + "/.tieout")
            try? FileManager.default.removeItem(atPath: dir + "/" + u + "/out")
        }
        try FileManager.default.createDirectory(atPath: dir + "/broken", withIntermediateDirectories: true)
        try "unit: 坏\n".write(toFile: dir + "/broken/tieout.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "--all", dir, "--jobs", "2"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("run --all: 3/3 "))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.map { $0["workspace"] as! String } == ["b", "broken", "district/a"])
        #expect(units.map { $0["status"] as! String } == ["problems", "failed", "problems"])
        #expect(units.map { $0["exit_code"] as! Int } == [1, 2, 1])
        #expect(units[0]["rows"] as? Int == 438 && units[0]["files"] as? Int == 20 && units[0]["score"] as? String == "98.79")
        #expect(units[0]["findings"] as? [String: Int] == ["ok": 119, "rounding": 1, "mismatch": 2, "missing-data": 1, "unsupported": 2])
        #expect((units[1]["error"] as? String)?.hasPrefix("错误：tieout.yaml 中没有“fiscal_year”，位置：") == true)
        #expect(json["jobs"] as? Int == 2)
        let md = try String(contentsOfFile: dir + "/out/summary.md", encoding: .utf8)
        #expect(md.contains("3 个单位（正常 0，有问题 2，失败 1）；读取 876 行；"))
        #expect(md.contains("| 深圳市福田区政务服务和数据管理局 | district/a | 20 | 438 | 119 | 1 | 2 | 1 | 2 | 98.79 | "))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/summary.html"))
        // Each unit has its own reports, as if run alone.
        #expect(FileManager.default.fileExists(atPath: dir + "/district/a/out/report.html"))
        #expect(try String(contentsOfFile: dir + "/out/logs/district__a.log", encoding: .utf8).contains("评分：合计 98.79 / 100.00 分"))
    }

    static func sampleFleet(_ units: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fleet-\(UUID().uuidString)").path
        for u in units {
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: dir + "/" + u).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: dir + "/" + u)
            try? FileManager.default.removeItem(atPath: dir + "/" + u + "/.tieout")
            try? FileManager.default.removeItem(atPath: dir + "/" + u + "/out")
        }
        return dir
    }

    @Test("a warm rerun lists each unit's rows from its dataset (before: 0 for every unit whose files were unchanged, 读取 0 行); counts have thousands separators")
    func warmRerunRows() throws {
        let dir = try Self.sampleFleet(["a", "b", "c"])
        let cold = try CLI.run(["run", "--all", dir, "--jobs", "2"])
        #expect(cold.status == 1, "\(cold.stderr)")
        #expect(cold.stdout.contains("3 个单位（正常 0，有问题 3，失败 0）；读取 1,314 行；"), "\(cold.stdout)")
        let warm = try CLI.run(["run", "--all", dir, "--jobs", "2"])
        #expect(warm.status == 1, "\(warm.stderr)")
        #expect(try String(contentsOfFile: dir + "/out/logs/a.log", encoding: .utf8).hasPrefix("导入：20 个文件（未变 20）；读取 0 行"))
        #expect(warm.stdout.contains("3 个单位（正常 0，有问题 3，失败 0）；读取 1,314 行；"), "\(warm.stdout)")
        #expect(warm.stdout.contains("| 深圳市福田区政务服务和数据管理局 | b | 20 | 438 | 119 | 1 | 2 | 1 | 2 | 98.79 | "), "\(warm.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.map { $0["rows"] as? Int } == [438, 438, 438])
        #expect(units.map { $0["report"] as? String } == ["a/out/report.html", "b/out/report.html", "c/out/report.html"])
        #expect(units[0]["progress"] as? [String: String] == ["q1": "0.456652131857", "q2": "0.579564243415", "q3": "0.659730851152", "q4": "0.994572321098"])
        let html = try String(contentsOfFile: dir + "/out/summary.html", encoding: .utf8)
        #expect(html.contains("<td class=\"num\">438</td>"))
        #expect(html.contains("读取 1,314 行"))
    }

    @Test("summary.html: each unit links to its report (relative, names percent-encoded) and its log; a chart of progress and findings by unit; a failed unit links its log only")
    func pageLinksAndChart() throws {
        let dir = try Self.sampleFleet(["区/a b", "c"])
        try FileManager.default.createDirectory(atPath: dir + "/broken", withIntermediateDirectories: true)
        try "unit: 坏\n".write(toFile: dir + "/broken/tieout.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "--all", dir, "--jobs", "2"])
        #expect(r.status == 2, "\(r.stderr)")
        let html = try String(contentsOfFile: dir + "/out/summary.html", encoding: .utf8)
        #expect(html.contains("<td><a href=\"../%E5%8C%BA/a%20b/out/report.html\">深圳市福田区政务服务和数据管理局</a></td><td><a href=\"../%E5%8C%BA/a%20b/out/report.html\">区/a b</a></td>"))
        #expect(html.contains("<a href=\"../c/out/report.html\">c</a>"))
        #expect(html.contains("<a href=\"logs/%E5%8C%BA__a%20b.log\">日志</a>"))
        #expect(html.contains("<tr class=\"failed\"><td>—</td><td>broken</td>"))
        #expect(!html.contains("../broken/out/report.html"))
        #expect(html.contains("<a href=\"logs/broken.log\">日志</a>"))
        #expect(html.contains("<p class=\"verdict bad\">1 个单位运行失败，2 个单位有问题（不一致、陈述无据、缺少数据或拒收行）；见下表。</p>"))
        // The chart: a row per unit, progress at the last quarter against the schedule, findings to act on by class.
        #expect(html.contains("<svg "))
        #expect(html.contains("各单位支出进度与发现"))
        #expect(html.components(separatedBy: ">Q4 99.46%</text>").count == 3)
        #expect(html.contains("<title>深圳市福田区政务服务和数据管理局: 不一致 2</title>"))
        #expect(html.contains("不一致 2 · 陈述无据 2 · 缺少数据 1 · 取整差异 1 · 一致 119</text>"))
        #expect(html.contains(">运行失败：见下表</text>"))
        // Every link leads to a file that is there.
        let out = URL(fileURLWithPath: dir + "/out/")
        for target in ["../%E5%8C%BA/a%20b/out/report.html", "../c/out/report.html", "logs/broken.log", "logs/c.log"] {
            let path = URL(string: target, relativeTo: out.appendingPathComponent("summary.html"))!.standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: path), "\(target) → \(path)")
        }
    }

    @Test("run --all --lang en: summary.md, summary.html and stdout in English; no Chinese but the units' own names and errors")
    func english() throws {
        let dir = try Self.sampleFleet(["a", "b"])
        let r = try CLI.run(["run", "--all", dir, "--jobs", "2", "--lang", "en"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("2 units (ok 0, with problems 2, failed 0); 876 rows read; "), "\(r.stdout)")
        #expect(r.stdout.contains("| Unit | Workspace | Files | Rows | OK | Rounding | Mismatch | Missing data | Unsupported | Score | Seconds | Status |"))
        #expect(r.stdout.hasSuffix("summary: out/summary.md, out/summary.html, out/summary.json, out/summary.xlsx\n"))
        let html = try String(contentsOfFile: dir + "/out/summary.html", encoding: .utf8)
        #expect(html.contains("lang=\"en\""))
        #expect(html.contains("<title>Batch run summary</title>"))
        #expect(html.contains("<p class=\"verdict bad\">2 units have problems (mismatches, unsupported statements, missing data or rejected rows): see the table.</p>"))
        #expect(html.contains("mismatch 2 · unsupported 2 · missing data 1 · rounding 1 · ok 119</text>"))
        let md = try String(contentsOfFile: dir + "/out/summary.md", encoding: .utf8)
        let book = try DumpedWorkbook.read(dir + "/out/summary.xlsx")
        #expect(book.sheets.map(\.name) == ["Summary"])
        #expect(book.sheets.first?.rows.first == ["Unit", "Workspace", "Files", "Rows", "OK", "Rounding", "Mismatch", "Missing data", "Unsupported", "Score", "Seconds",
                                                  "Progress", "Quarter", "Status", "Error", "Report", "Log"])
        #expect(book.sheets.first?.rows.dropFirst().map { $0[13] } == ["problems", "problems"])
        let quiet = try CLI.run(["run", "--all", dir, "--jobs", "2", "--lang", "en", "--quiet"])
        #expect(quiet.stdout == """
            2 units: with problems 2, failed 0; summary out/summary.md
              problems  深圳市福田区政务服务和数据管理局 (a): mismatch 2, missing data 1, unsupported 2, score 98.79; log out/logs/a.log
              problems  深圳市福田区政务服务和数据管理局 (b): mismatch 2, missing data 1, unsupported 2, score 98.79; log out/logs/b.log

            """)
        for (name, text) in [("summary.html", html), ("summary.md", md)] {
            let rest = text.replacingOccurrences(of: "深圳市福田区政务服务和数据管理局", with: "")
            let chinese = rest.unicodeScalars.filter { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
            #expect(chinese.isEmpty, "\(name): \(String(String.UnicodeScalarView(chinese)))")
        }
    }

    @Test("summary.xlsx beside the page: a row per unit, counts and score as numbers, progress as a percentage, rows filled by status, a filter; Tieout, openpyxl and LibreOffice read it alike")
    func summaryWorkbook() throws {
        let dir = try Self.sampleFleet(["a"])
        try FileManager.default.createDirectory(atPath: dir + "/broken", withIntermediateDirectories: true)
        try "unit: 坏\n".write(toFile: dir + "/broken/tieout.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "--all", dir])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("汇总：out/summary.md, out/summary.html, out/summary.json, out/summary.xlsx\n"))
        let (mine, py) = try WorkbookOutputTests.agree(dir + "/out/summary.xlsx")
        #expect(mine.map(\.name) == ["汇总"])
        let sheet = try #require(py.sheets.first)
        #expect(sheet.rows.first == ["单位", "工作区", "文件", "行", "一致", "取整差异", "不一致", "缺少数据", "陈述无据", "评分", "秒", "季度末进度", "进度季度", "状态", "错误", "报告", "日志"])
        try #require(sheet.rows.count == 3)
        #expect(Array(sheet.rows[1][0..<10]) == ["深圳市福田区政务服务和数据管理局", "a", "20", "438", "119", "1", "2", "1", "2", "98.79"])
        #expect(Array(sheet.rows[1][11...]) == ["0.9946", "Q4", "有问题", "", "a/out/report.html", "out/logs/a.log"])
        #expect(sheet.rows[2][1] == "broken" && sheet.rows[2][13] == "失败" && sheet.rows[2][14].hasPrefix("错误：tieout.yaml 中没有“fiscal_year”，位置："))
        #expect(sheet.fills[1].allSatisfy { $0 == "FFFFEB9C" } && sheet.fills[2].allSatisfy { $0 == "FFFFC7CE" })
        #expect(sheet.filter == "A1:Q3")
        #expect(sheet.types.contains("int") && sheet.types.contains("float"))
    }

    @Test("--jobs without --all, and 0 jobs, are usage errors")
    func usage() throws {
        #expect(try CLI.run(["run", "x", "--jobs", "2"]).stderr.hasPrefix("Error: --jobs goes with --all."))
        #expect(try CLI.run(["run", "--all", "x", "--jobs", "0"]).status == 2)
    }
}
