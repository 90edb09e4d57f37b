import TieoutCore

/// What a cell holds, as the sheet XML says.
public enum XLSXCellKind: UInt8, Sendable {
    /// A number (`t="n"` or no type), exact `<v>` text.
    case number
    /// A number whose style shows a date or time.
    case date
    /// A number whose style shows a duration (`[h]:mm:ss`).
    case duration
    /// Text: a shared string, an inline string or a formula's string result.
    case text
    /// TRUE or FALSE.
    case boolean
    /// An error value such as `#N/A`.
    case error
    /// An ISO 8601 date (`t="d"`).
    case isoDate
    /// A cell with no value (a formula without a cached result, or only a style).
    case empty
}

/// One cell of a row being read: its column, kind and UTF-8 value text.
public struct XLSXCell {
    /// 1-based column.
    public let column: Int
    public let kind: XLSXCellKind
    /// The cell had a formula.
    public let hasFormula: Bool
    let bytes: UnsafeBufferPointer<UInt8>

    /// The value's text: the exact `<v>` digits for numbers and dates (a serial day
    /// number), the string for text, `1`/`0` for booleans, `#N/A` for errors.
    public var rawText: String { String(decoding: bytes, as: UTF8.self) }

    public func withUTF8<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(bytes)
    }

    /// The same cell seen `offset` columns further left (for a window on a sheet).
    public func shifted(by offset: Int) -> XLSXCell {
        XLSXCell(column: column - offset, kind: kind, hasFormula: hasFormula, bytes: bytes)
    }

    /// The cell's reference, e.g. `B7`, in `row`.
    public func reference(row: Int) -> String {
        SourceLocation.letter(forColumn: column) + String(row)
    }
}

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
