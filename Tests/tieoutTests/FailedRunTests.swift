import Foundation
import Testing

/// After a run that fails (exit 2), no report looks current: the last finished run's
/// reports are kept whole in out/previous/, and the next good run puts new ones in out/.
@Suite("A run that fails")
struct FailedRunTests {
    @Test("a broken claims.yaml: exit 2, out/ holds no report, out/previous/ the last finished run's, unchanged")
    func brokenClaims() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["run", ws], in: dir).status == 1)
        let out = "\(dir)/\(ws)/out"
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let findings = FileManager.default.contents(atPath: out + "/findings.json")
        let claims = "\(dir)/\(ws)/claims.yaml"
        let good = try String(contentsOfFile: claims, encoding: .utf8)
        try (good + "\n  - figure: no.such.figure\n    stated: 1\n").write(toFile: claims, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("Note: the reports of the last run that finished are in \(ws)/out/previous/; they do not reflect this run.\n"))
        let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0 != "previous" }
        #expect(left.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/previous").sorted() == before)
        #expect(FileManager.default.contents(atPath: out + "/previous/findings.json") == findings)
        // Fixed: the next run writes a current set and drops the old one.
        try good.write(toFile: claims, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", ws], in: dir).status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
        #expect(FileManager.default.contents(atPath: out + "/findings.json") == findings)
    }

    @Test("ingest moves the reports aside (the dataset they describe is changing); reconcile brings current ones back")
    func ingestRetires() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["run", ws], in: dir).status == 1)
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let out = "\(dir)/\(ws)/out"
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["previous", "rejects.csv"])
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/previous").contains("report.html"))
        #expect(try CLI.run(["reconcile", ws], in: dir).status == 1)
        #expect(!FileManager.default.fileExists(atPath: out + "/previous"))
        #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
    }
}
