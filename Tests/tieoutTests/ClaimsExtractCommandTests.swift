import Foundation
import Testing

/// `tieout claims extract REPORT`: the report's figures as a claims.yaml on stdout, a summary on stderr.
@Suite("tieout claims extract")
struct ClaimsExtractCommandTests {
    static func fixture(_ name: String) -> String { CLI.root.appendingPathComponent("Tests/TieoutOfficeTests/Fixtures/\(name)").path }

    @Test("the reference report as .docx: claims with their sections and sentences, unmapped figures listed for review")
    func extract() throws {
        let report = Self.fixture("reference-python-docx.docx")
        let r = try CLI.run(["claims", "extract", report, "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stderr == "claims extract: 97 figures mapped, 38 unmapped (listed for review) in \(report)\n")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "# Claims read from \(report) by `tieout claims extract`: 97 mapped, 38 unmapped.")
        #expect(lines.contains("  - { figure: sangong.rate, value: \"32.32%\", section: 二（三）1（1）“三公”经费支出情况 }   # 本单位严格按照中央八项规定以及厉行勤俭节约、反对铺张浪费的原则，严控“三公”经费支出，“三公”经费控制率为 32.32%，经费控制较好。"))
        #expect(lines.contains("  - { score: total, value: \"98.79\", section: 附件 合计 }   # 合计 | 98.79"))
        #expect(lines.contains("  - { value: \"72.99%\", section: 二（三）3（6）效果性, sentence: \"全市率先实施民意速办全量回访工单满意度，满意率 72.99%，同比上升 3%。\" }"))
    }

    @Test("--workspace: its claim-phrases.yaml maps what the built-in phrases leave unmapped")
    func workspacePhrases() throws {
        let (parent, name) = try WorkspaceCommandTests.sample()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try "figures:\n  - { figure: survey.rate, kind: ratio, lead: [满意率] }\n".write(toFile: parent + "/" + name + "/claim-phrases.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["claims", "extract", Self.fixture("reference-report.md"), "--workspace", parent + "/" + name, "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  - { figure: survey.rate, value: \"72.99%\", section: 二（三）3（6）效果性 }"))
        #expect(r.stderr.hasPrefix("claims extract: 98 figures mapped, 37 unmapped"))
    }

    @Test("what is not a report: exit 2, the file named, and the fix")
    func badInput() throws {
        let r = try CLI.run(["claims", "extract", "notes.pdf", "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("notes.pdf is not a .docx, .md or .txt report") && r.stderr.contains("Name the report as written (.docx)"))
        let ledger = CLI.root.appendingPathComponent("samples/futian-2024/claims.yaml").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-claims-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: ledger, toPath: dir + "/报告.docx")
        let notDocx = try CLI.run(["claims", "extract", dir + "/报告.docx", "--lang", "en"])
        #expect(notDocx.status == 2 && notDocx.stderr.contains("\(dir)/报告.docx is not a zip archive, so not a .docx document"))
    }
}
