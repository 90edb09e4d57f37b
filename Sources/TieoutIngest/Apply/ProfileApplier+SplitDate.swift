import TieoutCore

extension ProfileApplier {
    /// A split date's columns in one table (from 1), and its year when it is not a column's.
    struct SplitColumns {
        var month: Int
        var day: Int
        var yearColumn: Int?
        var year: Int?

        /// `resolve` finds a column by its names (the plan's own lookup, with its error).
        init(_ split: Profile.SplitDate, month: Int, profile: Profile, titles: [[String]], file: String, at place: SourceLocation,
             resolve: ([String], Phrase) throws(TieoutError) -> Int) throws(TieoutError) {
            self.month = month
            day = try resolve(split.day, split.month.first.map { Phrase("error.profile.column.day-of", ["month": $0]) } ?? Phrase("error.profile.column.day-of-date"))
            switch split.year {
            case .column(let names): yearColumn = try resolve(names, Phrase("error.profile.column.year-of-date"))
            case .fiscalYear:
                guard let y = profile.fiscalYear else {
                    throw TieoutError(code: "profile.split-date", key: "profile.split-date.outside", ["profile": profile.file, "file": file], location: place)
                }
                year = y
            case .headerBlock:
                guard let y = ProfileApplier.yearOf(titles) else {
                    throw TieoutError(code: "profile.split-date", key: "profile.split-date.no-year", ["file": file, "profile": profile.file], location: place)
                }
                year = y
            }
        }
    }

    /// The first year (1990–2100) written in the cells above the header.
    static func yearOf(_ titles: [[String]]) -> Int? {
        for cell in titles.joined() {
            if let y = cell.split(whereSeparator: { !$0.isNumber || !$0.isASCII }).compactMap({ Int($0) }).first(where: { $0 >= 1990 && $0 <= 2100 }) { return y }
        }
        return nil
    }

    /// The date of a row whose month and day are in their own cells; nil when both are blank.
    static func splitDate<R: TableRow>(_ row: R, _ s: SplitColumns, date1904: Bool) throws(CellValueError) -> CalendarDate? {
        func number(_ column: Int, _ what: String, suffixes: [String], range: ClosedRange<Int>) throws(CellValueError) -> Int? {
            guard let cell = row.cell(column) else { return nil }
            var t = cell.text(date1904: date1904).trimmingSpaces()
            if t.isEmpty { return nil }
            for s in suffixes where t.hasSuffix(s) { t.removeLast(s.count); break }
            guard t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t), range.contains(n) else {
                throw CellValueError("the \(what) \"\(cell.text(date1904: date1904))\" (\(SourceLocation.letter(forColumn: column))) is not a \(what) from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        let m = try number(s.month, "month", suffixes: ["月"], range: 1...12)
        let d = try number(s.day, "day", suffixes: ["日", "号"], range: 1...31)
        guard let m, let d else {
            if m == nil && d == nil { return nil }
            throw CellValueError(m == nil ? "the month is blank but the day is \(d!)" : "the day is blank but the month is \(m!)")
        }
        var year = s.year
        if let c = s.yearColumn {
            guard let y = try number(c, "year", suffixes: ["年"], range: 1900...9999) else {
                throw CellValueError("the year is blank (\(SourceLocation.letter(forColumn: c)))")
            }
            year = y
        }
        guard let year else { throw CellValueError("the date has no year") }
        guard let date = CalendarDate(year: year, month: m, day: d) else {
            throw CellValueError("day \(d) is not in \(Period.month(year, m))")
        }
        return date
    }
}
