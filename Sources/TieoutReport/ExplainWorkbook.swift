import TieoutCore
import TieoutOffice
import TieoutReconcile

/// `tieout explain WORKSPACE FIGURE --format xlsx`: the records behind a figure, one sheet.
public final class ExplainWorkbook {
    public static let header = ["part", "file", "sheet", "row", "cell", "value"]
    private let table: SheetTable

    /// The sheet is named by the figure (`spend.actual.total`).
    public init(figure: String, into book: WorkbookWriter) throws(TieoutError) {
        table = try SheetTable(book: book, name: figure, header: Self.header, columns: [.text, .text, .text, .integer, .text, .money])
    }

    public func append(_ c: Contribution) throws(TieoutError) {
        try table.append(cells: [.text(c.part), .text(c.file), .text(c.sheet ?? ""), .integer(c.row), .text(c.cell), .amount(c.value)])
    }

    public var rows: Int { table.rows }
}
