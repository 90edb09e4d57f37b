#if canImport(Glibc)
import Glibc
#endif
import TieoutCore
import TieoutXLSX

/// What `tieout init` reads of each export: a link it cannot follow is no export (named, with
/// the reason); a workbook of several sheets is considered sheet by sheet, each sheet that reads
/// as a ledger getting its own profile (with `sheet:`), the others listed with why they were not used.
extension WorkspaceSetup {
    /// One reading of an export: the file, or one sheet of it.
    struct Reading: Hashable {
        var file: String
        var sheet: String?
    }

    /// Where a link that cannot be followed (dangling, a loop) leads and why it cannot be followed; nil for anything else.
    static func danglingLink(_ path: String) -> (target: String, reason: String)? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return nil }
        guard stat(path, &st) != 0 else { return nil }
        let reason = String(cString: strerror(errno))
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        let target = n < 0 ? "?" : String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (target, reason)
    }

    /// The sheets to consider one by one: nil (the file as a whole) for a CSV, a workbook of one
    /// worksheet, or one with a sheet per period (1月 … 12月: read sheet by sheet by one profile,
    /// `sheets:`); else each worksheet's name.
    static func sheetsToConsider(_ path: String) -> [String?] {
        guard TableFileKind.of(path) == .xlsx, let book = try? openWorkbook(path) else { return [nil] }
        let names = book.sheets.filter { $0.kind == .worksheet }.map(\.name)
        guard names.count > 1 else { return [nil] }
        let suffixes = Dictionary(grouping: names.filter { $0.first?.isNumber == true }) { String($0.drop { $0.isNumber }) }
        if let (suffix, group) = suffixes.max(by: { $0.value.count < $1.value.count }), group.count >= 2, !suffix.isEmpty { return [nil] }
        return names
    }
}
