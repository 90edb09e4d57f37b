import TieoutCore
import TieoutOffice
import TieoutReconcile

/// `tieout explain WORKSPACE FIGURE --format xlsx`: the records behind a figure, one sheet,
/// with the columns of ``ExplainTable`` (the one list CSV and JSON lines follow too) under
/// their Chinese or English headers (``CSVHeaders/explain(_:_:)``).
public final class ExplainWorkbook {
    private let table: SheetTable
    private let explain: ExplainTable

    /// The sheet is named by the figure (`spend.actual.total`).
    public init(figure: String, table explain: ExplainTable, headers: ReportLanguage = .zh, into book: WorkbookWriter) throws(TieoutError) {
        self.explain = explain
        let columns: [SheetTable.Column] = explain.columns.map { c in
            switch c {
            case .row: .integer
            case .yuan: .money
            case .amount, .value: .amount(format: nil)   // exact, as many decimals as the value has (9.14486 万元)
            default: .text
            }
        }
        table = try SheetTable(book: book, name: figure, header: CSVHeaders.explain(explain.headers, headers), columns: columns)
    }

    public func append(_ c: Contribution) throws(TieoutError) {
        try table.append(explain.cells(c).map(\.text))
    }

    public var rows: Int { table.rows }
}
