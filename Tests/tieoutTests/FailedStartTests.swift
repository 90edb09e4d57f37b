import Foundation
import Testing

/// A run that fails before it gets to the ledgers (its lock cannot be opened, its dataset is
/// damaged, its tieout.yaml cannot be read) leaves no report in out/ looking current
/// (issue 20, item 12).
@Suite("A run that fails to start")
struct FailedStartTests {
    /// The sample run once: its reports in out/, their names and findings.json.
    static func ranSample() throws -> (dir: String, ws: String, before: [String], findings: Data?) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["run", ws], in: dir).status == 1)
        let out = "\(dir)/\(ws)/out"
        return (dir, ws, try FileManager.default.contentsOfDirectory(atPath: out).sorted(), FileManager.default.contents(atPath: out + "/findings.json"))
    }

    static func expectRetired(_ r: CLI.Result, _ s: (dir: String, ws: String, before: [String], findings: Data?), _ what: String) throws {
        let out = "\(s.dir)/\(s.ws)/out"
        #expect(r.status == 2, "\(what): \(r.stderr)")
        #expect(r.stderr.contains("Note: the reports of the last run that finished are in \(s.ws)/out/previous/; they do not reflect this run.\n"), "\(what): \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0 != "previous" }.isEmpty, "\(what)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/previous").sorted() == s.before, "\(what)")
        #expect(FileManager.default.contents(atPath: out + "/previous/findings.json") == s.findings, "\(what)")
    }

    @Test("the lock file cannot be opened (a folder in its place): exit 2 naming it, the reports moved to out/previous/; fixed, the next run brings them back")
    func lockCannotOpen() throws {
        let s = try Self.ranSample()
        let lock = "\(s.dir)/\(s.ws)/.tieout/tieout.sqlite.lock"
        try FileManager.default.removeItem(atPath: lock)
        try FileManager.default.createDirectory(atPath: lock, withIntermediateDirectories: false)
        let r = try CLI.run(["run", s.ws], in: s.dir)
        #expect(r.stderr.hasPrefix("Error: cannot open the workspace lock \(s.ws)/.tieout/tieout.sqlite.lock: Is a directory"))
        try Self.expectRetired(r, s, "lock")
        try FileManager.default.removeItem(atPath: lock)
        #expect(try CLI.run(["run", s.ws], in: s.dir).status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(s.dir)/\(s.ws)/out").sorted() == s.before)
    }

    @Test("a damaged dataset (not a database): run, reconcile and score each exit 2 with the reports moved to out/previous/", arguments: ["run", "reconcile", "score"])
    func damagedDataset(_ command: String) throws {
        let s = try Self.ranSample()
        let db = "\(s.dir)/\(s.ws)/.tieout/tieout.sqlite"
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: db))
        let r = try CLI.run([command, s.ws], in: s.dir)
        #expect(r.stderr.hasPrefix("Error: the dataset \(s.ws)/.tieout/tieout.sqlite failed while opening: "), "\(r.stderr)")
        try Self.expectRetired(r, s, command)
    }

    @Test("a tieout.yaml that cannot be read (a FIFO in its place): exit 2, the reports moved to out/previous/")
    func unreadableConfig() throws {
        let s = try Self.ranSample()
        let config = "\(s.dir)/\(s.ws)/tieout.yaml"
        try FileManager.default.removeItem(atPath: config)
        #expect(mkfifo(config, 0o644) == 0)
        let r = try CLI.run(["run", s.ws], in: s.dir, timeout: 30)
        try Self.expectRetired(r, s, "tieout.yaml")
    }
}
