import Testing
@testable import TieoutCore

@Suite("Source locations and errors")
struct SourceLocationTests {
    @Test("column letters", arguments: [(1, "A"), (8, "H"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"), (16384, "XFD")])
    func letters(_ n: Int, _ letters: String) {
        #expect(SourceLocation.letter(forColumn: n) == letters)
        #expect(SourceLocation.column(forLetters: letters) == n)
    }

    @Test("descriptions")
    func descriptions() {
        let csv = SourceLocation(file: "a.csv", record: 4, line: 5, column: 8, columnName: "金额", byteOffset: 312)
        #expect(csv.description == "a.csv:5:8")
        #expect(csv.detail == "record 4, column H 金额, byte 312")
        #expect(csv.cellReference == "H5")
        let xlsx = SourceLocation(file: "b.xlsx", sheet: "支付明细", line: 7, column: 2)
        #expect(xlsx.description == "b.xlsx[支付明细]!B7")
    }

    @Test("an error names what, where and what to do")
    func errorText() {
        let e = TieoutError(AmountSyntaxError(text: "12.3.4", reason: .multipleDecimalPoints),
                            at: SourceLocation(file: "a.csv", record: 2, line: 3, column: 6, columnName: "金额"))
        #expect(e.description == """
        Error: "12.3.4" is not a valid amount: it has more than one decimal point at a.csv:3:6 (record 2, column F 金额)
        Help: Write amounts as 1234.56, 1,234.56, -1,234.56, (1,234.56) or 99.46%; correct the value in the export, or treat the column as text if it holds no amounts.
        """)
    }
}
