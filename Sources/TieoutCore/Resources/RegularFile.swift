#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a file that must be a regular file (a ledger, a settings file), without ever
/// blocking: a FIFO, a device (`/dev/zero` behind a link), a socket or a folder is refused by
/// its type before it is opened, and the file is opened with `O_NONBLOCK` so that one swapped
/// in between cannot hang the read either.
///
/// ```swift
/// let fd = try RegularFile.openForReading("ledgers/2024-03.csv")   // a FIFO there: "… is a FIFO (named pipe), not a regular file"
/// ```
public enum RegularFile {
    /// What a file of this `st_mode` is, in words: "a folder", "a FIFO (named pipe)", …
    public static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    /// The error for a file that is something else than a regular file.
    public static func notRegular(_ shown: String, mode: mode_t, help: Phrase) -> TieoutError {
        if mode & S_IFMT == S_IFDIR {
            return TieoutError(code: "io.directory", what: Phrase("error.io.directory", ["file": shown]), location: SourceLocation(file: shown), help: help)
        }
        return TieoutError(code: "io.not-regular", what: Phrase("error.io.not-regular", ["file": shown, "kind": kind(mode)]),
                           location: SourceLocation(file: shown), help: help)
    }

    /// ``describe(_:)`` in both languages.
    public static func kind(_ mode: mode_t) -> Phrase {
        switch mode & S_IFMT {
        case S_IFDIR: Phrase("error.file-kind.folder")
        case S_IFIFO: Phrase("error.file-kind.fifo")
        case S_IFCHR: Phrase("error.file-kind.character-device")
        case S_IFBLK: Phrase("error.file-kind.block-device")
        case S_IFSOCK: Phrase("error.file-kind.socket")
        case S_IFLNK: Phrase("error.file-kind.link")
        default: Phrase("error.file-kind.other")
        }
    }

    /// A file descriptor open for reading on `path`, a regular file (links followed); the
    /// caller closes it. `shown` is the name errors give (the path by default).
    public static func openForReading(_ path: String, shownAs shown: String? = nil,
                            help: Phrase = Phrase("error.help.regular-file")) throws(TieoutError) -> Int32 {
        let name = shown ?? path
        var st = stat()
        guard stat(path, &st) == 0 else { throw cannotOpen(name, errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw notRegular(name, mode: st.st_mode, help: help) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw cannotOpen(name, errno) }
        // Swapped for something else between the two looks: refused the same way.
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            let mode = st.st_mode
            close(fd)
            throw notRegular(name, mode: mode, help: help)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// A symbolic link that cannot be followed (its target is missing, or links loop): where it
    /// leads and why it cannot be followed (strerror of the failed stat); nil for anything else.
    public static func brokenLink(_ path: String) -> (target: String, reason: String, errno: Int32)? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, stat(path, &st) != 0 else { return nil }
        let e = errno
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        let target = n > 0 ? String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        return (target, String(cString: strerror(e)), e)
    }

    /// `cannot open NAME: Permission denied`, with help for the cause.
    public static func cannotOpen(_ name: String, _ e: Int32) -> TieoutError {
        let why = String(cString: strerror(e))
        let help: Phrase
        switch e {
        case EACCES, EPERM: help = Phrase("error.help.make-readable")
        case ELOOP: help = Phrase("error.help.link-loop")
        case ENOENT: help = Phrase("error.help.link-to-nothing")
        default: help = Phrase("error.help.check-file-disk-again")
        }
        return TieoutError(code: "io.open", what: Phrase("error.io.open", ["file": name, "reason": why]), location: SourceLocation(file: name), help: help)
    }
}
