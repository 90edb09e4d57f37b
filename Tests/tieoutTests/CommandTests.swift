import Foundation
import Testing

@Suite("Commands")
struct CommandTests {
    @Test("cat writes every record, title lines included, as UTF-8 CSV")
    func catCSV() throws {
        let r = try CLI.run(["cat", "gb18030.csv"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
        国库集中支付明细表,,,,,\r
        单位：元,,,,,\r
        \r
        凭证号,支付日期,经济分类科目,支出类型,摘要,金额\r
        记-101,2024/3/5,30201 办公费,基本支出,购买𠮷祥牌文具·ǹü,12.30\r
        记-102,2024年3月6日,30217 公务接待费,基本支出,接待€,0.50\r
        \r
        记-103,20240307,30231 公务用车运行维护费,基本支出,加油,100\r

        """)
    }

    @Test("cat quotes what needs quoting")
    func catQuoting() throws {
        let r = try CLI.run(["cat", "quoted-newlines.csv", "--eol", "lf"])
        #expect(r.stdout == "id,memo,amount\n1,\"line one\r\nline two\",1.00\n2,\"lf only\nhere\",2.00\n3,\"\"\"quoted\"\" start, and comma\",3.00\n4,,4.00\n")
    }

    @Test("cat --json writes one object per data row, keyed by the header")
    func catJSON() throws {
        let r = try CLI.run(["cat", "utf16le.txt", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        {"凭证号":"记-201","支付日期":"2024-05-01","金额":"1,000.00"}
        {"凭证号":"记-202","支付日期":"2024-05-02","金额":"2\\t000.00"}

        """)
    }

    @Test("cat --json keys ragged fields by letter and warns")
    func catJSONRagged() throws {
        let r = try CLI.run(["cat", "ragged.csv", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        {"a":"1","b":"2","c":"3"}
        {"a":"4","b":"5","c":null}
        {"a":"6","b":"7","c":"8","D":"9"}

        """)
        #expect(r.stderr.components(separatedBy: "Warning: record").count - 1 == 2)
        #expect(r.stderr.hasPrefix("Warning: record 3 has 2 fields but the header has 3 at ragged.csv:3 (record 3, byte 12)\n"))
    }

    @Test("sheets lists the table with its counts")
    func sheets() throws {
        let r = try CLI.run(["sheets", "--lang", "en", "gb18030.csv"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        #  name         rows  columns  header    title lines  blank lines  ragged  encoding  delimiter
        1  gb18030.csv     3        6  record 4            2            2       0  gb18030   ,

        """)
        let j = try CLI.run(["sheets", "--lang", "en", "utf8-bom-crlf.csv", "--json"])
        #expect(j.stdout == """
        {"tables":[{"index":1,"name":"utf8-bom-crlf.csv","kind":"csv","rows":3,"columns":6,"header_record":1,"column_names":["凭证号","支付日期","经济分类科目","支出类型","摘要","金额"],"title_lines":0,"blank_lines":0,"ragged_rows":0,"records":4,"encoding":"utf-8","bom":true,"delimiter":","}]}

        """)
    }

    @Test("totals: exact sums by quarter and kind; rejected rows listed with their place; exit 1")
    func totals() throws {
        let r = try CLI.run(["totals", "--lang", "en", "totals.csv", "--sum", "金额", "--by", "支付日期:quarter,支出类型"])
        #expect(r.status == 1)
        #expect(r.stdout == """
        支付日期:quarter  支出类型              sum  count
        2024Q1            基本支出           900.05      2
        2024Q1            项目支出           200.00      1
        2024Q2            基本支出             0.01      1
        2024Q4            基本支出           0.9946      1
        2024Q4            项目支出    12,345,678.90      1
        total                       12,346,779.9546      6
        rows 9: accepted 6, rejected 3; blank lines 1, title lines 0

        """)
        // Hand-checked: Q1 基本支出 = 1,000.10 + (100.05) = 900.05; the total 12,346,779.9546
        // is 900.05 + 200.00 + 0.01 + 0.9946 + 12,345,678.90.
        #expect(r.stderr == """
        Rejected: "1,23.4" is not a valid amount: a thousands separator must have 1 to 3 digits before it and exactly 3 after it at totals.csv:6:4 (record 6, column D 金额, byte 179)
        Rejected: the amount is blank (blank is absent, never zero) at totals.csv:7:4 (record 7, column D 金额, byte 214)
        Rejected: "2024-13-01" is not a valid date: month 13 is not between 1 and 12 at totals.csv:8:2 (record 8, column B 支付日期, byte 241)

        """)
    }

    @Test("totals --json: groups, counts and every reject")
    func totalsJSON() throws {
        let r = try CLI.run(["totals", "--lang", "en", "totals.csv", "--sum", "D", "--by", "支出类型", "--json"])
        #expect(r.status == 1)
        // Grouped by kind only, the row dated 2024-13-01 is accepted: its date is not used.
        #expect(r.stdout == """
        {"file":"totals.csv","sum_column":"金额","by":["支出类型"],"groups":[{"key":["基本支出"],"sum":"906.0546","count":5},{"key":["项目支出"],"sum":"12345878.90","count":2}],"total":"12346784.9546","rows":9,"accepted":7,"rejected":2,"blank_lines":1,"title_lines":0,"rejects":[{"file":"totals.csv","sheet":null,"record":6,"line":6,"column":"D","cell":"D6","byte_offset":179,"code":"value.amount","reason":"\\"1,23.4\\" is not a valid amount: a thousands separator must have 1 to 3 digits before it and exactly 3 after it"},{"file":"totals.csv","sheet":null,"record":7,"line":7,"column":"D","cell":"D7","byte_offset":214,"code":"value.blank-amount","reason":"the amount is blank (blank is absent, never zero)"}]}

        """)
    }

    @Test("totals with no rejects exits 0 and sums by month")
    func totalsClean() throws {
        let r = try CLI.run(["totals", "--lang", "en", "../../../samples/csv/treasury-2024-q1.csv", "--sum", "金额", "--by", "支付日期:month", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"groups\":[{\"key\":[\"2024-01\"],\"sum\":\"591123.63\",\"count\":8},{\"key\":[\"2024-02\"],\"sum\":\"398235.32\",\"count\":8},{\"key\":[\"2024-03\"],\"sum\":\"284120.42\",\"count\":9}]"))
        #expect(r.stdout.contains("\"total\":\"1273479.37\",\"rows\":25,\"accepted\":25,\"rejected\":0,\"blank_lines\":0,\"title_lines\":2,\"rejects\":[]"))
    }

    @Test("totals rejects ragged rows: their columns may be shifted")
    func totalsRagged() throws {
        let r = try CLI.run(["totals", "--lang", "en", "ragged.csv", "--sum", "c", "--json"])
        #expect(r.status == 1)
        #expect(r.stdout == """
        {"file":"ragged.csv","sum_column":"c","by":[],"groups":[{"key":[],"sum":"3","count":1}],"total":"3","rows":3,"accepted":1,"rejected":2,"blank_lines":0,"title_lines":0,"rejects":[{"file":"ragged.csv","sheet":null,"record":3,"line":3,"column":null,"cell":null,"byte_offset":12,"code":"table.shifted-columns","reason":"the record has 2 fields but the header has 3, so its columns may be shifted"},{"file":"ragged.csv","sheet":null,"record":4,"line":4,"column":null,"cell":null,"byte_offset":16,"code":"table.shifted-columns","reason":"the record has 4 fields but the header has 3, so its columns may be shifted"}]}

        """)
    }

    @Test("cat warns about ragged rows and still writes them")
    func catRagged() throws {
        let r = try CLI.run(["cat", "ragged.csv", "--eol", "lf"])
        #expect(r.status == 0)
        #expect(r.stdout == "a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
        #expect(r.stderr == """
        Warning: record 3 has 2 fields but the header has 3 at ragged.csv:3 (record 3, byte 12)
        Help: Check the export for a missing or extra delimiter on this line; a delimiter inside a value must be quoted.
        Warning: record 4 has 4 fields but the header has 3 at ragged.csv:4 (record 4, byte 16)
        Help: Check the export for a missing or extra delimiter on this line; a delimiter inside a value must be quoted.

        """)
    }
}

@Suite("Workbook commands")
struct WorkbookCommandTests {
    static let fixtures = CLI.root.appendingPathComponent("Tests/TieoutXLSXTests/Fixtures").path

    @Test("cat writes a sheet as CSV: exact numbers, TRUE/FALSE, shared strings")
    func cat() throws {
        let r = try CLI.run(["cat", "minimal.xlsx", "--eol", "lf"], in: Self.fixtures)
        #expect(r.status == 0)
        #expect(r.stdout == "金额,基本支出\n1234.56,TRUE\n")
    }

    @Test("sheets lists state, kind, rows, columns and dimension")
    func sheets() throws {
        let r = try CLI.run(["sheets", "--lang", "en", "minimal.xlsx"], in: Self.fixtures)
        #expect(r.status == 0)
        #expect(r.stdout == """
        #  name    state    kind       rows  columns  dimension  merged
        1  Sheet1  visible  worksheet     2        2  A1:B2      -

        """)
    }

    @Test("totals on a workbook: exact sum from a number cell")
    func totals() throws {
        let r = try CLI.run(["totals", "--lang", "en", "minimal.xlsx", "--sum", "金额", "--json"], in: Self.fixtures)
        #expect(r.status == 0)
        #expect(r.stdout == """
        {"file":"minimal.xlsx","sum_column":"金额","by":[],"groups":[{"key":[],"sum":"1234.56","count":1}],"total":"1234.56","rows":1,"accepted":1,"rejected":0,"blank_lines":0,"title_lines":0,"rejects":[]}

        """)
    }

    @Test("refusals: password-protected, a damaged .xls, a DTD")
    func refusals() throws {
        // legacy.xls is a Compound File header and nothing else: .xls files are read now (XLSReadingTests), a damaged one is refused.
        let legacy = try CLI.run(["cat", "legacy.xls"], in: Self.fixtures)
        #expect(legacy.status == 2)
        #expect(legacy.stderr == """
        Error: legacy.xls cannot be read as a .xls workbook: its Compound File header is damaged at legacy.xls
        Help: Open it in Excel or LibreOffice and save it again (as .xls or .xlsx), then read that copy.

        """)
        let dtd = try CLI.run(["cat", "billion-laughs.xlsx"], in: Self.fixtures)
        #expect(dtd.status == 2)
        #expect(dtd.stderr == """
        Error: part xl/worksheets/sheet1.xml of billion-laughs.xlsx declares a DTD, which Office Open XML forbids at billion-laughs.xlsx
        Help: This file was not written by an office suite and may be hostile (entity expansion); do not open it elsewhere either.

        """)
    }
}

@Suite("Workbook options")
struct WorkbookOptionTests {
    @Test("--fill-merged copies merged header cells; --range keeps a window")
    func mergedAndRange() throws {
        let dir = WorkbookCommandTests.fixtures
        let filled = try CLI.run(["cat", "libreoffice-budget.xlsx", "--eol", "lf", "--fill-merged"], in: dir)
        #expect(filled.status == 0)
        #expect(filled.stdout == """
        项目,日期,预算数,预算数,执行率
        项目,日期,基本支出,项目支出,执行率
        政务信息化系统运维,2024-03-05,10367900.12,-1200.5,0.9946
        12345热线,2024-12-31,0.1,2422.3,1.0845

        """)
        let window = try CLI.run(["cat", "libreoffice-budget.xlsx", "--eol", "lf", "--range", "B2:D3"], in: dir)
        #expect(window.stdout == ",基本支出,项目支出\n2024-03-05,10367900.12,-1200.5\n")
        let bad = try CLI.run(["cat", "libreoffice-budget.xlsx", "--range", "A0:B2"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr == "Error: 'A0:B2' is not a cell range\nHelp: Write a range as A1:H200 (columns A to XFD, rows 1 to 1048576).\n")
    }

    @Test("totals on a workbook: dates from date cells; a text cell where an amount is expected is rejected at its cell")
    func workbookTotals() throws {
        let r = try CLI.run(["totals", "--lang", "en", "libreoffice-budget.xlsx", "--sum", "预算数", "--by", "日期:month", "--json"], in: WorkbookCommandTests.fixtures)
        #expect(r.status == 1)
        #expect(r.stdout == """
        {"file":"libreoffice-budget.xlsx","sum_column":"预算数","by":["日期:month"],"groups":[{"key":["2024-03"],"sum":"10367900.12","count":1},{"key":["2024-12"],"sum":"0.1","count":1}],"total":"10367900.22","rows":3,"accepted":2,"rejected":1,"blank_lines":0,"title_lines":0,"rejects":[{"file":"libreoffice-budget.xlsx","sheet":"预算执行","record":null,"line":2,"column":"C","cell":"C2","byte_offset":null,"code":"value.amount","reason":"\\"基本支出\\" is not a valid amount: '基' cannot appear in a number"}]}

        """)
        #expect(r.stderr == "Rejected: \"基本支出\" is not a valid amount: '基' cannot appear in a number at libreoffice-budget.xlsx[预算执行]!C2 (column C 预算数)\n")
    }

    @Test("totals: a sum past 38 digits is a rejected row, not a crash")
    func overflow() throws {
        let nines = String(repeating: "9", count: 38)
        let dir = FileManager.default.temporaryDirectory.path
        let path = dir + "/tieout-overflow.csv"
        try "名称,金额\na,\(nines)\nb,\(nines)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["totals", "--lang", "en", "tieout-overflow.csv", "--sum", "金额"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "Rejected: adding this amount would take a sum past 38 digits, beyond any ledger at tieout-overflow.csv:3:2 (record 3, column B 金额, byte 55)\n")   // 14 bytes of header + 41 of record 2
    }

    @Test("totals --range on a workbook: the window is the table; places name the sheet's own cells")
    func workbookRange() throws {
        let dir = WorkbookCommandTests.fixtures
        let r = try CLI.run(["totals", "--lang", "en", "libreoffice-budget.xlsx", "--range", "B2:D4", "--sum", "项目支出", "--by", "基本支出", "--json"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"groups\":[{\"key\":[\"0.1\"],\"sum\":\"2422.3\",\"count\":1},{\"key\":[\"10367900.12\"],\"sum\":\"-1200.5\",\"count\":1}],\"total\":\"1221.8\",\"rows\":2"))
        let rejected = try CLI.run(["totals", "--lang", "en", "libreoffice-budget.xlsx", "--range", "B1:D4", "--sum", "预算数"], in: dir)
        #expect(rejected.status == 1)
        #expect(rejected.stderr == "Rejected: \"基本支出\" is not a valid amount: '基' cannot appear in a number at libreoffice-budget.xlsx[预算执行]!C2 (column C 预算数)\n")
    }

    @Test("a formula without a cached value: a warning in cat and sheets, a rejected amount in totals")
    func formulaWithoutValue() throws {
        let dir = WorkbookCommandTests.fixtures
        let help = "Help: Open the workbook in Excel or LibreOffice, let it recalculate, and save it again.\n"
        let cat = try CLI.run(["cat", "formula-no-value.xlsx", "--eol", "lf"], in: dir)
        #expect(cat.status == 0)
        #expect(cat.stdout == "金额,基本支出\n5,\n")
        #expect(cat.stderr == "Warning: cell B2 has a formula but no cached value, so it was written empty at formula-no-value.xlsx[Sheet1]\n" + help)
        let sheets = try CLI.run(["sheets", "--lang", "en", "formula-no-value.xlsx"], in: dir)
        #expect(sheets.stderr == "Warning: cell B2 has a formula but no cached value at formula-no-value.xlsx[Sheet1]\n" + help)
        let totals = try CLI.run(["totals", "--lang", "en", "formula-no-value.xlsx", "--sum", "基本支出"], in: dir)
        #expect(totals.status == 1)
        #expect(totals.stderr == "Rejected: the cell has a formula but no cached value, so its amount is unknown (recalculate and save the workbook) at formula-no-value.xlsx[Sheet1]!B2 (column B 基本支出)\n")
    }
}

/// With --json, everything a program reads is JSON with codes: a failure too.
@Suite("Error codes in --json")
struct JSONErrorTests {
    @Test("a command run with --json that fails prints its error as JSON on stderr, with the code; without --json, Error/Help text")
    func failure() throws {
        let r = try CLI.run(["totals", "--lang", "en", "totals.csv", "--sum", "金額", "--json"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == """
            {"error":{"code":"usage.column","message":"totals.csv has no column '金額' at totals.csv (record 1)","place":{"file":"totals.csv","sheet":null,"line":null,"record":1,"column":null,"cell":null},"help":"Name a column by its header ('凭证号', '支付日期', '支出类型', '金额'), its letter (H) or its position (#8)."}}

            """)
        let text = try CLI.run(["totals", "--lang", "en", "totals.csv", "--sum", "金額"])
        #expect(text.status == 2 && text.stderr.hasPrefix("Error: totals.csv has no column '金額' at totals.csv (record 1)\nHelp: "))
    }
}

extension JSONErrorTests {
    @Test("ingest --json: a ledger that cannot be read has its error and its code")
    func ingestFailure() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try "国库集中支付明细表（2024年12月）\n单位：元\n凭证号,支付日期,经济分类,支出类型,金额\n记-1,2024-12-31,30201 办公费,基本支出,\"12.00\n".write(toFile: dir + "/" + ws + "/ledgers/treasury/2024-12-extra.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["ingest", ws, "--json"], in: dir)
        #expect(r.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let failed = (report["files"] as! [[String: Any]]).filter { $0["status"] as? String == "failed" }
        #expect(failed.map { $0["path"] as? String } == ["ledgers/treasury/2024-12-extra.csv"])
        #expect(failed.first?["error_code"] as? String == "csv.unterminated-quote")
    }
}
