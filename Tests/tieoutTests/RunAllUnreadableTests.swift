#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `tieout run --all DIR` where part of DIR cannot be searched: never "no unit there".
@Suite("Many units, folders that cannot be searched")
struct RunAllUnreadableTests {
    static func fleet() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fleet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: dir + "/a")
        try? FileManager.default.removeItem(atPath: dir + "/a/.tieout")
        try? FileManager.default.removeItem(atPath: dir + "/a/out")
        return dir
    }

    @Test("a tieout.yaml that is a link loop or a dangling link is a failed unit, and a unit 5 folders down runs: before, both were left out without a word")
    func linksAndDepth() throws {
        let dir = try Self.fleet()
        try FileManager.default.createDirectory(atPath: dir + "/loop", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop/tieout.yaml", withDestinationPath: "tieout.yaml")
        try FileManager.default.createDirectory(atPath: dir + "/gone", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone/tieout.yaml", withDestinationPath: "/nonexistent/tieout.yaml")
        let deep = dir + "/区/街道/社区/站/b"
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: deep).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir + "/a", toPath: deep)
        let r = try CLI.run(["run", "--all", dir, "--jobs", "2"])
        #expect(r.status == 2, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.map { $0["workspace"] as! String } == ["a", "gone", "loop", "区/街道/社区/站/b"])
        #expect(units.map { $0["status"] as! String } == ["problems", "failed", "failed", "problems"])
        #expect(units[3]["score"] as? String == "98.79")
        #expect((units[1]["error"] as? String)?.contains("tieout.yaml") == true, "\(units[1])")
        #expect((units[2]["error"] as? String)?.contains("tieout.yaml") == true, "\(units[2])")
    }

    @Test("an entry of the fleet folder that is a dangling link or a link loop is a failed entry with its error: before, it was left out as 'not a folder' without a word")
    func brokenLinks() throws {
        let dir = try Self.fleet()
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone", withDestinationPath: "/nonexistent/unit")
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop", withDestinationPath: "loop")
        try FileManager.default.createDirectory(atPath: dir + "/区", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/区/b", withDestinationPath: "../missing")
        // A file, or a link to one, is no unit and no error.
        try "notes".write(toFile: dir + "/README.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/readme-link", withDestinationPath: "README.txt")
        let r = try CLI.run(["run", "--all", dir])
        #expect(r.status == 2, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.map { $0["workspace"] as! String } == ["a", "gone", "loop", "区/b"])
        #expect(units.map { $0["status"] as! String } == ["problems", "failed", "failed", "failed"])
        try #require(units.count == 4)
        #expect(units[1]["error"] as? String == "Error: cannot follow the link gone (to /nonexistent/unit): No such file or directory; point it at the unit's folder, or remove it from \(dir)")
        #expect(units[2]["error"] as? String == "Error: cannot follow the link loop (to loop): Too many levels of symbolic links; point it at the unit's folder, or remove it from \(dir)")
        #expect(units[3]["error"] as? String == "Error: cannot follow the link 区/b (to ../missing): No such file or directory; point it at the unit's folder, or remove it from \(dir)")
        #expect(r.stderr.contains("run --all: gone failed: Error: cannot follow the link gone (to /nonexistent/unit): No such file or directory"))
    }

    @Test("a folder nested deeper than 8 is a failed entry naming it, never silently unsearched")
    func tooDeep() throws {
        let dir = try Self.fleet()
        let deep = dir + "/1/2/3/4/5/6/7/8/9"
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        let r = try CLI.run(["run", "--all", dir])
        #expect(r.status == 2)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.map { $0["workspace"] as! String } == ["1/2/3/4/5/6/7/8/9", "a"])
        #expect(units[0]["error"] as? String == "Error: the folder 1/2/3/4/5/6/7/8/9 is nested deeper than 8 folders below \(dir), so it was not searched for units; run it by its own path, or move its units up")
        #expect(r.stderr.contains("run --all: 1/2/3/4/5/6/7/8/9 failed: Error: the folder 1/2/3/4/5/6/7/8/9 is nested deeper than 8"))
    }

    @Test("a folder this user cannot list (chmod 000, run as nobody) is a failed unit with Permission denied; the others run",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"), "runuser as root"))
    func unlistable() throws {
        let dir = try Self.fleet()
        try FileManager.default.copyItem(atPath: dir + "/a", toPath: dir + "/locked/c")
        let bin = dir + "/.bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let built = URL(fileURLWithPath: CLI.executable).deletingLastPathComponent().path
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: bin + "/tieout")
        for name in try FileManager.default.contentsOfDirectory(atPath: built) where name.hasPrefix("Tieout_") && name.hasSuffix(".resources") {
            try FileManager.default.copyItem(atPath: built + "/" + name, toPath: bin + "/" + name)
        }
        _ = try CLI.run(["-R", "a+rwX", dir], executable: "/bin/chmod")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: dir + "/locked")
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/locked") }
        // Started from a directory nobody may not enter (as from root's shell, or a clone in a 0700
        // folder): the units must still start (before: "cannot start …/tieout: Permission denied").
        let privateCwd = dir + "/.private"
        try FileManager.default.createDirectory(atPath: privateCwd, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: privateCwd)
        let r = try CLI.run(["-u", "nobody", "--", bin + "/tieout", "run", "--all", dir], in: privateCwd, executable: "/usr/sbin/runuser", timeout: 300)
        #expect(r.status == 2, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.map { $0["workspace"] as! String } == ["a", "locked"])
        #expect(units.map { $0["status"] as! String } == ["problems", "failed"])
        #expect(units[1]["error"] as? String == "Error: cannot list the folder locked: Permission denied; make it readable for this user (chmod/chown), or move it out of \(dir)")
    }
}
