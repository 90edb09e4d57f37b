import TieoutCore

extension ProfileApplier {
    /// A value read from the header block: the field it fills, typed, and the cell it is in.
    struct HeaderBlockValue {
        var field: Int
        var value: FieldValue
        var label: String
        var letter: String
        /// The cell's record (CSV) or row (sheet) number; nil when the reader did not say.
        var row: Int?
    }

    /// The profile's `header_block:` fields, read from the title lines above the header: a cell
    /// `标签：值` (or `标签:值`, several in one cell apart by spaces), or a cell `标签` (or `标签：`)
    /// with the value in the next filled cell of its row. A count drops its measure word
    /// (`24名` → 24). A label the block lacks is an error naming the file and its title lines.
    static func headerBlock(_ profile: Profile, header: TableHeader, plan: ColumnPlan, file: String) throws(TieoutError) -> [HeaderBlockValue] {
        let kind = profile.kind
        var out: [HeaderBlockValue] = []
        for f in profile.headerBlock {
            let index = kind.fields.firstIndex { $0.name == f.field.name }!
            guard let found = find(f.labels, in: header.titleLines) else {
                let lines = header.titleLines.map { line in line.filter { !$0.trimmingSpaces().isEmpty }.joined(separator: " | ") }
                let labels = Joined(f.labels.map { Phrase("error.profile.column.name", ["name": $0]) }, or: true)
                throw TieoutError(code: "profile.header-block",
                                  what: Phrase("error.profile.header-block.missing.what", ["file": file, "labels": labels, "field": f.field.name, "profile": profile.file,
                                                                                            "line": f.line.map(String.init) ?? "?"]),
                                  location: plan.headerRow,
                                  help: lines.isEmpty
                                      ? Phrase("error.profile.header-block.missing.help-none", ["field": f.field.name])
                                      : Phrase("error.profile.header-block.missing.help", ["lines": lines.map { "'\($0)'" }.joined(separator: "; ")]))
            }
            let row = found.line < header.titleRows.count ? header.titleRows[found.line] : nil
            let letter = SourceLocation.letter(forColumn: found.column)
            var where_ = plan.headerRow
            if where_.sheet != nil { where_.line = row } else { where_.record = row; where_.line = nil }
            where_.column = found.column
            var text = f.field.type == .integer ? dropMeasureWord(found.value) : found.value
            let mapping = profile.mapping(for: f.field.name) ?? Profile.ColumnMapping(field: f.field, from: [], map: f.field.words)
            let typed = text.withUTF8 { b in
                value(of: Cell(column: found.column, kind: .text, bytes: b), field: f.field, mapping: mapping, unit: plan.unit, date1904: false)
            }
            switch typed {
            case .success(let v?):
                out.append(HeaderBlockValue(field: index, value: v, label: found.label, letter: letter, row: row))
            case .success(nil):
                throw TieoutError(code: "profile.header-block", what: Phrase("error.profile.header-block.blank", ["label": found.label, "file": file, "field": f.field.name]),
                                  location: where_, help: Phrase("error.profile.header-block.blank.help", ["field": f.field.name, "profile": profile.file]))
            case .failure(let e):
                throw TieoutError(code: "profile.header-block",
                                  what: Phrase("error.profile.header-block.value", ["label": found.label, "file": file, "field": f.field.name, "title": f.field.title, "message": e]),
                                  location: where_, help: Phrase("error.profile.header-block.value.help", ["field": f.field.name, "profile": profile.file]))
            }
        }
        return out
    }

    /// The first cell carrying one of `labels`, and its value: after the label's colon in the same
    /// cell, else in the next filled cell to its right.
    static func find(_ labels: [String], in lines: [[String]]) -> (line: Int, column: Int, label: String, value: String)? {
        for label in labels {
            for (li, line) in lines.enumerated() {
                for (ci, raw) in line.enumerated() {
                    let cell = raw.trimmingSpaces()
                    for r in cell.ranges(of: label) {
                        // The label starts the cell, or follows a space (`编制单位：A  单位名称：B`).
                        guard r.lowerBound == cell.startIndex || cell[cell.index(before: r.lowerBound)].isWhitespace else { continue }
                        var rest = cell[r.upperBound...].drop { $0.isWhitespace }
                        let colon = rest.first == "：" || rest.first == ":"
                        if colon { rest = rest.dropFirst().drop { $0.isWhitespace } }
                        if !rest.isEmpty {
                            guard colon else { continue }   // 单位名称称 is not 单位名称
                            // Up to the next label of the same cell, if any (`A  期间：2024年`).
                            var value = String(rest)
                            if let gap = value.firstIndex(where: { $0.isWhitespace }), value[gap...].contains(where: { $0 == "：" || $0 == ":" }) {
                                value = String(value[..<gap])
                            }
                            return (li, ci + 1, label, value.trimmingSpaces())
                        }
                        // The value in the next filled cell of the row.
                        if let next = line[(ci + 1)...].firstIndex(where: { !$0.trimmingSpaces().isEmpty }) {
                            return (li, next + 1, label, line[next].trimmingSpaces())
                        }
                        return (li, ci + 1, label, "")
                    }
                }
            }
        }
        return nil
    }

    /// `24名`, `24 人`, `1,200个` → the number alone; any other text as it is.
    static func dropMeasureWord(_ text: String) -> String {
        let digits = text.prefix { $0.isASCII && ($0.isNumber || $0 == ",") || $0 == "-" }
        let rest = text.dropFirst(digits.count).trimmingSpaces()
        guard !digits.isEmpty, !rest.isEmpty, rest.count <= 2, rest.allSatisfy({ !$0.isNumber && !$0.isASCII }) else { return text }
        return String(digits)
    }

    /// `金额单位` | `万元` in two cells of a title line (the one-cell form is read by ``unitFromTitles(_:)``).
    static func unitFromLabelCells(_ titles: [[String]]) -> MoneyUnit? {
        for line in titles {
            for (i, cell) in line.enumerated() {
                var t = cell.replacing(" ", with: "")
                if t.hasSuffix("：") || t.hasSuffix(":") { t.removeLast() }
                guard t.hasSuffix("单位"), let next = line[(i + 1)...].first(where: { !$0.trimmingSpaces().isEmpty }) else { continue }
                let v = next.trimmingSpaces()
                for unit in [MoneyUnit.yiYuan, .wanYuan, .yuan] where v == unit.symbol { return unit }
            }
        }
        return nil
    }
}
