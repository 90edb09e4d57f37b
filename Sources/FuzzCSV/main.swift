// libFuzzer target for the CSV reader: scripts/fuzz-csv builds and runs it.
//
// Oracle: the reader must never crash, and reading the same bytes with a tiny
// chunk size and with the default one must give the same records, lines and
// byte offsets, or the same error. The first input byte picks the encoding.
#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import TieoutCore
import TieoutCSV

let scratch = "/dev/shm/tieout-fuzz-csv-\(getpid()).csv"

struct Outcome: Equatable {
    var records: [[String]] = []
    var lines: [Int] = []
    var offsets: [Int64] = []
    var error: String? = nil
}

func read(_ options: CSVOptions) -> Outcome {
    var out = Outcome()
    do {
        let reader = try CSVReader(path: scratch, options: options)
        reader.onWarning = { _ in }
        while let r = try reader.next() {
            out.records.append(r.strings)
            out.lines.append(r.line)
            out.offsets.append(r.byteOffset)
            if out.records.count > 5000 { break }
        }
    } catch {
        out.error = error.code.rawValue + " " + (error.location?.description ?? "")
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }   // (data may be a dangling pointer when size is 0)
    let choices: [EncodingChoice] = [.detect, .fixed(.utf8), .fixed(.gb18030), .utf16, .fixed(.utf16le), .fixed(.utf16be)]
    let choice = choices[Int(data[0]) % choices.count]
    let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if fd < 0 { return 0 }
    _ = write(fd, data + 1, size - 1)
    close(fd)
    // Sniffed dialect, then each chunk size with the dialect the first reading found.
    var o = CSVOptions(encoding: choice)
    let whole = read(o)
    if let reader = try? CSVReader(path: scratch, options: o) { o.dialect = reader.dialect }
    o.chunkSize = 16
    let small = read(o)
    o.chunkSize = 1 << 20
    let big = read(o)
    if small != big {
        print("chunk-size disagreement:\n  16: \(small)\n  1M: \(big)"); fflush(nil)
        abort()
    }
    _ = whole
    _ = try? CSVTable.detect(path: scratch, options: CSVOptions(encoding: choice))
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzOne(data ?? UnsafePointer(bitPattern: 1)!, size)
})
