#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Where a source's ledgers may be but cannot be found: a folder the workspace's walk cannot
/// list or an entry it cannot examine, and a ledger that is a link that cannot be followed.
/// Before, the walk passed over them without a word, and `readingProblems` took a scan that
/// failed (`try? scan()`) for no problem: validate exited 0, run read the other files.
@Suite("Ledgers that cannot be listed")
struct UnlistedLedgersTests {
    /// Folders `levels` deep of 250-character names under `base` (made with *at() calls, as a
    /// path that long cannot be named whole), a ledger in the last: past the system's path limit.
    static func deepFolders(under base: String, levels: Int) -> String {
        let name = String(repeating: "d", count: 250)
        var fd = open(base, O_RDONLY | O_DIRECTORY)
        #expect(fd >= 0)
        for _ in 0..<levels {
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            #expect(next >= 0)
            close(fd)
            fd = next
        }
        let file = openat(fd, "2024-13.csv", O_CREAT | O_WRONLY, 0o644)
        #expect(file >= 0)
        close(file)
        close(fd)
        return name
    }

    static func remove(_ path: String) {
        let rm = Process()
        rm.executableURL = URL(fileURLWithPath: "/bin/rm")
        rm.arguments = ["-rf", path]
        try? rm.run()
        rm.waitUntilExit()
    }

    @Test("an entry under a source's folder past the path limit: validate and run exit 2 naming it and the cause; a folder no source reads is no matter")
    func pastThePathLimit() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        defer { Self.remove(dir) }
        let root = dir + "/" + ws
        let name = Self.deepFolders(under: root + "/ledgers/treasury", levels: 17)
        let v = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(v.status == 2, "\(v.stdout)\(v.stderr)")
        #expect(v.stderr.contains("Error: cannot examine ledgers/treasury/\(name)/"), "\(v.stderr)")
        #expect(v.stderr.contains(": File name too long"))
        #expect(v.stderr.contains("Help: Its path is longer than the system allows: move the ledgers to a shallower folder, then run again."))
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("Error: cannot examine ledgers/treasury/\(name)/"))
        #expect(!FileManager.default.fileExists(atPath: root + "/.tieout/tieout.sqlite"))
        // The same folders where no source has files: nothing to say.
        Self.remove(root + "/ledgers/treasury/" + name)
        try FileManager.default.createDirectory(atPath: root + "/archive", withIntermediateDirectories: false)
        _ = Self.deepFolders(under: root + "/archive", levels: 17)
        let quiet = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(quiet.status == 0, "\(quiet.stderr)")
    }

    @Test("a ledger that is a link loop is a failed file with the reason, not left out")
    func linkLoop() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        defer { Self.remove(dir) }
        let root = dir + "/" + ws
        try FileManager.default.createSymbolicLink(atPath: root + "/ledgers/treasury/2024-13.csv", withDestinationPath: "2024-13.csv")
        let r = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("failed: ledgers/treasury/2024-13.csv: "), "\(r.stdout)")
        #expect(r.stdout.contains("Too many levels of symbolic links"))
    }
}
