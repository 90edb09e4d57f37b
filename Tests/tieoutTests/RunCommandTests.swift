import Foundation
import Testing

@Suite("run, reconcile, check")
struct RunCommandTests {
    @Test("run on the sample: ingest, the findings worst first, the reports written; exit 1 for the mismatches")
    func run() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == """
        导入：20 个文件（新增 19，更正 1）；读取 438 行：接受 422，拒收 0，小计 16，跳过 0
          更正导出 ledgers/treasury/2024-06-r2.csv ← ledgers/treasury/2024-06.csv：+1 −0 ~1（新增 1 行，删除 0 行，改动 1 行）
        核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2
          不一致  “三公”经费控制率：报告 32.32%；台账 36.78%（差 +4.46 个百分点）
          不一致  因公出国（境）费：支出不超预算；台账 0.50 万元（差 +0.50 万元）
          陈述无据  预算调整：所列调整事项之和 = 调整总额（调整后 − 年初预算）：报告 10,957.34 万元（13,892.35 − 2,935.01）；各项之和 10,950.14 万元（10,639.27 + 310.87）（差 -7.20 万元）
          陈述无据  公众或服务对象满意度 得满分 6 分，但报告所述 72.99% 低于满分所需的 ≥ 95%
          缺少数据  所述数字 72.99% 无台账依据
          取整差异  实际支出：基本支出 + 项目支出 = 合计；各项之和 13,816.94 万元（983.40 + 12,833.54）（差 -0.01 万元）
        报告：out/report.md, out/report.html, out/findings.json, out/findings.xlsx, out/score.md, out/score.csv, out/score.json, out/score.xlsx, out/rejects.csv
        评分：合计 98.79 / 100.00 分，与附件一致

        """)
        for file in ["report.md", "report.html", "findings.json", "findings.xlsx", "rejects.csv", "score.md", "score.csv", "score.json", "score.xlsx"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/\(ws)/out/\(file)"), "\(file)")
        }
        // No temporary files left behind by the atomic writes.
        let left = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/\(ws)/out").filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
        let en = try CLI.run(["reconcile", ws, "--lang", "en"], in: dir)
        #expect(en.status == 1)
        #expect(en.stdout.hasPrefix("reconcile: ok 119, rounding 1, mismatch 2, missing-data 1, unsupported 2\n  mismatch  three-official-expenses control rate: stated 32.32%; ledgers 36.78% (difference +4.46 percentage points)\n"))
        // Every file reconcile wrote into out/, each named once (findings.xlsx, the score's files and rejects.csv too).
        #expect(en.stdout.hasSuffix("\nreports: out/report.md, out/report.html, out/findings.json, out/findings.xlsx, out/score.md, out/score.csv, out/score.json, out/score.xlsx, out/rejects.csv\n"))
        let html = try String(contentsOfFile: "\(dir)/\(ws)/out/report.html", encoding: .utf8)
        #expect(html.contains("lang=\"en\""))
        #expect(html.contains("<h2>Score (computed from the rubric)</h2>") && html.contains("<b>98.79</b>"))
        let score = try CLI.run(["score", ws], in: dir)
        // The score stands (98.79, as the annex), but its full marks for 满意度 are unsupported by the text's 72.99%.
        #expect(score.status == 1)
        #expect(score.stdout.contains("公众或服务对象满意度                              6.00   6.00  ✓\n"))
        #expect(score.stdout.hasSuffix("  陈述无据  公众或服务对象满意度 得满分 6 分，但报告所述 72.99% 低于满分所需的 ≥ 95%\n报告：out/report.md, out/report.html, out/findings.json, out/findings.xlsx, out/score.md, out/score.csv, out/score.json, out/score.xlsx, out/rejects.csv\n"))
        #expect(score.stdout.contains("财务合规性                                        3.00   2.92  ✓\n"))
        #expect(score.stdout.contains("预算执行率                                        6.00   5.87  ✓\n"))
        #expect(score.stdout.contains("合计                                            100.00  98.79  ✓\n"))
        let csv = try String(contentsOfFile: "\(dir)/\(ws)/out/score.csv", encoding: .utf8)
        #expect(csv.hasSuffix("合计,,total,合计,100.00,98.79,98.7895221590750,98.79,sum,\r\n"))
        // report.html's score table prints the total as people read it, not 98.7895221590750.
        let page = try String(contentsOfFile: "\(dir)/\(ws)/out/report.html", encoding: .utf8)
        #expect(page.contains("<td class=\"num\"><b>98.79</b></td><td class=\"num\">98.79</td><td>各项未取整得分之和，四舍五入到 0.01</td></tr>"))
    }

    @Test("check --as-of 2024-09-30: behind the 75% schedule, exit 1 so cron mails it; on schedule at the end of June")
    func check() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["check", ws, "--as-of", "2024-09-30"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == """
        季度预算执行检查：截至 2024-09-30（第三季度，序时进度 75%）
        已下达预算（调整后）：13,197.88 万元（截至 2024-09-30 下达的年初预算与调整：支出进度的分母）
        累计支出：9,165.21 万元，支出进度 69.44%，落后序时进度 5.56 个百分点
        全年调整后预算：13,892.35 万元（含 2024-09-30 之后下达的调整）；以之为分母，支出进度为 65.97%（即 tieout reconcile 的季度进度）
        至 2024-09-30 还需支出 733.20 万元 才能达到 75%
        预算执行率得分（若全年保持当前进度）：Q1 1.00，Q2 1.00，Q3 0.93，Q4 0.93（预计）；均衡性 2.00
        合计 5.85 / 6 分，将失 0.15 分

        """)
        let june = try CLI.run(["check", ws, "--as-of", "2024-06-30"], in: dir)
        #expect(june.status == 0)
        #expect(june.stdout.contains("累计支出：8,051.51 万元，支出进度 68.97%，达到序时进度\n"))
        #expect(june.stdout.hasSuffix("合计 6.00 / 6 分，将失 0.00 分\n"))
        let bad = try CLI.run(["check", ws, "--as-of", "2023-09-30"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr == "Error: 2023-09-30 is not in fiscal year 2024 at \(ws)/tieout.yaml\nHelp: Give a date in 2024, such as 2024-09-30.\n")
    }

    @Test("scripts/quarterly-check runs the check for a given day, and exits as the check does")
    func quarterlyScript() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.root.appendingPathComponent("scripts/quarterly-check").path)
        p.arguments = [ws, "2024-09-30"]
        p.environment = ProcessInfo.processInfo.environment.merging(["TIEOUT_BIN": CLI.executable]) { $1 }
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(text.hasPrefix("季度预算执行检查：截至 2024-09-30（第三季度，序时进度 75%）\n"))
    }
}
