#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TieoutCore

/// A streaming RFC 4180 reader for ledger exports, with flat memory.
///
/// It reads UTF-8 (with or without BOM), GB18030/GBK and UTF-16 with BOM,
/// declared or detected; comma, tab, semicolon or pipe, declared or sniffed;
/// quoted fields with delimiters, doubled quotes and line breaks; CRLF, LF and
/// CR line ends. Invalid bytes, an unclosed quote and text after a closing
/// quote are errors with their place; a stray quote inside an unquoted field
/// is kept literally and reported as a warning.
///
/// ```swift
/// let reader = try CSVReader(path: "2024-03.csv")
/// while let record = try reader.next() {
///     print(record.line, record.strings)
/// }
/// print(reader.encoding, reader.dialect.delimiterName)
/// ```
public final class CSVReader {
    /// The path as given.
    public let path: String
    /// The encoding in effect (declared or detected).
    public var encoding: TextEncoding { input.encoding }
    /// Whether the file started with a byte-order mark.
    public var hasByteOrderMark: Bool { input.bomLength > 0 }
    /// The dialect in effect (declared or sniffed).
    public private(set) var dialect: CSVDialect
    /// True when the dialect was sniffed rather than declared.
    public let dialectWasSniffed: Bool
    /// Called for each warning (stray quotes); by default they are collected in ``warnings``.
    public var onWarning: ((TieoutError) -> Void)?
    /// Warnings collected when no ``onWarning`` handler is set.
    public private(set) var warnings: [TieoutError] = []
    /// The delimiter named by Excel's `sep=X` first line, which is a dialect hint, not a record
    /// (it is skipped; a declared delimiter still wins over it).
    public private(set) var separatorHint: UInt8?

    private let input: DecodedInput
    private let prefetch: PrefetchInput
    private let options: CSVOptions
    /// The region being parsed (a prefetch slot or its spill buffer): bytes buf[pos..<filled].
    private var buf: UnsafeMutablePointer<UInt8>
    private let placeholder: UnsafeMutablePointer<UInt8>
    private var filled = 0
    private var pos = 0
    private var eof = false
    private var spans: UnsafeMutablePointer<FieldSpan>
    private var spanCapacity = 64
    private var recordNumber = 0
    private var line = 1
    private var sourceOffset: Int64
    private var pendingFault: DecodedInput.Fault?
    /// Byte classes for unquoted fields: nonzero for delimiter, quote, CR, LF.
    private let special: UnsafeMutablePointer<UInt8>

    public init(path: String, options: CSVOptions = CSVOptions()) throws(TieoutError) {
        self.path = path
        self.options = options
        input = try DecodedInput(path: path, encoding: options.encoding, chunkSize: options.chunkSize)
        // Allocate only after the last throw that precedes full initialisation:
        // from here on a throw runs deinit, which frees these.
        prefetch = PrefetchInput(input, chunkSize: options.chunkSize)
        placeholder = .allocate(capacity: 16)
        special = .allocate(capacity: 256)
        buf = placeholder
        spans = .allocate(capacity: spanCapacity)
        sourceOffset = Int64(input.bomLength)
        dialect = options.dialect ?? .comma
        dialectWasSniffed = options.dialect == nil
        // Decode the start of the file: sniffing needs it.
        while filled - pos < 64 << 10 && !eof && pendingFault == nil { try readMore() }
        if let hint = CSVReader.separatorLine(UnsafeBufferPointer(start: buf + pos, count: filled - pos), complete: eof) {
            if options.dialect == nil {
                guard CSVDialect.candidates.contains(hint.delimiter) else {
                    let shown = String(decoding: UnsafeBufferPointer(start: buf + pos, count: 5), as: UTF8.self).escapingControlCharacters
                    throw TieoutError(code: "csv.delimiter", ["file": path, "line": shown],
                                      location: SourceLocation(file: path, line: 1, byteOffset: sourceOffset))
                }
                dialect = CSVDialect(delimiter: hint.delimiter)
            }
            separatorHint = hint.delimiter
            sourceOffset += Int64(input.isTranscoding ? input.sourceLength(ofUTF8: buf + pos, hint.length) : hint.length)
            pos += hint.length
            line += 1
        }
        if options.dialect == nil && separatorHint == nil {
            let sample = min(filled - pos, 64 << 10)
            dialect = CSVSniffer.sniff(UnsafeBufferPointer(start: buf + pos, count: sample), complete: eof && sample == filled - pos)
        }
        setClasses()
    }

