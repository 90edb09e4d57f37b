import TieoutCore
import TieoutOffice
import TieoutReconcile

/// `findings.xlsx`: every finding, coloured by its class, filterable; and every source cell
/// behind them with its place (file, sheet, row, cell).
public enum FindingsWorkbook {
    public static let findingHeader = ["类别", "规则", "标题", "报告所述", "台账复算", "差异", "说明", "章节", "编号"]
    public static let placeHeader = ["类别", "编号", "标题", "输入", "输入值", "精确值", "文件", "工作表", "行", "单元格"]

    /// The fill of a finding's rows (RRGGBB), by its class: ok green, rounding yellow, mismatch
    /// red, unsupported lilac, missing-data grey. A class added later must be given one here.
    public static func fill(_ status: Finding.Status) -> UInt32 {
        switch status {
        case .ok: 0xC6EFCE
        case .rounding: 0xFFEB9C
        case .mismatch: 0xFFC7CE
        case .unsupported: 0xE4DFEC
        case .missingData: 0xD9D9D9
        }
    }

    /// Two sheets, `发现` (one row per finding) and `来源单元格` (one row per place), each with a filter.
    public static func write(_ findings: [Finding], into book: WorkbookWriter) throws(TieoutError) {
        // Worst first, as the reports list them (Finding.Status.severity).
        let sorted = findings.enumerated().sorted {
            let a = $0.element.status.severity, b = $1.element.status.severity
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)

        let main = try book.addSheet("发现")
        try main.setColumns(0...1, width: 12)
        try main.setColumns(2...2, width: 40)
        try main.setColumns(3...5, width: 16)
        try main.setColumns(6...6, width: 60)
        try main.setColumns(7...8, width: 30)
        try main.write(row: 0, findingHeader.map(WorkbookCell.text), style: .header)
        for (k, f) in sorted.enumerated() {
            let style = CellStyle(fill: fill(f.status))
            try main.write(row: k + 1, [f.status.rawValue, f.rule, f.title, f.expected ?? "", f.actual ?? "", f.difference ?? "",
                                        f.explanation, f.section ?? "", f.id].map(WorkbookCell.text), style: style)
        }
        try main.autofilter(row: 0, lastRow: sorted.count, columns: 0...(findingHeader.count - 1))
        main.freeze(row: 1)

        let cells = try book.addSheet("来源单元格")
        try cells.setColumns(0...1, width: 12)
        try cells.setColumns(2...3, width: 30)
        try cells.setColumns(6...6, width: 44)
        try cells.write(row: 0, placeHeader.map(WorkbookCell.text), style: .header)
        var r = 1
        for f in sorted {
            let style = CellStyle(fill: fill(f.status))
            for input in f.inputs {
                for place in input.places.isEmpty ? [""] : input.places {
                    let p = Place(place)
                    try cells.write(row: r, [.text(f.status.rawValue), .text(f.id), .text(f.title), .text(input.label), .text(input.value), .text(input.exact),
                                             .text(p.file), .text(p.sheet ?? ""), p.row.map(WorkbookCell.integer) ?? .blank, .text(p.cell)], style: style)
                    r += 1
                }
            }
        }
        try cells.autofilter(row: 0, lastRow: r - 1, columns: 0...(placeHeader.count - 1))
        cells.freeze(row: 1)
    }

    /// A place as findings give it: `ledgers/x.xlsx[Sheet]!H7`, `ledgers/a.csv!I19`, `ledgers/b.csv!row 3`.
    public struct Place: Equatable, Sendable {
        public var file: String
        public var sheet: String?
        public var row: Int?
        /// The cell (`H7`); empty for a record counted as a whole (`row 3`).
        public var cell: String

        public init(_ text: String) {
            var head = text, tail = ""
            if let bang = text.lastIndex(of: "!") {
                head = String(text[..<bang])
                tail = String(text[text.index(after: bang)...])
            }
            sheet = nil
            if head.hasSuffix("]"), let open = head.lastIndex(of: "[") {
                sheet = String(head[head.index(after: open)..<head.index(before: head.endIndex)])
                head = String(head[..<open])
            }
            file = head
            if tail.hasPrefix("row ") {
                row = Int(tail.dropFirst(4))
                cell = ""
            } else {
                let digits = tail.drop { !$0.isNumber }
                row = digits.isEmpty ? nil : Int(digits)
                cell = tail
            }
        }
    }
}
