import Foundation
import TieoutIngest
import TieoutReconcile
import TieoutReport

/// `out/自评报告-核对.docx`: the annotated copy of the workspace's .docx report, staged with
/// the other reports (written to a temporary file, then renamed into place with them) by
/// every command that writes them (run, reconcile, score).
enum AnnotatedReportFile {
    /// Stages the copy when `report:` names a .docx; returns its path under out/ and the
    /// marks whose figure's text was not found, or nil when there is no .docx report.
    static func write(_ r: Reconciliation, workspace ws: Workspace, language: ReportLanguage, into set: StagedFiles) throws -> (path: String, unplaced: Int)? {
        guard let report = ws.report, report.lowercased().hasSuffix(".docx") else { return nil }
        let source = report.hasPrefix("/") ? report : ws.root + "/" + report
        let date = ISO8601DateFormatter().string(from: Date())
        let copy = try AnnotatedReport.annotate(source, findings: r.findings, language: language, date: date)
        let name = AnnotatedReport.fileName(for: report)
        try set.write(ws.outputDirectory + "/" + name) { out in copy.bytes.withUnsafeBufferPointer { out.write($0) } }
        return ("out/" + name, copy.unplaced.count)
    }

    static func printLine(_ written: (path: String, unplaced: Int)?, zh: Bool) {
        guard let written else { return }
        let note = written.unplaced == 0 ? "" : (zh ? "（\(written.unplaced) 处未在原文中找到，批注在所在句或文首）" : " (\(written.unplaced) not found in the text: commented on their sentence or at the top)")
        Output.stdout.write((zh ? "批注：" : "annotated: ") + written.path + note + "\n")
    }
}
