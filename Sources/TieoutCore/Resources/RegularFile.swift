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
    public static func notRegular(_ shown: String, mode: mode_t, help: String) -> TieoutError {
        if mode & S_IFMT == S_IFDIR {
            return TieoutError(code: "io.directory", what: "\(shown) is a folder, not a file", location: SourceLocation(file: shown), help: help)
        }
        return TieoutError(code: "io.not-regular", what: "\(shown) is \(describe(mode)), not a regular file",
                           location: SourceLocation(file: shown), help: help)
    }

    /// A file descriptor open for reading on `path`, a regular file (links followed); the
    /// caller closes it. `shown` is the name errors give (the path by default).
    public static func openForReading(_ path: String, shownAs shown: String? = nil,
                            help: String = "Name a regular file (a CSV or XLSX export, a YAML file): not a folder, a pipe or a device.") throws(TieoutError) -> Int32 {
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

    /// `cannot open NAME: Permission denied`, with help for the cause.
    public static func cannotOpen(_ name: String, _ e: Int32) -> TieoutError {
        let why = String(cString: strerror(e))
        let help: String
        switch e {
        case EACCES, EPERM: help = "Make the file readable for this user (chmod/chown), then run again."
        case ELOOP: help = "A symbolic link on the way leads back to itself: point it at the real file, or remove it."
        case ENOENT: help = "A symbolic link on the way leads to nothing: point it at the real file, or remove it."
        default: help = "Check the file and the disk, then run again."
        }
        return TieoutError(code: "io.open", what: "cannot open \(name): \(why)", location: SourceLocation(file: name), help: help)
    }
}
