#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import TieoutCore
import Synchronization

/// Reads and decodes the file on a second thread, a few chunks ahead of the
/// parser, so that I/O, validation and decoding overlap with parsing.
///
/// The parser reads the slots in place: each slot keeps `headroom` bytes free
/// in front of its data, where the unfinished record from the previous slot is
/// copied. Memory stays flat: four slots, plus a spill buffer only for a record
/// longer than the headroom.
final class PrefetchInput {
    /// What the producer thread uses. The producer holds this, never the PrefetchInput:
    /// a reader dropped before the end of its file (header detection, `cat | head`) must
    /// run `deinit`, which stops the producer; held by its own thread, it never would, and
    /// the thread and its slots would stay for the life of the process.
    private let ring: Ring
    private let thread: WorkerThread
    private var slotCount: Int { ring.slotCount }
    private var headroom: Int { ring.headroom }
    private var buffers: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>> { ring.buffers }
    private var lengths: UnsafeMutablePointer<Int> { ring.lengths }
    private var errors: UnsafeMutablePointer<DecodedInputError?> { ring.errors }
    private var free: DispatchSemaphore { ring.free }
    private var full: DispatchSemaphore { ring.full }
    // Consumer state.
    private var next = 0
    private var held: Int? = nil
    private var done = false
    private var spill: UnsafeMutablePointer<UInt8>? = nil
    private var spillCapacity = 0

    /// A stretch of decoded bytes to parse: `base[start..<end]`.
    struct Region {
        var base: UnsafeMutablePointer<UInt8>
        var start: Int
        var end: Int
    }

    init(_ source: DecodedInput, chunkSize: Int) {
        let ring = Ring(source, chunkSize: chunkSize)
        self.ring = ring
        thread = startThread(name: "tieout-csv-read") { ring.produceLoop() }
    }

    /// The slots and the producer's loop, shared by the two threads.
    private final class Ring: @unchecked Sendable {
        let source: DecodedInput
        let slotCount = 4
        let headroom: Int
        let dataCapacity: Int
        let buffers: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>
        // Per slot: written by the producer before it signals `full`, read by the consumer
        // after waiting on it. Raw memory, not arrays: an array shared between two threads
        // could be copied on write under the other thread's feet.
        let lengths: UnsafeMutablePointer<Int>
        let errors: UnsafeMutablePointer<DecodedInputError?>
        let free: DispatchSemaphore
        let full = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let cancelled = Atomic<Bool>(false)

        init(_ source: DecodedInput, chunkSize: Int) {
            self.source = source
            headroom = max(chunkSize, 4096)
            dataCapacity = chunkSize * 2 + 16
            // Created at 0 and signalled: libdispatch traps when a semaphore is freed below
            // the value it was created with, which a stop in mid-file leaves.
            free = DispatchSemaphore(value: 0)
            for _ in 0..<slotCount { free.signal() }
            lengths = .allocate(capacity: slotCount)
            lengths.initialize(repeating: 0, count: slotCount)
            errors = .allocate(capacity: slotCount)
            errors.initialize(repeating: nil, count: slotCount)
            buffers = .allocate(capacity: slotCount)
            for k in 0..<slotCount { (buffers + k).initialize(to: .allocate(capacity: headroom + dataCapacity)) }
        }

        func produceLoop() {
            var k = 0
            while true {
                free.wait()
                if cancelled.load(ordering: .acquiring) { break }
                var n = 0
                var err: DecodedInputError? = nil
                let data = buffers[k] + headroom
                do {
                    // Fill most of the slot: fewer hand-overs.
                    while n < dataCapacity / 2 {
                        let m = try source.produce(into: data + n, capacity: dataCapacity - n)
                        if m == 0 { break }
                        n += m
                    }
                } catch {
                    err = error
                }
                lengths[k] = n
                errors[k] = err
                let last = err != nil || n == 0
                full.signal()
                k = (k + 1) % slotCount
                if last { break }
            }
            finished.signal()
        }

        /// Wakes the producer wherever it waits and waits for it to stop.
        func stop() {
            cancelled.store(true, ordering: .releasing)
            for _ in 0..<slotCount { free.signal() }
            finished.wait()
        }

        deinit {
            for k in 0..<slotCount { buffers[k].deallocate() }
            buffers.deallocate()
            lengths.deallocate()
            errors.deinitialize(count: slotCount)
            errors.deallocate()
        }
    }

    /// The next region to parse, starting with `carry` (the unfinished record,
    /// which may lie in the region handed out before); nil at the end of the
    /// input, when the caller keeps its current region. Throws the producer's
    /// error once the bytes before it have been handed out.
    func nextRegion(carrying carry: UnsafeBufferPointer<UInt8>) throws(DecodedInputError) -> Region? {
        if let e = pendingError { pendingError = nil; throw e }
        if done { return nil }
        full.wait()
        let k = next
        next = (next + 1) % slotCount
        // Read the slot's length and error before the slot can be handed back:
        // once `free` is signalled the producer may refill it.
        let length = lengths[k]
        let slotError = errors[k]
        if length == 0 {
            // End or error: nothing more; the current region stays as it is.
            done = true
            free.signal()
            if let slotError { throw slotError }
            return nil
        }
        let region: Region
        let c = carry.count
        if c <= headroom {
            let dst = buffers[k] + headroom - c
            if c > 0 { memmove(dst, carry.baseAddress!, c) }
            region = Region(base: buffers[k], start: headroom - c, end: headroom + length)
            release()
            held = k
        } else {
            // A record longer than the headroom: gather it in the spill buffer.
            let need = c + length
            if need > spillCapacity {
                let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: need * 2)
                memmove(nb, carry.baseAddress!, c)
                spill?.deallocate()
                spill = nb
                spillCapacity = need * 2
            } else {
                memmove(spill!, carry.baseAddress!, c)
            }
            (spill! + c).update(from: buffers[k] + headroom, count: length)
            region = Region(base: spill!, start: 0, end: need)
            release()
            // The slot's bytes are copied: hand it back now.
            free.signal()
        }
        // An error after this slot's bytes is raised on the next call.
        if let slotError {
            done = true
            pendingError = slotError
        }
        return region
    }

    private var pendingError: DecodedInputError? = nil

    private func release() {
        if held != nil { held = nil; free.signal() }
    }

    deinit {
        ring.stop()
        thread.join()
        spill?.deallocate()
    }
}
