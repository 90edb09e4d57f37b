import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutCSV

/// Issue 22, item 7. Before: any bytes that are not UTF-8 were read as GB18030, so a
/// Windows-1252 or Latin-1 file read `première` as `premi鑢e`, silently; a UTF-32 file with
/// its byte-order mark was read as UTF-16 (values full of NULs).
@Suite("CSV encodings beyond UTF-8 and GB18030")
struct CSVWesternEncodingTests {
    static func file(_ bytes: [UInt8]) -> String { FileManagerShim.temporaryFile(contents: bytes) }
    static let text = "Name,Ort,Betrag\nÖkman,Malmö,1.00\npremière,Zürich,2.50\n"
    static let records = [["Name", "Ort", "Betrag"], ["Ökman", "Malmö", "1.00"], ["première", "Zürich", "2.50"]]
    static func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8($0.value) } }

    @Test("UTF-32 is detected by its byte-order mark, either order (FF FE 00 00 before FF FE)", arguments: [false, true])
    func utf32(_ bigEndian: Bool) throws {
        let s = "凭证号,金额\n记-1,1.00\n"
        var bytes: [UInt8] = bigEndian ? [0, 0, 0xFE, 0xFF] : [0xFF, 0xFE, 0, 0]
        for u in s.unicodeScalars {
            let v = u.value
            let b = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            bytes += bigEndian ? b : b.reversed()
        }
        let r = try readAll(Self.file(bytes))
        #expect(r.encoding == (bigEndian ? .utf32be : .utf32le))
        #expect(r.records == [["凭证号", "金额"], ["记-1", "1.00"]])
        #expect(r.offsets == [4, 4 + 4 * 7])
        #expect(try readAll(Self.file(bytes), CSVOptions(encoding: .fixed(bigEndian ? .utf32be : .utf32le))).records == r.records)
    }

    @Test("Latin-1 text is refused with the candidates, not read as GB18030")
    func latin1Refused() throws {
        let e = tieoutError { _ = try readAll(Self.file(Self.latin1(Self.text))) }
        #expect(e?.code == "encoding.unknown")
        #expect(e?.what.hasSuffix("is not UTF-8, and as GB18030 it does not read as Chinese (0 common hanzi against 4 rare codes, 3 of them an accented Latin letter before a letter): line 2 would read '\u{8B10}man,Malm\u{FFFD},1.00' as GB18030, 'Ökman,Malmö,1.00' as windows-1252") == true, "\(e?.what ?? "")")
        #expect(e?.location?.line == 2)
        #expect(e?.help == "Name its encoding: --encoding windows-1252 (Western European Windows exports), --encoding latin-1 (ISO-8859-1), or --encoding gb18030 if it is Chinese after all (in a profile: encoding: windows-1252).")
    }

    @Test("latin-1 and windows-1252 read as declared; windows-1252's € and quotes", arguments: ["latin-1", "windows-1252", "ISO-8859-1", "cp1252"])
    func declared(_ name: String) throws {
        let choice = try #require(EncodingChoice(name: name))
        let r = try readAll(Self.file(Self.latin1(Self.text)), CSVOptions(encoding: choice))
        #expect(r.records == Self.records)
        #expect(r.offsets == [0, 16, 33])
        let quoted = try readAll(Self.file(Self.latin1("a,b\n") + [0x93, 0x78, 0x94, 0x2C, 0x80, 0x35, 0x0A]), CSVOptions(encoding: choice))
        let w = choice == .fixed(.windows1252)
        #expect(quoted.records[1] == (w ? ["\u{201C}x\u{201D}", "€5"] : ["\u{93}x\u{94}", "\u{80}5"]))
    }

    @Test("windows-1252's undefined bytes are an error, with latin-1 as the way out")
    func undefined1252() throws {
        let e = tieoutError { _ = try readAll(Self.file(Self.latin1("a,b\n1,2\n") + [0x81, 0x0A]), CSVOptions(encoding: .fixed(.windows1252))) }
        #expect(e?.code == "encoding.invalid")
        #expect(e?.what == "bytes 0x81 0x0A at byte offset 8 are not valid windows-1252")
        #expect(e?.help.hasPrefix("Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined: if the file is ISO-8859-1, pass --encoding latin-1") == true)
    }

    @Test("short files: Latin-1 is refused, Chinese is GB18030", arguments: [
        (CSVWesternEncodingTests.latin1("café\n"), nil), (CSVWesternEncodingTests.latin1("première\n"), nil), (CSVWesternEncodingTests.latin1("ÖK\n"), nil),
        ([0xBD, 0xF0, 0xB6, 0xEE, 0x0A], "gb18030"),                   // 金额
        ([0xD6, 0xD0, 0x0A], "gb18030"),                                // 中
    ] as [([UInt8], String?)])
    func short(_ bytes: [UInt8], _ expected: String?) {
        let got: String
        do { got = try CSVReader(path: Self.file(bytes)).encoding.name } catch { got = error.code.rawValue }
        #expect(got == (expected ?? "encoding.unknown"))
    }

    @Test("the plausibility rule: level-1 hanzi common, level-2 and extensions rare, punctuation neutral")
    func rule() {
        func judge(_ b: [UInt8]) -> GB18030Plausibility { b.withUnsafeBufferPointer { GB18030Plausibility($0.baseAddress!, $0.count) } }
        // 金额，中 = BDF0 B6EE A3AC D6D0: 3 common, 1 neutral.
        var g = judge([0xBD, 0xF0, 0xB6, 0xEE, 0xA3, 0xAC, 0xD6, 0xD0])
        #expect(g.common == 3 && g.neutral == 1 && g.rare == 0 && g.isPlausible)
        // Level-2 (D8A1), GBK extension (8140), four bytes (8130 8130), a Latin pair (E8 72), 0x80.
        g = judge([0xD8, 0xA1, 0x81, 0x40, 0x81, 0x30, 0x81, 0x30, 0xE8, 0x72, 0x80])
        #expect(g.common == 0 && g.rare == 5 && g.latinPairs == 1 && !g.isPlausible && g.firstRare == 0)
        // Three common to one rare is plausible; two to one is not.
        #expect(judge([0xBD, 0xF0, 0xB6, 0xEE, 0xD6, 0xD0, 0xD8, 0xA1]).isPlausible)
        #expect(!judge([0xBD, 0xF0, 0xB6, 0xEE, 0xD8, 0xA1]).isPlausible)
        // Punctuation alone is not Chinese enough to guess.
        #expect(!judge([0xA3, 0xAC]).isPlausible)
    }

    @Test("the samples' GB18030 ledgers are still detected as GB18030")
    func samples() throws {
        let dir = repositoryRoot + "/samples/futian-2024/ledgers/treasury"
        var gb = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".csv") {
            let reader = try CSVReader(path: dir + "/" + name)
            if reader.encoding == .gb18030 { gb += 1; while try reader.next() != nil {} }
        }
        #expect(gb == 7)
        #expect(try CSVReader(path: repositoryRoot + "/samples/csv/treasury-2024-q1.csv").encoding == .gb18030)
    }
}

