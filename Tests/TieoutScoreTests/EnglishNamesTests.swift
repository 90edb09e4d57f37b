import Testing
import TieoutCore
import TieoutIngest
import TieoutReconcile
import TieoutScore

/// `--lang en` shows the built-in figures' formulas and labels and the rubric's names in
/// English: every built-in definition has them, and none holds Chinese.
@Suite("English names of the built-in figures and rubric")
struct EnglishNamesTests {
    static func hasCJK(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x3000...0x303F).contains($0.value) || (0x3400...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
    }

    @Test("every built-in figure has an English title and formula, and an English label when it has a label")
    func figures() throws {
        let catalog = try FigureCatalog.builtIn(kinds: try KindCatalog.builtIn())
        for d in catalog.definitions {
            #expect(!Self.hasCJK(d.titleEn), "\(d.id): en \(d.titleEn)")
            #expect(d.formulaEn.map { !Self.hasCJK($0) } == true, "\(d.id): formula_en \(d.formulaEn ?? "missing")")
            if d.label != nil { #expect(d.labelEn.map { !Self.hasCJK($0) } == true, "\(d.id): label_en \(d.labelEn ?? "missing")") }
        }
    }

    @Test("every item and part of the built-in rubric has English names")
    func rubric() throws {
        let r = try Rubric.builtIn()
        #expect(r.titleEn.map { !Self.hasCJK($0) } == true)
        for i in r.items {
            for (what, en) in [("level1", i.level1En), ("level2", i.level2En), ("name", i.nameEn)] {
                #expect(en.map { !Self.hasCJK($0) } == true, "\(i.id): \(what)_en \(en ?? "missing")")
            }
            if case .sum(let parts) = i.rule {
                for p in parts {
                    #expect(p.nameEn.map { !Self.hasCJK($0) } == true, "\(i.id).\(p.id): name_en")
                    if p.note != nil { #expect(p.noteEn.map { !Self.hasCJK($0) } == true, "\(i.id).\(p.id): note_en") }
                }
            }
        }
    }
}
