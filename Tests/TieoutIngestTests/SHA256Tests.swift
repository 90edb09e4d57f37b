import Foundation
import Testing
import TieoutCore
import TieoutIngest

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 test vectors, and the padding edges as Python's hashlib gives them")
    func vectors() {
        #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Python's hashlib: sha256(b"x" * 64).
        #expect(sha256Hex([UInt8](repeating: UInt8(ascii: "x"), count: 64)) == "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c")
    }

    @Test("A file's digest equals the digest of its bytes, across the 1 MiB reads; a missing file is io.open with its path")
    func files() throws {
        // 2.5 MiB of a pattern: three reads, the last one partial.
        let bytes = (0..<(5 << 19)).map { UInt8(($0 * 7 + 3) & 255) }
        let path = try temporaryFile("pattern.bin", "")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try fileSHA256(path) == sha256Hex(bytes))
        // Python's hashlib: sha256(bytes((i * 7 + 3) & 255 for i in range(5 << 19))).hexdigest()
        #expect(try fileSHA256(path) == "f01afaeaf2e0741457cce91ad41ff1b6e65907474f152c12ce1b3bee8c479fd5")
        #expect(throws: TieoutError.self) { try fileSHA256(path + ".missing") }
        do { _ = try fileSHA256(path + ".missing") } catch {
            #expect(error.code == "io.open" && error.what.contains(path + ".missing"))
        }
    }
}