/// Issue 22, item 8. Before: Excel's `sep=;` first line was read as a record (the header
/// then was `sep=`, and the delimiter was sniffed from the rest).
@Suite("Excel's sep= line")
struct SeparatorLineTests {
    static func file(_ s: String) -> String { FileManagerShim.temporaryFile(contents: Array(s.utf8)) }

    @Test("sep=X is a dialect hint, not a record: skipped, its delimiter used, places kept", arguments: ["\n", "\r\n"])
    func hint(_ eol: String) throws {
        let r = try readAll(Self.file("sep=;\(eol)A;B,x\(eol)1;2,5\(eol)"))
        #expect(r.records == [["A", "B,x"], ["1", "2,5"]])
        #expect(r.delimiter == ";")
        #expect(r.lines == [2, 3])
        #expect(r.offsets == [Int64(5 + eol.utf8.count), Int64(5 + eol.utf8.count + 5 + eol.utf8.count)])
        let reader = try CSVReader(path: Self.file("SEP=|\(eol)a|b\(eol)"))
        #expect(reader.separatorHint == UInt8(ascii: "|"))
        #expect(try reader.next()?.number == 1)
    }

    @Test("after a UTF-8 BOM; a declared delimiter wins; only a line of its own is a hint")
    func variants() throws {
        let bom = FileManagerShim.temporaryFile(contents: [0xEF, 0xBB, 0xBF] + Array("sep=,\n金额,摘要\n".utf8))
        #expect(try readAll(bom).records == [["金额", "摘要"]])
        #expect(try readAll(Self.file("sep=;\na,b\n"), CSVOptions(dialect: .comma)).records == [["a", "b"]])
        #expect(try readAll(Self.file("sep=;x\na;b\n")).records == [["sep=", "x"], ["a", "b"]])
    }

    @Test("a delimiter Tieout does not read is refused")
    func unsupported() {
        let e = tieoutError { _ = try readAll(Self.file("sep=:\na:b\n")) }
        #expect(e?.code == "csv.delimiter")
        #expect(e?.what.hasSuffix("starts with 'sep=:', naming a delimiter Tieout does not read (it reads , ; | and tab)") == true)
    }
}
