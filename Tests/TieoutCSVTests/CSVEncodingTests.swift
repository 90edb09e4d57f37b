import Foundation
import Testing
import TieoutCore
@testable import TieoutCSV

@Suite("CSV encodings")
struct CSVEncodingTests {
    @Test("GB18030 is detected; 2- and 4-byte characters decode; offsets are the file's bytes")
    func gb18030() throws {
        let r = try readAll(fixture("gb18030.csv"))
        #expect(r.encoding == .gb18030)
        #expect(r.records == [
            ["国库集中支付明细表", "", "", "", "", ""],
            ["单位：元", "", "", "", "", ""],
            [""],
            ["凭证号", "支付日期", "经济分类科目", "支出类型", "摘要", "金额"],
            ["记-101", "2024/3/5", "30201 办公费", "基本支出", "购买𠮷祥牌文具·ǹü", "12.30"],
            ["记-102", "2024年3月6日", "30217 公务接待费", "基本支出", "接待€", "0.50"],
            [""],
            ["记-103", "20240307", "30231 公务用车运行维护费", "基本支出", "加油", "100"],
        ])
        #expect(r.offsets == [0, 24, 38, 39, 87, 154, 212, 213])
        #expect(r.lines == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test("gbk and gb2312 are read as GB18030, their superset")
    func gbkAlias() throws {
        #expect(TextEncoding(name: "GBK") == .gb18030)
        #expect(TextEncoding(name: "gb2312") == .gb18030)
        let r = try readAll(fixture("gb18030.csv"), CSVOptions(encoding: .fixed(.gb18030)))
        #expect(r.records[4][4] == "购买𠮷祥牌文具·ǹü")
    }

    @Test("UTF-16 with a byte-order mark, either order", arguments: ["utf16le.txt", "utf16be.txt"])
    func utf16(_ name: String) throws {
        let r = try readAll(fixture(name))
        #expect(r.encoding == (name == "utf16le.txt" ? .utf16le : .utf16be))
        #expect(r.delimiter == "tab")
        #expect(r.records == [["凭证号", "支付日期", "金额"], ["记-201", "2024-05-01", "1,000.00"], ["记-202", "2024-05-02", "2\t000.00"]])
        // Offsets in UTF-16 bytes: BOM, then 2 bytes a character.
        #expect(r.offsets == [2, 26, 78])
        #expect(try readAll(fixture(name), CSVOptions(encoding: .utf16)).records == r.records)
    }

    @Test("UTF-16 without a mark is refused, not guessed")
    func utf16NoBOM() throws {
        let e = tieoutError { _ = try readAll(fixture("utf16le-nobom.txt")) }
        #expect(e?.code == "encoding.utf16-no-bom")
        #expect(e?.help == "Pass --encoding utf-16le (Windows' \"Unicode text\") or --encoding utf-16be.")
        let declared = try readAll(fixture("utf16le-nobom.txt"), CSVOptions(encoding: .fixed(.utf16le)))
        #expect(declared.records[1] == ["记-201", "2024-05-01", "1,000.00"])
    }

    @Test("a BOM that contradicts the declared encoding is an error")
    func bomConflict() {
        let e = tieoutError { _ = try readAll(fixture("utf8-bom-crlf.csv"), CSVOptions(encoding: .fixed(.gb18030))) }
        #expect(e?.code == "encoding.bom-conflict")
    }

    @Test("invalid UTF-8 is an error at its byte offset, after the good records")
    func invalidUTF8() throws {
        let reader = try CSVReader(path: fixture("invalid-utf8.csv"))
        #expect(reader.encoding == .utf8)
        var good = 0
        let e = tieoutError { while try reader.next() != nil { good += 1 } }
        #expect(good == 6001)
        #expect(e?.code == "encoding.invalid")
        #expect(e?.what == "bytes 0xFF 0x2C 0x32 0x2E at byte offset 90015 are not valid utf-8")
        #expect(e?.location?.line == 6002)
        #expect(e?.location?.column == 4)
        #expect(e?.location?.byteOffset == 90015)
    }

    @Test("invalid GB18030 is an error at its byte offset")
    func invalidGB() throws {
        let e = tieoutError { _ = try readAll(fixture("invalid-gb18030.csv")) }
        #expect(e?.what == "bytes 0x81 0x20 0x2C 0x32 at byte offset 22 are not valid gb18030")
        #expect(e?.location?.line == 3)
        #expect(e?.location?.column == 1)
    }

    @Test("the decoders agree with the C library on every GB18030 two-byte code")
    func gbTable() throws {
        let tables = try #require(GB18030Tables.shared)
        // 中 = D6 D0, 文 = CE C4, € = A2 E3, · = A1 A4.
        #expect(tables.twoByte[(0xD6 - 0x81) * 191 + (0xD0 - 0x40)] == 0x4E2D)
        #expect(tables.twoByte[(0xCE - 0x81) * 191 + (0xC4 - 0x40)] == 0x6587)
        #expect(tables.twoByte[(0xA2 - 0x81) * 191 + (0xE3 - 0x40)] == 0x20AC)
        // U+0080 is the first four-byte code: 81 30 81 30.
        #expect(tables.fourByteBMP[0] == 0x80)
        let decoded = tables.twoByte.filter { $0 != 0 }.count
        #expect(decoded > 21_000)
    }
}

