import TieoutCore

/// A typed value of a record field.
public enum FieldValue: Sendable, Equatable, CustomStringConvertible {
    case text(String)
    /// In 元, exact.
    case amount(Amount)
    /// A fraction: 99.46% is 0.9946.
    case percentage(Amount)
    case date(CalendarDate)
    case integer(Int)
    case boolean(Bool)
    /// One of the field's identifiers.
    case enumeration(String)

    /// The value as the dataset stores and exports it: exact decimal text, ISO dates,
    /// `true`/`false`, identifiers.
    public var description: String {
        switch self {
        case .text(let s), .enumeration(let s): s
        case .amount(let a), .percentage(let a): a.description
        case .date(let d): d.description
        case .integer(let n): String(n)
        case .boolean(let b): b ? "true" : "false"
        }
    }

    public var amount: Amount? {
        switch self {
        case .amount(let a), .percentage(let a): a
        case .integer(let n): Amount(n)
        default: nil
        }
    }
}

/// One normalized record: a value per field of its kind (nil: blank), and for
/// each value the cell it came from.
public struct Record: Sendable, Equatable {
    public let kind: RecordKind
    /// Aligned with `kind.fields`.
    public var values: [FieldValue?]
    /// Aligned with `kind.fields`: the column each value is read from (`G`), nil for
    /// constants and unmapped fields. Shared by every record of a file.
    public var columnLetters: [String?]
    /// The 1-based record (CSV) or row (sheet) number it was read from.
    public var row: Int
    /// CSV: the physical line where the record starts.
    public var line: Int?

    public init(kind: RecordKind, row: Int, line: Int? = nil, columnLetters: [String?]? = nil) {
        self.kind = kind
        values = Array(repeating: nil, count: kind.fields.count)
        self.columnLetters = columnLetters ?? Array(repeating: nil, count: kind.fields.count)
        self.row = row
        self.line = line
    }

    public subscript(field: String) -> FieldValue? {
        guard let i = kind.fields.firstIndex(where: { $0.name == field }) else { return nil }
        return values[i]
    }

    /// The cell a field's value was read from (`G4`); nil for constants.
    public func cell(of field: String) -> String? {
        guard let i = kind.fields.firstIndex(where: { $0.name == field }) else { return nil }
        return columnLetters[i].map { $0 + String(row) }
    }
}
