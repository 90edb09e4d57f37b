/// Why a cell's value is not what was asked for. The caller adds where it was.
public struct CellValueError: Error, Sendable, Equatable {
    /// Why, in English.
    public let message: String
    /// The same in Chinese, for the people the rejected row is shown to (nil: English only).
    public let messageZh: String?

    public init(_ message: String) {
        self.message = message
        self.messageZh = nil
    }

    public init(message: String, messageZh: String?) {
        self.message = message
        self.messageZh = messageZh
    }

    /// The catalog's `key` in both languages.
    public init(catalog key: String, _ args: [String: any CustomStringConvertible] = [:]) {
        let text = Catalog.both(key, args)
        message = text.en
        messageZh = text.zh
    }

    /// An amount's text that does not read, in both languages.
    public init(_ e: AmountSyntaxError) {
        message = e.message
        messageZh = e.message(english: false)
    }

    /// The same message (the Chinese one says the same).
    public static func == (a: CellValueError, b: CellValueError) -> Bool { a.message == b.message }

    /// The message in the language asked for.
    public func message(english: Bool) -> String { english ? message : messageZh ?? message }
}

/// A cell's error inside a setting's error (a header block's value), in each language.
extension CellValueError: Bilingual, CustomStringConvertible {
    public func text(english: Bool) -> String { message(english: english) }
    public var description: String { message }
}

extension Cell {
    /// The cell as text: exact numbers (`1234.5`), ISO 8601 dates
    /// (`2024-03-05`, `2024-03-05T14:30:00`), durations (`255:10:10`),
    /// `TRUE`/`FALSE`, error values as Excel shows them (`#N/A`), strings as they are.
    ///
    /// ```swift
    /// cell.kind          // .date
    /// cell.rawText       // "45356"
    /// cell.text(date1904: false)   // "2024-03-05"
    /// ```
    public func text(date1904: Bool) -> String {
        switch kind {
        case .text, .error, .isoDate: return rawText
        case .empty: return ""
        case .boolean: return rawText == "1" || rawText == "true" ? "TRUE" : "FALSE"
        case .number:
            return withUTF8 { SpreadsheetValue.displayText($0) } ?? rawText
        case .date:
            guard let serial = withUTF8({ SpreadsheetValue.number($0) }) else { return rawText }
            return SpreadsheetValue.isoText(serial: serial, date1904: date1904) ?? rawText
        case .duration:
            guard let serial = withUTF8({ SpreadsheetValue.number($0) }) else { return rawText }
            return SpreadsheetValue.durationText(serial: serial) ?? rawText
        }
    }

    /// The cell as an amount, exactly: a number cell's `<v>` digits (rounded to
    /// Excel's 15 significant digits), or text as ledgers write it (`1,234.56`,
    /// `(12.00)`, `¥5`), scaled from `unit` to 元. Nil when the cell is blank:
    /// blank is absent, never zero.
    ///
    /// ```swift
    /// try cell.amount()                  // 1234.56
    /// try cell.amount(unit: .wanYuan)    // 12345600 (元)
    /// ```
    public func amount(unit: MoneyUnit = .yuan) throws(CellValueError) -> Amount? {
        switch kind {
        case .number:
            guard let value = withUTF8({ SpreadsheetValue.number($0) }) else {
                throw CellValueError(catalog: "cell.number-unreadable", ["text": rawText])
            }
            guard unit != .yuan else { return value }
            guard let yuan = value.inYuanReportingOverflow(from: unit) else {
                throw CellValueError(catalog: "cell.number-too-long", ["text": rawText, "unit": unit.symbol])
            }
            return yuan
        case .text:
            do throws(AmountSyntaxError) {
                return try withUTF8 { b throws(AmountSyntaxError) in try Amount.parse(utf8: b, unit: unit) }
            } catch {
                throw CellValueError(error)
            }
        case .empty:
            if hasFormula {
                throw CellValueError(catalog: "cell.formula-uncached")
            }
            return nil
        case .error:
            throw CellValueError(catalog: "cell.error-not-amount", ["text": rawText])
        case .date, .duration, .boolean, .isoDate:
            throw CellValueError(catalog: "cell.kind-not-amount", ["kind": Catalog.text("cell.kind.\(kind == .isoDate ? "date" : "\(kind)")", english: true)])
        }
    }

    /// The cell as a date: a date-styled serial day number (1900 or 1904 system,
    /// the time of day dropped), an ISO date, or date text (`2024-03-05`,
    /// `2024/3/5`, `2024年3月5日`). Nil when blank.
    public func date(date1904: Bool) throws(CellValueError) -> CalendarDate? {
        switch kind {
        case .empty: return nil
        case .date:
            guard let serial = withUTF8({ SpreadsheetValue.number($0) }),
                  let (date, _) = SpreadsheetValue.dateTime(serial: serial, date1904: date1904) else {
                throw CellValueError(catalog: "cell.serial-not-date", ["text": rawText])
            }
            return date
        case .number:
            throw CellValueError(catalog: "cell.number-not-date", ["text": rawText])
        case .text, .isoDate:
            do throws(DateSyntaxError) { return try withUTF8 { b throws(DateSyntaxError) in try CalendarDate.parse(utf8: b) } }
            catch { throw CellValueError(message: error.message, messageZh: error.text(english: false)) }
        case .error:
            throw CellValueError(catalog: "cell.error-not-date", ["text": rawText])
        case .duration, .boolean:
            throw CellValueError(catalog: "cell.kind-not-date", ["kind": Catalog.text("cell.kind.\(kind)", english: true)])
        }
    }
}
