#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// A write that fails is an error, never a success: on a full disk the run exits 2 naming
/// the file and the cause, writes no partial file, and keeps the last finished run's
/// reports whole in out/previous/ (none in out/ looks current). Before: report.html and
/// findings.json were truncated in place and the run printed 报告：… as if all was well.
@Suite("Full disk", .serialized)
struct FullDiskTests {
    /// A 4 MB tmpfs (root only: CI runs as root), unmounted by `done`.
    static func smallDisk() throws -> (mount: String, done: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-tmpfs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let m = try sh(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir])
        #expect(m == 0, "mount tmpfs")
        return (dir, { _ = try? sh(["umount", dir]); try? FileManager.default.removeItem(atPath: dir) })
    }

    static func sh(_ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Fills the disk at `dir`, leaving about `kib` KiB.
    static func fill(_ dir: String, leaving kib: Int) throws {
        var st = statvfs()
        statvfs(dir, &st)
        let free = Int(st.f_bavail) * Int(st.f_frsize)
        let size = max(0, free - kib * 1024)
        FileManager.default.createFile(atPath: dir + "/filler", contents: Data(count: size))
    }

    static func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                out[name] = FileManager.default.contents(atPath: dir + "/" + name)
            }
        }
        return out
    }

    @Test("reports on a full disk: exit 2 with the file and the cause; the last run's reports kept whole, aside; nothing partial; the next run with room completes",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func reportsOnFullDisk() throws {
        let (mount, done) = try Self.smallDisk()
        defer { done() }
        let ws = mount + "/ws"
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: ws)
        try? FileManager.default.removeItem(atPath: ws + "/.tieout")
        try? FileManager.default.removeItem(atPath: ws + "/out")
        // The dataset lives off the small disk: only the reports meet the full disk.
        let dataset = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fd-\(UUID().uuidString).sqlite").path
        var config = try String(contentsOfFile: ws + "/tieout.yaml", encoding: .utf8)
        config = config.replacingOccurrences(of: "database: .tieout/tieout.sqlite", with: "database: \(dataset)")
        try config.write(toFile: ws + "/tieout.yaml", atomically: true, encoding: .utf8)

        let first = try CLI.run(["run", ws])
        #expect(first.status == 1)
        let good = Self.files(ws + "/out")
        #expect(good.keys.sorted() == ["findings.json", "findings.xlsx", "rejects.csv", "report.html", "report.md", "score.csv", "score.json", "score.md", "score.xlsx"])

        try Self.fill(mount, leaving: 40)
        let full = try CLI.run(["run", ws])
        #expect(full.status == 2)
        #expect(full.stderr.contains("Error: cannot write \(ws)/out/report.html: No space left on device"))
        #expect(full.stderr.contains("Help: Free space on the disk that holds \(ws)/out (or raise the quota), then run again."))
        #expect(full.stderr.contains("Note: the reports of the last run that finished are in \(ws)/out/previous/; they do not reflect this run."))
        #expect(!full.stdout.contains("报告："))
        // Nothing in out/ looks current; the last finished run's reports are whole, byte for byte.
        #expect(Self.files(ws + "/out").isEmpty)
        #expect(Self.files(ws + "/out/previous") == good)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: ws).filter { $0.contains(".tmp-") }.isEmpty)

        // A second failure keeps them too.
        let again = try CLI.run(["reconcile", ws])
        #expect(again.status == 2)
        #expect(Self.files(ws + "/out/previous") == good)

        // Under an event log the failure is an error event with the file, the cause and the fix,
        // the reports aside a warning, and the last event says exit 2: never a success in the log.
        let logged = try CLI.run(["run", ws, "--log-format", "json"])
        #expect(logged.status == 2)
        let events = logged.stderr.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!events.isEmpty && events.allSatisfy { $0 != nil }, "\(logged.stderr)")
        let failed = events.compactMap { $0 }.filter { $0["event"] as? String == "failed" }
        #expect(failed.count == 1)
        #expect(failed.first?["code"] as? String == "io.write" && failed.first?["level"] as? String == "error")
        #expect(failed.first?["message"] as? String == "cannot write \(ws)/out/report.html: No space left on device")
        #expect(failed.first?["help"] as? String == "Free space on the disk that holds \(ws)/out (or raise the quota), then run again. The previous outputs are unchanged.")
        #expect(events.compactMap { $0 }.contains { $0["event"] as? String == "reports.previous" && $0["path"] as? String == ws + "/out/previous" })
        #expect(!events.compactMap { $0 }.contains { $0["event"] as? String == "report.written" && ($0["path"] as? String ?? "").hasSuffix("report.html") })
        #expect(events.last??["event"] as? String == "run.finished" && events.last??["exit"] as? Int == 2)
        #expect(!logged.stderr.contains("Error:") && !logged.stdout.contains("报告："))
        #expect(Self.files(ws + "/out/previous") == good)

        try FileManager.default.removeItem(atPath: mount + "/filler")
        let after = try CLI.run(["run", ws])
        #expect(after.status == 1)
        #expect(Self.files(ws + "/out")["findings.json"] == good["findings.json"])
        #expect(!FileManager.default.fileExists(atPath: ws + "/out/previous"))
    }

    @Test("standard output that cannot be written (/dev/full) is exit 2 with the cause, never a success")
    func standardOutputFull() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.executable)
        p.arguments = ["cat", CLI.fixtures + "/utf8.csv"]
        p.environment = ProcessInfo.processInfo.environment.merging(["TIEOUT_LANG": "en"]) { $1 }
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        p.standardError = err
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        #expect(e.hasPrefix("Error: cannot write the standard output: No space left on device"))
    }
}
