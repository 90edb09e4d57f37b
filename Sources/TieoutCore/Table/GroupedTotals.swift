/// Exact sums and counts by group: the engine behind `tieout totals`, a pivot
/// table that never rounds.
///
/// Each group column turns a raw cell into a small key id through a
/// ``GroupColumnKeyer`` (dates bucketed into periods); the ids together name
/// the group.
///
/// ```swift
/// var totals = GroupedTotals(columns: 2)
/// totals.add(try Amount.parse("1,234.56")!, keys: [0, 1])
/// totals.add(try Amount.parse("100")!, keys: [0, 1])
/// totals.sums[0]      // 1334.56
/// totals.counts[0]    // 2
/// ```
public struct GroupedTotals: Sendable {
    public let columns: Int
    /// Per group (in order of first appearance): the sum of its amounts.
    public private(set) var sums: [Amount] = []
    /// Per group: how many amounts were added.
    public private(set) var counts: [Int] = []
    /// Per group: the key id of each column.
    public private(set) var keys: [[Int]] = []
    private var interner = ByteInterner()

    public init(columns: Int) {
        precondition(columns >= 0)
        self.columns = columns
    }

    /// Adds an amount to the group named by one key id per column; false (and
    /// nothing added) when the group's sum or the grand total would exceed 38 digits.
    @discardableResult
    public mutating func add(_ amount: Amount, keys ids: [UInt32]) -> Bool {
        precondition(ids.count == columns, "one key id per group column")
        guard let newTotal = total.addingReportingOverflow(amount) else { return false }
        let gid = ids.withUnsafeBytes { raw in
            interner.intern(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count))
        }
        if gid == sums.count {
            sums.append(amount)
            counts.append(1)
            keys.append(ids.map(Int.init))
        } else {
            guard let sum = sums[gid].addingReportingOverflow(amount) else { return false }
            sums[gid] = sum
            counts[gid] += 1
        }
        total = newTotal
        return true
    }

    /// The sum of every group.
    public private(set) var total: Amount = .zero
}

/// Turns one column's raw cells into key ids, remembering each distinct value
/// once: a date column keys by the period its date falls in.
public final class GroupColumnKeyer {
    /// Bucket dates by this period; nil keys by the text itself.
    public let granularity: Period.Granularity?
    private var interner = ByteInterner()
    private var rawToKey: [Int32] = []
    private var errors: [Int: DateSyntaxError] = [:]
    private var periodIds: [Period: Int] = [:]
    /// Per key id: its label (the text, or the period's name).
    public private(set) var labels: [String] = []
    /// Per key id, for date columns: the period.
    public private(set) var periods: [Period] = []

    /// How a key's bytes become a date, for date columns (default: the bytes as
    /// text, through ``CalendarDate/parse(_:)``). A caller keying typed cells
    /// installs one that also reads serial day numbers.
    public var dateDecoder: (ArraySlice<UInt8>) throws(DateSyntaxError) -> CalendarDate = { bytes throws(DateSyntaxError) in
        try CalendarDate.parse(String(decoding: bytes, as: UTF8.self))
    }
    /// How a key's bytes become a label, for text columns (default: the bytes as text).
    public var labelDecoder: (ArraySlice<UInt8>) -> String = { String(decoding: $0, as: UTF8.self) }

    public init(granularity: Period.Granularity?) {
        self.granularity = granularity
    }

    /// The key id of a raw cell; throws when a date column's cell is not a date.
    public func key(for bytes: UnsafeBufferPointer<UInt8>) throws(DateSyntaxError) -> Int {
        let raw = interner.intern(bytes)
        if raw == rawToKey.count { decide(raw) }
        let key = rawToKey[raw]
        if key < 0 { throw errors[raw]! }
        return Int(key)
    }

    private func decide(_ raw: Int) {
        let bytes = interner.bytes(raw)
        guard let granularity else {
            labels.append(labelDecoder(bytes))
            rawToKey.append(Int32(labels.count - 1))
            return
        }
        do {
            let period = try dateDecoder(bytes).period(granularity)
            if let id = periodIds[period] {
                rawToKey.append(Int32(id))
            } else {
                let id = periods.count
                periods.append(period)
                periodIds[period] = id
                labels.append(period.description)
                rawToKey.append(Int32(id))
            }
        } catch {
            errors[raw] = error
            rawToKey.append(-1)
        }
    }

    /// Orders two key ids: periods by time, text by code point.
    public func precedes(_ a: Int, _ b: Int) -> Bool {
        if granularity != nil { return periods[a] < periods[b] }
        return labels[a].unicodeScalars.lexicographicallyPrecedes(labels[b].unicodeScalars)
    }
}
