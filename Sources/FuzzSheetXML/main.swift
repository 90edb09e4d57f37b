// libFuzzer target over a single worksheet XML part: scripts/fuzz-xlsx.
// The SAX handler must never crash: every input ends in cells or a TieoutError; and the
// sheet cut in pieces (SheetSplitter) must read as one parser reads it.
#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import TieoutXLSX

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let xml = UnsafeBufferPointer(start: data, count: size)
    _ = XLSXFuzzing.readSheetXML(xml)
    // The same XML cut in pieces reads as one parser reads it (crash on a difference).
    for (target, feed) in [(1, 7), (97, 4096)] where !SheetPieces.agree(xml, target: target, feed: feed) {
        fatalError("pieces of \(target) fed \(feed) at a time disagree with one parser")
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzOne(data ?? UnsafePointer(bitPattern: 1)!, size)
})
