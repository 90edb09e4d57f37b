#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a thread of its own, for work that blocks while it waits for
/// its consumer (the readers' read-ahead, the ingest's typing thread).
///
/// Not Dispatch's global queues: their threads are a small pool (the core
/// count), and a pool thread that blocks waiting for a block still queued
/// behind it stalls until Dispatch adds a thread — measured at ~0.8 s per
/// ingest on two cores.
///
/// ```swift
/// startDetachedThread { producer.run() }
/// ```
///
/// `name` (at most 15 bytes) names the thread for `ps -L`, `top -H`, perf and
/// `/proc/PID/task/*/comm`.
public func startDetachedThread(name: String? = nil, _ body: @escaping @Sendable () -> Void) {
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
    #if canImport(Glibc)
    pthread_detach(thread)
    #else
    pthread_detach(thread!)
    #endif
}
