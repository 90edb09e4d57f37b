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
public func startDetachedThread(_ body: @escaping @Sendable () -> Void) {
    final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
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
