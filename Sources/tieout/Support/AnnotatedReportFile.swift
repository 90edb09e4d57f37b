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
        // No date on the comments (w:date is optional; Word and LibreOffice show none): two runs
        // on the same files write the same bytes.
        let copy = try AnnotatedReport.annotate(source, findings: r.findings, language: language)
        let name = AnnotatedReport.fileName(for: report)
        try set.write(ws.outputDirectory + "/" + name) { out in copy.bytes.withUnsafeBufferPointer { out.write($0) } }
        return ("out/" + name, copy.unplaced.count)
    }

    static func printLine(_ written: (path: String, unplaced: Int)?, language l: ReportLanguage) {
        guard let written else { return }
        let note = written.unplaced == 0 ? "" : l.s("run.annotated.unplaced", ["n": written.unplaced])
        Output.stdout.write(l.s("run.annotated", ["path": written.path]) + note + "\n")
    }
}
