import Foundation
import Testing

/// Only regular files are ledgers: a FIFO or a device a source pattern matches is a failed
/// file naming what it is, never a run that hangs holding the workspace lock (issue 20, item 8).
@Suite("Ledger file types")
struct LedgerFileTypeTests {
    @Test("a FIFO, a character device and a link to /dev/zero matched as ledgers: each a failed file saying what it is; the run goes on (exit 1) and again with --force",
          .enabled(if: getuid() == 0, "mknod needs root"))
    func fifoAndDevices() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let treasury = "\(dir)/\(ws)/ledgers/treasury"
        #expect(mkfifo(treasury + "/2024-13-pipe.csv", 0o644) == 0)
        #expect(mknod(treasury + "/2024-14-dev.csv", S_IFCHR | 0o644, dev_t(1 << 8 | 5)) == 0)   // 1:5, the device /dev/zero is
        try FileManager.default.createSymbolicLink(atPath: treasury + "/2024-15-zero.csv", withDestinationPath: "/dev/zero")
        for (args, rows) in [(["run", ws], 438), (["run", ws], 0), (["run", ws, "--force"], 438)] {
            let r = try CLI.run(args, in: dir, timeout: 60)
            #expect(r.status == 1, "\(args): \(r.stderr)")
            let pipe = "\(ws)/ledgers/treasury/2024-13-pipe.csv", dev = "\(ws)/ledgers/treasury/2024-14-dev.csv"
            #expect(r.stdout.contains("  读取失败 ledgers/treasury/2024-13-pipe.csv: Error: \(pipe) is a FIFO (named pipe), not a regular file at \(pipe) / Help: Only regular files are ledgers: name a CSV or XLSX export, not a folder, a pipe or a device.\n"), "\(args): \(r.stdout)")
            #expect(r.stdout.contains("  读取失败 ledgers/treasury/2024-14-dev.csv: Error: \(dev) is a character device, not a regular file at \(dev) / Help: Only regular files are ledgers: name a CSV or XLSX export, not a folder, a pipe or a device.\n"), "\(args): \(r.stdout)")
            #expect(r.stdout.contains("  读取失败 ledgers/treasury/2024-15-zero.csv: Error: ledgers/treasury/2024-15-zero.csv leads outside the workspace, to /dev/zero"), "\(args): \(r.stdout)")
            // The other ledgers are read as ever.
            #expect(r.stdout.contains("）；读取 \(rows) 行："), "\(args): \(r.stdout)")
        }
        // The lock is free: another command gets it at once.
        #expect(try CLI.run(["reconcile", ws, "--no-wait"], in: dir, timeout: 60).status == 1)
    }

    @Test("tieout totals on a FIFO: exit 2 saying what it is, no hang")
    func totalsOnAFIFO() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fifo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/pipe.csv", 0o644) == 0)
        let r = try CLI.run(["totals", "--lang", "en", "pipe.csv", "--sum", "金额"], in: dir, timeout: 30)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: pipe.csv is a FIFO (named pipe), not a regular file\n"), "\(r.stderr)")
    }
}
