#if canImport(Glibc)
import Glibc
#endif
import TieoutCore
import TieoutCSV
import TieoutXLSX

/// Which reader a file needs: by its first bytes (zip or Compound File), not only its name.
public enum TableFileKind: Sendable {
    case csv, xlsx

    public static func of(_ path: String) -> TableFileKind {
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".xltx") || lower.hasSuffix(".xls") { return .xlsx }
        // Non-blocking: a FIFO must not hang this look (the reader then refuses it by its type).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .csv }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 4)
        let n = read(fd, &head, 4)
        if n == 4 && head[0] == 0x50 && head[1] == 0x4B && (head[2] == 3 || head[2] == 5) { return .xlsx }
        if n == 4 && head == [0xD0, 0xCF, 0x11, 0xE0] { return .xlsx }
        return .csv
    }
}

/// A file's size and modification time (nanoseconds since 1970): recorded when the file
/// is read, so a later change is seen without reading it again.
public struct FileStamp: Sendable, Equatable {
    public var size: Int64
    public var modified: Int64

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// nil when the file cannot be examined (gone, no permission).
    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(size: Int64(st.st_size), modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }
}