    /// Excel's first line `sep=X` (any case), with its line end: the delimiter and the bytes it takes.
    static func separatorLine(_ b: UnsafeBufferPointer<UInt8>, complete: Bool) -> (delimiter: UInt8, length: Int)? {
        guard b.count >= 5, b[0] | 0x20 == UInt8(ascii: "s"), b[1] | 0x20 == UInt8(ascii: "e"), b[2] | 0x20 == UInt8(ascii: "p"),
              b[3] == UInt8(ascii: "="), b[4] != 0x0A, b[4] != 0x0D, b[4] < 0x80 else { return nil }
        if b.count == 5 { return complete ? (b[4], 5) : nil }
        if b[5] == 0x0A { return (b[4], 6) }
        if b[5] == 0x0D { return (b[4], b.count > 6 && b[6] == 0x0A ? 7 : 6) }
        return nil
    }

    deinit {
        placeholder.deallocate()
        spans.deallocate()
        special.deallocate()
    }

    private func setClasses() {
        special.initialize(repeating: 0, count: 256)
        special[Int(dialect.delimiter)] = 1
        special[Int(dialect.quote)] = 2
        special[0x0D] = 3
        special[0x0A] = 3
    }

    /// Moves on to the next region, carrying the unfinished record along.
    private func readMore() throws(TieoutError) {
        if let fault = pendingFault { throw encodingError(fault) }
        if eof { return }
        do {
            let carry = UnsafeBufferPointer(start: buf + pos, count: filled - pos)
            if let region = try prefetch.nextRegion(carrying: carry) {
                buf = region.base; pos = region.start; filled = region.end
            } else {
                eof = true
            }
        } catch {
            switch error {
            case .io(let e): throw e
            case .fault(let f):
                // Records before the bad bytes are handed out; the fault is raised
                // when the parser needs the bytes it stands in.
                pendingFault = f
            }
        }
    }

    private func recordTooLong() -> TieoutError {
        TieoutError(code: "csv.record-too-long", ["mib": options.maxRecordBytes >> 20],
                    location: SourceLocation(file: path, record: recordNumber + 1, line: line, byteOffset: sourceOffset))
    }

