import TieoutCore

/// What a workbook cell holds (``TieoutCore/CellKind``).
public typealias XLSXCellKind = CellKind

/// One cell of a sheet row being read (``TieoutCore/Cell``).
public typealias XLSXCell = Cell

/// Exact readings of `<v>` texts (``TieoutCore/SpreadsheetValue``).
public typealias XLSXValue = SpreadsheetValue

/// A row being read: valid only inside the callback that receives it.
public struct XLSXRow {
    /// 1-based row number in the sheet.
    public let number: Int
    /// The cells present, in column order (empty cells are usually absent).
    public let cells: [XLSXCell]

    public init(number: Int, cells: [XLSXCell]) {
        self.number = number
        self.cells = cells
    }
}
