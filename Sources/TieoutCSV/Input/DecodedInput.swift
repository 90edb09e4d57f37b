#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TieoutCore

/// A file read in chunks and handed out as validated UTF-8, whatever its
/// encoding: UTF-8 passes through (checked), GB18030 and UTF-16 are decoded.
/// Memory is two fixed buffers, whatever the file's size.
final class DecodedInput: @unchecked Sendable {
    let path: String
    private(set) var encoding: TextEncoding
    /// Bytes of byte-order mark skipped at the start.
    private(set) var bomLength = 0
    private let fd: Int32
    private let chunk: Int
    /// Raw bytes read but not yet handed out or decoded.
    private var raw: UnsafeMutablePointer<UInt8>
    private var rawStart = 0, rawEnd = 0
    private var eof = false
    /// File offset of raw[rawStart].
    private var rawOffset: Int64 = 0
    private var gb: GB18030Decoder?
    private var u16: UTF16Decoder?
    private var u32: UTF32Decoder?
    private var single: SingleByteDecoder?

    /// An encoding fault found ahead of the bytes handed out; raised once they are consumed.
    struct Fault: Error {
        var offset: Int64
        var bytes: [UInt8]
        var encoding: TextEncoding
    }

    init(path: String, encoding choice: EncodingChoice, chunkSize: Int = 1 << 20) throws(TieoutError) {
        self.path = path
        self.chunk = max(chunkSize, 16)   // a character (≤ 4 bytes) must always fit
        // Non-blocking: a FIFO or a device named as a ledger is refused below, never waited on.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let why = String(cString: strerror(errno))
            throw TieoutError(code: "io.open", what: Phrase("error.io.open", ["file": path, "reason": why]),
                              help: Phrase("error.help.check-path"))
        }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw TieoutError(code: "io.directory", what: Phrase("error.io.directory", ["file": path]),
                              help: Phrase("error.help.name-ledger-file"))
        }
        if (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw TieoutError(code: "io.not-regular", what: Phrase("error.io.not-regular", ["file": path, "kind": RegularFile.kind(st.st_mode)]),
                              help: Phrase("error.help.ledgers-are-regular"))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        raw = .allocate(capacity: max(chunkSize, DecodedInput.detectionSample) + 8)
        encoding = .utf8
        gb = nil; u16 = nil
        // Look at the start to decide the encoding: always the same sample, whatever the chunk size.
        try fillRaw(upTo: DecodedInput.detectionSample)   // on a throw from here on, deinit closes and frees
        let decided: TextEncoding
        (decided, bomLength) = try DecodedInput.decide(choice, raw, rawEnd, path: path)
        encoding = decided
        rawStart = bomLength
        rawOffset = Int64(bomLength)
        switch decided {
        case .gb18030:
            guard let tables = GB18030Tables.shared else {

                throw TieoutError(code: "encoding.unavailable")
            }
            gb = GB18030Decoder(tables: tables)
        case .utf16le: u16 = UTF16Decoder(bigEndian: false)
        case .utf16be: u16 = UTF16Decoder(bigEndian: true)
        case .utf32le: u32 = UTF32Decoder(bigEndian: false)
        case .utf32be: u32 = UTF32Decoder(bigEndian: true)
        case .latin1: single = .latin1
        case .windows1252: single = .windows1252
        case .utf8: break
        }
    }

    deinit {
        close(fd)
        raw.deallocate()
    }

    /// Bytes examined to detect the encoding.
    static let detectionSample = 64 << 10

    /// Reads until the raw buffer holds `target` (default: a chunk of) bytes or the file ends.
    private func fillRaw(upTo target: Int? = nil) throws(TieoutError) {
        let chunk = max(target ?? self.chunk, self.chunk)
        if rawStart > 0 {
            let keep = rawEnd - rawStart
            if keep > 0 { (raw).update(from: raw + rawStart, count: keep) }
            rawEnd = keep; rawStart = 0
        }
        while rawEnd < chunk && !eof {
            let n = Glibc.read(fd, raw + rawEnd, chunk - rawEnd)
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                throw TieoutError(code: "io.read", what: Phrase("error.io.read", ["file": path, "reason": why]), help: Phrase("error.help.check-file-disk"))
            }
            if n == 0 { eof = true } else { rawEnd += n }
        }
    }

    static func decide(_ choice: EncodingChoice, _ p: UnsafePointer<UInt8>, _ n: Int, path: String) throws(TieoutError) -> (TextEncoding, Int) {
        let utf8BOM = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF
        // FF FE 00 00 is UTF-32LE's mark, and starts with UTF-16LE's: checked first.
        let le32 = n >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0
        let be32 = n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF
        let le = n >= 2 && p[0] == 0xFF && p[1] == 0xFE && !le32
        let be = n >= 2 && p[0] == 0xFE && p[1] == 0xFF
        let gbBOM = n >= 4 && p[0] == 0x84 && p[1] == 0x31 && p[2] == 0x95 && p[3] == 0x33
        func conflict(_ bom: String, _ declared: String) -> TieoutError {
            TieoutError(code: "encoding.bom-conflict", ["file": path, "bom": bom, "declared": declared, "option": bom.lowercased()],
                        location: SourceLocation(file: path, line: 1, byteOffset: 0))
        }
        switch choice {
        case .fixed(.utf8):
            if le32 || be32 { throw conflict(le32 ? "UTF-32LE" : "UTF-32BE", "utf-8") }
            if le || be { throw conflict(le ? "UTF-16LE" : "UTF-16BE", "utf-8") }
            return (.utf8, utf8BOM ? 3 : 0)
        case .fixed(.utf32le):
            if be32 || utf8BOM || be { throw conflict(be32 ? "UTF-32BE" : (be ? "UTF-16BE" : "UTF-8"), "utf-32le") }
            return (.utf32le, le32 ? 4 : 0)
        case .fixed(.utf32be):
            if le32 || utf8BOM || le { throw conflict(le32 ? "UTF-32LE" : (le ? "UTF-16LE" : "UTF-8"), "utf-32be") }
            return (.utf32be, be32 ? 4 : 0)
        case .fixed(.latin1), .fixed(.windows1252):
            let single: TextEncoding = choice == .fixed(.latin1) ? .latin1 : .windows1252
            if le32 || be32 { throw conflict(le32 ? "UTF-32LE" : "UTF-32BE", single.name) }
            if le || be || utf8BOM { throw conflict(le ? "UTF-16LE" : (be ? "UTF-16BE" : "UTF-8"), single.name) }
            return (single, 0)
        case .fixed(.gb18030):
            if utf8BOM { throw conflict("UTF-8", "gb18030") }
            if le || be { throw conflict(le ? "UTF-16LE" : "UTF-16BE", "gb18030") }
            return (.gb18030, gbBOM ? 4 : 0)
        case .fixed(.utf16le):
            if le32 { return (.utf16le, 2) }     // the mark, then U+0000: as declared
            if be || utf8BOM { throw conflict(be ? "UTF-16BE" : "UTF-8", "utf-16le") }
            return (.utf16le, le ? 2 : 0)
        case .fixed(.utf16be):
            if le || utf8BOM { throw conflict(le ? "UTF-16LE" : "UTF-8", "utf-16be") }
            return (.utf16be, be ? 2 : 0)
        case .utf16:
            if le || le32 { return (.utf16le, 2) }
            if be { return (.utf16be, 2) }
            throw TieoutError(code: "encoding.utf16-no-bom", ["file": path],
                              location: SourceLocation(file: path, line: 1, byteOffset: 0))
        case .detect:
            if utf8BOM { return (.utf8, 3) }
            if le32 { return (.utf32le, 4) }
            if be32 { return (.utf32be, 4) }
            if le { return (.utf16le, 2) }
            if be { return (.utf16be, 2) }
            if gbBOM { return (.gb18030, 4) }
            // NUL bytes in text mean UTF-16 without a mark: say so rather than guess.
            let sample = min(n, detectionSample)
            var nuls = 0
            for i in 0..<sample where p[i] == 0 { nuls += 1 }
            if nuls > 0 {
                throw TieoutError(code: "encoding.utf16-no-bom", key: "encoding.nul-bytes", ["file": path],
                                  location: SourceLocation(file: path, line: 1, byteOffset: 0))
            }
            // Decide on the first 64 KiB: a fault further in is then reported as invalid UTF-8.
            switch UTF8Validator.validate(p, min(n, detectionSample)) {
            case .valid: return (.utf8, 0)
            case .invalid:
                let sample = min(n, detectionSample)
                let gb = GB18030Plausibility(p, sample)
                if gb.isPlausible { return (.gb18030, 0) }
                throw implausible(gb, p, sample, path: path)
            }
        }
    }

    /// Copies or decodes the next bytes into `dst`; returns how many, 0 at the end.
    /// Throws ``Fault`` for bytes not valid in the encoding, after handing out all that precede them.
    func produce(into dst: UnsafeMutablePointer<UInt8>, capacity: Int) throws(DecodedInputError) -> Int {
        precondition(capacity >= 8)
        while true {
            if rawEnd - rawStart < 8 && !eof {
                do { try fillRaw() } catch { throw .io(error) }
            }
            let available = rawEnd - rawStart
            if available == 0 { return 0 }
            let src = raw + rawStart
            switch encoding {
            case .utf8:
                let n = min(available, capacity)
                let checked: Int
                switch UTF8Validator.validate(src, n) {
                case .valid(let tail):
                    checked = n - tail
                case .invalid(let at):
                    if at == 0 { throw .fault(fault(at: 0, in: src, n)) }
                    checked = at
                }
                if checked == 0 {
                    // An incomplete character at the end of the buffer: read more first.
                    if eof && n == available { throw .fault(fault(at: 0, in: src, n)) }
                    try refillKeeping()
                    continue
                }
                dst.update(from: src, count: checked)
                consume(checked)
                return checked
            case .gb18030, .utf16le, .utf16be, .utf32le, .utf32be, .latin1, .windows1252:
                let step = gb?.decode(src, available, into: dst, capacity: capacity, final: eof)
                    ?? u16?.decode(src, available, into: dst, capacity: capacity, final: eof)
                    ?? u32?.decode(src, available, into: dst, capacity: capacity, final: eof)
                    ?? single!.decode(src, available, into: dst, capacity: capacity, final: eof)
                if step.produced > 0 {
                    consume(step.consumed)
                    return step.produced
                }
                if let bad = step.invalidAt { throw .fault(fault(at: bad, in: src, available)) }
                if eof { return 0 }
                try refillKeeping()
            }
        }
    }

    private func refillKeeping() throws(DecodedInputError) {
        do { try fillRaw() } catch { throw .io(error) }
    }

    private func consume(_ n: Int) {
        rawStart += n
        rawOffset += Int64(n)
    }

    private func fault(at i: Int, in src: UnsafePointer<UInt8>, _ n: Int) -> Fault {
        let bytes = (i..<min(n, i + 4)).map { src[$0] }
        return Fault(offset: rawOffset + Int64(i), bytes: bytes, encoding: encoding)
    }

    /// Bytes the UTF-8 text took in the file.
    func sourceLength(ofUTF8 p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        if let gb { return gb.sourceLength(ofUTF8: p, n) }
        if let u16 { return u16.sourceLength(ofUTF8: p, n) }
        if let u32 { return u32.sourceLength(ofUTF8: p, n) }
        if let single { return single.sourceLength(ofUTF8: p, n) }
        return n
    }

    var isTranscoding: Bool { encoding != .utf8 }

    /// Bytes that are not UTF-8 and do not read as plausible Chinese: the candidates, with
    /// the first line where GB18030 would give a rare character, read both ways.
    static func implausible(_ gb: GB18030Plausibility, _ p: UnsafePointer<UInt8>, _ n: Int, path: String) -> TieoutError {
        let at = gb.firstRare ?? 0
        var start = at, end = at, line = 1
        while start > 0 && p[start - 1] != 0x0A && at - start < 40 { start -= 1 }
        while end < n && p[end] != 0x0A && p[end] != 0x0D && end - at < 40 { end += 1 }
        for i in 0..<at where p[i] == 0x0A { line += 1 }
        let bytes = UnsafeBufferPointer(start: p + start, count: end - start)
        func shown(_ decode: (UnsafePointer<UInt8>, Int, UnsafeMutablePointer<UInt8>, Int) -> DecodeStep) -> String {
            var out: [UInt8] = []
            let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 4 * bytes.count + 16)
            defer { buf.deallocate() }
            var i = 0
            while i < bytes.count {
                let step = decode(bytes.baseAddress! + i, bytes.count - i, buf, 4 * bytes.count + 16)
                out.append(contentsOf: UnsafeBufferPointer(start: buf, count: step.produced))
                i += step.consumed
                if step.invalidAt != nil || step.consumed == 0 { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); i += 1 }
            }
            return String(decoding: out, as: UTF8.self).escapingControlCharacters
        }
        var asGB = "?"
        if let tables = GB18030Tables.shared {
            let d = GB18030Decoder(tables: tables)
            asGB = shown { d.decode($0, $1, into: $2, capacity: $3, final: true) }
        }
        let asWestern = shown { SingleByteDecoder.windows1252.decode($0, $1, into: $2, capacity: $3, final: true) }
        let counts = Phrase("error.encoding.unknown.counts", ["common": gb.common, "rare": gb.rare,
                                                              "latin": gb.latinPairs > 0 ? Phrase("error.encoding.unknown.latin", ["n": gb.latinPairs]) : Phrase.empty])
        return TieoutError(code: "encoding.unknown", ["file": path, "counts": counts, "line": line, "gb": asGB, "western": asWestern],
                           location: SourceLocation(file: path, line: line, byteOffset: Int64(at)))
    }
}

enum DecodedInputError: Error {
    case io(TieoutError)
    case fault(DecodedInput.Fault)
}
