#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TieoutTestSupport

/// The invariant: after any sequence of edits, renames, re-saves, reverts and kills, `tieout
/// run` gives the same dataset (as exported, with lineage), findings and score as a fresh run
/// on a copy of the same files in another folder.
///
/// A random sequence of steps over the sample's ledgers (a fixed seed; TIEOUT_HISTORY_SEED and
/// TIEOUT_HISTORY_STEPS override it and the length, TIEOUT_HISTORY_EVERY how often a fresh run
/// is compared), with an ingest after four steps in ten, compared with a fresh run every few
/// steps and at the end (each comparison prints a line, for long runs).
@Suite("History property", .serialized)
struct HistoryPropertyTests {
    static let env = ProcessInfo.processInfo.environment
    static let steps = env["TIEOUT_HISTORY_STEPS"].flatMap(Int.init) ?? 200
    static let seed = env["TIEOUT_HISTORY_SEED"].flatMap(UInt64.init) ?? 20261206
    static let every = env["TIEOUT_HISTORY_EVERY"].flatMap(Int.init) ?? 25

    /// What is compared: the dataset as exported, findings.json, the score, the rejects, and the
    /// run's exit status. An error names a ledger by its full path: the workspace's folder is
    /// written `WORKSPACE`, since the fresh run is elsewhere by design.
    ///
    /// findings.json's `dataset.removed_at_last_ingest` is left out: it tells what the run's
    /// own ingest did (files it took out because they left the workspace since the last run),
    /// which is history by definition; every finding, figure and count is compared.
    static func outcome(_ ws: String) throws -> [String: String] {
        var out = try outcomeAsIs(ws).mapValues { $0.replacingOccurrences(of: ws + "/", with: "WORKSPACE/") }
        if let text = out["findings.json"], var json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
           var dataset = json["dataset"] as? [String: Any] {
            #expect(dataset.removeValue(forKey: "removed_at_last_ingest") != nil)
            json["dataset"] = dataset
            out["findings.json"] = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
        }
        return out
    }

    static func outcomeAsIs(_ ws: String) throws -> [String: String] {
        let run = try CLI.run(["run", ws])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let export = try CLI.run(["export", "--lang", "en", ws, "--format", "jsonl"])
        #expect(export.status == 0, "\(export.stderr)")
        var out: [String: String] = ["status": "\(run.status)"]
        for name in ["findings.json", "score.json", "score.csv", "rejects.csv"] {
            out[name] = FileManager.default.contents(atPath: ws + "/out/" + name).map { String(decoding: $0, as: UTF8.self) } ?? "(none)"
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: ws + "/out/dataset") {
            out["dataset/" + name] = FileManager.default.contents(atPath: ws + "/out/dataset/" + name).map { String(decoding: $0, as: UTF8.self) }
        }
        return out
    }

    /// A copy of the workspace's files (no dataset, no reports) in another folder, run fresh.
    static func freshOutcome(_ ws: String) throws -> [String: String] {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fresh-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let copy = parent + "/unit"
        try FileManager.default.copyItem(atPath: ws, toPath: copy)
        try? FileManager.default.removeItem(atPath: copy + "/.tieout")
        try? FileManager.default.removeItem(atPath: copy + "/out")
        return try outcome(copy)
    }

    /// The lines of a ledger (bytes: the sample's ledgers are GB18030 and UTF-8).
    static func lines(_ data: Data) -> [Data] {
        data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
    }

    static func joined(_ lines: [Data]) -> Data {
        Data(lines.joined(separator: [0x0A]))
    }

    /// A payment line: it holds a date of the fiscal year.
    static func isPayment(_ line: Data) -> Bool { line.range(of: Data(",2024-".utf8)) != nil }

