import Dispatch
import Synchronization
import TieoutCore

extension ZipArchive {
    /// Like ``read(_:chunkSize:_:)``, but inflates on a second thread, up to
    /// four chunks ahead of `body`, so that inflating overlaps with parsing.
    /// `body` sees the same chunks, in order, on the calling thread; an error
    /// (limits, CRC, truncation) arrives after the bytes before it. When `body`
    /// throws, the inflating thread is stopped before this returns.
    func readAhead(_ entry: Entry, chunkSize: Int = 256 << 10,
                   _ body: (UnsafeBufferPointer<UInt8>) throws(TieoutError) -> Void) throws(TieoutError) {
        let ring = ChunkRing(slots: 4, capacity: chunkSize)
        let job = InflateJob(zip: self, entry: entry, ring: ring, chunkSize: chunkSize)
        let thread = startThread(name: "tieout-inflate") { job.run() }
        defer { ring.stopAndWait(); thread.join() }
        while let chunk = try ring.next() {
            try body(chunk)
        }
    }
}

/// The inflating side: runs `read` on its own thread, copying each chunk into the ring.
private struct InflateJob: @unchecked Sendable {
    let zip: ZipArchive
    let entry: ZipArchive.Entry
    let ring: ChunkRing
    let chunkSize: Int

    func run() {
        do throws(TieoutError) {
            try zip.read(entry, chunkSize: chunkSize) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in
                try ring.put(chunk)
            }
            ring.finish(error: nil)
        } catch {
            ring.finish(error: error.code == ChunkRing.stopped.code ? nil : error)
        }
    }
}

/// A fixed ring of chunk buffers between one producer and one consumer.
/// Memory is flat: `slots` × `capacity` bytes, whatever the part's size.
final class ChunkRing: @unchecked Sendable {
    static let stopped = TieoutError(code: "xlsx.read-ahead-stopped")
    private let slots: Int
    private let capacity: Int
    private let buffers: UnsafeMutablePointer<UInt8>
    // Per slot, written by the producer before `full` is signalled: its length,
    // or -1 for the end (with the error, if any, in `endError`).
    private let lengths: UnsafeMutablePointer<Int>
    private var endError: TieoutError? = nil
    private let free: DispatchSemaphore
    private let full = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)
    private var produced = 0     // producer's next slot
    private var consumed = 0     // consumer's next slot
    private var held = false     // the consumer holds the slot before `consumed`
    private var ended = false
    private var stopped = false

    init(slots: Int, capacity: Int) {
        precondition(slots >= 2 && capacity > 0)
        self.slots = slots
        self.capacity = capacity
        buffers = .allocate(capacity: slots * capacity)
        lengths = .allocate(capacity: slots)
        lengths.initialize(repeating: 0, count: slots)
        free = DispatchSemaphore(value: slots)
    }

    deinit {
        buffers.deallocate()
        lengths.deallocate()
    }

    /// Producer: copies `chunk` (at most `capacity` bytes) into the next free slot.
    func put(_ chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) {
        precondition(chunk.count <= capacity)
        free.wait()
        if cancelled.load(ordering: .acquiring) { free.signal(); throw Self.stopped }
        let k = produced
        produced = (produced + 1) % slots
        if let base = chunk.baseAddress { (buffers + k * capacity).update(from: base, count: chunk.count) }
        lengths[k] = chunk.count
        full.signal()
    }

    /// Producer: the end of the part, or the error that ended it.
    func finish(error: TieoutError?) {
        free.wait()
        let k = produced
        endError = error
        lengths[k] = -1
        full.signal()
        done.signal()
    }

    /// Consumer: the next chunk (valid until the next call), nil at the end;
    /// throws the producer's error once every chunk before it was handed out.
    func next() throws(TieoutError) -> UnsafeBufferPointer<UInt8>? {
        if held { held = false; free.signal() }
        if ended { return nil }
        full.wait()
        let k = consumed
        consumed = (consumed + 1) % slots
        let n = lengths[k]
        if n < 0 {
            ended = true
            free.signal()
            if let endError { throw endError }
            return nil
        }
        held = true
        return UnsafeBufferPointer(start: buffers + k * capacity, count: n)
    }

    /// Consumer, on the way out: stops the producer if it still runs, and waits for it.
    func stopAndWait() {
        guard !stopped else { return }
        stopped = true
        if !ended {
            cancelled.store(true, ordering: .releasing)
            if held { held = false; free.signal() }
            // Drain: the producer may be waiting for a free slot to report its end.
            while true {
                full.wait()
                let k = consumed
                consumed = (consumed + 1) % slots
                let n = lengths[k]
                free.signal()
                if n < 0 { break }
            }
            ended = true
        }
        done.wait()
    }
}
