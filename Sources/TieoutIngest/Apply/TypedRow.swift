import TieoutCore

/// A row typed by a profile, as the applier holds it while the row is current.
/// A writer that copies what it needs (the dataset's bulk insert) takes it
/// instead of a ``Record``: a text field taken verbatim from its cell stays the
/// cell's bytes and is never made into a String. Valid only during
/// ``RecordSink/accept(_:)``.
///
/// ```swift
/// for i in 0..<row.count {
///     if let bytes = row.verbatimText(i) { arena.append(contentsOf: bytes) }   // 记-202403-0007
///     else if case .amount(let a)? = row.values[i] { a.appendPlainText(to: &arena) }
/// }
/// ```
public struct TypedRow {
    /// The 1-based record (CSV) or row (sheet) number.
    public let row: Int
    /// CSV: the physical line where the record starts.
    public let line: Int?
    /// Aligned with the kind's fields; nil where the value is blank or is a verbatim text.
    public let values: UnsafeBufferPointer<FieldValue?>
    let texts: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>?>
    /// Per field: the letter of the column the value came from when it is not the field's own
    /// (an amount `minus:` a column, read from that column alone); nil when no field can be.
    let second: UnsafeBufferPointer<String?>?

    init(row: Int, line: Int?, values: UnsafeBufferPointer<FieldValue?>, texts: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>?>,
         second: UnsafeBufferPointer<String?>? = nil) {
        precondition(values.count == texts.count, "one text slot per field")
        self.row = row
        self.line = line
        self.values = values
        self.texts = texts
        self.second = second
    }

    /// The letter of the column field `i`'s value came from, when it is not the field's own
    /// column (`amount: { from: 借方, minus: 贷方 }` with 借方 blank: 贷方's); nil otherwise.
    public func secondColumn(_ i: Int) -> String? { second?[i] }

    /// Whether a field of this file can come from a second column (then see ``secondColumn(_:)``).
    public var hasSecondColumns: Bool { second != nil }

    public var count: Int { values.count }

    /// The same buffers, for another row.
    func at(row: Int, line: Int?) -> TypedRow {
        TypedRow(row: row, line: line, values: values, texts: texts, second: second)
    }

    /// Field `i`'s text exactly as its cell holds it (UTF-8), when the value is
    /// a cell's text taken verbatim; nil otherwise (see ``values``).
    public func verbatimText(_ i: Int) -> UnsafeBufferPointer<UInt8>? { texts[i] }

    /// Field `i`'s value, a verbatim text made into a String.
    public func value(_ i: Int) -> FieldValue? {
        if let t = texts[i] { return .text(String(decoding: t, as: UTF8.self)) }
        return values[i]
    }

    /// The row as a ``Record`` of `kind`.
    public func record(kind: RecordKind, columnLetters: [String?]) -> Record {
        var r = Record(kind: kind, row: row, line: line, columnLetters: columnLetters)
        for i in 0..<count {
            r.values[i] = value(i)
            if let letter = second?[i] { r.columnLetters[i] = letter }
        }
        return r
    }

    /// A record seen as a typed row (every value already a value).
    static func with<R>(_ record: Record, _ body: (TypedRow) -> R) -> R {
        let texts = [UnsafeBufferPointer<UInt8>?](repeating: nil, count: record.values.count)
        return record.values.withUnsafeBufferPointer { v in
            texts.withUnsafeBufferPointer { t in body(TypedRow(row: record.row, line: record.line, values: v, texts: t)) }
        }
    }
}

/// Where a profile's typed rows go: ``ProfileApplier/apply(path:into:onReject:)``.
public protocol RecordSink {
    /// Called once, before any row: the kind and each field's column (`G`; nil for constants and unmapped fields).
    mutating func start(kind: RecordKind, columnLetters: [String?])
    /// One typed row, in the file's order; its buffers are valid only during the call.
    mutating func accept(_ row: TypedRow)
}

/// Hands each row on as a ``Record``.
struct RecordCallbackSink: RecordSink {
    let onRecord: (Record) -> Void
    var kind: RecordKind? = nil
    var letters: [String?] = []

    mutating func start(kind: RecordKind, columnLetters: [String?]) {
        self.kind = kind
        letters = columnLetters
    }

    mutating func accept(_ row: TypedRow) {
        onRecord(row.record(kind: kind!, columnLetters: letters))
    }
}
