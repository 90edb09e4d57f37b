import Testing
import TieoutCore

@Suite("SHA-256")
struct SHA256Tests {
    static func hex(_ s: String) -> String { var h = SHA256(); h.update(s.utf8); return h.hexDigest() }

    @Test("FIPS 180-4 test vectors, and any split of the input gives the same digest")
    func vectors() {
        #expect(Self.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = String(repeating: "a", count: 1_000_000)
        #expect(Self.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // 55, 56, 63, 64, 65 bytes: the padding edges.
        for n in [55, 56, 63, 64, 65, 119, 120] {
            let text = String(repeating: "x", count: n)
            var parts = SHA256()
            let bytes = Array(text.utf8)
            parts.update(bytes[..<(n / 3)])
            parts.update(bytes[(n / 3)...])
            #expect(parts.hexDigest() == Self.hex(text))
        }
        // From Python's hashlib.
        #expect(Self.hex(String(repeating: "x", count: 64)) == "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c")
    }

    @Test("The CPU's SHA instructions and the portable code give the same digests, for every length and split")
    func cpuAndPortableAgree() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        for n in [0, 1, 63, 64, 65, 127, 128, 129, 1000, 4096, 100_003] {
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) }
            var cpu = SHA256(), portable = SHA256()
            portable.usesCPUInstructions = false
            let cut = n == 0 ? 0 : Int(next() % UInt64(n))
            cpu.update(bytes[..<cut]); cpu.update(bytes[cut...])
            portable.update(bytes)
            #expect(cpu.hexDigest() == portable.hexDigest(), "\(n) bytes split at \(cut)")
        }
        // Python's hashlib: sha256(bytes((i * 7 + 3) & 255 for i in range(256))).
        let pattern = (0..<256).map { UInt8(($0 * 7 + 3) & 255) }
        var h = SHA256()
        h.update(pattern)
        #expect(h.hexDigest() == "d9c76fa34978cb9620dab8c3f46bbe075fddc145eb282b39009141f98d0cfe82")
    }
}
