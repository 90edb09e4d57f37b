#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TieoutCore
import TieoutIngest

/// One writer per workspace: an exclusive `flock` on a file beside the dataset
/// (`.tieout/tieout.sqlite.lock`), held until the lock is released or the process ends.
/// The kernel releases it when its holder dies, `kill -9` included, so a crashed run
/// never leaves the workspace locked. The file names the holder, for the message a
/// waiting run prints.
///
/// ```swift
/// let lock = try WorkspaceLock.acquire(ws, command: "ingest", wait: true) { print($0) }
/// defer { lock.release() }
/// ```
public final class WorkspaceLock {
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    public static func path(for ws: Workspace) throws(TieoutError) -> String { try ws.datasetFile() + ".lock" }

    /// Takes the lock. When another process holds it: with `wait`, calls `waiting` with a
    /// message naming the holder and blocks until it is free; without, throws at once.
    public static func acquire(_ ws: Workspace, command: String, wait: Bool, waiting: (String) -> Void = { _ in }) throws(TieoutError) -> WorkspaceLock {
        try acquire(try path(for: ws), subject: Phrase("error.workspace.busy.writing"), root: ws.root, command: command, wait: wait, waiting: waiting)
    }

    /// The same lock on the file `path`: `subject` says what its holder does ("writing this
    /// workspace", "running the units under this folder"), `root` where.
    public static func acquire(_ path: String, subject: Phrase, root: String, command: String, wait: Bool,
                               waiting: (String) -> Void = { _ in }) throws(TieoutError) -> WorkspaceLock {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw TieoutError(code: "workspace.lock", key: "workspace.lock-folder", ["folder": dir, "reason": error.localizedDescription],
                                  location: SourceLocation(file: dir))
            }
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let e = errno
            throw TieoutError(code: "workspace.lock", what: Phrase("error.workspace.lock-open", ["file": path, "reason": String(cString: strerror(e))]),
                              location: SourceLocation(file: path),
                              help: e == EROFS || e == EACCES ? Phrase("error.workspace.lock-open.help-permissions")
                                                              : Phrase("error.workspace.lock-open.help"))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let e = errno
                close(fd)
                throw TieoutError(code: "workspace.lock", ["file": path, "reason": String(cString: strerror(e))], location: SourceLocation(file: path))
            }
            let holder = Self.holder(fd)
            guard wait else {
                close(fd)
                throw TieoutError(code: "workspace.busy", ["subject": subject, "holder": holder], location: SourceLocation(file: root))
            }
            waiting("waiting: another tieout is \(subject.en) (\(holder)); this run goes on when it finishes")
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let e = errno
                    close(fd)
                    throw TieoutError(code: "workspace.lock", ["file": path, "reason": String(cString: strerror(e))], location: SourceLocation(file: path))
                }
            }
        }
        // Name the holder for whoever waits next.
        let text = "pid \(getpid()), tieout \(command), since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        return WorkspaceLock(path: path, fd: fd)
    }

    static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pread(fd, &buffer, 255, 0)
        let text = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "holder unknown" : text
    }

    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        close(fd)   // closing the descriptor releases the lock
        fd = -1
    }

    deinit { release() }
}
