#if canImport(Glibc)
import Glibc
#endif
import TieoutCore

/// Files written as one set: each into a temporary file beside it (written, flushed,
/// synced and closed, every step checked), then all renamed into place by ``commit()``.
/// A failure anywhere — a full disk, a lost permission — is an error naming the file
/// and the cause, and leaves every file of the set as it was.
final class StagedFiles {
    private var staged: [(temp: String, path: String)] = []
    private var committed = false

    /// The files staged so far, in the order they were written.
    var paths: [String] { staged.map(\.path) }

    func write(_ path: String, _ body: (Output) throws -> Void) throws {
        let dir = folder(of: path)
        if !dir.isEmpty { try makeDirectories(dir) }
        let temp = path + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Self.failure(path, errno, Phrase("error.io.write.cannot-write")) }
        staged.append((temp, path))
        let out = Output(fd: fd)
        do {
            try body(out)
        } catch {
            close(fd)
            throw error
        }
        out.flush()
        if let e = out.failure { close(fd); throw Self.failure(path, e, Phrase("error.io.write.cannot-write")) }
        if fsync(fd) != 0 { let e = errno; close(fd); throw Self.failure(path, e, Phrase("error.io.write.cannot-write")) }
        if close(fd) != 0 { throw Self.failure(path, errno, Phrase("error.io.write.cannot-write")) }
    }

    /// A file a library writes by its path (a workbook through libxlsxwriter): `body` writes
    /// the temporary path it is given; the file is then synced and staged like the others.
    func writeFile(_ path: String, _ body: (String) throws -> Void) throws {
        let dir = folder(of: path)
        if !dir.isEmpty { try makeDirectories(dir) }
        let temp = path + ".tmp-\(getpid())"
        staged.append((temp, path))
        try body(temp)
        let fd = open(temp, O_RDONLY)
        guard fd >= 0 else { throw Self.failure(path, errno, Phrase("error.io.write.cannot-write")) }
        if fsync(fd) != 0 { let e = errno; close(fd); throw Self.failure(path, e, Phrase("error.io.write.cannot-write")) }
        close(fd)
    }

    /// Every staged file renamed over its place. Renames need no space, so they do not
    /// fail on a full disk; one that fails anyway is reported with what was put in place.
    func commit() throws {
        for (i, s) in staged.enumerated() where rename(s.temp, s.path) != 0 {
            let e = errno
            let placed = staged[..<i].map(\.path)
            staged.removeFirst(i)
            throw Self.failure(s.path, e, placed.isEmpty ? Phrase("error.io.write.cannot-place")
                                                           : Phrase("error.io.write.cannot-place-after", ["placed": placed.joined(separator: ", ")]))
        }
        for s in staged { EventLog.written(s.path) }
        staged.removeAll()
        committed = true
    }

    /// Temporary files of a set that was not committed are removed.
    deinit {
        for s in staged { unlink(s.temp) }
    }

    static func failure(_ path: String, _ code: Int32, _ what: Phrase) -> TieoutError {
        let cause = String(cString: strerror(code))
        let help: Phrase
        switch code {
        case ENOSPC, EDQUOT: help = Phrase("error.io.write.help-space", ["folder": folderOrDot(path)])
        case EACCES, EPERM, EROFS: help = Phrase("error.io.write.help-permissions", ["folder": folderOrDot(path)])
        default: help = Phrase("error.io.write.help", ["folder": folderOrDot(path)])
        }
        return TieoutError(code: "io.write", what: Phrase("error.io.write", ["what": what, "file": path, "reason": cause]), location: SourceLocation(file: path), help: help)
    }
}

/// Writes one file atomically (see ``StagedFiles``).
func writeAtomically(_ path: String, _ body: (Output) throws -> Void) throws {
    let set = StagedFiles()
    try set.write(path, body)
    try set.commit()
}

func folder(of path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
}

func folderOrDot(_ path: String) -> String {
    let f = folder(of: path)
    return f.isEmpty ? "." : f
}

/// `mkdir -p`.
func makeDirectories(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw TieoutError(code: "io.mkdir", ["folder": current, "reason": String(cString: strerror(errno))], location: SourceLocation(file: current))
        }
    }
}
