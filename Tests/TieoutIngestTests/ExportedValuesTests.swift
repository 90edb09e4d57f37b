import Foundation
import TieoutTestSupport
import Testing
import TieoutCore
@testable import TieoutIngest

/// Dates and numbers as systems export them (issue 21, item 9): every form read exactly.
@Suite("Dates and numbers as exported")
struct ExportedValuesTests {
    static let payments = """
        kind: treasury-payment
        columns:
          date: 支付日期
          voucher: 凭证号
          economic_class: 经济分类
          spend_type: 支出类型
          amount: 金额
        """

    /// A sheet whose cells are written as given: `n:45356` a general-format number (no style),
    /// anything else an inline string.
    static func workbook(_ rows: [[String]]) throws -> String {
        var xml = ""
        for (r, row) in rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, v) in row.enumerated() {
                let ref = SourceLocation.letter(forColumn: c + 1) + String(r + 1)
                if v.hasPrefix("n:") { xml += #"<c r="\#(ref)"><v>\#(v.dropFirst(2))</v></c>"# }
                else { xml += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(v)</t></is></c>"# }
            }
            xml += "</row>"
        }
        return try madeWorkbook(sheets: [("Sheet1", xml)])
    }

    @Test("XLSX general-format numbers in a date field: 45356 (serial), 45356.75 (time dropped), 20240305; text 2024.03.05, 2024年3月5日, 20240305; amounts as text, exact")
    func xlsxDatesAndAmounts() throws {
        let header = ["支付日期", "凭证号", "经济分类", "支出类型", "金额"]
        let path = try Self.workbook([header,
            ["n:45356", "1", "30201", "基本支出", "1,234.56"],
            ["n:20240305", "2", "30201", "基本支出", "￥1,234,567.00"],
            ["n:45356.75", "3", "30201", "基本支出", "¥1,234.56"],
            ["2024.03.05", "4", "30201", "基本支出", "n:1234.5"],
            ["2024年3月5日", "5", "30201", "基本支出", "１，２３４．５６"],
            ["20240305", "6", "30201", "基本支出", " 1,234.56 "],
            ["n:3", "7", "30201", "基本支出", "1"],
            ["n:20240230", "8", "30201", "基本支出", "1"],
        ])
        let (records, rejects, result) = try apply(Self.payments, to: path)
        #expect(records.map { $0["date"]!.description } == Array(repeating: "2024-03-05", count: 6))
        #expect(records.map { $0["amount"]! } == [.amount(Amount(significand: 123456, scale: 2)), .amount(Amount(significand: 123456700, scale: 2)),
                                                  .amount(Amount(significand: 123456, scale: 2)), .amount(Amount(significand: 12345, scale: 1)),
                                                  .amount(Amount(significand: 123456, scale: 2)), .amount(Amount(significand: 123456, scale: 2))])
        #expect(rejects.map(\.reason) == [
            "date (支付日期): the number 3 is not a date: neither yyyyMMdd (such as 20240305) nor an Excel serial day number of a date from 1950 on (such as 45356 for 2024-03-05)",
            "date (支付日期): the number 20240230 is not a date: neither yyyyMMdd (such as 20240305) nor an Excel serial day number of a date from 1950 on (such as 45356 for 2024-03-05)",
        ])
        #expect(rejects.map { $0.location.cellReference } == ["A8", "A9"])
        #expect(result.accounting.accepted == 6 && result.accounting.rejected == 2 && result.accounting.addsUp)
    }

    @Test("万元 with 6 decimals, as text and as numbers, with ￥ and separators: exact 元 to the fen")
    func wanYuanSixDecimals() throws {
        let path = try Self.workbook([["支付日期", "凭证号", "经济分类", "支出类型", "金额"],
            ["2024-03-05", "1", "30201", "基本支出", "123.456789"],
            ["2024-03-05", "2", "30201", "基本支出", "n:123.456789"],
            ["2024-03-05", "3", "30201", "基本支出", "￥1,234.567891"],
            ["2024-03-05", "4", "30201", "基本支出", "n:0.000001"],
            ["2024-03-05", "5", "30201", "基本支出", "n:13816.950001"],
        ])
        let (records, rejects, _) = try apply(Self.payments + "\nunit: 万元\n", to: path)
        #expect(rejects.isEmpty)
        #expect(records.map { $0["amount"]!.description } == ["1234567.89", "1234567.89", "12345678.91", "0.01", "138169500.01"])
        #expect(records.map { $0["amount"]! }[0] == .amount(Amount(significand: 123456789, scale: 2)))
    }

    @Test("CSV: 45356 is a serial only with `formats: [serial]`; without, the reject says what it would be and the fix")
    func csvSerial() throws {
        let csv = "支付日期,凭证号,经济分类,支出类型,金额\n45356,1,30201,基本支出,\"1,234.56\"\n2024-03-06,2,30201,基本支出,\"￥1,234,567.00\"\n"
        let path = try temporaryFile("serial.csv", csv)
        let plain = try apply(Self.payments, to: path)
        #expect(plain.records.map { $0["date"]!.description } == ["2024-03-06"])
        #expect(plain.rejects.map(\.reason) == [
            "date (支付日期): \"45356\" is not a date; if the column holds Excel serial day numbers (this one would be 2024-03-05), add `formats: [serial]` to the column in the profile",
        ])
        let serial = try apply(Self.payments.replacingOccurrences(of: "date: 支付日期", with: "date: { from: 支付日期, formats: [serial, yyyy-MM-dd] }"), to: path)
        #expect(serial.rejects.isEmpty)
        #expect(serial.records.map { $0["date"]!.description } == ["2024-03-05", "2024-03-06"])
        #expect(serial.records.map { $0["amount"]!.description } == ["1234.56", "1234567.00"])
    }

    static let ledger = """
        2024年度 明细账
        月,日,凭证号,经济分类,支出类型,金额
        3,5,记-1,30201,基本支出,"1,234.56"
        03,31,记-2,30201,基本支出,10
        12月,1日,记-3,30201,基本支出,20
        2,30,记-4,30201,基本支出,30
        13,1,记-5,30201,基本支出,40
        """

    static func splitProfile(_ year: String) -> String {
        Self.payments.replacingOccurrences(of: "date: 支付日期", with: "date: { year: \(year), month: 月, day: 日 }")
    }

    @Test("split 月 | 日 columns, the year from the header block (2024年度); each value keeps the month's cell; a day not in its month is rejected")
    func splitFromHeaderBlock() throws {
        let path = try temporaryFile("ledger.csv", Self.ledger)
        let (records, rejects, result) = try apply(Self.splitProfile("header_block"), to: path)
        #expect(records.map { $0["date"]!.description } == ["2024-03-05", "2024-03-31", "2024-12-01"])
        #expect(records.map { $0.cell(of: "date")! } == ["A3", "A4", "A5"])
        #expect(rejects.map(\.reason) == ["date (支付日期): day 30 is not in 2024-02",
                                          "date (支付日期): the month \"13\" (A) is not a month from 1 to 12"])
        #expect(result.accounting.addsUp && result.accounting.accepted == 3)
    }

    @Test("a workbook's 月 | 日 as number cells, the year in the title (期间：2024年1月至12月); the date keeps the month's cell")
    func splitInWorkbook() throws {
        let path = try Self.workbook([["期间：2024年1月至12月"], ["月", "日", "凭证号", "经济分类", "支出类型", "金额"],
            ["n:3", "n:5", "记-1", "30201", "基本支出", "n:10"],
            ["n:12", "n:31", "记-2", "30201", "基本支出", "n:20"],
            ["n:4", "n:31", "记-3", "30201", "基本支出", "n:30"],
        ])
        let (records, rejects, _) = try apply(Self.splitProfile("header_block"), to: path)
        #expect(records.map { $0["date"]!.description } == ["2024-03-05", "2024-12-31"])
        #expect(records.map { $0.cell(of: "date")! } == ["A3", "A4"])
        #expect(rejects.map(\.reason) == ["date (支付日期): day 31 is not in 2024-04"])
        #expect(rejects.map { $0.location.cellReference } == ["A5"])
    }

    @Test("split columns with the year from the fiscal year, or from a column")
    func splitFromFiscalYearOrColumn() throws {
        let path = try temporaryFile("ledger.csv", Self.ledger)
        let profile = try Profile.parse(Self.splitProfile("fiscal-year"), file: "test.yaml").forFiscalYear(2025)
        var records: [Record] = []
        _ = try ProfileApplier(profile).apply(path: path, onRecord: { records.append($0) }, onReject: { _ in })
        #expect(records.map { $0["date"]!.description } == ["2025-03-05", "2025-03-31", "2025-12-01"])
        // Read for another fiscal year the file reads differently: its digest differs, even for a
        // kind whose dates have no window (date_margin: any), where the window cannot tell.
        func digest(_ split: String, _ year: Int) throws -> String {
            var p = try Profile.parse(Self.splitProfile(split), file: "test.yaml")
            p.kind.dateMargin = DateMargin(anyDate: true)
            return p.forFiscalYear(year).digest
        }
        #expect(try digest("fiscal-year", 2025) != digest("fiscal-year", 2024))
        #expect(try digest("header_block", 2025) == digest("header_block", 2024))

        // Outside a workspace there is no fiscal year: said, with the fix.
        #expect(throws: TieoutError.self) { try apply(Self.splitProfile("fiscal-year"), to: path) }
        do { _ = try apply(Self.splitProfile("fiscal-year"), to: path) } catch let error as TieoutError {
            #expect(error.code == "profile.split-date")
            #expect(error.help == "Read it in a workspace (tieout.yaml gives `fiscal_year:`), or take the year from a column: `year: 年`.")
        }

        let withYear = try temporaryFile("ledger.csv", "年,月,日,凭证号,经济分类,支出类型,金额\n2023,12,31,记-1,30201,基本支出,1\n2024年,1,2,记-2,30201,基本支出,2\n")
        let (byColumn, rejects, _) = try apply(Self.splitProfile("年"), to: withYear)
        #expect(rejects.isEmpty)
        #expect(byColumn.map { $0["date"]!.description } == ["2023-12-31", "2024-01-02"])
    }

    @Test("split-date mistakes in a profile: the key, the line and the fix")
    func splitMistakes() {
        #expect(ProfileErrorTests.error(Self.payments.replacingOccurrences(of: "date: 支付日期", with: "date: { year: fiscal-year, month: 月 }"))
                == "Error: key 'columns.date': a date split into columns needs 'day' at profiles/p.yaml:3\nHelp: Write `date: { year: fiscal-year, month: 月, day: 日 }` (year: fiscal-year, header_block or a column).")
        #expect(ProfileErrorTests.error(Self.payments.replacingOccurrences(of: "amount: 金额", with: "amount: { year: fiscal-year, month: 月, day: 日 }"))
                == "Error: key 'columns.amount': 'year', 'month' and 'day' apply to date fields; amount is amount at profiles/p.yaml:7\nHelp: Map amount to one column, such as `amount: 金额`.")
        #expect(ProfileErrorTests.error(Self.payments.replacingOccurrences(of: "date: 支付日期", with: "date: { from: 日期, month: 月, day: 日, year: 年 }"))
                == "Error: unknown key 'from' under 'columns.date' at profiles/p.yaml:3\nHelp: Use one of: year, month, day (docs/profiles.md lists every key).")
        #expect(ProfileErrorTests.error(Self.payments.replacingOccurrences(of: "date: 支付日期", with: "date: { from: 日期, formats: [serial, yyyymmdd] }"))
                == "Error: key 'columns.date.formats': 'yyyymmdd' is not a date format at profiles/p.yaml:3\nHelp: Use yyyy, MM or M, dd or d and literal characters, such as yyyy-MM-dd or yyyy年M月d日, or serial for Excel serial day numbers (45356).")
    }

    @Test("a header block without a year: the file, and the fix")
    func headerBlockWithoutYear() throws {
        let path = try temporaryFile("ledger.csv", "明细账\n月,日,凭证号,经济分类,支出类型,金额\n3,5,记-1,30201,基本支出,1\n")
        do {
            _ = try apply(Self.splitProfile("header_block"), to: path)
            Issue.record("no error")
        } catch let error as TieoutError {
            #expect(error.code == "profile.split-date")
            #expect(error.what == "\(path) names no year above its header, where test.yaml takes the year of its dates from")
        }
    }
}
