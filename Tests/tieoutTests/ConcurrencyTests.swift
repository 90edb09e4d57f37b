#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// One writer per workspace. Before: two `tieout ingest` on one workspace split the files
/// between them, or one exited 2 with `database is locked` and advice to delete the dataset.
@Suite("Two writers at once", .serialized)
struct ConcurrencyTests {
    @Test("two ingests started together: each file read once, the second sees it all unchanged; both exit 0")
    func twoIngests() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let a = try CLI.start(["ingest", ws, "--json"], in: dir)
        let b = try CLI.start(["ingest", ws, "--json"], in: dir)
        var outputs: [String] = []
        for (p, out, err) in [a, b] {
            let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            _ = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            outputs.append(o)
        }
        func statuses(_ json: String) throws -> [String] {
            let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            return (obj["files"] as! [[String: Any]]).map { $0["status"] as! String }
        }
        let counts = try outputs.map { try statuses($0) }.map { s in Dictionary(grouping: s, by: { $0 }).mapValues(\.count) }.sorted { ($0["new"] ?? 0) > ($1["new"] ?? 0) }
        #expect(counts == [["new": 19, "reissue": 1], ["unchanged": 20]])
    }

    @Test("check ingests too, so it is a writer: started with an ingest, each file is read once and both finish")
    func checkAndIngest() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        for round in 0..<3 {
            try? FileManager.default.removeItem(atPath: "\(dir)/\(ws)/.tieout")
            let a = try CLI.start(["ingest", ws, "--json"], in: dir)
            let b = try CLI.start(["check", ws, "--as-of", "2024-06-30", "--log-format", "json"], in: dir)
            let ingestOut = String(decoding: a.out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            _ = a.err.fileHandleForReading.readDataToEndOfFile()
            _ = b.out.fileHandleForReading.readDataToEndOfFile()
            let checkLog = String(decoding: b.err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            a.process.waitUntilExit(); b.process.waitUntilExit()
            #expect(a.process.terminationStatus == 0, "round \(round)")
            #expect(b.process.terminationStatus == 0, "round \(round): \(checkLog)")
            let ingested = (try? JSONSerialization.jsonObject(with: Data(ingestOut.utf8)) as? [String: Any])?["files"] as? [[String: Any]] ?? []
            let checked = checkLog.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .filter { $0["event"] as? String == "file.ingested" }
            // Whichever went first read the 20 files (19 new, the June re-issue); the other found them unchanged.
            let news = ingested.filter { $0["status"] as? String != "unchanged" }.count + checked.filter { $0["status"] as? String != "unchanged" }.count
            #expect(ingested.count == 20 && checked.count == 20 && news == 20, "round \(round): \(checkLog)")
        }
    }

    @Test("a holder killed with SIGKILL releases the lock: --no-wait exits 2 while it lives, a waiting run goes on when it dies")
    func killedHolder() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let lockFile = "\(dir)/\(ws)/.tieout/tieout.sqlite.lock"
        try FileManager.default.createDirectory(atPath: "\(dir)/\(ws)/.tieout", withIntermediateDirectories: true)
        // Its output to /dev/null: the orphaned `sleep` would keep pipes open after flock is killed.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["-o", lockFile, "sleep", "60"]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer { _ = try? CLI.run(["-c", "pkill -f 'sleep 60' || true"], executable: "/bin/sh") }
        // Wait until flock(1) holds it (-o: the lock is flock's alone, not its child's, so killing flock frees it).
        var held = false
        for _ in 0..<200 {
            let r = try CLI.run(["ingest", ws, "--no-wait"], in: dir)
            if r.status == 2 {
                #expect(r.stderr == "Error: another tieout is writing this workspace (holder unknown) at \(ws)\nHelp: Wait for it to finish, or run without --no-wait to wait for it. The lock is released when that process ends, even if it is killed.\n")
                held = true
                break
            }
            usleep(20_000)
        }
        #expect(held)
        let waiting = try CLI.start(["ingest", ws], in: dir)
        usleep(300_000)
        #expect(waiting.0.isRunning)
        kill(holder.processIdentifier, SIGKILL)
        // (Not holder.waitUntilExit(): Foundation's waits for the orphaned sleep too.)
        let err = String(decoding: waiting.2.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = waiting.1.fileHandleForReading.readDataToEndOfFile()
        waiting.0.waitUntilExit()
        #expect(waiting.0.terminationStatus == 0)
        #expect(err.hasPrefix("waiting: another tieout is writing this workspace (holder unknown); this run goes on when it finishes\n"))
    }
}
