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
}
