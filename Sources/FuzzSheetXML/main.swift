// libFuzzer target over a single worksheet XML part: scripts/fuzz-xlsx.
// The SAX handler must never crash: every input ends in cells or a TieoutError.
#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import TieoutXLSX

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = XLSXFuzzing.readSheetXML(UnsafeBufferPointer(start: data, count: size))
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzOne(data ?? UnsafePointer(bitPattern: 1)!, size)
})
