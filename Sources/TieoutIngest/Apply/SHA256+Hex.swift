#if canImport(Glibc)
import Glibc
#endif
import Crypto
import TieoutCore

/// SHA-256 (swift-crypto) as 64 lowercase hex digits: a file's fingerprint, for lineage and
/// for skipping unchanged exports, and a profile's digest.
///
/// ```swift
/// sha256Hex(Array("abc".utf8))   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public func sha256Hex(_ bytes: [UInt8]) -> String {
    hex(SHA256.hash(data: bytes))
}

/// The SHA-256 of a file's bytes, read 1 MiB at a time, as 64 hex digits.
public func fileSHA256(_ path: String) throws(TieoutError) -> String {
    // Only a regular file: a FIFO or a device is refused by its type, never waited on.
    let fd = try RegularFile.openForReading(path, help: Phrase("error.help.ledgers-are-regular-files"))
    defer { close(fd) }
    var hasher = SHA256()
    let size = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    while true {
        let n = read(fd, buffer.baseAddress, size)
        if n < 0 {
            if errno == EINTR { continue }
            throw TieoutError(code: "io.read", what: Phrase("error.io.read", ["file": path, "reason": String(cString: strerror(errno))]),
                              location: SourceLocation(file: path), help: Phrase("error.help.check-disk-permissions"))
        }
        if n == 0 { break }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
    }
    return hex(hasher.finalize())
}

private func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var s: [UInt8] = []
    s.reserveCapacity(64)
    for b in digest { s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 15)]) }
    return String(decoding: s, as: UTF8.self)
}

/// SHA-256 fed in parts, as 64 hex digits at the end (the dataset's digest of a file's records).
///
/// ```swift
/// var h = SHA256Builder()
/// h.update(Array("ab".utf8)); h.update(Array("c".utf8))
/// h.hex   // the same as sha256Hex(Array("abc".utf8))
/// ```
public struct SHA256Builder {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ bytes: [UInt8]) {
        hasher.update(data: bytes)
    }

    public var hex: String { TieoutIngest.hexDigits(hasher.finalize()) }
}

func hexDigits(_ digest: SHA256.Digest) -> String { hex(digest) }
