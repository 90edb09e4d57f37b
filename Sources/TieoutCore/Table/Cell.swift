/// What a cell holds: the kinds a spreadsheet distinguishes. A CSV field is
/// always ``text`` (or ``empty``); a workbook cell takes its kind from its type
/// and style.
public enum CellKind: UInt8, Sendable {
    /// A number (`t="n"` or no type), exact `<v>` text.
    case number
    /// A number whose style shows a date or time (a serial day number).
    case date
    /// A number whose style shows a duration (`[h]:mm:ss`).
    case duration
    /// Text: a CSV field, a shared string, an inline string or a formula's string result.
    case text
    /// TRUE or FALSE (`1` / `0`).
    case boolean
    /// An error value such as `#N/A`.
    case error
    /// An ISO 8601 date (`t="d"`).
    case isoDate
    /// A cell with no value (an empty field, a formula without a cached result, or only a style).
    case empty
}

/// One cell of a row being read: its column, kind and UTF-8 value text. It is
/// a view into the reader's buffer, valid only while the row is being delivered.
///
/// ```swift
/// try source.forEachRow { row in
///     if let cell = row.cell(8) { print(cell.kind, cell.rawText, try cell.amount()) }
/// }
/// ```
public struct Cell {
    /// 1-based column.
    public let column: Int
    public let kind: CellKind
    /// The cell had a formula.
    public let hasFormula: Bool
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>

    /// `bytes` must stay valid as long as the cell is used.
    @inlinable
    public init(column: Int, kind: CellKind, hasFormula: Bool = false, bytes: UnsafeBufferPointer<UInt8>) {
        self.column = column
        self.kind = kind
        self.hasFormula = hasFormula
        self.bytes = bytes
    }

    /// The value's text: the exact `<v>` digits for numbers and dates (a serial day
    /// number), the string for text, `1`/`0` for booleans, `#N/A` for errors.
    public var rawText: String { String(decoding: bytes, as: UTF8.self) }

    @inlinable
    public func withUTF8<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(bytes)
    }

    /// The same cell seen `offset` columns further left (for a window on a sheet).
    public func shifted(by offset: Int) -> Cell {
        Cell(column: column - offset, kind: kind, hasFormula: hasFormula, bytes: bytes)
    }

    /// The cell's reference, e.g. `B7`, in `row`.
    public func reference(row: Int) -> String {
        SourceLocation.letter(forColumn: column) + String(row)
    }
}
