/// Where a value or a problem is: file, sheet, record, line, column and byte.
///
/// Every parsed value and every error carries one, so any figure Tieout prints
/// can be traced to the cell it came from.
///
/// ```swift
/// let here = SourceLocation(file: "ledgers/2024-03.csv", record: 4, line: 5,
///                           column: 8, columnName: "金额", byteOffset: 312)
/// here.description     // "ledgers/2024-03.csv:5:8"
/// here.columnLetter    // "H"
/// ```
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's path as the user gave it.
    public var file: String
    /// The sheet's name, for workbooks.
    public var sheet: String?
    /// 1-based record (row) number: a CSV record may span several lines.
    public var record: Int?
    /// 1-based physical line where the record (or the problem) starts.
    public var line: Int?
    /// 1-based column (field) number.
    public var column: Int?
    /// The column's header text, when known.
    public var columnName: String?
    /// Byte offset in the file where the record starts (the file's own bytes,
    /// whatever its encoding).
    public var byteOffset: Int64?

    public init(file: String, sheet: String? = nil, record: Int? = nil, line: Int? = nil,
                column: Int? = nil, columnName: String? = nil, byteOffset: Int64? = nil) {
        self.file = file
        self.sheet = sheet
        self.record = record
        self.line = line
        self.column = column
        self.columnName = columnName
        self.byteOffset = byteOffset
    }

    /// The column as a spreadsheet letter: 1 → A, 27 → AA.
    public var columnLetter: String? {
        column.map(SourceLocation.letter(forColumn:))
    }

    /// The spreadsheet cell reference, `H5`, when both column and line are known
    /// (for a CSV, the line is the record's first line).
    public var cellReference: String? {
        guard let letter = columnLetter, let line else { return nil }
        return "\(letter)\(line)"
    }

    /// The same place in another column.
    public func at(column: Int, name: String? = nil) -> SourceLocation {
        var copy = self
        copy.column = column
        copy.columnName = name
        return copy
    }

    /// `file:line:column`, or `file[sheet]!B7` for a workbook cell.
    public var description: String {
        var s = file
        if let sheet {
            s += "[\(sheet)]"
            if let ref = cellReference { s += "!\(ref)" }
            else if let line { s += ":\(line)" }
            return s
        }
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s
    }

    /// A longer form for error messages: record, column letter and header name.
    public var detail: String { detail(english: true) }

    /// ``detail`` in a language: `record 4, column H 金额, byte 312` or `第 4 条记录，H 列 金额，第 312 字节`.
    public func detail(english: Bool) -> String {
        var parts: [String] = []
        if let record { parts.append(english ? "record \(record)" : "第 \(record) 条记录") }
        if let letter = columnLetter {
            let column = english ? "column \(letter)" : "\(letter) 列"
            parts.append(columnName.map { "\(column) \($0)" } ?? column)
        }
        if let byteOffset { parts.append(english ? "byte \(byteOffset)" : "第 \(byteOffset) 字节") }
        return parts.joined(separator: english ? ", " : "，")
    }

    /// 1 → A, 26 → Z, 27 → AA, 16384 → XFD.
    public static func letter(forColumn column: Int) -> String {
        precondition(column >= 1, "columns are numbered from 1")
        var n = column
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let r = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + r)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// A → 1, XFD → 16384; nil for anything but 1–3 letters.
    public static func column(forLetters letters: some StringProtocol) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var n = 0
        for u in letters.unicodeScalars {
            let v = u.value
            let d: UInt32
            if v >= 65 && v <= 90 { d = v - 64 } else if v >= 97 && v <= 122 { d = v - 96 } else { return nil }
            n = n * 26 + Int(d)
        }
        return n
    }
}
