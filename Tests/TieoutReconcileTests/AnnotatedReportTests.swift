import Foundation
import Testing
import TieoutCore
import TieoutOffice
import TieoutReport
import TieoutScore
import TieoutTestSupport
@testable import TieoutReconcile

/// The annotated copy of the report (`out/自评报告-核对.docx`): the reference report as
/// LibreOffice and python-docx write it, reconciled against the sample, marked up.
@Suite("The annotated report")
struct AnnotatedReportTests {
    static let reports = ["reference-libreoffice.docx", "reference-python-docx.docx"]

    /// The sample with `report` as its report and no claims.yaml but the satisfaction basis.
    static func run(_ report: String) throws -> (path: String, findings: [Finding], claims: [Claim]) {
        var dir = ""
        let r = try sampleReconciliation { d in
            dir = d
            try FileManager.default.copyItem(atPath: ClaimExtractionTests.fixtures + report, toPath: d + "/自评报告.docx")
            let config = try String(contentsOfFile: d + "/tieout.yaml", encoding: .utf8)
            try (config + "\nreport: 自评报告.docx\n").write(toFile: d + "/tieout.yaml", atomically: true, encoding: .utf8)
            try ReportClaimsTests.basis.write(toFile: d + "/claims.yaml", atomically: true, encoding: .utf8)
        }
        let s = try Scoring(workspace: r.workspace, reconciliation: r)
        return (dir + "/自评报告.docx", r.findings + s.findings, r.claims)
    }

