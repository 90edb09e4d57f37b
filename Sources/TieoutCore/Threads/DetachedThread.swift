#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread of its own, for work that blocks while it waits for its consumer (the
/// readers' read-ahead, the ingest's typing thread).
///
/// Not Dispatch's global queues: their threads are a small pool (the core count), and a
/// pool thread that blocks waiting for a block still queued behind it stalls until
/// Dispatch adds a thread — measured at ~0.8 s per ingest on two cores.
///
/// Joined by its owner (``join()``) once the work is stopped: only then has the thread
/// let go of everything its body held, so the owner can free shared buffers knowing no
/// thread is still on its way out with a reference (a leak checker, or a process that
/// ends just then, would otherwise catch it mid-teardown).
///
/// ```swift
/// let thread = startThread(name: "tieout-csv-read") { producer.run() }
/// …                      // stop the producer
/// thread.join()
/// ```
package final class WorkerThread: @unchecked Sendable {
    private var thread: pthread_t?
    private var joined = false

    fileprivate init(_ thread: pthread_t?) { self.thread = thread }

    /// Waits for the thread to end; later calls return at once.
    package func join() {
        guard !joined, let thread else { return }
        joined = true
        pthread_join(thread, nil)
    }

    deinit {
        // Never left joinable: a thread no one joins keeps its resources.
        if !joined, let thread { pthread_detach(thread) }
    }
}

/// Starts `body` on a thread of its own; `name` (at most 15 bytes) names it for `ps -L`,
/// `top -H`, perf and `/proc/PID/task/*/comm`.
@discardableResult
package func startThread(name: String? = nil, _ body: @escaping @Sendable () -> Void) -> WorkerThread {
    final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
    let named: @Sendable () -> Void = {
        #if canImport(Glibc)
        // pthread_setname_np needs _GNU_SOURCE, which Swift's Glibc module lacks: the same through /proc.
        if let name {
            let fd = open("/proc/thread-self/comm", O_WRONLY)
            if fd >= 0 {
                let bytes = Array(name.utf8.prefix(15))
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
            }
        }
        #endif
        body()
    }
    let context = Unmanaged.passRetained(Box(named)).toOpaque()
    #if canImport(Glibc)
    var thread = pthread_t()
    let start: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
        Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
        return nil
    }
    #else
    var thread: pthread_t? = nil
    let start: @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? = { raw in
        Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
        return nil
    }
    #endif
    let rc = pthread_create(&thread, nil, start, context)
    precondition(rc == 0, "pthread_create failed: \(rc)")
    return WorkerThread(thread)
}

/// Starts `body` on a thread no one joins (the ingest's typing thread, which its consumer
/// always drains or stops).
package func startDetachedThread(name: String? = nil, _ body: @escaping @Sendable () -> Void) {
    _ = startThread(name: name, body)
}
