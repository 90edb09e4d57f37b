import TieoutCore

extension ProfileApplier {
    /// The earliest year a number in a date field is read as: an Excel serial day number below
    /// it (1950-01-01 is 18264) is a count or a code in the wrong column, not a ledger's date.
    static let earliestSerialYear = 1950

    /// A date field's cell as exported: a date-styled cell, date text (`2024-03-05`, `2024/3/5`,
    /// `2024.03.05`, `20240305`, `2024年3月5日`), and a number in a general-format cell
    /// (XLSX): `20240305` as yyyyMMdd, else an Excel serial day number (`45356` is
    /// 2024-03-05) of a date from 1950 on. A CSV cell has no type, so `45356` there is read as
    /// a serial only when the column's `formats:` lists `serial`.
    static func date(of cell: Cell, mapping: Profile.ColumnMapping, date1904: Bool) throws(CellValueError) -> CalendarDate? {
        switch cell.kind {
        case .number:
            guard let n = cell.withUTF8({ SpreadsheetValue.number($0) }) else {
                throw CellValueError(catalog: "cell.number-is-not-date", ["text": cell.rawText])
            }
            if let d = yyyyMMdd(n) { return d }
            return try serial(n, text: cell.rawText, date1904: date1904)
        case .text where !mapping.formats.isEmpty:
            let t = cell.text(date1904: date1904).trimmingSpaces()
            if t.isEmpty { return nil }
            for f in mapping.formats {
                if f == serialFormat {
                    if t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let n = try? Amount.parse(t) { return try serial(n, text: t, date1904: date1904) }
                } else if let d = DateFormat(f)?.parse(t) {
                    return d
                }
            }
            throw CellValueError(message: Catalog.text("cell.not-date-in-form", english: true, ["text": t, "formats": mapping.formats.joined(separator: Catalog.text("where.or", english: true))]),
                                 messageZh: Catalog.text("cell.not-date-in-form", english: false, ["text": t, "formats": mapping.formats.joined(separator: Catalog.text("where.or", english: false))]))
        case .text:
            do { return try cell.date(date1904: date1904) } catch {
                // A serial day number in a CSV: say what it would be, and how to read it so.
                let t = cell.rawText.trimmingSpaces()
                if t.count == 5, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t),
                   let d = SpreadsheetValue.dateTime(serial: Amount(n), date1904: date1904)?.date, d.year >= earliestSerialYear {
                    throw CellValueError(catalog: "cell.not-date-serial-hint", ["text": t, "date": d])
                }
                throw error
            }
        default:
            return try cell.date(date1904: date1904)
        }
    }

    /// The `formats:` entry that reads Excel serial day numbers written as text (a CSV).
    static let serialFormat = "serial"

    /// `20240305` as a whole number: 2024-03-05; nil when it is not eight digits of a real date.
    static func yyyyMMdd(_ n: Amount) -> CalendarDate? {
        guard n.scale == 0 || n == n.rounded(scale: 0) else { return nil }
        let v = n.rounded(scale: 0).significand
        guard v >= 1000_01_01 && v <= 9999_12_31 else { return nil }
        return CalendarDate(year: Int(v / 10000), month: Int(v / 100 % 100), day: Int(v % 100))
    }

    /// An Excel serial day number (the time of day dropped) of a date from 1950 on.
    static func serial(_ n: Amount, text: String, date1904: Bool) throws(CellValueError) -> CalendarDate {
        guard let d = SpreadsheetValue.dateTime(serial: n, date1904: date1904)?.date, d.year >= earliestSerialYear else {
            throw CellValueError(catalog: "cell.number-neither-date", ["text": text, "year": earliestSerialYear])
        }
        return d
    }
}
