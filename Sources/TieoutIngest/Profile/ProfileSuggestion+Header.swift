import TieoutCore

extension ProfileSuggestion {
    /// The header row when the reader's own choice (the first row of two or more text cells)
    /// is a header block above the real header: `单位名称：某局 | 期间：2024年` over a header
    /// of one or two rows. The header is the first row of two or more text cells, none a
    /// number or a date, above the first row that holds one, that is not all `标签：值` cells,
    /// nor narrower than half the rows below with its cells packed from column A. Nil when
    /// that is the reader's row, or nothing better is found.
    static func headerBelowBlock(_ path: String, _ options: TableOptions, detected: Int?) throws(TieoutError) -> Int? {
        var plain = options
        plain.headerRow = 0
        let source = try TableFileKind.openTable(path, plain)
        var rows: [(number: Int, cells: [String])] = []
        try firstRows(of: source) { row in
            guard rows.count < 60 else { return false }
            var cells: [String] = []
            for c in 1...64 { cells.append(row.cell(c)?.text(date1904: source.date1904).trimmingSpaces() ?? "") }
            while cells.last?.isEmpty == true { cells.removeLast() }
            if !cells.isEmpty { rows.append((row.number, cells)) }
            return true
        }
        func isValue(_ s: String) -> Bool { !s.isEmpty && ((try? Amount.parse(s)) != nil || (try? CalendarDate.parse(s)) != nil) }
        guard let firstData = rows.firstIndex(where: { $0.cells.contains(where: isValue) }) else { return nil }
        let width = rows[firstData...].prefix(10).map(\.cells.count).max() ?? 0
        for r in rows[..<firstData] {
            let filled = r.cells.filter { !$0.isEmpty }
            guard filled.count >= 2 else { continue }
            let labelled = filled.allSatisfy { $0.wholeMatch(of: /[^：:]{1,12}[：:].+/) != nil }
            // Narrow and packed from column A (`深圳市某局 | 2024年度`): a block. Group headers over
            // merged cells (`项目 | 年初预算 | | 预算调整`) leave gaps, and stay the header.
            let narrowBlock = filled.count * 2 < width && !r.cells.contains("")
            if !labelled && !narrowBlock { return r.number == detected ? nil : r.number }
        }
        return nil
    }

    /// Streams `source`'s rows to `body` until it returns false: the rest of a large file is not read.
    static func firstRows<S: TableSource>(of source: S, _ body: (S.Row) -> Bool) throws(TieoutError) {
        do {
            try source.forEachRow { row throws(TieoutError) in
                if !body(row) { throw TieoutError(code: "table.enough-rows") }
            }
        } catch {
            if error.code != "table.enough-rows" { throw error }
        }
    }
}
