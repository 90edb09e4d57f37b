// libFuzzer target over whole .xlsx inputs (zip + XML): scripts/fuzz-xlsx.
// The reader must never crash: every input ends in rows or a TieoutError.
#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import TieoutCore
import TieoutXLSX

let scratch = "/dev/shm/tieout-fuzz-xlsx-\(getpid()).xlsx"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if fd < 0 { return 0 }
    if size > 0 { _ = write(fd, data, size) }
    close(fd)
    var limits = XLSXLimits()
    limits.maxTotalInflatedBytes = 64 << 20
    limits.maxPartBytes = 32 << 20
    limits.ratioGraceBytes = 1 << 20
    limits.maxCells = 1_000_000
    do {
        let book = try XLSXWorkbook(path: scratch, limits: limits)
        for (i, sheet) in book.sheets.enumerated() where sheet.kind == .worksheet {
            try book.readRows(of: i) { row in for cell in row.cells { _ = cell.text(date1904: book.date1904) } }
        }
    } catch {
        _ = error.description
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzOne(data ?? UnsafePointer(bitPattern: 1)!, size)
})