    private func encodingError(_ f: DecodedInput.Fault) -> TieoutError {
        // Place it: the line and column within the bytes still in the buffer.
        var l = line, col = 1
        var i = pos
        while i < filled {
            let c = buf[i]
            if c == 0x0A || (c == 0x0D && (i + 1 >= filled || buf[i + 1] != 0x0A)) { l += 1; col = 1 }
            else if c & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        let hex = f.bytes.map { b in
            let h = String(b, radix: 16, uppercase: true)
            return b < 16 ? "0x0\(h)" : "0x\(h)"
        }.joined(separator: " ")
        let help: Phrase
        switch f.encoding {
        case .utf8: help = Phrase("error.encoding.invalid.help-utf8")
        case .gb18030: help = Phrase("error.encoding.invalid.help-gb18030")
        case .utf16le, .utf16be: help = Phrase("error.encoding.invalid.help-utf16")
        case .utf32le, .utf32be: help = Phrase("error.encoding.invalid.help-utf32")
        case .latin1, .windows1252: help = Phrase("error.encoding.invalid.help-western")
        }
        return TieoutError(code: "encoding.invalid",
                           what: Phrase("error.encoding.invalid", ["bytes": hex, "offset": f.offset, "encoding": f.encoding.name]),
                           location: SourceLocation(file: path, line: l, column: col, byteOffset: f.offset),
                           help: help)
    }

    private func growSpans() {
        let n = spanCapacity * 2
        let ns = UnsafeMutablePointer<FieldSpan>.allocate(capacity: n)
        ns.update(from: spans, count: spanCapacity)
        spans.deallocate()
        spans = ns; spanCapacity = n
    }

    private enum Step {
        case complete(next: Int, fields: Int, lines: Int, flags: UInt8)
        case needMore
        case end
        case failure(TieoutError)
    }

    /// The next record, or nil at the end of the file. The record is valid until the next call.
    public func next() throws(TieoutError) -> CSVRecord? {
        while true {
            switch parse() {
            case .complete(let next, let fields, let lines, let flags):
                let start = pos
                let length = next - start
                let offset = sourceOffset
                sourceOffset += Int64(input.isTranscoding ? input.sourceLength(ofUTF8: buf + start, length) : length)
                recordNumber += 1
                let recordLine = line
                line += lines
                pos = next
                if flags & (FieldSpan.doubledQuotes | FieldSpan.strayQuote) != 0 {
                    finishFields(fields, recordLine: recordLine, offset: offset)
                }
                return CSVRecord(number: recordNumber, line: recordLine, lineCount: max(lines, 1),
                                 byteOffset: offset, count: fields, base: UnsafePointer(buf), spans: UnsafePointer(spans))
            case .needMore:
                if filled - pos >= options.maxRecordBytes { throw recordTooLong() }
                try readMore()
            case .end:
                if let fault = pendingFault { pendingFault = nil; throw encodingError(fault) }
                return nil
            case .failure(let error):
                throw error
            }
        }
    }

    /// Undoubles quotes in place and reports stray quotes.
    private func finishFields(_ n: Int, recordLine: Int, offset: Int64) {
        for k in 0..<n {
            let f = spans[k].flags
            if f & FieldSpan.doubledQuotes != 0 {
                var r = spans[k].start, w = r
                let e = spans[k].end, q = dialect.quote
                while r < e {
                    let c = buf[r]
                    buf[w] = c
                    w += 1
                    r += (c == q && r + 1 < e && buf[r + 1] == q) ? 2 : 1
                }
                spans[k].end = w
            }
            if f & FieldSpan.strayQuote != 0 {
                let value = String(decoding: UnsafeBufferPointer(start: buf + spans[k].start, count: spans[k].end - spans[k].start), as: UTF8.self)
                warn(TieoutError(code: "csv.stray-quote", ["field": quoted(value)],
                                 location: SourceLocation(file: path, record: recordNumber, line: recordLine, column: k + 1, byteOffset: offset)))
            }
        }
    }

    private func warn(_ w: TieoutError) {
        if let onWarning { onWarning(w) } else { warnings.append(w) }
    }

    private func quoted(_ s: String) -> String {
        let short = s.count > 40 ? String(s.prefix(40)) + "…" : s
        return "\"\(short)\""
    }

    /// Parses one record at `pos` from the bytes in the buffer.
    private func parse() -> Step {
        let b = buf
        let end = filled
        let atEOF = eof
        let delim = dialect.delimiter, quote = dialect.quote
        let cls = special
        var sp = spans
        var spCap = spanCapacity
        var p = pos
        var nf = 0
        var lines = 0
        var anyFlags: UInt8 = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let dPat = UInt64(delim) &* ones, qPat = UInt64(quote) &* ones
        let crPat = 0x0D &* ones, lfPat = 0x0A &* ones
        let raw = UnsafeRawPointer(b)
        if p >= end { return atEOF ? .end : .needMore }
        while true {
            if nf == spCap { growSpans(); sp = spans; spCap = spanCapacity }
            if p >= end {
                // Only after a delimiter: the record ends with an empty field.
                if !atEOF { return .needMore }
                sp[nf] = FieldSpan(start: p, end: p, flags: 0)
                return .complete(next: p, fields: nf &+ 1, lines: lines &+ 1, flags: anyFlags)
            }
            if b[p] == quote {
                let contentStart = p &+ 1
                var q = contentStart
                var flags = FieldSpan.quoted
                while true {
                    guard let found = memchr(b + q, Int32(quote), end &- q) else {
                        if !atEOF { return .needMore }
                        return .failure(unterminated(fieldIndex: nf, lines: lines &+ newlines(b, pos, contentStart)))
                    }
                    let k = b.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    lines &+= newlines(b, q, k)
                    if k &+ 1 >= end {
                        if !atEOF { return .needMore }
                        sp[nf] = FieldSpan(start: contentStart, end: k, flags: flags)
                        return .complete(next: k &+ 1, fields: nf &+ 1, lines: lines &+ 1, flags: anyFlags | flags)
                    }
                    if b[k &+ 1] == quote {
                        flags |= FieldSpan.doubledQuotes
                        q = k &+ 2
                        continue
                    }
                    sp[nf] = FieldSpan(start: contentStart, end: k, flags: flags)
                    anyFlags |= flags
                    p = k &+ 1
                    let d = b[p]
                    if d != delim && d != 0x0A && d != 0x0D {
                        return .failure(textAfterQuote(fieldIndex: nf, lines: lines, at: p))
                    }
                    break
                }
            } else {
                let s = p
                var flags: UInt8 = 0
                while true {
                    // Eight bytes at a time until one may be special (SWAR; the
                    // lowest flagged byte is exact), then byte by byte.
                    while p &+ 8 <= end {
                        let w = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                        let m = hasZero(w ^ dPat) | hasZero(w ^ qPat) | hasZero(w ^ crPat) | hasZero(w ^ lfPat)
                        if m != 0 { p &+= m.trailingZeroBitCount >> 3; break }
                        p &+= 8
                    }
                    while p < end && cls[Int(b[p])] == 0 { p &+= 1 }
                    if p < end && b[p] == quote { flags |= FieldSpan.strayQuote; p &+= 1; continue }
                    break
                }
                if p >= end && !atEOF { return .needMore }
                sp[nf] = FieldSpan(start: s, end: p, flags: flags)
                anyFlags |= flags
            }
            nf &+= 1
            if p >= end { return .complete(next: p, fields: nf, lines: lines &+ 1, flags: anyFlags) }
            let d = b[p]
            if d == delim { p &+= 1; continue }
            if d == 0x0A { return .complete(next: p &+ 1, fields: nf, lines: lines &+ 1, flags: anyFlags) }
            // CR: CRLF or a lone CR.
            if p &+ 1 < end {
                return .complete(next: b[p &+ 1] == 0x0A ? p &+ 2 : p &+ 1, fields: nf, lines: lines &+ 1, flags: anyFlags)
            }
            if !atEOF { return .needMore }
            return .complete(next: p &+ 1, fields: nf, lines: lines &+ 1, flags: anyFlags)
        }
    }

    /// Nonzero when some byte of `x` is zero; the lowest set high bit marks the
    /// first zero byte exactly (borrows only disturb the bytes above it).
    @inline(__always)
    private func hasZero(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// Line breaks in b[from..<to]: LF, and CR not followed by LF.
    @inline(__always)
    private func newlines(_ b: UnsafeMutablePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        let raw = UnsafeRawPointer(b)
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Skip eight bytes at a time while they hold neither CR nor LF.
        while i &+ 8 <= to {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasZero(w ^ (0x0A &* ones)) | hasZero(w ^ (0x0D &* ones)) != 0 { break }
            i &+= 8
        }
        while i < to {
            let c = b[i]
            if c == 0x0A { n &+= 1 } else if c == 0x0D && (i &+ 1 >= filled || b[i &+ 1] != 0x0A) { n &+= 1 }
            i &+= 1
        }
        return n
    }

    private func unterminated(fieldIndex: Int, lines: Int) -> TieoutError {
        TieoutError(code: "csv.unterminated-quote",
                    location: SourceLocation(file: path, record: recordNumber + 1, line: line + lines,
                                             column: fieldIndex + 1, byteOffset: sourceOffset))
    }

    private func textAfterQuote(fieldIndex: Int, lines: Int, at p: Int) -> TieoutError {
        var e = p
        while e < filled && e - p < 20 && buf[e] != dialect.delimiter && buf[e] != 0x0A && buf[e] != 0x0D { e += 1 }
        let after = String(decoding: UnsafeBufferPointer(start: buf + p, count: e - p), as: UTF8.self)
        return TieoutError(code: "csv.text-after-quote", ["text": quoted(after)],
                           location: SourceLocation(file: path, record: recordNumber + 1, line: line + lines,
                                                    column: fieldIndex + 1, byteOffset: sourceOffset))
    }
}