    static func temporary(_ bytes: [UInt8], _ name: String = "自评报告-核对.docx") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-annotated-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
        return dir + "/" + name
    }

    static let labels = ["ok": "一致", "rounding": "取整差异", "mismatch": "不一致", "missing-data": "缺少数据", "unsupported": "陈述无据"]

    /// Each comment: its first line, the text of its range in the document and the fills of the runs in it.
    static func marked(_ doc: String, _ comments: String) -> [String] {
        comments.matches(of: /<w:comment w:id="([0-9]+)"[^>]*>(.*?)<\/w:comment>/).map { m in
            let id = String(m.output.1)
            let first = m.output.2.firstMatch(of: /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/).map { String($0.output.1) } ?? ""
            guard let a = doc.firstRange(of: "<w:commentRangeStart w:id=\"\(id)\"/>"), let b = doc.firstRange(of: "<w:commentRangeEnd w:id=\"\(id)\"/>") else { return first + " | (no range)" }
            let inner = doc[a.upperBound..<b.lowerBound]
            let text = inner.matches(of: /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/).map { String($0.output.1) }.joined()
            let fills = Set(inner.matches(of: /<w:r(?: [^>]*)?>(.*?)<\/w:r>/).filter { $0.output.1.contains("<w:t") }
                .map { r in r.output.1.firstMatch(of: /w:fill="([0-9A-F]{6})"/).map { String($0.output.1) } ?? "none" })
            return first + " | " + text + " | " + fills.sorted().joined(separator: ",")
        }.sorted()
    }

    @Test("both fixtures: a comment per finding, each figure shaded in its class's colour (the mismatch red, with the recomputed value), the text read again unchanged",
          arguments: reports)
    func annotated(_ report: String) throws {
        let (path, findings, claims) = try Self.run(report)
        let stated = findings.filter { $0.stated != nil }
        #expect(stated.count == findings.filter { $0.explanation.contains("（报告原文：") }.count)
        // 97 claims read from the report; the total score is stated twice (98.79分 in the text and in
        // the annex), and scoring checks the annex's (one finding for the item `total`): 96; and the
        // itemised additions that miss the adjustment they add up to (7.20 万元 short), marked on their first part.
        #expect(stated.count == 97)
        #expect(stated.filter { $0.status == .unsupported }.map { $0.stated!.text } == ["10,639.27"])
        #expect(claims.compactMap(\.place).count == 97)
        let copy = try AnnotatedReport.annotate(path, findings: findings, language: .zh, date: "2026-12-07T03:00:00Z")
        #expect(copy.unplaced.map(\.place.text) == [])
        let parts = try docxParts(copy.bytes)
        let doc = try #require(parts["word/document.xml"]), comments = try #require(parts["word/comments.xml"])
        #expect(comments.ranges(of: "<w:comment ").count == stated.count)
        #expect(doc.ranges(of: "<w:commentReference ").count == stated.count)
        // Each finding's comment spans its figure as printed (a zero's words), every run of it shaded in its class's
        // colour; a figure two findings check (10,639.27: its claim ok, the itemised parts unsupported) in the worse one's.
        let worst = Dictionary(stated.map { ($0.stated!, $0.status) }) { a, b in AnnotatedReport.rank(a) >= AnnotatedReport.rank(b) ? a : b }
        let expected = stated.map { f in "\(AnnotatedReport.comment(f, language: .zh)[0]) | \(f.stated!.text) | \(AnnotatedReport.fill(worst[f.stated!]!))" }.sorted()
        #expect(stated.allSatisfy { f in AnnotatedReport.comment(f, language: .zh)[0] == "【\(Self.labels[f.status.rawValue] ?? "?")】\(f.title)" })
        #expect(Self.marked(doc, comments) == expected)
        #expect(Set(stated.map(\.status)) == [.ok, .mismatch, .unsupported])
        // The mismatch: 32.32% red, the comment with the ledgers' value.
        let sangong = try #require(stated.first { $0.id == "claim:sangong.rate@二（三）1（1）“三公”经费支出情况" })
        #expect(sangong.status == .mismatch && sangong.actual != nil)
        #expect(Self.marked(doc, comments).contains("【不一致】\(sangong.title) | 32.32% | FF8A8A"))
        #expect(comments.contains("<w:t>台账复算：\(sangong.actual!)</w:t>"))
        #expect(comments.contains("<w:t>核对项：claim:sangong.rate@二（三）1（1）“三公”经费支出情况</w:t>"))
        // Read again: the same text as the report.
        let again = try Self.temporary(copy.bytes)
        #expect(try ReportDocument.read(again).blocks == (try ReportDocument.read(path)).blocks)
    }

    @Test("a hand-written correction is marked where the claim it corrects is stated: 32.32% orange, missing-data")
    func correction() throws {
        var dir = ""
        let r = try sampleReconciliation { d in
            dir = d
            try ReportClaimsTests.edit(claims: """
            claims:
              - { basis: "按部门口径统计", value: "32.32%", section: 二（三）1（1）“三公”经费支出情况 }

            """)(d)
        }
        let f = try #require(r.findings.first { $0.id == "claim:none@二（三）1（1）“三公”经费支出情况" })
        #expect(f.status == .missingData && f.stated?.text == "32.32%")
        let copy = try AnnotatedReport.annotate(dir + "/自评报告.docx", findings: r.findings, language: .zh)
        let parts = try docxParts(copy.bytes)
        let marked = Self.marked(try #require(parts["word/document.xml"]), try #require(parts["word/comments.xml"]))
        #expect(marked.contains("【缺少数据】\(f.title) | 32.32% | FFC266"))
        #expect(copy.unplaced.isEmpty)
    }

    @Test("each class's colour and comment; every class a colour of its own (a class added later must be given one: the switch has no default)")
    func colours() {
        func finding(_ status: Finding.Status, actual: String?, difference: String?) -> Finding {
            var f = Finding(id: "claim:execution.rate@一（四）1", rule: "claim", status: status, title: "预算执行率：报告 99.46%", titleEn: "execution rate: stated 99.46%",
                            expected: "99.46%", actual: actual, difference: difference, explanation: "从台账复算为 98.10%。（报告原文：“预算执行率为99.46%。”）",
                            explanationEn: "Recomputed as 98.10%. (The report: “…”)", section: "一（四）1", inputs: [], rubric: [])
            f.stated = StatedFigure(sentence: "预算执行率为99.46%。", text: "99.46%", unit: "")
            return f
        }
        let marks = AnnotatedReport.marks([finding(.ok, actual: "99.46%", difference: nil), finding(.rounding, actual: "99.45%", difference: "0.01 个百分点"),
                                           finding(.mismatch, actual: "98.10%", difference: "1.36 个百分点"), finding(.missingData, actual: nil, difference: nil)], language: .zh)
        #expect(marks.map(\.fill) == ["A9E5B0", "A8CFF5", "FF8A8A", "FFC266"])
        #expect(marks[2].comment == ["【不一致】预算执行率：报告 99.46%", "报告：99.46%", "台账复算：98.10%", "差额：1.36 个百分点", "从台账复算为 98.10%。", "核对项：claim:execution.rate@一（四）1"])
        #expect(marks[3].comment[2] == "台账：无法复算")
        #expect(marks[2].rank > marks[3].rank && marks[3].rank > marks[1].rank && marks[1].rank > marks[0].rank)
        #expect(Set(Finding.Status.allCases.map(AnnotatedReport.fill)).count == Finding.Status.allCases.count)
        // The more serious class wins a figure two findings check: severity order reversed.
        #expect(Finding.Status.allCases.sorted { AnnotatedReport.rank($0) > AnnotatedReport.rank($1) } == [.mismatch, .unsupported, .missingData, .rounding, .ok])
        #expect(AnnotatedReport.fileName(for: "reports/自评报告.DOCX") == "自评报告-核对.docx")
    }

    /// LibreOffice, when installed (CI has none): a private profile, so that runs side by side do not share one.
    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func convert(_ path: String, to filter: String, in dir: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice!)
        p.arguments = ["-env:UserInstallation=file://\(dir)/profile", "--headless", "--norestore", "--convert-to", filter, "--outdir", dir + "/converted", path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// The text annotations of a PDF LibreOffice wrote (`/Subtype /Text … /Contents <FEFF…>`), decoded.
    static func pdfNotes(_ pdf: Data) -> [String] {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.matches(of: /\/Subtype \/Text [^>]*?\/Contents <FEFF([0-9A-F]*)>/).map { m in
            let hex = Array(m.output.1.utf8)
            var units: [UInt16] = []
            var i = 0
            while i + 4 <= hex.count { units.append(UInt16(String(decoding: hex[i..<(i + 4)], as: UTF8.self), radix: 16) ?? 0); i += 4 }
            return String(decoding: units, as: UTF16.self)
        }
    }

    @Test("LibreOffice opens the copy without repair: its PDF has every comment, and saved again as .docx it reads as the report",
          .enabled(if: soffice != nil, "needs LibreOffice (soffice)"))
    func libreOffice() throws {
        let (path, findings, _) = try Self.run("reference-python-docx.docx")
        let stated = findings.filter { $0.stated != nil }
        let copy = try AnnotatedReport.annotate(path, findings: findings, language: .zh)
        let file = try Self.temporary(copy.bytes)
        let dir = (file as NSString).deletingLastPathComponent
        #expect(try Self.convert(file, to: #"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#, in: dir) == 0)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/converted/自评报告-核对.pdf"))
        let notes = Self.pdfNotes(pdf)
        #expect(notes.count == stated.count)
        let sangong = try #require(stated.first { $0.id == "claim:sangong.rate@二（三）1（1）“三公”经费支出情况" })
        #expect(notes.contains { $0.hasPrefix("【不一致】\(sangong.title)\n") && $0.contains("\n台账复算：\(sangong.actual!)\n") })
        // Saved again by LibreOffice, the copy reads as the report saved again by LibreOffice.
        #expect(try Self.convert(file, to: "docx:MS Word 2007 XML", in: dir) == 0)
        #expect(try Self.convert(path, to: "docx:MS Word 2007 XML", in: dir) == 0)
        let again = dir + "/converted/自评报告-核对.docx"
        let a = try ReportDocument.read(again).blocks, b = try ReportDocument.read(dir + "/converted/自评报告.docx").blocks
        #expect(a.count == b.count && a.count > 100)
        for (x, y) in zip(a, b) where x != y { Issue.record("\(x) ≠ \(y)") }
        #expect(try #require(try docxParts(Array(try Data(contentsOf: URL(fileURLWithPath: again))))["word/comments.xml"]).ranges(of: "<w:comment ").count == stated.count)
    }
}
