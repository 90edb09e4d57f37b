import Testing
@testable import TieoutCore

@Suite("Amount arithmetic")
struct AmountArithmeticTests {
    func a(_ s: String) -> Amount { try! Amount.parse(s)! }

    @Test("exact sums, differences and products")
    func exact() {
        #expect(a("0.1") + a("0.2") == a("0.3"))
        #expect((a("0.1") + a("0.2")).description == "0.3")
        #expect((a("1036.79") + a("1898.22")).description == "2935.01")
        #expect((a("13892.35") - a("13816.95")).description == "75.40")
        #expect((a("1.5") * a("2.25")).description == "3.375")
        #expect((a("-3") * a("0.5")).description == "-1.5")
        #expect((a("1.50") + a("2")).description == "3.50")
    }

    @Test("values compare by value, not spelling")
    func equality() {
        #expect(a("1.50") == a("1.5"))
        #expect(a("1.50").hashValue == a("1.5").hashValue)
        #expect(a("-2") < a("-1.99"))
        #expect(a("0.001") > a("0"))
        #expect(a("100") > a("99.999999"))
        #expect(Set([a("1.0"), a("1"), a("1.00")]).count == 1)
    }

    @Test("division to an explicit scale, half-up by default")
    func division() {
        // The reference report's execution rate: 13,816.95 / 13,892.35.
        #expect(a("13816.95").divided(by: a("13892.35"), scale: 4).description == "0.9946")
        #expect(a("1").divided(by: a("3"), scale: 5).description == "0.33333")
        #expect(a("2").divided(by: a("3"), scale: 2).description == "0.67")
        #expect(a("-2").divided(by: a("3"), scale: 2).description == "-0.67")
        #expect(a("1").divided(by: a("8"), scale: 2).description == "0.13")          // 0.125 half-up
        #expect(a("1").divided(by: a("8"), scale: 2, rounding: .halfEven).description == "0.12")
        #expect(a("1").divided(by: a("8"), scale: 2, rounding: .halfDown).description == "0.12")
        #expect(a("1").divided(by: a("8"), scale: 2, rounding: .down).description == "0.12")
        #expect(a("-1").divided(by: a("8"), scale: 2, rounding: .floor).description == "-0.13")
        #expect(a("-1").divided(by: a("8"), scale: 2, rounding: .ceiling).description == "-0.12")
        #expect(a("1").divided(by: a("800"), scale: 2, rounding: .up).description == "0.01")
        #expect(a("1234.5").divided(by: a("0.01"), scale: 0).description == "123450")
    }

    @Test("rounding to a displayed precision", arguments: [
        ("13816.945", 2, RoundingRule.halfUp, "13816.95"),
        ("-2.5", 0, .halfUp, "-3"),
        ("2.5", 0, .halfEven, "2"),
        ("3.5", 0, .halfEven, "4"),
        ("2.5", 0, .halfDown, "2"),
        ("2.49", 1, .halfUp, "2.5"),
        ("1.005", 2, .halfUp, "1.01"),
        ("1.004999", 2, .halfUp, "1.00"),
        ("-1.005", 2, .down, "-1.00"),
        ("7", 2, .halfUp, "7.00"),
    ])
    func rounding(_ text: String, _ scale: Int, _ rule: RoundingRule, _ expected: String) {
        #expect(a(text).rounded(scale: scale, rule).description == expected)
    }

    @Test("元 to 万元 for display, exact both ways")
    func units() {
        let yuan = a("138169512.34")
        #expect(yuan.inUnit(.wanYuan).description == "13816.951234")
        #expect(yuan.displayText(in: .wanYuan) == "13,816.95")
        #expect(yuan.inUnit(.wanYuan).inYuan(from: .wanYuan) == yuan)
        #expect(a("0.50").inYuan(from: .wanYuan).description == "5000")
    }

    @Test("text forms")
    func text() {
        #expect(a("1234567.891").groupedText == "1,234,567.891")
        #expect(a("-1234.5").groupedText == "-1,234.5")
        #expect(a("999").groupedText == "999")
        #expect(a("0.05").description == "0.05")
        #expect(a("0.9946").percentText() == "99.46%")
        #expect(a("3.73333").percentText() == "373.33%")
        #expect(a("0.108449").percentText() == "10.84%")
        #expect(a("0.5").percentText(decimals: 0) == "50%")
    }

    @Test("sums of a billion rows of 10^12 元 do not overflow")
    func largeSums() {
        // 10^9 rows of 999,999,999,999.99 元, then one row more (Python's Decimal agrees).
        let row = a("999999999999.99")
        var total = row * Amount(1_000_000_000)
        #expect(total.description == "999999999999990000000.00")
        total += row
        #expect(total.description == "1000000000999989999999.99")
        // Repeated addition agrees with multiplication.
        var running = Amount.zero
        for _ in 0..<1000 { running += row }
        #expect(running == row * Amount(1000))
        #expect(running.description == "999999999999990.00")
    }

    @Test("hand-computed exact sums of a small ledger")
    func ledgerSum() {
        let amounts = ["3,104.69", "193,136.60", "156,961.46", "-12,345.60", "0.01", "(0.02)"]
        let total = Amount.sum(amounts.map(a))
        // 3104.69 + 193136.60 + 156961.46 - 12345.60 + 0.01 - 0.02 = 340857.14
        #expect(total.description == "340857.14")
    }

    @Test("Codable writes exact text")
    func codable() throws {
        #expect(a("1,234.50").description == "1234.50")
        #expect(Amount("12.30") == a("12.3"))
        #expect(Amount("garbage") == nil)
    }
}


@Suite("Text without Strings")
struct AppendTextTests {
    @Test("appendPlainText writes what description says, for every sign, scale and size", arguments: [
        "0", "0.00", "1", "-1", "0.05", "-0.5", "1234.50", "-1234.56", "99999999999999999999.99",
        "-12345678901234567890123456789012345678", "0.00000001", "100",
    ])
    func amounts(_ text: String) throws {
        let a = try #require(try Amount.parse(text))
        var out: [UInt8] = Array("x".utf8)
        a.appendPlainText(to: &out)
        #expect(String(decoding: out.dropFirst(), as: UTF8.self) == a.description)
    }

    @Test("appendISOText writes the ISO date")
    func dates() {
        var out: [UInt8] = []
        CalendarDate(year: 2024, month: 3, day: 5)!.appendISOText(to: &out)
        CalendarDate(year: 999, month: 12, day: 31)!.appendISOText(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "2024-03-05" + CalendarDate(year: 999, month: 12, day: 31)!.description)
    }
}
