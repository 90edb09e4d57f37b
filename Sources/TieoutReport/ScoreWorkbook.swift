import TieoutCore
import TieoutOffice
import TieoutScore

/// `score.xlsx`: the score table laid out like the annex 部门整体支出绩效评价表 — the 评价指标
/// header over 一级/二级/三级指标, 一级 and 二级指标 merged down their items, scores as numbers
/// formatted `0.00`, the 依据 column, and the 合计 row (98.79 for the sample).
public enum ScoreWorkbook {
    /// The header cells, row by row, as written (two header rows, as in the annex).
    public static let headers = (top: ["评价指标", "", "", "分值", "计算得分", "附件得分", "依据"],
                                 second: ["一级指标", "二级指标", "三级指标"])

    /// Writes the sheet `评分` of `book` (which must not be in constant-memory mode: the ranges merge down).
    public static func write(_ s: ScoreSheet, into book: WorkbookWriter) throws(TieoutError) {
        let sheet = try book.addSheet("评分")
        let head = CellStyle.header
        let text = CellStyle(wrap: true, verticalCenter: true, border: true)
        let merged = CellStyle(wrap: true, center: true, verticalCenter: true, border: true)
        let score = CellStyle(numberFormat: "0.00", verticalCenter: true, border: true)
        let total = CellStyle(numberFormat: "0.00", bold: true, verticalCenter: true, border: true)
        try sheet.setColumns(0...1, width: 14)
        try sheet.setColumns(2...2, width: 22)
        try sheet.setColumns(3...5, width: 10)
        try sheet.setColumns(6...6, width: 80)

        try sheet.merge(rows: 0...0, columns: 0...6, .text("部门整体支出绩效评价表（计算）"), style: CellStyle(bold: true, center: true))
        try sheet.merge(rows: 1...1, columns: 0...6, .text("评分标准：\(s.title)（\(s.rubric)）"))
        // The annex's two header rows: 评价指标 over the three levels; the others merged down.
        try sheet.merge(rows: 2...2, columns: 0...2, .text(headers.top[0]), style: head)
        for c in 3...6 { try sheet.merge(rows: 2...3, columns: c...c, .text(headers.top[c]), style: head) }
        try sheet.write(row: 3, headers.second.map(WorkbookCell.text), style: head)

        let first = 4
        for (k, i) in s.items.enumerated() {
            let r = first + k
            try sheet.write(row: r, column: 2, .text(i.name), style: text)
            try sheet.write(row: r, column: 3, number(i.max), style: score)
            try sheet.write(row: r, column: 4, number(i.points), style: score)
            try sheet.write(row: r, column: 5, i.claimed.map(number) ?? .blank, style: score)
            try sheet.write(row: r, column: 6, .text(i.why.joined(separator: "；")), style: text)
        }
        // 一级指标 merged over its run of items, 二级指标 over its run within it.
        for run in runs(s.items.map(\.level1)) { try place(sheet, column: 0, run, first: first, s.items.map(\.level1), style: merged) }
        for run in runs(s.items.map { $0.level1 + "\u{0}" + $0.level2 }) { try place(sheet, column: 1, run, first: first, s.items.map(\.level2), style: merged) }

        let t = first + s.items.count
        try sheet.merge(rows: t...t, columns: 0...2, .text("合计"), style: CellStyle(bold: true, center: true, border: true))
        try sheet.write(row: t, column: 3, number(s.max), style: total)
        try sheet.write(row: t, column: 4, number(s.total), style: total)
        try sheet.write(row: t, column: 5, s.claimedTotal.map(number) ?? .blank, style: total)
        try sheet.write(row: t, column: 6, .text("各项未取整得分之和 \(s.totalExact)，四舍五入到 0.01"), style: text)
        sheet.freeze(row: first)
    }

    /// A score's text (`9.79`) as an exact number; text when it is not a number.
    static func number(_ text: String) -> WorkbookCell {
        Amount(text).map(WorkbookCell.amount) ?? .text(text)
    }

    /// Runs of equal neighbours: (start, end) indices.
    static func runs(_ keys: [String]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        var start = 0
        for i in keys.indices where i == keys.count - 1 || keys[i + 1] != keys[i] {
            out.append(start...i)
            start = i + 1
        }
        return out
    }

    private static func place(_ sheet: WorksheetWriter, column: Int, _ run: ClosedRange<Int>, first: Int, _ values: [String], style: CellStyle) throws(TieoutError) {
        let value = WorkbookCell.text(values[run.lowerBound])
        if run.count == 1 {
            try sheet.write(row: first + run.lowerBound, column: column, value, style: style)
        } else {
            try sheet.merge(rows: (first + run.lowerBound)...(first + run.upperBound), columns: column...column, value, style: style)
        }
    }
}
