import Foundation
import Testing

/// scripts/quarterly-check (installed as lib/tieout/quarterly-check) without a day: the last
/// complete quarter of the workspace's fiscal year, with TIEOUT_TODAY standing for today.
@Suite("quarterly-check without a day")
struct QuarterlyCheckTests {
    /// The script on the sample, as of a faked today.
    static func check(_ dir: String, _ ws: String, today: String, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["TIEOUT_BIN=\(CLI.executable)", "TIEOUT_TODAY=\(today)", CLI.root.appendingPathComponent("scripts/quarterly-check").path, ws] + extra,
                    in: dir, executable: "/usr/bin/env")
    }

    @Test("in the fiscal year: the quarter that ended last (2024-10-01: as of 2024-09-30, behind, exit 1)")
    func inTheYear() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try Self.check(dir, ws, today: "2024-10-01")
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("季度预算执行检查：截至 2024-09-30（第三季度，序时进度 75%）\n"), "\(r.stdout)\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/\(ws)/.tieout/quarterly-check.closed"))
    }

    @Test("before its first quarter ends: nothing to check yet, exit 0 (and nothing at all with --quiet)")
    func beforeTheYear() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try Self.check(dir, ws, today: "2024-02-15")
        #expect(r.status == 0 && r.stderr == "")
        #expect(r.stdout == "quarterly-check: no quarter of fiscal year 2024 has ended yet (2024-02-15); the first check is as of 2024-03-31\n")
        let quiet = try Self.check(dir, ws, today: "2024-02-15", ["--quiet"])
        #expect(quiet.status == 0 && quiet.stdout == "" && quiet.stderr == "")
    }

    @Test("past the fiscal year (a unit-2024 line still in the crontab in 2026): Q4 as of 2024-12-31 once, the year said closed (also with --quiet, as it is behind); then only that note, exit 0; nothing with --quiet")
    func afterTheYear() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        // Before: the script checked as of 2026-09-30 and failed with "2026-09-30 is not in fiscal year 2024", exit 2, every quarter.
        let first = try Self.check(dir, ws, today: "2026-10-01")
        // The sample ends the year at 99.46%, behind the 100% schedule: exit 1, as tieout check says.
        #expect(first.status == 1, "\(first.stdout)\(first.stderr)")
        #expect(!first.stderr.contains("is not in fiscal year"))
        #expect(first.stdout.hasPrefix("季度预算执行检查：截至 2024-12-31（第四季度，序时进度 100%）\n"), "\(first.stdout)")
        #expect(first.stdout.hasSuffix("quarterly-check: fiscal year 2024 is closed (2026-10-01): this was its last check (Q4, as of 2024-12-31); later runs print only this note (nothing with --quiet)\n"))
        let marker = try String(contentsOfFile: "\(dir)/\(ws)/.tieout/quarterly-check.closed", encoding: .utf8)
        #expect(marker == "as of 2024-12-31, run on 2026-10-01, exit 1\n")

        let next = try Self.check(dir, ws, today: "2027-01-01")
        #expect(next.status == 0 && next.stderr == "")
        #expect(next.stdout == "quarterly-check: fiscal year 2024 is closed; its Q4 check (as of 2024-12-31, run on 2026-10-01, exit 1) was its last. To check again: quarterly-check \(ws) 2024-12-31\n")
        let quiet = try Self.check(dir, ws, today: "2027-04-01", ["--quiet"])
        #expect(quiet.status == 0 && quiet.stdout == "" && quiet.stderr == "")
        // A day given is always checked.
        let given = try Self.check(dir, ws, today: "2027-04-01", ["2024-09-30"])
        #expect(given.status == 1 && given.stdout.hasPrefix("季度预算执行检查：截至 2024-09-30（第三季度，序时进度 75%）\n"))
    }

    @Test("TIEOUT_TODAY that is not a day: exit 2, saying so")
    func badToday() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try Self.check(dir, ws, today: "2024-13")
        #expect(r.status == 2 && r.stderr == "quarterly-check: TIEOUT_TODAY=2024-13 is not a day (YYYY-MM-DD)\n")
    }
}
