import TieoutCore
import TieoutIngest

/// Typed rows packed for the database thread: every value as the text (or
/// integer) the dataset stores, in one byte buffer, with no String or Record
/// per row. The typing thread fills a batch; the writing thread binds from it.
final class RecordBatch: @unchecked Sendable {
    /// One stored value: text at `start` of `count` bytes, or an integer in `start` (`count` −2), or NULL (`count` −1).
    struct Slot {
        var start: Int
        var count: Int
        static let null = Slot(start: 0, count: -1)
        static func integer(_ n: Int) -> Slot { Slot(start: n, count: -2) }
    }

    let fieldCount: Int
    private(set) var rows: [(row: Int, line: Int?)] = []
    private(set) var slots: [Slot] = []
    private(set) var bytes: [UInt8] = []
    var rejects: [RowReject] = []
    /// Rows whose field's value came from its second column (`minus:`, the first cell blank): (row, field).
    private(set) var seconds: [(row: Int, field: Int)] = []

    init(fieldCount: Int, capacity: Int) {
        self.fieldCount = fieldCount
        rows.reserveCapacity(capacity)
        slots.reserveCapacity(capacity * fieldCount)
        bytes.reserveCapacity(capacity * 128)
    }

    var count: Int { rows.count }

    /// Appends a row: each value as docs/dataset.md stores it (exact decimal text, ISO dates, identifiers, integers).
    func append(_ row: TypedRow) {
        rows.append((row.row, row.line))
        if row.hasSecondColumns {
            for i in 0..<row.count where row.secondColumn(i) != nil { seconds.append((row.row, i)) }
        }
        for i in 0..<row.count {
            let start = bytes.count
            if let verbatim = row.verbatimText(i) {
                bytes.append(contentsOf: verbatim)
            } else {
                switch row.values[i] {
                case nil: slots.append(.null); continue
                case .integer(let n)?: slots.append(.integer(n)); continue
                case .boolean(let b)?: slots.append(.integer(b ? 1 : 0)); continue
                case .text(let s)?, .enumeration(let s)?: bytes.append(contentsOf: s.utf8)
                case .amount(let a)?, .percentage(let a)?: a.appendPlainText(to: &bytes)
                case .date(let d)?: d.appendISOText(to: &bytes)
                }
            }
            slots.append(Slot(start: start, count: bytes.count - start))
        }
    }

    /// Field `f`'s slot in row `r`, and a byte of the buffer (for key fingerprints, DatasetStore+Keys.swift).
    func slot(_ r: Int, _ f: Int) -> Slot { slots[r * fieldCount + f] }
    func byte(_ i: Int) -> UInt8 { bytes[i] }

    /// The stored bytes, for binding in place while the batch lives.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer(body)
    }
}
