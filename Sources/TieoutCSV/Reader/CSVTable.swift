import TieoutCore

/// A CSV file seen as a table: title lines above, a header row, data rows.
///
/// The header is the first record with at least two non-empty fields,
/// filling more than half of the usual width, with no field that reads as
/// an amount or a date; the lines above it (`单位：万元`, a report title) are
/// title lines. Blank records are skipped and counted.
///
/// ```swift
/// let layout = try CSVTable.detect(path: "2024-03.csv")
/// layout.headerRecord     // 3
/// layout.columns          // ["凭证号", "支付日期", …]
/// layout.titleLines       // [["国库集中支付明细"], ["单位：元"]]
/// ```
public struct CSVTable: Sendable {
    /// The record number of the header, or nil when the file has none.
    public var headerRecord: Int?
    /// Column names from the header (whitespace trimmed), or letters A, B, … without one.
    public var columns: [String]
    /// Records above the header that are not blank.
    public var titleLines: [[String]]
    public var encoding: TextEncoding
    public var dialect: CSVDialect
    public var hasByteOrderMark: Bool
    /// The record number of each title line.
    public var titleRows: [Int] = []

    /// How many records are examined to find the header.
    public static let lookahead = 50

    /// Finds the header. `headerRecord` forces it: a record number, or 0 for no header.
    public static func detect(path: String, options: CSVOptions = CSVOptions(), headerRecord forced: Int? = nil) throws(TieoutError) -> CSVTable {
        let reader = try CSVReader(path: path, options: options)
        var sample: [(number: Int, fields: [String], nonEmpty: Int)] = []
        // A fault in the sample ends it: the header is decided on the records before
        // the fault, and the streaming reader reports the fault at its place.
        while sample.count < lookahead, let r = try? reader.next() {
            if r.isBlank { continue }
            sample.append((r.number, r.strings, r.nonEmptyCount))
            if let forced, forced > 0, r.number >= forced { break }
        }
        var header: Int? = nil
        if let forced {
            if forced > 0 {
                guard sample.contains(where: { $0.number == forced }) else {
                    throw TieoutError(code: "csv.header-row", ["record": forced, "file": path],
                                      location: SourceLocation(file: path, record: forced))
                }
                header = forced
            }
        } else {
            var freq: [Int: Int] = [:]
            for s in sample where s.nonEmpty >= 2 { freq[s.fields.count, default: 0] += 1 }
            let width = freq.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key ?? 0
            for s in sample where s.nonEmpty >= 2 && s.nonEmpty * 2 > width {
                if s.fields.allSatisfy(looksLikeName) { header = s.number }
                break
            }
        }
        var titles: [[String]] = []
        var titleRows: [Int] = []
        var columns: [String] = []
        if let header {
            for s in sample where s.number < header { titles.append(s.fields); titleRows.append(s.number) }
            let row = sample.first { $0.number == header }!
            columns = row.fields.map { $0.trimmingSpaces() }
        } else {
            let width = sample.map(\.fields.count).max() ?? 0
            columns = (0..<width).map { SourceLocation.letter(forColumn: $0 + 1) }
        }
        return CSVTable(headerRecord: header, columns: columns, titleLines: titles,
                        encoding: reader.encoding, dialect: reader.dialect, hasByteOrderMark: reader.hasByteOrderMark, titleRows: titleRows)
    }

    /// A header cell is empty or text that is neither an amount nor a date.
    static func looksLikeName(_ s: String) -> Bool {
        let t = s.trimmingSpaces()
        if t.isEmpty { return true }
        if (try? Amount.parse(t)) != nil { return false }
        if (try? CalendarDate.parse(t)) != nil { return false }
        return true
    }

    /// The index of a column named `name`: a header name first, then a letter (`H`)
    /// or a 1-based number prefixed by `#` (`#8`).
    public func columnIndex(_ name: String) -> Int? {
        ColumnReference.index(of: name, in: columns)
    }
}
