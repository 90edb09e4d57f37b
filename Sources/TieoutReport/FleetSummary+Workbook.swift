import TieoutCore
import TieoutOffice

extension FleetSummary {
    /// Fill colours of a unit's row by its status (problems amber, failed red; ok unfilled).
    public static let workbookFills: [String: UInt32] = ["problems": 0xFFEB9C, "failed": 0xFFC7CE]

    /// The header of summary.xlsx's sheet, in `language`.
    public static func workbookHeader(_ l: ReportLanguage) -> [String] {
        header(l).dropLast() + ["fleet.col.progress", "fleet.col.quarter", "fleet.col.status", "fleet.col.error", "fleet.col.report", "fleet.col.log"].map { l.s($0) }
    }

    /// `summary.xlsx` written whole to `path` (a temporary file the caller puts in place), named
    /// `shown` in errors: the fleet workbook beside summary.md, .html and .json, for `run --all`
    /// and `report --all --queue` alike.
    public func writeWorkbook(to path: String, shownAs shown: String, language l: ReportLanguage = .zh) throws(TieoutError) {
        let book = try WorkbookWriter(path: path, reportedAs: shown)
        try writeWorkbook(into: book, language: l)
        try book.close()
    }

    /// `summary.xlsx`: one sheet, a row per unit (as the page lists them), counts as numbers
    /// (`#,##0`), the score as a number (`0.00`), the progress at the last quarter the unit's
    /// ledgers reach as a percentage (ratio rounded to 4 places, `0.00%`), each row filled by its
    /// status; the header frozen, a filter over every column. Paths are relative to the batch folder.
    public func writeWorkbook(into book: WorkbookWriter, language l: ReportLanguage = .zh) throws(TieoutError) {
        let sheet = try book.addSheet(l.s("fleet.sheet"))
        let head = Self.workbookHeader(l)
        // Unit, workspace; files, rows, a count per class, score, seconds, progress, quarter; status, error; report, log.
        let status = 8 + Self.classes.count
        try sheet.setColumns(0...0, width: 36)
        try sheet.setColumns(1...1, width: 20)
        try sheet.setColumns(2...(status - 1), width: 10)
        try sheet.setColumns(status...status, width: 10)
        try sheet.setColumns((status + 1)...(status + 1), width: 48)
        try sheet.setColumns((status + 2)...(status + 3), width: 32)
        try sheet.write(row: 0, head.map(WorkbookCell.text), style: .header)
        for (k, u) in units.enumerated() {
            let fill = Self.workbookFills[u.status]
            let plain = CellStyle(fill: fill)
            let count = CellStyle(numberFormat: "#,##0", fill: fill)
            let latest = u.latestProgress
            let cells: [WorkbookCell] = [
                .text(u.unit), .text(u.workspace), .integer(u.files), .integer(u.rows),
            ] + Self.classes.map { .integer(u.findings[$0.rawValue] ?? 0) } + [
                u.score.flatMap { Amount($0) }.map(WorkbookCell.amount) ?? .blank,
                .amount(Amount(significand: Int128(Int((u.seconds * 10).rounded())), scale: 1)),
                latest.map { .amount($0.ratio.rounded(scale: 4)) } ?? .blank,
                latest.map { .text("Q\($0.quarter)") } ?? .blank,
                .text(Self.statusText(u.status, l)), .text(u.error ?? ""), .text(u.report ?? ""), .text(u.log),
            ]
            let styles: [CellStyle?] = [plain, plain] + Array(repeating: count, count: 2 + Self.classes.count)
                + [CellStyle(numberFormat: "0.00", fill: fill), CellStyle(numberFormat: "0.0", fill: fill), CellStyle(numberFormat: "0.00%", fill: fill)]
                + Array(repeating: plain, count: 5)
            try sheet.write(row: k + 1, cells, styles: styles)
        }
        try sheet.autofilter(row: 0, lastRow: units.count, columns: 0...(head.count - 1))
        sheet.freeze(row: 1)
    }
}
