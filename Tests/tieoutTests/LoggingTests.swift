import Foundation
import Testing

/// `--log-format text|json` and `--quiet`: an event per file, finding class, report and
/// failure on stderr, for cron mail and log collectors (docs/logging.md).
@Suite("Event logs")
struct LoggingTests {
    /// stderr's lines as JSON objects; a line that is not one is recorded as an issue.
    static func events(_ stderr: String) -> [[String: Any]] {
        stderr.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                Issue.record("not a JSON object: \(line)")
                return nil
            }
            return o
        }
    }

    /// The text lines with their times (`2026-11-30T11:03:57Z`) replaced by `TIME`.
    static func timeless(_ text: String) -> String {
        text.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, with: "TIME").replacing(/milliseconds=\d+/, with: "milliseconds=N")
    }

    @Test("--log-format json: every stderr line one object; run.started first, an event per file, per finding class and per report, run.finished last; stdout as without it")
    func json() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let plain = try CLI.run(["run", ws], in: dir)
        try FileManager.default.removeItem(atPath: "\(dir)/\(ws)/.tieout")
        let r = try CLI.run(["run", ws, "--log-format", "json"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == plain.stdout)
        let events = Self.events(r.stderr)
        let names = events.map { $0["event"] as? String ?? "" }
        #expect(names.first == "run.started" && names.last == "run.finished")
        #expect(events.allSatisfy { $0["workspace"] as? String == ws && ($0["time"] as? String)?.count == 20 })
        #expect(events.first?["command"] as? String == "run" && events.first?["version"] as? String == "0.2.0")

        let files = events.filter { $0["event"] as? String == "file.ingested" }
        #expect(files.count == 20)
        let reissue = files.first { $0["path"] as? String == "ledgers/treasury/2024-06-r2.csv" }
        #expect(reissue?["status"] as? String == "reissue" && reissue?["replaces"] as? String == "ledgers/treasury/2024-06.csv")
        #expect(reissue?["read"] as? Int == 21 && reissue?["accepted"] as? Int == 20 && reissue?["subtotal"] as? Int == 1 && reissue?["rejected"] as? Int == 0)
        #expect(reissue?["added"] as? Int == 1 && reissue?["changed"] as? Int == 1 && reissue?["level"] as? String == "info")
        #expect((reissue?["sha256"] as? String)?.count == 64)
        let ingest = events.first { $0["event"] as? String == "ingest.finished" }
        #expect(ingest?["read"] as? Int == 438 && ingest?["accepted"] as? Int == 422 && ingest?["subtotal"] as? Int == 16 && ingest?["files"] as? Int == 20)

        let classes = events.filter { $0["event"] as? String == "finding.class" }
        #expect(classes.map { "\($0["class"]!)=\($0["count"]!) \($0["level"]!)" } == ["ok=119 info", "rounding=1 info", "mismatch=2 warning", "missing-data=1 warning", "unsupported=2 warning"])
        #expect(classes[2]["findings"] as? [String] == ["claim:sangong.rate@二（三）1（1）“三公”经费支出情况", "cross-ledger:sangong.abroad"])
        #expect(classes[3]["findings"] as? [String] == ["claim:none@二（三）3（6）效果性"])
        let score = events.first { $0["event"] as? String == "score" }
        #expect(score?["total"] as? String == "98.79" && score?["claimed"] as? String == "98.79" && score?["level"] as? String == "info")

        // One event per file put in place, with its size on disk.
        let written = events.filter { $0["event"] as? String == "report.written" }
        #expect(written.map { $0["path"] as? String ?? "" }.sorted() == ["findings.json", "findings.xlsx", "rejects.csv", "report.html", "report.md", "score.csv", "score.json", "score.md", "score.xlsx"].map { "\(ws)/out/\($0)" })
        for w in written {
            let size = try FileManager.default.attributesOfItem(atPath: "\(dir)/\(w["path"] as! String)")[.size] as? Int
            #expect(w["bytes"] as? Int == size)
        }
        #expect(events.last?["exit"] as? Int == 1 && events.last?["level"] as? String == "warning")
    }

    /// What `run --quiet` prints for the sample: the console summary's problem lines (cron's mail).
    static let quietRun = """
        核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2
          不一致  “三公”经费控制率：报告 32.32%；台账 36.78%（差 +4.46 个百分点）
          不一致  因公出国（境）费：支出不超预算；台账 0.50 万元（差 +0.50 万元）
          陈述无据  预算调整：所列调整事项之和 = 调整总额（调整后 − 年初预算）：报告 10,957.34 万元（13,892.35 − 2,935.01）；各项之和 10,950.14 万元（10,639.27 + 310.87）（差 -7.20 万元）
          陈述无据  公众或服务对象满意度 得满分 6 分，但报告所述 72.99% 低于满分所需的 ≥ 95%
          缺少数据  所述数字 72.99% 无台账依据

        """

    // Before, --quiet alone wrote the event log's warnings, event ids and raw 元:
    // `finding.class class=mismatch count=2 findings=claim:sangong.rate@…`, `check.result … budget=131978800`.
    // A person reading cron's mail needs the console's words, so that is what it prints now;
    // the event log is for --log-format (below, with --quiet: unchanged).
    @Test("--quiet: a clean ingest and an on-schedule check print nothing; the sample's run prints only its problems, in the console's words")
    func quiet() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let ingest = try CLI.run(["ingest", ws, "--quiet"], in: dir)
        #expect(ingest.status == 0 && ingest.stdout == "" && ingest.stderr == "")
        let onSchedule = try CLI.run(["check", ws, "--as-of", "2024-06-30", "--quiet"], in: dir)
        #expect(onSchedule.status == 0 && onSchedule.stdout == "" && onSchedule.stderr == "")

        let run = try CLI.run(["run", ws, "--quiet"], in: dir)
        #expect(run.status == 1 && run.stderr == "")
        #expect(run.stdout == Self.quietRun)
        // The reports are written as without --quiet.
        #expect(FileManager.default.fileExists(atPath: "\(dir)/\(ws)/out/report.html"))
        // reconcile: the same lines.
        let reconcile = try CLI.run(["reconcile", ws, "--quiet"], in: dir)
        #expect(reconcile.status == 1 && reconcile.stdout == Self.quietRun && reconcile.stderr == "")

        let behind = try CLI.run(["check", ws, "--as-of", "2024-09-30", "--quiet"], in: dir)
        #expect(behind.status == 1 && behind.stderr == "")
        #expect(behind.stdout == """
            季度预算执行检查：截至 2024-09-30（第三季度，序时进度 75%）
            已下达预算（调整后）：13,197.88 万元（截至 2024-09-30 下达的年初预算与调整：支出进度的分母）
            累计支出：9,165.21 万元，支出进度 69.44%，落后序时进度 5.56 个百分点
            全年调整后预算：13,892.35 万元（含 2024-09-30 之后下达的调整）；以之为分母，支出进度为 65.97%（即 tieout reconcile 的季度进度）
            至 2024-09-30 还需支出 733.20 万元 才能达到 75%
            预算执行率得分（若全年保持当前进度）：Q1 1.00，Q2 1.00，Q3 0.93，Q4 0.93（预计）；均衡性 2.00
            合计 5.85 / 6 分，将失 0.15 分

            """)
        #expect(try CLI.run(["ingest", ws, "--quiet", "--json"], in: dir).stderr.contains("--json and --quiet: the JSON report is the output; choose one."))
    }

    @Test("--quiet --log-format text: the warning and error events, as before")
    func quietEvents() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let run = try CLI.run(["run", ws, "--quiet", "--log-format", "text"], in: dir)
        #expect(run.status == 1 && run.stdout == "")
        #expect(Self.timeless(run.stderr) == """
            TIME warning finding.class class=mismatch count=2 findings=claim:sangong.rate@二（三）1（1）“三公”经费支出情况,cross-ledger:sangong.abroad workspace=futian-2024
            TIME warning finding.class class=missing-data count=1 findings=claim:none@二（三）3（6）效果性 workspace=futian-2024
            TIME warning finding.class class=unsupported count=2 findings=itemised:budget.adjustment.total@一（四）1（2）财务合规性,statement:satisfaction@二（三）3（6）效果性 workspace=futian-2024
            TIME warning run.finished exit=1 milliseconds=N workspace=futian-2024

            """)
        let behind = try CLI.run(["check", ws, "--as-of", "2024-09-30", "--quiet", "--log-format", "text"], in: dir)
        #expect(behind.status == 1 && behind.stdout == "")
        #expect(Self.timeless(behind.stderr) == """
            TIME warning check.result as_of=2024-09-30 behind=true budget=131978800 needed=7331981.10 points=5.85 points_lost=0.15 \
            progress=0.694445766290 quarter=3 schedule_percent=75 spent=91652118.90 workspace=futian-2024
            TIME warning run.finished exit=1 milliseconds=N workspace=futian-2024

            """)
    }

    @Test("--quiet: a file that cannot be read and rejected rows, in the console's words (run, ingest); run --all: a line per unit with problems")
    func quietProblems() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try Data("PK\u{3}\u{4} not a workbook".utf8).write(to: URL(fileURLWithPath: "\(dir)/\(ws)/ledgers/assets/资产卡片-2024.xlsx"))
        let jan = "\(dir)/\(ws)/ledgers/treasury/2024-01.csv"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: jan))
        bytes.replaceSubrange(try #require(bytes.range(of: Data("\"91,448.60\"".utf8))), with: Data("\"91,44x.60\"".utf8))
        try bytes.write(to: URL(fileURLWithPath: jan))
        let run = try CLI.run(["run", ws, "--quiet"], in: dir)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "导入：20 个文件（新增 18，更正 1，读取失败 1）；读取 418 行：接受 401，拒收 1，小计 16，跳过 0", "\(run.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("  读取失败 ledgers/assets/资产卡片-2024.xlsx: Error: ") == true)
        #expect(lines.contains("  缺少数据  导入时有 1 行被拒收；台账 1"))
        #expect(lines.last?.hasPrefix("评分：合计 ") == true)
        #expect(!run.stdout.contains("event") && !run.stdout.contains("一致  实际支出：基本支出"), "no rounding line, no event")

        let ingest = try CLI.run(["ingest", ws, "--quiet", "--force"], in: dir)
        #expect(ingest.status == 1 && ingest.stderr == "")
        let ingested = ingest.stdout.split(separator: "\n").map(String.init)
        #expect(ingested.first?.hasPrefix("failed: ledgers/assets/资产卡片-2024.xlsx: Error: ") == true)
        #expect(ingested.last == "rejected rows: 1 in out/rejects.csv", "\(ingest.stdout)")

        let fleet = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fleet-quiet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: fleet, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: fleet + "/a")
        try? FileManager.default.removeItem(atPath: fleet + "/a/.tieout")
        try? FileManager.default.removeItem(atPath: fleet + "/a/out")
        try FileManager.default.createDirectory(atPath: fleet + "/b", withIntermediateDirectories: true)
        try "unit: 坏单位\nfiscal_year: 2024\nsources:\n  - files: x/*.csv\n    profile: no-such-profile\n".write(toFile: fleet + "/b/tieout.yaml", atomically: true, encoding: .utf8)
        let all = try CLI.run(["run", "--all", fleet, "--jobs", "1", "--quiet"])
        #expect(all.status == 2 && all.stderr == "")
        #expect(all.stdout == """
            2 个单位：有问题 1，失败 1；汇总 out/summary.md
              有问题  深圳市福田区政务服务和数据管理局（a）：不一致 2，缺少数据 1，陈述无据 2，评分 98.79；日志 out/logs/a.log
              失败  坏单位（b）：错误：没有名为“no-such-profile”的配置，位置：\(fleet)/b/tieout.yaml；日志 out/logs/b.log

            """)
    }

    @Test("a file that cannot be read is an error event, a rejected row a warning, both under --quiet; the run goes on")
    func problems() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try Data("PK\u{3}\u{4} not a workbook".utf8).write(to: URL(fileURLWithPath: "\(dir)/\(ws)/ledgers/assets/资产卡片-2024.xlsx"))
        let jan = "\(dir)/\(ws)/ledgers/treasury/2024-01.csv"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: jan))
        let from = Data("\"91,448.60\"".utf8), to = Data("\"91,44x.60\"".utf8)
        let at = try #require(bytes.range(of: from))
        bytes.replaceSubrange(at, with: to)
        try bytes.write(to: URL(fileURLWithPath: jan))

        let r = try CLI.run(["run", ws, "--quiet", "--log-format", "json"], in: dir)
        #expect(r.status == 1 && r.stdout == "")
        let events = Self.events(r.stderr)
        #expect(events.allSatisfy { ["warning", "error"].contains($0["level"] as? String) })
        let failed = events.first { $0["event"] as? String == "file.failed" }
        #expect(failed?["level"] as? String == "error" && failed?["path"] as? String == "ledgers/assets/资产卡片-2024.xlsx")
        #expect((failed?["code"] as? String)?.hasPrefix("xlsx.") == true && !(failed?["message"] as? String ?? "").isEmpty)
        let rejected = events.first { $0["event"] as? String == "file.ingested" }
        #expect(rejected?["path"] as? String == "ledgers/treasury/2024-01.csv" && rejected?["rejected"] as? Int == 1 && rejected?["level"] as? String == "warning")
        #expect(events.contains { $0["event"] as? String == "ingest.finished" && $0["rejected"] as? Int == 1 && $0["failed"] as? Int == 1 })
        #expect(events.last?["event"] as? String == "run.finished" && events.last?["exit"] as? Int == 1)
    }

    @Test("a failure ends the log with a failed event (code, place, help) and run.finished exit 2, no Error: text")
    func failure() throws {
        let r = try CLI.run(["run", "/nonexistent/unit-2024", "--log-format", "text"])
        #expect(r.status == 2 && r.stdout == "")
        #expect(Self.timeless(r.stderr) == """
            TIME info run.started command=run pid=\(r.stderr.firstMatch(of: /pid=(\d+)/)?.1 ?? "?") version=0.2.0 workspace=/nonexistent/unit-2024
            TIME error failed code=workspace.missing help="Create one with `tieout init /nonexistent/unit-2024`, or name the folder that holds tieout.yaml." \
            message="there is no folder /nonexistent/unit-2024" place=/nonexistent/unit-2024/tieout.yaml workspace=/nonexistent/unit-2024
            TIME error run.finished exit=2 milliseconds=N workspace=/nonexistent/unit-2024

            """)
        // Settings with mistakes: each one an error event, nothing read.
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try "claims:\n  - { figure: no.such.figure, value: \"1\", section: 一 }\n".write(toFile: "\(dir)/\(ws)/claims.yaml", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["run", ws, "--log-format", "json"], in: dir)
        #expect(bad.status == 2)
        let events = Self.events(bad.stderr)
        #expect(events.contains { $0["event"] as? String == "failed" && $0["place"] as? String == "claims.yaml:2" && $0["code"] as? String == "yaml.key"
                                  && ($0["message"] as? String ?? "").contains("'no.such.figure' is not a figure") })
        #expect(!events.contains { $0["event"] as? String == "file.ingested" })
        #expect(events.last?["exit"] as? Int == 2)
    }

    @Test("run --all --log-format json: a unit.finished event per unit; each unit's log in out/logs/ is JSON too")
    func batch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fleet-log-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: dir + "/a")
        try? FileManager.default.removeItem(atPath: dir + "/a/.tieout")
        try? FileManager.default.removeItem(atPath: dir + "/a/out")
        try FileManager.default.createDirectory(atPath: dir + "/b", withIntermediateDirectories: true)
        try "unit: 坏单位\nfiscal_year: 2024\nsources:\n  - files: x/*.csv\n    profile: no-such-profile\n".write(toFile: dir + "/b/tieout.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "--all", dir, "--jobs", "1", "--log-format", "json"])
        #expect(r.status == 2)
        let events = Self.events(r.stderr)
        let units = events.filter { $0["event"] as? String == "unit.finished" }
        #expect(units.map { "\($0["unit"]!) \($0["exit"]!) \($0["level"]!)" } == ["a 1 warning", "b 2 error"])
        #expect(units.first?["score"] as? String == "98.79" && units.first?["mismatch"] as? Int == 2 && units.first?["log"] as? String == "out/logs/a.log")
        #expect(events.filter { $0["event"] as? String == "report.written" }.map { $0["path"] as? String ?? "" }
                == ["summary.md", "summary.html", "summary.json", "summary.xlsx"].map { dir + "/out/" + $0 })
        let unitLog = try String(contentsOfFile: dir + "/out/logs/a.log", encoding: .utf8)
        let unitEvents = Self.events(unitLog.split(separator: "\n").filter { $0.hasPrefix("{") }.joined(separator: "\n"))
        #expect(unitEvents.filter { $0["event"] as? String == "file.ingested" }.count == 20)
        #expect(unitEvents.last?["event"] as? String == "run.finished")
    }

    @Test("on a terminal (a pty from script(1)) ingest draws its progress bar; with --log-format the events replace it",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) from util-linux gives the pty"))
    func terminal() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let bar = try CLI.run(["-qec", "'\(CLI.executable)' ingest \(ws)", "/dev/null"], in: dir, executable: "/usr/bin/script")
        #expect(bar.status == 0)
        #expect(bar.stdout.contains("\r\u{1B}[K[------------------------] 1/20 ledgers/assets/资产卡片-2024.xlsx"))
        #expect(bar.stdout.contains("\r\u{1B}[K[########################] 20/20 ledgers/treasury/2024-12.csv"))
        try FileManager.default.removeItem(atPath: "\(dir)/\(ws)/.tieout")
        let logged = try CLI.run(["-qec", "'\(CLI.executable)' ingest \(ws) --log-format text", "/dev/null"], in: dir, executable: "/usr/bin/script")
        #expect(logged.status == 0)
        #expect(!logged.stdout.contains("\u{1B}[K"))
        #expect(logged.stdout.components(separatedBy: " info file.ingested ").count - 1 == 20)
    }
}
