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
