import Foundation
import Testing

/// `tieout run --all DIR`: every unit independently, a summary in three forms, the worst status.
@Suite("Many units")
struct RunAllTests {
    @Test("two sample units and a broken one: the broken one fails alone, the others complete; summary.md/html/json; exit 2")
    func batch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fleet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/district", withIntermediateDirectories: true)
        for u in ["district/a", "b"] {
            try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: dir + "/" + u)
            try? FileManager.default.removeItem(atPath: dir + "/" + u + "/.tieout")
            try? FileManager.default.removeItem(atPath: dir + "/" + u + "/out")
        }
        try FileManager.default.createDirectory(atPath: dir + "/broken", withIntermediateDirectories: true)
        try "unit: 坏\n".write(toFile: dir + "/broken/tieout.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "--all", dir, "--jobs", "2"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("run --all: 3/3 "))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.map { $0["workspace"] as! String } == ["b", "broken", "district/a"])
        #expect(units.map { $0["status"] as! String } == ["problems", "failed", "problems"])
        #expect(units.map { $0["exit_code"] as! Int } == [1, 2, 1])
        #expect(units[0]["rows"] as? Int == 438 && units[0]["files"] as? Int == 20 && units[0]["score"] as? String == "98.79")
        #expect(units[0]["findings"] as? [String: Int] == ["ok": 119, "rounding": 1, "mismatch": 2, "missing-data": 1, "unsupported": 2])
        #expect((units[1]["error"] as? String)?.hasPrefix("Error: tieout.yaml has no 'fiscal_year' at ") == true)
        #expect(json["jobs"] as? Int == 2)
        let md = try String(contentsOfFile: dir + "/out/summary.md", encoding: .utf8)
        #expect(md.contains("3 个单位（ok 0，problems 2，failed 1）；读取 876 行；"))
        #expect(md.contains("| 深圳市福田区政务服务和数据管理局 | district/a | 20 | 438 | 119 | 1 | 2 | 1 | 98.79 | "))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/summary.html"))
        // Each unit has its own reports, as if run alone.
        #expect(FileManager.default.fileExists(atPath: dir + "/district/a/out/report.html"))
        #expect(try String(contentsOfFile: dir + "/out/logs/district__a.log", encoding: .utf8).contains("评分：合计 98.79 / 100.00 分"))
    }

    @Test("--jobs without --all, and 0 jobs, are usage errors")
    func usage() throws {
        #expect(try CLI.run(["run", "x", "--jobs", "2"]).stderr.hasPrefix("Error: --jobs goes with --all."))
        #expect(try CLI.run(["run", "--all", "x", "--jobs", "0"]).status == 2)
    }
}
