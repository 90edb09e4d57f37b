#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `tieout run` with `report: 自评报告.docx`: the annotated copy out/自评报告-核对.docx, written
/// with the other reports; a copy that cannot be written fails the run (exit 2), naming the file.
@Suite("tieout run: the annotated report", .serialized)
struct AnnotatedReportCommandTests {
    /// The sample at `dir/name`, with the reference report (as LibreOffice saved it) as its report: and no claims.yaml.
    static func workspace(at ws: String) throws {
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: ws)
        try? FileManager.default.removeItem(atPath: ws + "/.tieout")
        try? FileManager.default.removeItem(atPath: ws + "/out")
        try FileManager.default.removeItem(atPath: ws + "/claims.yaml")
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("Tests/TieoutOfficeTests/Fixtures/reference-libreoffice.docx").path, toPath: ws + "/自评报告.docx")
        let config = try String(contentsOfFile: ws + "/tieout.yaml", encoding: .utf8)
        try (config + "\nreport: 自评报告.docx\n").write(toFile: ws + "/tieout.yaml", atomically: true, encoding: .utf8)
    }

    @Test("run (and reconcile) write out/自评报告-核对.docx beside the reports and say so; a run with broken settings moves it aside with them")
    func written() throws {
        let (dir, _) = try WorkspaceCommandTests.sample()
        let ws = dir + "/unit"
        try Self.workspace(at: ws)
        let r = try CLI.run(["run", ws])
        #expect(r.status == 1)   // the report's two mismatches
        #expect(r.stdout.contains("报告：out/report.md, out/report.html, out/findings.json, out/findings.xlsx, out/score.md, out/score.csv, out/score.json, out/score.xlsx, out/rejects.csv\n批注：out/自评报告-核对.docx\n"), "\(r.stdout)")
        let copy = try Data(contentsOf: URL(fileURLWithPath: ws + "/out/自评报告-核对.docx"))
        #expect(copy.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        // The user's file is untouched.
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws + "/自评报告.docx")) == Data(contentsOf: CLI.root.appendingPathComponent("Tests/TieoutOfficeTests/Fixtures/reference-libreoffice.docx")))
        // reconcile writes the same set, the copy included.
        let rec = try CLI.run(["reconcile", ws])
        #expect(rec.status == 1 && rec.stdout.contains("\n批注：out/自评报告-核对.docx\n"), "\(rec.stdout)")
        let copy2 = try Data(contentsOf: URL(fileURLWithPath: ws + "/out/自评报告-核对.docx"))
        // A run whose settings are broken retires it with the reports.
        try "unit: [\n".write(toFile: ws + "/tieout.yaml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", ws]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: ws + "/out/自评报告-核对.docx"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws + "/out/previous/自评报告-核对.docx")) == copy2)
    }

    @Test("a copy that cannot be written (no space left in out/): exit 2 naming the file and the cause, no partial copy, nothing said to be written",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func failedWrite() throws {
        let (dir, _) = try WorkspaceCommandTests.sample()
        let ws = dir + "/unit"
        try Self.workspace(at: ws)
        // The report carries 1.5 MB of picture (copied into the copy as it is); out/ is a 2 MB disk,
        // room for the reports (~1 MB) but not for them and the copy.
        let add = Process()
        add.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        add.arguments = ["python3", "-c", "import os, sys, zipfile; zipfile.ZipFile(sys.argv[1], 'a').writestr('word/media/image9.bin', os.urandom(1500000))", ws + "/自评报告.docx"]
        try add.run()
        add.waitUntilExit()
        #expect(add.terminationStatus == 0)
        try FileManager.default.createDirectory(atPath: ws + "/out", withIntermediateDirectories: true)
        #expect(try FullDiskTests.sh(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", ws + "/out"]) == 0)
        defer { _ = try? FullDiskTests.sh(["umount", ws + "/out"]) }
        let r = try CLI.run(["run", ws])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Error: cannot write \(ws)/out/自评报告-核对.docx: No space left on device"), "\(r.stderr)")
        #expect(r.stderr.contains("Help: Free space on the disk that holds \(ws)/out"))
        #expect(!r.stdout.contains("批注：") && !r.stdout.contains("报告："))
        // Nothing half-written is left: no copy, no temporary file, no report looking current.
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws + "/out").filter { $0 != "previous" }.sorted() == [])
    }

    @Test("the copy is a function of the files: two runs seconds apart, and a run on a fresh copy of the workspace, write the same bytes; no comment is dated")
    func sameBytes() throws {
        let (dir, _) = try WorkspaceCommandTests.sample()
        let ws = dir + "/unit"
        try Self.workspace(at: ws)
        #expect(try CLI.run(["run", ws]).status == 1)
        let first = try Data(contentsOf: URL(fileURLWithPath: ws + "/out/自评报告-核对.docx"))
        // Past a second (the comments' date was to the second) and a zip time step (2 seconds).
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try CLI.run(["run", ws]).status == 1)
        let second = try Data(contentsOf: URL(fileURLWithPath: ws + "/out/自评报告-核对.docx"))
        #expect(second == first)
        let copy = dir + "/copy"
        try Self.workspace(at: copy)
        #expect(try CLI.run(["run", copy]).status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy + "/out/自评报告-核对.docx")) == first)
        // The comments carry their author and no date.
        let list = Process()
        list.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        list.arguments = ["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('word/comments.xml').decode())", ws + "/out/自评报告-核对.docx"]
        let out = Pipe()
        list.standardOutput = out
        try list.run()
        let comments = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        list.waitUntilExit()
        #expect(comments.contains("w:author=\"Tieout\""))
        #expect(!comments.contains("w:date="))
    }
}
