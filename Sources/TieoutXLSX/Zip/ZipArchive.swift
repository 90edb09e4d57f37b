#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CTieoutZlib
import TieoutCore

/// A zip archive read from its central directory; parts are inflated on
/// demand, in chunks, with their CRC checked and the limits enforced on the
/// bytes actually inflated.
///
/// ```swift
/// let zip = try ZipArchive(path: "ledger.xlsx")
/// try zip.read(zip.entry(named: "xl/workbook.xml")!) { chunk in parser.feed(chunk) }
/// ```
package final class ZipArchive {
    package struct Entry: Sendable {
        package var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int64
        var uncompressedSize: Int64
        var localHeaderOffset: Int64
    }

    package let path: String
    let limits: XLSXLimits
    package private(set) var entries: [Entry] = []
    private var byName: [String: Int] = [:]
    private let fd: Int32
    let fileSize: Int64
    /// Bytes inflated so far from all parts.
    private(set) var totalInflated: Int64 = 0

    package init(path: String, limits: XLSXLimits = XLSXLimits()) throws(TieoutError) {
        self.path = path
        self.limits = limits
        // Non-blocking: a FIFO or a device named as a workbook is refused below, never waited on.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw TieoutError(code: "io.open", what: Phrase("error.io.open", ["file": path, "reason": String(cString: strerror(errno))]),
                              help: Phrase("error.help.check-path"))
        }
        var st = stat()
        fstat(fd, &st)
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw TieoutError(code: "io.directory", what: Phrase("error.io.directory", ["file": path]), help: Phrase("error.help.name-ledger-file"))
        }
        if (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw TieoutError(code: "io.not-regular", what: Phrase("error.io.not-regular", ["file": path, "kind": RegularFile.kind(st.st_mode)]),
                              help: Phrase("error.help.ledgers-are-regular"))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        fileSize = Int64(st.st_size)
        try checkSignature()
        try readCentralDirectory()
    }

    deinit { close(fd) }

    /// Normalised part name for lookups: no leading '/', '\\' as '/', lower case.
    static func key(_ name: String) -> String {
        var n = name.replacingBackslashes()
        while n.hasPrefix("/") { n.removeFirst() }
        return n.lowercased()
    }

    package func entry(named name: String) -> Entry? {
        byName[ZipArchive.key(name)].map { entries[$0] }
    }

    // MARK: Reading bytes

    func pread(_ count: Int, at offset: Int64) throws(TieoutError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress! + got, count - got, off_t(offset) + off_t(got)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TieoutError(code: "io.read", what: Phrase("error.io.read", ["file": path, "reason": String(cString: strerror(errno))]),
                                  help: Phrase("error.help.check-file-disk"))
            }
            if n == 0 { break }
            got += n
        }
        if got < count { out.removeLast(count - got) }
        return out
    }

    /// The error `error.<key>.*` of the catalog, at this file (`{file}`: its path).
    private func fault(_ code: ErrorCode, key: String, _ args: [String: any CustomStringConvertible] = [:]) -> TieoutError {
        TieoutError(code: code, key: key, args.merging(["file": path]) { a, _ in a }, location: SourceLocation(file: path))
    }

    private func checkSignature() throws(TieoutError) {
        let head = try pread(8, at: 0)
        if head.count >= 4 && head[0] == 0x50 && head[1] == 0x4B && (head[2] == 3 || head[2] == 5) { return }
        if CompoundFile.isSignature(head) {
            // A Compound File: an encrypted OOXML package, or a BIFF .xls workbook.
            if try containsUTF16("EncryptedPackage") {
                throw fault("xlsx.encrypted", key: "xlsx.encrypted")
            }
            throw fault("xlsx.legacy-xls", key: "xlsx.legacy-xls")
        }
        if head.isEmpty {
            throw fault("xlsx.not-zip", key: "xlsx.empty")
        }
        throw fault("xlsx.not-zip", key: "xlsx.not-zip")
    }

    /// Whether the file holds `name` in UTF-16LE (a CFB directory entry name), looking at its first 4 MiB.
    private func containsUTF16(_ name: String) throws(TieoutError) -> Bool {
        let hay = try pread(Int(min(fileSize, Int64(CompoundFile.searchedBytes))), at: 0)
        return CompoundFile.containsEntryName(name, in: hay[...])
    }

    private func readCentralDirectory() throws(TieoutError) {
        let tailSize = Int(min(fileSize, 65_557))
        let tail = try pread(tailSize, at: fileSize - Int64(tailSize))
        var eocd = -1
        if tail.count >= 22 {
            var i = tail.count - 22
            while i >= 0 {
                if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 5 && tail[i + 3] == 6 { eocd = i; break }
                i -= 1
            }
        }
        guard eocd >= 0 else {
            throw fault("xlsx.truncated", key: "zip.no-directory")
        }
        var count = Int64(tail.u16(eocd + 10))
        var cdSize = Int64(tail.u32(eocd + 12))
        var cdOffset = Int64(tail.u32(eocd + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64: the locator stands 20 bytes before the end record.
            let loc = eocd - 20
            guard loc >= 0, tail.u32(loc) == 0x0706_4B50 else {
                throw fault("xlsx.truncated", key: "zip.no-zip64-locator")
            }
            let recOffset = Int64(tail.u64(loc + 8))
            let rec = try pread(56, at: recOffset)
            guard rec.count == 56, rec.u32(0) == 0x0606_4B50 else {
                throw fault("xlsx.truncated", key: "zip.zip64-end-record")
            }
            count = Int64(rec.u64(32))
            cdSize = Int64(rec.u64(40))
            cdOffset = Int64(rec.u64(48))
        }
        guard count <= Int64(limits.maxEntries) else {
            throw fault("xlsx.limit", key: "zip.entries", ["count": count, "limit": limits.maxEntries])
        }
        guard cdOffset >= 0, cdSize >= 0, cdOffset + cdSize <= fileSize else {
            throw fault("xlsx.truncated", key: "zip.directory-past-end")
        }
        let cd = try pread(Int(cdSize), at: cdOffset)
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, cd.u32(p) == 0x0201_4B50 else {
                throw fault("xlsx.truncated", key: "zip.directory-damaged")
            }
            let flags = cd.u16(p + 8), method = cd.u16(p + 10)
            let crc = cd.u32(p + 16)
            var csize = Int64(cd.u32(p + 20)), usize = Int64(cd.u32(p + 24))
            let nameLen = Int(cd.u16(p + 28)), extraLen = Int(cd.u16(p + 30)), commentLen = Int(cd.u16(p + 32))
            var offset = Int64(cd.u32(p + 42))
            guard p + 46 + nameLen + extraLen + commentLen <= cd.count else {
                throw fault("xlsx.truncated", key: "zip.directory-damaged")
            }
            let name = String(decoding: cd[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            // ZIP64 extended information: the fields that overflowed, in order.
            var e = p + 46 + nameLen
            let extraEnd = e + extraLen
            while e + 4 <= extraEnd {
                let id = cd.u16(e), size = Int(cd.u16(e + 2))
                if id == 1 {
                    var q = e + 4
                    if usize == 0xFFFF_FFFF && q + 8 <= e + 4 + size { usize = Int64(cd.u64(q)); q += 8 }
                    if csize == 0xFFFF_FFFF && q + 8 <= e + 4 + size { csize = Int64(cd.u64(q)); q += 8 }
                    if offset == 0xFFFF_FFFF && q + 8 <= e + 4 + size { offset = Int64(cd.u64(q)); q += 8 }
                }
                e += 4 + size
            }
            let entry = Entry(name: name, method: method, flags: flags, crc: crc,
                              compressedSize: csize, uncompressedSize: usize, localHeaderOffset: offset)
            byName[ZipArchive.key(name)] = entries.count
            entries.append(entry)
            p += 46 + nameLen + extraLen + commentLen
        }
    }

    /// Inflates `entry` and hands its bytes to `body` in chunks; checks the CRC,
    /// the announced size and the limits on what was actually inflated.
    package func read(_ entry: Entry, chunkSize: Int = 256 << 10, _ body: (UnsafeBufferPointer<UInt8>) throws(TieoutError) -> Void) throws(TieoutError) {
        if entry.flags & 1 != 0 {
            throw fault("xlsx.encrypted", key: "zip.part-encrypted", ["part": entry.name])
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw fault("xlsx.unsupported", key: "zip.method", ["part": entry.name, "method": entry.method])
        }
        let header = try pread(30, at: entry.localHeaderOffset)
        guard header.count == 30, header.u32(0) == 0x0403_4B50 else {
            throw fault("xlsx.truncated", key: "zip.no-local-header", ["part": entry.name, "offset": entry.localHeaderOffset])
        }
        var offset = entry.localHeaderOffset + 30 + Int64(header.u16(26)) + Int64(header.u16(28))
        var remaining = entry.compressedSize
        guard offset + remaining <= fileSize else {
            throw fault("xlsx.truncated", key: "zip.part-past-end", ["part": entry.name])
        }
        var crc: UInt = crc32(0, nil, 0)
        var inflated: Int64 = 0
        var consumed: Int64 = 0
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { out.deallocate() }

        func account(_ n: Int) throws(TieoutError) {
            inflated += Int64(n)
            totalInflated += Int64(n)
            if inflated > limits.maxPartBytes {
                throw fault("xlsx.limit", key: "zip.part-limit", ["part": entry.name, "limit": limits.maxPartBytes])
            }
            if totalInflated > limits.maxTotalInflatedBytes {
                throw fault("xlsx.limit", key: "zip.total-limit", ["limit": limits.maxTotalInflatedBytes])
            }
            if inflated > limits.ratioGraceBytes && inflated > limits.maxInflateRatio * max(consumed, 1) {
                throw fault("xlsx.zip-bomb", key: "zip.bomb", ["part": entry.name, "ratio": limits.maxInflateRatio])
            }
        }

        if entry.method == 0 {
            while remaining > 0 {
                let n = Int(min(Int64(chunkSize), remaining))
                let got = out.withMemoryRebound(to: UInt8.self, capacity: n) { p in Glibc.pread(fd, p, n, off_t(offset)) }
                if got <= 0 { throw fault("xlsx.truncated", key: "zip.part-cut-short", ["part": entry.name]) }
                consumed += Int64(got); offset += Int64(got); remaining -= Int64(got)
                try account(got)
                crc = crc32(crc, out, uInt(got))
                try body(UnsafeBufferPointer(start: out, count: got))
            }
        } else {
            var stream = z_stream()
            guard tieout_inflate_init_raw(&stream) == Z_OK else {
                throw fault("xlsx.zlib", key: "zip.zlib", ["part": entry.name])
            }
            defer { inflateEnd(&stream) }
            let inCap = 64 << 10
            let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inCap)
            defer { input.deallocate() }
            var finished = false
            while !finished {
                if stream.avail_in == 0 {
                    if remaining == 0 {
                        throw fault("xlsx.truncated", key: "zip.part-ends-early", ["part": entry.name])
                    }
                    let n = Int(min(Int64(inCap), remaining))
                    let got = Glibc.pread(fd, input, n, off_t(offset))
                    if got <= 0 { throw fault("xlsx.truncated", key: "zip.part-cut-short", ["part": entry.name]) }
                    offset += Int64(got); remaining -= Int64(got); consumed += Int64(got)
                    stream.next_in = input
                    stream.avail_in = uInt(got)
                }
                stream.next_out = out
                stream.avail_out = uInt(chunkSize)
                let rc = inflate(&stream, Z_NO_FLUSH)
                let produced = chunkSize - Int(stream.avail_out)
                if produced > 0 {
                    try account(produced)
                    crc = crc32(crc, out, uInt(produced))
                    try body(UnsafeBufferPointer(start: out, count: produced))
                }
                switch rc {
                case Z_STREAM_END: finished = true
                case Z_OK, Z_BUF_ERROR: continue
                default:
                    throw fault("xlsx.corrupt", key: "zip.deflate", ["part": entry.name, "rc": rc])
                }
            }
        }
        if UInt32(truncatingIfNeeded: crc) != entry.crc {
            throw fault("xlsx.crc", key: "zip.crc", ["part": entry.name])
        }
        if inflated != entry.uncompressedSize {
            throw fault("xlsx.corrupt", key: "zip.size", ["part": entry.name, "inflated": inflated, "size": entry.uncompressedSize])
        }
    }

    /// The whole part as bytes (for the small parts: relationships, workbook, styles).
    package func data(_ entry: Entry) throws(TieoutError) -> [UInt8] {
        var all: [UInt8] = []
        try read(entry) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in all.append(contentsOf: chunk) }
        return all
    }
}

extension Array where Element == UInt8 {
    func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}

extension String {
    func replacingBackslashes() -> String {
        String(unicodeScalars.map { $0 == "\\" ? "/" : Character($0) })
    }
}