@Suite("Fuzz findings")
struct FuzzFindingTests {
    /// Found by scripts/fuzz-csv: UTF-16 text without a mark was detected as
    /// GB18030 when the reader's chunk was small (the sample was the chunk).
    /// Detection now always looks at the same 64 KiB, and any NUL byte refuses the file.
    @Test("encoding detection does not depend on the chunk size")
    func detectionIndependentOfChunk() throws {
        let names = ["utf8.csv", "gb18030.csv", "utf16le.txt", "utf16le-nobom.txt", "invalid-utf8.csv",
                     "invalid-gb18030.csv", "quoted-newlines.csv"]
        for name in names {
            for chunk in [1, 16, 1 << 20] {
                var o = CSVOptions()
                o.chunkSize = chunk
                func outcome(_ options: CSVOptions) -> String {
                    do { return try CSVReader(path: fixture(name), options: options).encoding.name }
                    catch { return error.code.rawValue }
                }
                #expect(outcome(CSVOptions()) == outcome(o), "\(name) chunk \(chunk)")
            }
        }
        // The fuzzer's input: an encoding-choice byte (0, detect), then UTF-16LE without a mark.
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("fuzz/detect-chunk-size.bin"))))
        let path = FileManagerShim.temporaryFile(contents: Array(bytes.dropFirst()))
        for chunk in [16, 1 << 20] {
            var o = CSVOptions()
            o.chunkSize = chunk
            #expect(tieoutError { _ = try CSVReader(path: path, options: o) }?.code == "encoding.utf16-no-bom")
        }
    }

    /// Every input scripts/fuzz-csv found: the first byte picks the encoding, the
    /// rest is the file. A tiny chunk and the default one must agree, records or error.
    /// (prefetch-race.bin, utf16-fault-column.bin: the consumer read a slot's error
    /// after handing the slot back, so a later chunk's fault was raised too early.)
    @Test("fuzz findings read the same at every chunk size")
    func fuzzFindings() throws {
        let choices: [EncodingChoice] = [.detect, .fixed(.utf8), .fixed(.gb18030), .utf16, .fixed(.utf16le), .fixed(.utf16be)]
        let dir = (fixture("fuzz/prefetch-race.bin") as NSString).deletingLastPathComponent
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            let path = FileManagerShim.temporaryFile(contents: Array(bytes.dropFirst()))
            var outcomes: [String] = []
            for chunk in [16, 1 << 20] {
                var o = CSVOptions(encoding: choices[Int(bytes[0]) % choices.count], dialect: .comma)
                o.chunkSize = chunk
                do { outcomes.append(String(describing: try readAll(path, o).records)) }
                catch { outcomes.append((error as? TieoutError)?.message ?? "\(error)") }
            }
            #expect(outcomes[0] == outcomes[1], "\(name)")
        }
    }

    @Test("records longer than a chunk's headroom read the same (the spill buffer)")
    func longRecords() throws {
        let long = String(repeating: "长字段,", count: 3000)   // 21 KB of one record
        let text = "a,b\n" + long + "x\n1,2\n\"" + String(repeating: "引号\n内", count: 2000) + "\",3\n"
        let path = FileManagerShim.temporaryFile(contents: Array(text.utf8))
        let whole = try readAll(path, CSVOptions(dialect: .comma))
        #expect(whole.records.count == 4)
        #expect(whole.records[1].count == 3001)
        #expect(whole.lines == [1, 2, 3, 4])
        for chunk in [16, 100, 4096] {
            let parts = try readAll(path, chunk: chunk, dialect: .comma)
            #expect(parts.records == whole.records)
            #expect(parts.offsets == whole.offsets)
        }
    }
}
