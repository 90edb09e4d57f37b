import TieoutCore

/// One record as read: its fields as UTF-8 bytes in the reader's buffer.
///
/// A record is a view: it is valid until the reader's next call to
/// ``CSVReader/next()``. Copy what you keep (``strings``, ``CSVField/string``).
///
/// ```swift
/// while let record = try reader.next() {
///     let amount = try record[7].withUTF8 { try Amount.parse(utf8: $0) }
///     print(record.number, record.line, record[0].string)
/// }
/// ```
public struct CSVRecord {
    /// 1-based record number in the file, title and blank lines included.
    public let number: Int
    /// 1-based physical line where the record starts.
    public let line: Int
    /// Physical lines the record spans (quoted line breaks make it more than 1).
    public let lineCount: Int
    /// Byte offset in the file (in the file's own encoding) where the record starts.
    public let byteOffset: Int64
    /// Number of fields.
    public let count: Int
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let spans: UnsafePointer<FieldSpan>

    init(number: Int, line: Int, lineCount: Int, byteOffset: Int64, count: Int,
         base: UnsafePointer<UInt8>, spans: UnsafePointer<FieldSpan>) {
        self.number = number
        self.line = line
        self.lineCount = lineCount
        self.byteOffset = byteOffset
        self.count = count
        self.base = base
        self.spans = spans
    }

    /// The field at `index` (0-based); precondition: `index < count`.
    @inlinable
    public subscript(index: Int) -> CSVField {
        precondition(index >= 0 && index < count, "field \(index) of a \(count)-field record")
        let s = spans[index]
        return CSVField(base: base + s.start, count: s.end - s.start, flags: s.flags)
    }

    /// Every field copied out as a String.
    public var strings: [String] {
        (0..<count).map { self[$0].string }
    }

    /// True when every field is empty (a blank line, or only delimiters).
    public var isBlank: Bool {
        (0..<count).allSatisfy { spans[$0].start == spans[$0].end }
    }

    /// Fields that are not empty.
    public var nonEmptyCount: Int {
        (0..<count).reduce(0) { $0 + (spans[$1].start == spans[$1].end ? 0 : 1) }
    }

    /// Where this record is, in `file`; `column` is 1-based.
    public func location(file: String, column: Int? = nil, columnName: String? = nil) -> SourceLocation {
        SourceLocation(file: file, record: number, line: line, column: column,
                       columnName: columnName, byteOffset: byteOffset)
    }
}

/// One field's bytes (UTF-8, quotes removed, doubled quotes undoubled).
public struct CSVField {
    @usableFromInline let base: UnsafePointer<UInt8>
    /// Length in UTF-8 bytes.
    public let count: Int
    @usableFromInline let flags: UInt8

    @usableFromInline
    init(base: UnsafePointer<UInt8>, count: Int, flags: UInt8) {
        self.base = base
        self.count = count
        self.flags = flags
    }

    /// Calls `body` with the field's UTF-8 bytes (valid only inside `body`).
    @inlinable
    public func withUTF8<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The field as a String.
    public var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    public var isEmpty: Bool { count == 0 }

    /// The field was written in quotes.
    public var isQuoted: Bool { flags & FieldSpan.quoted != 0 }
}

/// A field's place in the reader's buffer.
@usableFromInline
struct FieldSpan {
    @usableFromInline var start: Int
    @usableFromInline var end: Int
    @usableFromInline var flags: UInt8
    static let quoted: UInt8 = 1
    static let doubledQuotes: UInt8 = 2
    static let strayQuote: UInt8 = 4
}
