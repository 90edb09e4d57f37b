import Foundation
import Testing
import TieoutCore

/// Error codes are API: programs act on them (every `--json` output carries them). Every code
/// written in Sources is `domain.name` with a known domain.
@Suite("Error codes")
struct ErrorCodeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("every code in Sources is well formed, in a known domain")
    func codes() throws {
        var found = Set<String>()
        let files = FileManager.default.enumerator(atPath: Self.root.appendingPathComponent("Sources").path)!
        let pattern = /code: "([^"\\]+)"|reject\([^,]+, "([a-z]+\.[a-z0-9.-]+)"|case \.[a-z]+: "(value\.[a-z0-9-]+)"|\(column, "([a-z]+\.[a-z0-9.-]+)"/
        while let rel = files.nextObject() as? String {
            guard rel.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: Self.root.appendingPathComponent("Sources/" + rel).path, encoding: .utf8)
            for m in text.matches(of: pattern) {
                for c in [m.1, m.2, m.3, m.4].compactMap({ $0 }) { found.insert(String(c)) }
            }
        }
        #expect(found.count > 60)
        let bad = found.filter { !ErrorCode($0).isWellFormed }.sorted()
        #expect(bad.isEmpty, "codes outside the domains or malformed: \(bad)")
        #expect(found.contains("store.full") && found.contains("value.required-blank") && found.contains("table.shifted-columns"))
    }

    @Test("a code's domain")
    func domain() {
        #expect(ErrorCode("csv.unterminated-quote").domain == .csv)
        #expect(ErrorCode("nonsense").domain == nil && !ErrorCode("nonsense").isWellFormed)
        #expect(!ErrorCode("csv.").isWellFormed && !ErrorCode("csv.Bad").isWellFormed)
    }
}
