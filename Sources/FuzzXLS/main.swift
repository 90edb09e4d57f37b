// libFuzzer target over whole .xls inputs (Compound File + BIFF, through FreeXL):
// scripts/fuzz-xls. Every input must end in rows or a TieoutError, never a crash.
#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import TieoutCore
import TieoutXLSX

let scratch = "/dev/shm/tieout-fuzz-xls-\(getpid()).xls"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if fd < 0 { return 0 }
    if size > 0 { _ = write(fd, data, size) }
    close(fd)
    var limits = XLSXLimits()
    limits.maxCells = 1_000_000
    do {
        let book = try XLSWorkbook(path: scratch, limits: limits)
        for i in book.sheets.indices {
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
