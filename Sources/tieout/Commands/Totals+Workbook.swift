import ArgumentParser
import TieoutCore
import TieoutXLSX

extension Totals {
    /// `totals` on a workbook sheet: the header is the row given by --header-row,
    /// else the first row of two or more text cells and nothing else; rows above
    /// it are title lines. Amounts come from number cells exactly (or from text
    /// cells as ledgers write them); dates from date-styled cells or date text.
    func runWorkbook() throws {
        let book = try XLSXWorkbook(path: file)
        let index = try chooseSheet(book, sheet, file: file)
        let sheetName = book.sheets[index].name
        let window = try parseRange(range)
        let date1904 = book.date1904
        var header: [String]? = nil
        var titleLines = 0
        var groups: [GroupColumn] = []
        var keyers: [GroupColumnKeyer] = []
        var sumIndex = 0, sumName = ""
        var totals = GroupedTotals(columns: 0)
        var ids: [UInt32] = []
        var keyBuffer: [UInt8] = []
        var rows = 0
        var rejects: [Reject] = []
        var setupError: Error? = nil

        // Places name the sheet's own columns, whatever the window.
        let offset = (window?.firstColumn ?? 1) - 1
        func at(_ row: Int, _ column: Int?) -> SourceLocation {
            SourceLocation(file: file, sheet: sheetName, line: row, column: column.map { $0 + offset },
                           columnName: column.flatMap { header?[safe: $0 - 1] })
        }

        try book.readRows(of: index) { (whole: XLSXRow) throws(TieoutError) in
            if setupError != nil { return }
            // With --range, the window is the table: its first column is column A of the header.
            var row = whole
            if let window {
                guard window.firstRow <= whole.number && whole.number <= window.lastRow else { return }
                row = XLSXRow(number: whole.number, cells: whole.cells.filter {
                    $0.column >= window.firstColumn && $0.column <= window.lastColumn
                }.map { $0.shifted(by: window.firstColumn - 1) })
            }
            guard header != nil else {
                let isHeader: Bool
                if let forced = input.headerRow { isHeader = row.number == forced }
                else {
                    let nonEmpty = row.cells.filter { $0.kind != .empty }
                    isHeader = nonEmpty.count >= 2 && nonEmpty.allSatisfy { $0.kind == .text }
                }
                guard isHeader else { titleLines += row.cells.contains { $0.kind != .empty } ? 1 : 0; return }
                var dense: [String] = []
                for cell in row.cells {
                    while dense.count + 1 < cell.column { dense.append("") }
                    dense.append(cell.text(date1904: date1904).trimmingSpaces())
                }
                header = dense
                do {
                    sumIndex = try resolveColumn(sum, in: dense)
                    sumName = dense[safe: sumIndex] ?? SourceLocation.letter(forColumn: sumIndex + 1)
                    groups = try parseGroups { try resolveColumn($0, in: dense) }
                } catch {
                    setupError = error
                    return
                }
                // Keys are interned from the raw cell: a kind byte, then the <v> or text bytes,
                // so a date column decodes each distinct serial once.
                keyers = groups.map { g in
                    let k = GroupColumnKeyer(granularity: g.granularity)
                    k.dateDecoder = { tagged throws(DateSyntaxError) in
                        let (kind, raw) = (tagged.first, String(tagged.dropFirst()))
                        if kind == "d", let serial = XLSXValue.number(raw),
                           let (date, _) = XLSXValue.dateTime(serial: serial, date1904: date1904) {
                            return date
                        }
                        return try CalendarDate.parse(raw)
                    }
                    k.labelDecoder = { tagged in
                        let raw = String(tagged.dropFirst())
                        switch tagged.first {
                        case "n": return XLSXValue.number(raw)?.description ?? raw
                        case "b": return raw == "1" ? "TRUE" : "FALSE"
                        default: return raw
                        }
                    }
                    return k
                }
                keyBuffer.reserveCapacity(256)
                totals = GroupedTotals(columns: groups.count)
                ids = [UInt32](repeating: 0, count: groups.count)
                return
            }
            if row.cells.allSatisfy({ $0.kind == .empty }) { return }
            rows += 1
            func cell(_ i: Int) -> XLSXCell? { row.cells.first { $0.column == i + 1 } }
            // The amount.
            let amountCell = cell(sumIndex)
            var amount: Amount? = nil
            switch amountCell?.kind {
            case .number?:
                amount = amountCell!.withUTF8 { XLSXValue.number($0) }
                if amount == nil {
                    rejects.append(Reject(location: at(row.number, sumIndex + 1),
                                          reason: "the number \(amountCell!.rawText) cannot be read exactly (not a decimal number, or beyond 38 digits)"))
                    return
                }
            case .text?:
                do throws(AmountSyntaxError) { amount = try amountCell!.withUTF8 { b throws(AmountSyntaxError) in try Amount.parse(utf8: b) } }
                catch { rejects.append(Reject(location: at(row.number, sumIndex + 1), reason: error.message)); return }
            case .empty? where amountCell!.hasFormula:
                rejects.append(Reject(location: at(row.number, sumIndex + 1),
                                      reason: "the cell has a formula but no cached value, so its amount is unknown (recalculate and save the workbook)"))
                return
            case nil, .empty?: break
            case let kind?:
                rejects.append(Reject(location: at(row.number, sumIndex + 1),
                                      reason: "the cell holds \(kind == .error ? "the error " + amountCell!.rawText : "a \(kind)"), not an amount"))
                return
            }
            guard let amount else {
                rejects.append(Reject(location: at(row.number, sumIndex + 1), reason: "the amount is blank (blank is absent, never zero)"))
                return
            }
            for (j, g) in groups.enumerated() {
                let c = cell(g.index)
                if g.granularity != nil, let c, c.kind == .number {
                    rejects.append(Reject(location: at(row.number, g.index + 1),
                                          reason: "the cell holds a number (\(c.rawText)) where a date is expected: format the column as a date"))
                    return
                }
                keyBuffer.removeAll(keepingCapacity: true)
                if let c {
                    switch c.kind {
                    case .date: keyBuffer.append(UInt8(ascii: "d"))
                    case .number: keyBuffer.append(UInt8(ascii: "n"))
                    case .boolean: keyBuffer.append(UInt8(ascii: "b"))
                    case .duration: keyBuffer.append(UInt8(ascii: "t"))
                    default: keyBuffer.append(UInt8(ascii: "s"))
                    }
                    // A duration is keyed by its h:mm:ss text, every other cell by its raw bytes.
                    if c.kind == .duration { keyBuffer.append(contentsOf: c.text(date1904: date1904).utf8) }
                    else { c.withUTF8 { keyBuffer.append(contentsOf: $0) } }
                } else {
                    keyBuffer.append(UInt8(ascii: "s"))
                }
                let keyed = keyBuffer.withUnsafeBufferPointer { b in Result { () throws(DateSyntaxError) in try keyers[j].key(for: b) } }
                switch keyed {
                case .success(let id): ids[j] = UInt32(id)
                case .failure(let error):
                    rejects.append(Reject(location: at(row.number, g.index + 1), reason: error.message))
                    return
                }
            }
            if !totals.add(amount, keys: ids) {
                rejects.append(Reject(location: at(row.number, sumIndex + 1),
                                      reason: "adding this amount would take a sum past 38 digits, beyond any ledger"))
            }
        }
        if let setupError { throw setupError }
        guard header != nil else {
            throw TieoutError(code: "xlsx.no-header", what: "sheet \(sheetName) of \(file) has no header row (a row of two or more text cells)",
                              location: SourceLocation(file: file, sheet: sheetName),
                              help: "Name the header row with --header-row N.")
        }
        try finish(groups: groups, keyers: keyers, totals: totals, rows: rows, rejects: rejects,
                   blankLines: 0, titleLines: titleLines, sumName: sumName)
    }
}

