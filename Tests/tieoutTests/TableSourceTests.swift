import Foundation
import Testing
import TieoutCore
import TieoutCSV
import TieoutXLSX

/// One reader interface for both formats: the bundled sample ledger as a
/// GB18030 CSV and as LibreOffice imported it into a workbook
/// (scripts/make-libreoffice-fixture) reads to the same table.
@Suite("One reader interface")
struct TableSourceTests {
    static let csv = CLI.root.appendingPathComponent("samples/csv/treasury-2024-q1.csv").path
    static let xlsx = CLI.root.appendingPathComponent("Tests/TieoutXLSXTests/Fixtures/treasury-2024-q1.xlsx").path

    struct Reading: Equatable {
        var vouchers: [String] = []
        var dates: [CalendarDate] = []
        var amounts: [Amount] = []
        var kinds: Set<CellKind> = []
        var places: [String] = []
    }

    /// Columns 1 (voucher), 2 (date) and 7 (amount) of every row, through the protocol only.
    static func read(_ source: some TableSource) throws -> Reading {
        var r = Reading()
        try source.forEachRow { row throws(TieoutError) in
            guard let voucher = row.cell(1), let date = row.cell(2), let amount = row.cell(7) else {
                Issue.record("row \(row.number) lacks a cell"); return
            }
            r.vouchers.append(voucher.text(date1904: source.date1904))
            r.kinds.formUnion([date.kind, amount.kind])
            do throws(CellValueError) {
                r.dates.append(try date.date(date1904: source.date1904)!)
                r.amounts.append(try amount.amount()!)
            } catch { Issue.record("\(row.location(column: 7)): \(error.message)") }
            r.places.append(row.location(column: 7).description)
        }
        return r
    }

    @Test("the same ledger as CSV and as a workbook: same header, title lines, cells and sums")
    func sameTable() throws {
        let csv = try CSVTableSource(path: Self.csv)
        let book = try XLSXWorkbook(path: Self.xlsx)
        let xlsx = try XLSXTableSource(book: book, sheet: 0)
        #expect(csv.header.columns == ["凭证号", "支付日期", "经济分类科目", "项目名称", "支出类型", "摘要", "金额"])
        #expect(xlsx.header.columns == csv.header.columns)
        #expect(csv.header.row == 3 && xlsx.header.row == 3)
        #expect(xlsx.header.titleLines == [["国库集中支付明细表（2024年第一季度）"], ["单位：元"]])
        #expect(csv.header.titleLines.map { $0.filter { !$0.isEmpty } } == xlsx.header.titleLines)

        let a = try Self.read(csv), b = try Self.read(xlsx)
        // In the CSV every field is text; LibreOffice typed the dates and amounts.
        #expect(a.kinds == [.text])
        #expect(b.kinds == [.date, .number])
        #expect(a.vouchers.count == 25)
        #expect(a.vouchers == b.vouchers)
        #expect(a.dates == b.dates)
        #expect(a.amounts == b.amounts)
        #expect(a.amounts.reduce(Amount.zero, +) == Amount(significand: 127_347_937, scale: 2))
        #expect(a.dates.first == CalendarDate(year: 2024, month: 1, day: 5))
        #expect(a.amounts.first == Amount(significand: 14_194_085, scale: 2))
        // Places in each file's own terms: line:column (with the record) or sheet!cell.
        #expect(a.places.first == "\(Self.csv):4:7")
        #expect(b.places.first == "\(Self.xlsx)[treasury-2024-q1]!G4")
        #expect(csv.blankRows == 0 && xlsx.blankRows == 0)
    }

    @Test("cells read as what they hold; a wrong kind is an error that says so")
    func cellValues() throws {
        let book = try XLSXWorkbook(path: CLI.root.appendingPathComponent("Tests/TieoutXLSXTests/Fixtures/libreoffice-budget.xlsx").path)
        let source = try XLSXTableSource(book: book, sheet: 0, headerRow: 2)
        // E2 is the covered part of the merged 执行率 cell: present, empty.
        #expect(source.header.columns == ["", "", "基本支出", "项目支出", ""])
        #expect(source.header.titleLines == [["项目", "日期", "预算数", "", "执行率"]])
        var seen: [String] = [], wan: [String] = []
        try source.forEachRow { row throws(TieoutError) in
            let date = row.cell(2)!, amount = row.cell(4)!, rate = row.cell(5)!
            seen.append("\(row.number) \(try! date.date(date1904: false)!) \(try! amount.amount()!) \(try! rate.amount()!)")
            #expect(throws: CellValueError("the cell holds a date, not an amount")) { try date.amount() }
            #expect(throws: CellValueError("the cell holds a number (\(amount.rawText)) where a date is expected: format the column as a date")) {
                try amount.date(date1904: false)
            }
            wan.append(try! row.cell(3)!.amount(unit: .wanYuan)!.description)
        }
        #expect(seen == ["3 2024-03-05 -1200.5 0.9946", "4 2024-12-31 2422.3 1.0845"])
        // A column in 万元 scales exactly to 元.
        #expect(wan == ["103679001200", "1000"])
    }
}
