import Testing
import TieoutCore
@testable import TieoutCSV

@Suite("CSV dialects and line ends")
struct CSVDialectTests {
    static let expected = [
        ["凭证号", "支付日期", "经济分类科目", "支出类型", "摘要", "金额"],
        ["记-001", "2024-01-05", "30201 办公费", "基本支出", "购买复印纸", "1,234.56"],
        ["记-002", "2024-02-10", "30211 差旅费", "基本支出", "报销张伟赴北京出差, 含住宿", "800.00"],
        ["记-003", "2024-04-01", "31002 办公设备购置", "项目支出", "支付\"政务服务\"设备款", "(2,000.00)"],
    ]

    @Test("LF, CRLF with BOM, CR only and no final newline read the same",
          arguments: ["utf8.csv", "utf8-bom-crlf.csv", "cr-only.csv", "no-final-newline.csv"])
    func lineEnds(_ name: String) throws {
        let r = try readAll(fixture(name))
        #expect(r.records == Self.expected)
        #expect(r.lines == [1, 2, 3, 4])
        #expect(r.encoding == .utf8)
        #expect(r.delimiter == ",")
        #expect(r.warnings.isEmpty)
    }

    @Test("byte offsets count the BOM and CRLF")
    func offsets() throws {
        #expect(try readAll(fixture("utf8-bom-crlf.csv")).offsets == [3, 73, 149, 246])
        let reader = try CSVReader(path: fixture("utf8-bom-crlf.csv"))
        #expect(reader.hasByteOrderMark)
    }

    @Test("delimiters are sniffed", arguments: [
        ("semicolon.csv", ";", [["a", "b", "c"], ["1", "2;3", "4"]]),
        ("pipe.csv", "|", [["名称", "金额", "日期"], ["办公费", "1,234.56", "2024-01-01"], ["差旅费", "7.00", "2024-01-02"]]),
        ("tab.tsv", "tab", [["a", "b", "c"], ["1", "2", "3"]]),
        ("utf8.csv", ",", expected),
    ])
    func sniffed(_ name: String, _ delimiter: String, _ records: [[String]]) throws {
        let r = try readAll(fixture(name))
        #expect(r.delimiter == delimiter)
        #expect(r.records == records)
    }

    @Test("a declared delimiter wins over sniffing")
    func declared() throws {
        let r = try readAll(fixture("semicolon.csv"), CSVOptions(dialect: .comma))
        #expect(r.delimiter == ",")
        #expect(r.records == [["a;b;c"], ["1;\"2;3\";4"]])
        #expect(r.warnings.map(\.code) == ["csv.stray-quote"])
    }

    @Test("quoted fields keep delimiters, doubled quotes and line breaks")
    func quoted() throws {
        let r = try readAll(fixture("quoted-newlines.csv"))
        #expect(r.records == [
            ["id", "memo", "amount"],
            ["1", "line one\r\nline two", "1.00"],
            ["2", "lf only\nhere", "2.00"],
            ["3", "\"quoted\" start, and comma", "3.00"],
            ["4", "", "4.00"],
        ])
        // Physical lines: a quoted line break makes a record span two lines.
        #expect(r.lines == [1, 2, 4, 6, 7])
        #expect(r.offsets == [0, 16, 45, 68, 106])
    }

    @Test("ragged rows are read as they are")
    func ragged() throws {
        let r = try readAll(fixture("ragged.csv"))
        #expect(r.records.map(\.count) == [3, 3, 2, 4])
        #expect(r.records[3] == ["6", "7", "8", "9"])
    }

    @Test("every chunk size gives the same records", arguments: [1, 2, 3, 5, 16, 4096])
    func chunkBoundaries(_ chunk: Int) throws {
        for name in ["utf8.csv", "utf8-bom-crlf.csv", "cr-only.csv", "no-final-newline.csv", "quoted-newlines.csv",
                     "gb18030.csv", "utf16le.txt", "utf16be.txt", "ragged.csv", "semicolon.csv"] {
            let whole = try readAll(fixture(name))
            let parts = try readAll(fixture(name), chunk: chunk, dialect: CSVDialect(delimiterName: whole.delimiter))
            #expect(parts.records == whole.records, "\(name) at chunk \(chunk)")
            #expect(parts.lines == whole.lines, "\(name) at chunk \(chunk)")
            #expect(parts.offsets == whole.offsets, "\(name) at chunk \(chunk)")
        }
    }
}