    @Test("a re-issue that drops records is a finding in findings.json, report.md and report.html, listing the dropped keys")
    func reissueDropsInReports() throws {
        let (dir, name) = try WorkspaceCommandTests.sample()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/" + name
        // The re-issue without its last payment, 记-202406-0020.
        let path = ws + "/ledgers/treasury/2024-06-r2.csv"
        let lines = Self.lines(try #require(FileManager.default.contents(atPath: path)))
        let last = try #require(lines.lastIndex(where: Self.isPayment))
        #expect(lines[last].range(of: Data("-202406-0020,".utf8)) != nil)
        try Self.joined(lines.enumerated().filter { $0.offset != last }.map(\.element)).write(to: URL(fileURLWithPath: path))
        let r = try CLI.run(["run", ws])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: ws + "/out/findings.json"))) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let drop = try #require(findings.first { ($0["id"] as? String) == "ingest:reissue@ledgers/treasury/2024-06-r2.csv" })
        #expect(drop["status"] as? String == "missing-data")
        #expect(drop["title"] as? String == "更正导出缺少原导出的 1 条记录：ledgers/treasury/2024-06-r2.csv")
        let inputs = try #require(drop["inputs"] as? [[String: Any]])
        #expect(inputs.map { "\($0["label"] as? String ?? "") \($0["value"] as? String ?? "")" } == ["记-202406-0020 393200.00"])
        #expect(inputs.first?["places"] as? [String] == ["ledgers/treasury/2024-06.csv"])
        for report in ["report.md", "report.html"] {
            let text = try String(contentsOfFile: ws + "/out/" + report, encoding: .utf8)
            #expect(text.contains("更正导出缺少原导出的 1 条记录：ledgers/treasury/2024-06-r2.csv"), "\(report)")
            #expect(text.contains("记-202406-0020"), "\(report)")
        }
    }

    @Test("random histories of edits, renames, re-saves, reverts and kills: each run equals a fresh run on a copy")
    func history() throws {
        let (dir, name) = try WorkspaceCommandTests.sample()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/" + name
        let folder = ws + "/ledgers/treasury/"
        let procurement = ws + "/ledgers/procurement/"
        var originals: [String: Data] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: folder) { originals[f] = FileManager.default.contents(atPath: folder + f) }
        let workbook = "政府采购执行-2024.xlsx"
        let workbookBytes = try #require(FileManager.default.contents(atPath: procurement + workbook))
        #expect(try CLI.run(["run", ws]).status == 1)

        var rng = SplitMix(state: Self.seed)
        func present() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted() }
        func pick<T>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs[Int.random(in: 0..<xs.count, using: &rng)] }
        func newName() -> String {
            let month = String(format: "2024-%02d", Int.random(in: 1...12, using: &rng))
            return month + (pick(["", "-r2", "-r3", "-a", "-b", "-old", "-copy"]) ?? "") + ".csv"
        }
        var counts: [String: Int] = [:]
        var comparisons = 0
        let started = Date()
        for step in 1...Self.steps {
            let files = try present()
            let action = pick(["edit", "edit", "delete-row", "copy-row", "rename", "re-save", "revert", "revert", "remove", "copy", "split",
                               "kill", "kill-force", "workbook"])!
            counts[action, default: 0] += 1
            switch action {
            case "edit":
                // One digit of one amount changed.
                guard let f = pick(files), let data = FileManager.default.contents(atPath: folder + f) else { break }
                var ls = Self.lines(data)
                guard let i = pick(ls.indices.filter { Self.isPayment(ls[$0]) }) else { break }
                var line = ls[i]
                guard let d = line.lastIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) else { break }
                line[d] = UInt8(0x30 + Int.random(in: 0...9, using: &rng))
                ls[i] = line
                try Self.joined(ls).write(to: URL(fileURLWithPath: folder + f))
            case "delete-row":
                guard let f = pick(files), let data = FileManager.default.contents(atPath: folder + f) else { break }
                var ls = Self.lines(data)
                guard let i = pick(ls.indices.filter { Self.isPayment(ls[$0]) }) else { break }
                ls.remove(at: i)
                try Self.joined(ls).write(to: URL(fileURLWithPath: folder + f))
            case "copy-row":
                // A payment of one ledger copied into another (a duplicate, or a conflict once edited).
                guard let a = pick(files), let b = pick(files), let da = FileManager.default.contents(atPath: folder + a),
                      let db = FileManager.default.contents(atPath: folder + b) else { break }
                guard let row = pick(Self.lines(da).filter(Self.isPayment)) else { break }
                var ls = Self.lines(db)
                let at = (ls.lastIndex(where: Self.isPayment) ?? 2) + 1
                ls.insert(row, at: min(at, ls.count))
                try Self.joined(ls).write(to: URL(fileURLWithPath: folder + b))
            case "rename":
                guard let f = pick(files) else { break }
                let to = newName()
                if to != f {
                    try? FileManager.default.removeItem(atPath: folder + to)
                    try FileManager.default.moveItem(atPath: folder + f, toPath: folder + to)
                }
            case "re-save":
                guard let f = pick(files) else { break }
                let h = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + f))
                try h.seekToEnd()
                try h.write(contentsOf: Data([0x0A]))
                try h.close()
            case "revert":
                // An original put back under its own name (over an edit, or after a removal).
                guard let f = pick(originals.keys.sorted()) else { break }
                try originals[f]!.write(to: URL(fileURLWithPath: folder + f))
            case "remove":
                guard let f = pick(files) else { break }
                try FileManager.default.removeItem(atPath: folder + f)
            case "copy":
                guard let f = pick(files) else { break }
                let to = newName()
                if to != f {
                    try? FileManager.default.removeItem(atPath: folder + to)
                    try FileManager.default.copyItem(atPath: folder + f, toPath: folder + to)
                }
            case "split":
                // One export in two parts: -a with the first half of its payments, -b with the rest.
                guard let f = pick(files), let data = FileManager.default.contents(atPath: folder + f) else { break }
                let ls = Self.lines(data)
                let payments = ls.indices.filter { Self.isPayment(ls[$0]) }
                guard payments.count >= 2 else { break }
                let half = Set(payments.prefix(payments.count / 2))
                let stem = String(f.dropLast(4))
                try Self.joined(ls.indices.filter { !payments.contains($0) || half.contains($0) }.map { ls[$0] })
                    .write(to: URL(fileURLWithPath: folder + stem + "-a.csv"))
                try Self.joined(ls.indices.filter { !payments.contains($0) || !half.contains($0) }.map { ls[$0] })
                    .write(to: URL(fileURLWithPath: folder + stem + "-b.csv"))
                try FileManager.default.removeItem(atPath: folder + f)
            case "kill", "kill-force":
                // A run killed at a random moment (SIGKILL).
                let p = Process()
                p.executableURL = URL(fileURLWithPath: CLI.executable)
                p.arguments = action == "kill" ? ["run", ws] : ["run", "--force", ws]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                usleep(UInt32(Int.random(in: 0...600_000, using: &rng)))
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
            default:
                // The procurement workbook renamed, removed or put back.
                let names = try FileManager.default.contentsOfDirectory(atPath: procurement)
                if let f = names.first, Bool.random(using: &rng) {
                    let to = pick([workbook, "政府采购执行-2024-v2.xlsx", "政府采购执行-2024-copy.xlsx"])!
                    if !names.contains(to) { try FileManager.default.moveItem(atPath: procurement + f, toPath: procurement + to) }
                } else if names.count > 1 || Bool.random(using: &rng), let f = names.first {
                    try FileManager.default.removeItem(atPath: procurement + f)
                } else if !names.contains(workbook) {
                    try workbookBytes.write(to: URL(fileURLWithPath: procurement + workbook))
                }
            }
            // Four steps in ten are followed by an ingest; the other changes pile up before one.
            if !action.hasPrefix("kill") && Int.random(in: 0..<10, using: &rng) < 4 {
                let r = try CLI.run(["ingest", ws])
                #expect(r.status == 0 || r.status == 1, "step \(step) (\(action)): \(r.stderr)")
            }
            if step % Self.every == 0 || step == Self.steps {
                comparisons += 1
                let now = try Self.outcome(ws)
                let fresh = try Self.freshOutcome(ws)
                #expect(now.keys.sorted() == fresh.keys.sorted(), "step \(step)")
                let differing = fresh.filter { now[$0.key] != $0.value }.count
                print("history property: step \(step) of \(Self.steps): \(differing == 0 ? "equal to" : "\(differing) outputs differ from") a fresh run, \(Int(Date().timeIntervalSince(started))) s")
                for (k, v) in fresh.sorted(by: { $0.key < $1.key }) where now[k] != v {
                    // Both kept for a person to compare.
                    let keep = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-history-\(Self.seed)/step-\(step)").path
                    for (side, text) in [("incremental", now[k] ?? ""), ("fresh", v)] {
                        try FileManager.default.createDirectory(atPath: keep + "/" + side + "/dataset", withIntermediateDirectories: true)
                        try text.write(toFile: keep + "/" + side + "/" + k, atomically: true, encoding: .utf8)
                    }
                    Issue.record("step \(step) (seed \(Self.seed)): \(k) differs from a fresh run's on the same files (both in \(keep); files: \(try present()))")
                }
            }
        }
        print("history property: \(Self.steps) steps, seed \(Self.seed), \(comparisons) comparisons with a fresh run, "
              + "\(Int(Date().timeIntervalSince(started))) s; steps: \(counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }
}
