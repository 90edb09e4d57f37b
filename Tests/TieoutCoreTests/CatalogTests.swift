import Testing
@testable import TieoutCore

/// The catalog of user-facing strings: one table per language, the same keys and placeholders
/// in each, and no Chinese in the English one.
@Suite("the string catalog")
struct CatalogTests {
    /// Templates whose languages count differently (Chinese names the whole, English the rest).
    static let differentPlaceholders: Set<String> = ["report.md.more"]

    @Test("both languages have every key, with the same placeholders")
    func sameKeys() {
        // Each key is defined in one part only (a second would be silently ignored).
        for parts in [Catalog.mainParts.zh, Catalog.mainParts.en] {
            var seen: [String: Int] = [:]
            for part in parts { for key in part.keys { seen[key, default: 0] += 1 } }
            #expect(seen.filter { $0.value > 1 }.keys.sorted() == [])
        }
        #expect(Set(Catalog.zh.keys).subtracting(Catalog.en.keys).sorted() == [])
        #expect(Set(Catalog.en.keys).subtracting(Catalog.zh.keys).sorted() == [])
        for (key, zh) in Catalog.zh where !Self.differentPlaceholders.contains(key) {
            #expect(Catalog.placeholders(zh) == Catalog.placeholders(Catalog.en[key] ?? ""), "\(key)")
        }
    }

    @Test("the English table holds no Chinese character or full-width punctuation")
    func englishIsEnglish() {
        for (key, en) in Catalog.en {
            let cjk = en.unicodeScalars.filter { (0x3000...0x303F).contains($0.value) || (0x3400...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
            #expect(cjk.isEmpty, "\(key): \(en)")
        }
    }

    @Test("placeholders are filled once, in one pass; a missing key shows as the key, never the other language")
    func filling() {
        #expect(Catalog.text("console.difference", english: false, ["value": "+0.50 万元"]) == "（差 +0.50 万元）")
        #expect(Catalog.text("console.difference", english: true, ["value": "{value}"]) == " (difference {value})")
        #expect(Catalog.text("no.such.key", english: true) == "{no.such.key}")
        #expect(Catalog.unit(.wanYuan, english: true) == "10k yuan" && Catalog.unit(.wanYuan, english: false) == "万元")
    }
}
