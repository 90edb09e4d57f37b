/// Gives each distinct byte string a small dense id (0, 1, 2, …), without
/// making a String per lookup: the grouping engine behind `tieout totals`.
///
/// ```swift
/// var interner = ByteInterner()
/// let a = "基本支出".utf8.withContiguousStorageIfAvailable { interner.intern($0) }   // 0
/// let b = "项目支出".utf8.withContiguousStorageIfAvailable { interner.intern($0) }   // 1
/// interner.string(0)                                                              // "基本支出"
/// ```
package struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private var last = -1

    package init(capacity: Int = 64) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: -1, count: n)
        mask = n - 1
        starts = [0]
    }

    /// Number of distinct strings seen.
    package var count: Int { hashes.count }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in b { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    /// The id of `bytes`, adding it when new.
    package mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // Ledgers repeat values in runs (dates, kinds): try the last one first.
        if last >= 0 && equal(last, bytes) { return last }
        let h = ByteInterner.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            let id = Int(s)
            if hashes[id] == h && equal(id, bytes) { last = id; return id }
            i = (i + 1) & mask
        }
        let id = hashes.count
        hashes.append(h)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots[i] = Int32(id)
        if hashes.count * 2 > slots.count { grow() }
        last = id
        return id
    }

    @inline(__always)
    private func equal(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = starts[id], e = starts[id + 1]
        guard e - s == bytes.count else { return false }
        let n = bytes.count
        if n == 0 { return true }
        return arena.withUnsafeBufferPointer { a in
            let x = UnsafeRawPointer(a.baseAddress! + s), y = UnsafeRawPointer(bytes.baseAddress!)
            var k = 0
            while k + 8 <= n {
                if x.loadUnaligned(fromByteOffset: k, as: UInt64.self) != y.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
                k += 8
            }
            while k < n {
                if x.load(fromByteOffset: k, as: UInt8.self) != y.load(fromByteOffset: k, as: UInt8.self) { return false }
                k += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let n = slots.count * 2
        slots = [Int32](repeating: -1, count: n)
        mask = n - 1
        for id in 0..<hashes.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }

    /// The bytes of an id.
    package func bytes(_ id: Int) -> ArraySlice<UInt8> {
        arena[starts[id]..<starts[id + 1]]
    }

    /// The string of an id (bytes read as UTF-8).
    package func string(_ id: Int) -> String {
        String(decoding: bytes(id), as: UTF8.self)
    }
}
