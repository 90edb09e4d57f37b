import Testing
@testable import TieoutCore

@Suite("Amount parsing")
struct AmountParsingTests {
    func parse(_ s: String, unit: MoneyUnit = .yuan) throws -> Amount? {
        try Amount.parse(s, unit: unit)
    }

    func value(_ s: String, unit: MoneyUnit = .yuan) throws -> String {
        try #require(try parse(s, unit: unit)).description
    }

    @Test("plain, grouped and signed forms", arguments: [
        ("1234.56", "1234.56"), ("1,234.56", "1234.56"), ("-1,234.56", "-1234.56"),
        ("+7", "7"), ("(1,234.56)", "-1234.56"), ("1,234.56-", "-1234.56"),
        ("0.5", "0.5"), (".5", "0.5"), ("5.", "5"), ("007", "7"), ("1,234,567", "1234567"),
        ("  12.30  ", "12.30"), ("12,345,678.90", "12345678.90"), ("-0.00", "0.00"),
        ("（1,234.56）", "-1234.56"), ("－5", "-5"), ("−5", "-5"),
    ])
    func forms(_ text: String, _ expected: String) throws {
        #expect(try value(text) == expected)
    }

    @Test("full-width digits and separators")
    func fullWidth() throws {
        #expect(try value("１，２３４．５６") == "1234.56")
        #expect(try value("－１２３") == "-123")
    }

    @Test("currency signs and units in the text")
    func currency() throws {
        #expect(try value("¥1,234.56") == "1234.56")
        #expect(try value("￥1,234.56") == "1234.56")
        #expect(try value("-¥5.00") == "-5.00")
        #expect(try value("¥-5.00") == "-5.00")
        #expect(try value("1,234.56元") == "1234.56")
        #expect(try value("1,234.56 元") == "1234.56")
        #expect(try value("13,816.95万元") == "138169500")
        #expect(try value("1.5亿元") == "150000000")
        #expect(try Amount.parseDetailed("1.5万元")?.unitInText == .wanYuan)
    }

    @Test("percentages are ratios")
    func percentages() throws {
        #expect(try value("99.46%") == "0.9946")
        #expect(try value("373.33%") == "3.7333")
        #expect(try value("50％") == "0.50")
        #expect(try Amount.parseDetailed("10.84%")?.isPercent == true)
        #expect(try parse("99.46%") == Amount(significand: 9946, scale: 4))
    }

    @Test("a column's unit scales a bare number exactly")
    func units() throws {
        #expect(try value("13,816.95", unit: .wanYuan) == "138169500")
        #expect(try value("2,935.01", unit: .wanYuan) == "29350100")
        #expect(try value("0.0001", unit: .wanYuan) == "1")
        #expect(try value("1.23456", unit: .wanYuan) == "12345.6")
        #expect(try value("1", unit: .yiYuan) == "100000000")
        #expect(try value("5万元", unit: .wanYuan) == "50000")
    }

    @Test("blank is absent, never zero", arguments: ["", "   ", "\t", "\u{3000}"])
    func blank(_ text: String) throws {
        #expect(try parse(text) == nil)
    }

    @Test("malformed values name the fault", arguments: [
        ("1,23.4", AmountSyntaxError.Reason.misplacedGroupSeparator),
        ("12,34", .misplacedGroupSeparator),
        (",123", .misplacedGroupSeparator),
        ("1234,567", .misplacedGroupSeparator),
        ("12.3.4", .multipleDecimalPoints),
        ("--5", .multipleSigns),
        ("-5-", .multipleSigns),
        ("-(5)", .multipleSigns),
        ("1.234,5", .separatorInFraction),
        ("(5", .unbalancedParenthesis),
        ("-", .noDigits),
        ("¥", .noDigits),
        ("12a", .unexpectedCharacter("a")),
        ("1 234", .unexpectedCharacter(" ")),
        ("N/A", .unexpectedCharacter("N")),
        ("123456789012345678901234567890123456789", .tooManyDigits),
    ])
    func malformed(_ text: String, _ reason: AmountSyntaxError.Reason) {
        #expect(throws: AmountSyntaxError(text: text, reason: reason)) { try Amount.parse(text) }
    }

    @Test("the error message quotes the text")
    func message() {
        do {
            _ = try Amount.parse("1,23.4")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "\"1,23.4\" is not a valid amount: a thousands separator must have 1 to 3 digits before it and exactly 3 after it")
        }
    }

    @Test("a unit in the text must agree with the column's")
    func conflictingUnit() {
        #expect(throws: AmountSyntaxError(text: "5元", reason: .conflictingUnit(inText: .yuan, declared: .wanYuan))) {
            try Amount.parse("5元", unit: .wanYuan)
        }
    }

    @Test("38 significant digits fit; leading zeros do not count")
    func digits() throws {
        let big = String(repeating: "9", count: 38)
        #expect(try value(big) == big)
        #expect(try value("000" + big) == big)
    }

    @Test("the fast path agrees with the full scanner on random texts")
    func fastPathAgrees() {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet: [UInt8] = Array("0123456789,.-()".utf8) + Array("0123456789".utf8)
        var fastHits = 0
        for _ in 0..<100_000 {
            let length = 1 + next(16)
            let bytes = (0..<length).map { _ in alphabet[next(alphabet.count)] }
            bytes.withUnsafeBufferPointer { b in
                let full = AmountScanner.scan(b)
                guard let fast = AmountScanner.fast(b) else { return }
                fastHits += 1
                guard case .ok = full.outcome else {
                    Issue.record("fast path accepted \(String(decoding: bytes, as: UTF8.self)), the scanner did not")
                    return
                }
                #expect(fast.significand == full.significand && fast.scale == full.scale,
                        "\(String(decoding: bytes, as: UTF8.self)): fast \(fast), full \(full.significand)e-\(full.scale)")
            }
        }
        #expect(fastHits > 5_000)
    }

    @Test("a unit that would take a value past 38 digits is an error, not a trap")
    func unitOverflow() {
        let big = String(repeating: "9", count: 36)
        #expect(throws: AmountSyntaxError(text: big, reason: .tooManyDigits)) { try Amount.parse(big, unit: .yiYuan) }
        #expect(throws: AmountSyntaxError(text: big + "亿元", reason: .tooManyDigits)) { try Amount.parse(big + "亿元") }
    }

    @Test("sums over untrusted input report overflow instead of trapping")
    func sumOverflow() throws {
        let big = try #require(try Amount.parse(String(repeating: "9", count: 38)))
        #expect(big.addingReportingOverflow(big) == nil)
        #expect(big.addingReportingOverflow(Amount(-1))?.description == String(repeating: "9", count: 37) + "8")
        var totals = GroupedTotals(columns: 0)
        let first = totals.add(big, keys: [])
        let second = totals.add(big, keys: [])
        #expect(first)
        #expect(!second)
        #expect(totals.total == big)
        #expect(totals.counts == [1])
    }
}
