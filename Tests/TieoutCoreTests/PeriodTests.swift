import Testing
@testable import TieoutCore

@Suite("Dates and periods")
struct PeriodTests {
    @Test("date forms exports use", arguments: [
        ("2024-03-05", "2024-03-05"), ("2024/3/5", "2024-03-05"), ("2024.03.05", "2024-03-05"),
        ("20240305", "2024-03-05"), ("2024年3月5日", "2024-03-05"), ("2024年03月05日", "2024-03-05"),
        ("2024-03-05 14:30:00", "2024-03-05"), ("2024-03-05T08:00", "2024-03-05"),
        ("2024-02-29", "2024-02-29"), (" 2024-12-31 ", "2024-12-31"),
    ])
    func dates(_ text: String, _ iso: String) throws {
        #expect(try CalendarDate.parse(text).description == iso)
    }

    @Test("invalid dates say why", arguments: [
        ("2023-02-29", "day 29 is not in 2023-02"),
        ("2024-13-01", "month 13 is not between 1 and 12"),
        ("2024-04-31", "day 31 is not in 2024-04"),
        ("2024/3", "it is not in a date form Tieout reads"),
        ("3/5/2024", "it is not in a date form Tieout reads"),
        ("2024-03-05 25:00", "its time of day is not valid"),
        ("2024-3-5x", "it is not in a date form Tieout reads"),
    ])
    func invalid(_ text: String, _ reason: String) {
        #expect(throws: DateSyntaxError(text: text, reason: reason)) { try CalendarDate.parse(text) }
    }

    @Test("periods of a date")
    func buckets() throws {
        let d = try CalendarDate.parse("2024-08-15")
        #expect(d.quarter == 3)
        #expect(d.period(.quarter).description == "2024Q3")
        #expect(d.period(.month).description == "2024-08")
        #expect(d.period(.year).description == "2024")
        #expect(d.period(.day).description == "2024-08-15")
    }

    @Test("period forms", arguments: [
        ("2024", "2024"), ("2024年", "2024"), ("2024Q1", "2024Q1"), ("2024-Q2", "2024Q2"),
        ("2024q3", "2024Q3"), ("2024年第4季度", "2024Q4"), ("2024年三季度", "2024Q3"),
        ("2024-03", "2024-03"), ("2024/3", "2024-03"), ("202403", "2024-03"), ("2024年3月", "2024-03"),
        ("2024-03-05", "2024-03-05"),
    ])
    func periods(_ text: String, _ expected: String) throws {
        #expect(try Period.parse(text).description == expected)
    }

    @Test("period bounds")
    func bounds() {
        #expect(Period.quarter(2024, 3).firstDay.description == "2024-07-01")
        #expect(Period.quarter(2024, 3).lastDay.description == "2024-09-30")
        #expect(Period.month(2024, 2).lastDay.description == "2024-02-29")
        #expect(Period.year(2024).contains(CalendarDate(year: 2024, month: 12, day: 31)!))
        #expect(!Period.quarter(2024, 1).contains(CalendarDate(year: 2024, month: 4, day: 1)!))
        #expect(Period.quarter(2024, 1) < Period.quarter(2024, 2))
    }

    @Test("days since the epoch round-trip")
    func epoch() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 2024, month: 3, day: 5)!.daysSinceEpoch == 19787)
    }
}
