import TieoutCore
import TieoutOffice
import TieoutReconcile

/// The annotated copy of a .docx report (`report:` in tieout.yaml): the user's own document,
/// each checked figure shaded by its finding's class and a Word comment per finding saying
/// the class, the figure as stated, the ledgers' value, the difference and the finding.
///
/// ```swift
/// let copy = try AnnotatedReport.annotate("ws/自评报告.docx", findings: r.findings, language: .zh)
/// // write copy.bytes to ws/out/自评报告-核对.docx
/// ```
public enum AnnotatedReport {
    /// The shading of a figure (`RRGGBB`), by its finding's class: ok green, rounding blue,
    /// mismatch red, missing-data orange, unsupported (a statement the report's own text does
    /// not support) lilac. A class added later must be given one here.
    public static func fill(_ status: Finding.Status) -> String {
        switch status {
        case .ok: "A9E5B0"
        case .rounding: "A8CFF5"
        case .mismatch: "FF8A8A"
        case .missingData: "FFC266"
        case .unsupported: "C9B8F0"
        }
    }

    /// Which shading wins when two findings check the same figure: the more serious class, by
    /// ``Finding/Status/worstFirst`` reversed (ok 0, …, mismatch 4).
    public static func rank(_ status: Finding.Status) -> Int {
        Finding.Status.worstFirst.count - 1 - Finding.Status.worstFirst.firstIndex(of: status)!
    }

    /// `自评报告-核对.docx` for `自评报告.docx` (or `reports/自评报告.DOCX`).
    public static func fileName(for report: String) -> String {
        let name = report.split(separator: "/").last.map(String.init) ?? report
        let stem = name.lowercased().hasSuffix(".docx") ? String(name.dropLast(5)) : name
        return stem + "-核对.docx"
    }

    /// Whether `name` is an annotated copy's file name (what `out/` holds besides the reports).
    public static func isAnnotatedCopy(_ name: String) -> Bool { name.hasSuffix("-核对.docx") }

    /// A mark for each finding that says where the report states its figure.
    public static func marks(_ findings: [Finding], language: ReportLanguage) -> [DocxAnnotation] {
        findings.compactMap { f in
            f.stated.map { DocxAnnotation(place: $0, fill: fill(f.status), comment: comment(f, language: language), rank: rank(f.status)) }
        }
    }

    /// The comment: the class and the finding's title, the figure as stated, the ledgers'
    /// value, the difference, why, and the finding's id.
    public static func comment(_ f: Finding, language l: ReportLanguage) -> [String] {
        var lines = ["【\(l.status(f.status))】\(l.title(f))"]
        if let e = f.expected { lines.append(l.s("annotated.stated", ["value": e])) }
        if let a = f.actual {
            lines.append(l.s(f.actualIsSumOfParts ? "annotated.sum-of-parts" : f.status == .mismatch ? "annotated.recomputed" : "annotated.ledgers", ["value": a]))
        } else {
            lines.append(l.s("annotated.no-value"))
        }
        if let d = f.difference { lines.append(l.s("annotated.difference", ["value": d])) }
        var why = l.explanation(f)
        for marker in ["（报告原文：“", " (The report: “"] { if let r = why.firstRange(of: marker) { why = String(why[..<r.lowerBound]) } }
        if !why.isEmpty { lines.append(why) }
        lines.append(l.s("annotated.finding", ["id": f.id]))
        return lines
    }

    /// The annotated copy of the report at `path`.
    public static func annotate(_ path: String, findings: [Finding], language: ReportLanguage, date: String? = nil) throws(TieoutError) -> AnnotatedDocx {
        try DocxAnnotator(date: date).annotate(path, marks(findings, language: language))
    }
}
