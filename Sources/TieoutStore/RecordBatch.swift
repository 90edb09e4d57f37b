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

    /// FNV-1a over the key fields' stored values of row `r` (nil when one is blank): for spotting repeats within a file.
    func keyFingerprint(_ r: Int, key: [Int]) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in key {
            let slot = slots[r * fieldCount + k]
            switch slot.count {
            case -1: return nil
            case -2: for b in String(slot.start).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            default: for b in bytes[slot.start..<slot.start + slot.count] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
            h = (h ^ 0x1F) &* 0x100_0000_01b3
        }
        return h
    }

    /// The stored bytes, for binding in place while the batch lives.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer(body)
    }
}
