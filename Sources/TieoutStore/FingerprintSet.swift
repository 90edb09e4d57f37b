/// A set of 64-bit key fingerprints (FNV-1a of a record's key), for spotting a
/// key repeated within a file while its rows stream in: one flat table, open
/// addressing, no hashing again of what is already a hash. A false repeat (two
/// keys with one fingerprint) only costs the exact search it triggers.
struct FingerprintSet {
    private var slots: [UInt64]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        slots = Array(repeating: 0, count: 1 << 10)
        shift = 64 - 10
    }

    /// Adds `fingerprint`; false when it was there already.
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let stored = fingerprint == 0 ? 1 : fingerprint   // 0 marks an empty slot
        let mask = slots.count - 1
        // Fibonacci hashing: the product's high bits place it.
        var i = Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let added: Bool = slots.withUnsafeMutableBufferPointer { table in
            while true {
                let s = table[i]
                if s == 0 { table[i] = stored; return true }
                if s == stored { return false }
                i = (i + 1) & mask
            }
        }
        if added { count += 1 }
        return added
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        shift -= 1
        count = 0
        for s in old where s != 0 { _ = insert(s) }
    }
}
