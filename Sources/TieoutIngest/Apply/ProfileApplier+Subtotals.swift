import TieoutCore

extension ProfileApplier {
    /// The cell that labels a row (合计, 本年累计): in the label column, else the row's first filled cell.
    static func labelCell<R: TableRow>(of row: R, labelColumn: Int?, columns: Int) -> Cell? {
        if let labelColumn { return row.cell(labelColumn) }
        var c = 1
        let last = row.fieldCount ?? max(columns, 1)
        while c <= last {
            if let cell = row.cell(c), cell.kind != .empty { return cell }
            c += 1
        }
        return nil
    }

    /// Subtotal rows found by their label (合计, 小计, 总计), each checked at its level: a 小计
    /// against the rows since the previous subtotal (or section row), a 本月合计 since the previous
    /// 本月 or higher total, a 本季合计 since the previous 本季 or higher total, the others (合计,
    /// 总计, 本年合计) against every row so far; rows rejected in between make the check
    /// `incomplete`, never a mismatch.
    /// (A class: one instance per table, its running sums updated in place, never copied per row.)
    final class LabelSubtotals {
        let labels: [String]
        let labelBytes: [[UInt8]]
        let labelColumn: Int?
        let checked: [Int]
        /// The running sums, rows and rejects of every row so far; per level below the whole
        /// (0: 小计, 1: 本月, 2: 本季), what they were when the level last started anew (a level's
        /// own sum is the difference: no more work per row than one running sum).
        private var allSums: [Amount], levelStart: [[Amount]]
        private var allRows = 0, allRejects = 0, levelRows = [0, 0, 0], levelRejects = [0, 0, 0]

        init(rule: Profile.SubtotalRule, plan: ColumnPlan, fieldCount: Int) {
            labels = rule.labels
            labelBytes = rule.labels.map { Array($0.utf8) }
            labelColumn = plan.labelColumn
            checked = plan.checked
            allSums = [Amount](repeating: .zero, count: fieldCount)
            levelStart = Array(repeating: allSums, count: 3)
        }

        /// The row's label when it is a subtotal row, and the label as written without spaces
        /// (合 计, as some exports print it). Bytes are compared in place: this runs on every row.
        func label<R: TableRow>(of row: R, columns: Int, date1904: Bool) -> (label: String, compact: String)? {
            guard let labelCell = ProfileApplier.labelCell(of: row, labelColumn: labelColumn, columns: columns),
                  labelCell.kind == .text || labelCell.kind == .empty else { return nil }
            // The compact label is made only for a row that may be a subtotal: one holding a label's bytes, or a space.
            let hit = labelCell.withUTF8 { b in labelBytes.firstIndex { ProfileApplier.contains(b, $0) } }
            guard hit != nil || labelCell.withUTF8({ b in b.contains(0x20) || ProfileApplier.contains(b, ProfileApplier.ideographicSpace) }) else { return nil }
            let compact = labelCell.text(date1904: date1904).replacing(" ", with: "").replacing("\u{3000}", with: "")
            guard let label = hit.map({ labels[$0] }) ?? labels.first(where: { compact.contains($0) }) else { return nil }
            return (label, compact)
        }

        /// The level of a subtotal row: 0 小计, 1 本月合计, 2 本季合计, nil the whole (合计, 总计, 本年合计).
        static func level(label: String, compact: String) -> Int? {
            if label.contains("小计") { return 0 }
            if compact.hasPrefix("本月") { return 1 }
            if compact.hasPrefix("本季") { return 2 }
            return nil
        }

        /// The checks of a subtotal row against the rows it covers; the levels up to its own start anew.
        func check<R: TableRow>(_ row: R, label: String, compact: String, kind: RecordKind, plan: ColumnPlan) -> [SubtotalCheck] {
            let level = Self.level(label: label, compact: compact)
            var out: [SubtotalCheck] = []
            for i in checked {
                let column = plan.columnOf[i]!
                var stated: Amount? = nil
                var unreadable = false
                let cellUnit = kind.fields[i].type == .amount ? (plan.plans[i]?.mapping.unit.flatMap(ProfileApplier.fixedUnit) ?? plan.unit) : .yuan
                do throws(CellValueError) { stated = try ProfileApplier.SignPlan.stated(plan.signs[i], row, column: column, unit: cellUnit) }
                catch { unreadable = true }
                let computed = level.map { allSums[i] - levelStart[$0][i] } ?? allSums[i]
                let partial = (level.map { allRejects - levelRejects[$0] } ?? allRejects) > 0
                let status: SubtotalCheck.Status = partial ? .incomplete : (!unreadable && stated == computed ? .ok : .mismatch)
                out.append(SubtotalCheck(location: row.location(column: column), label: compact, field: kind.fields[i].name,
                                         stated: stated, computed: computed, rows: level.map { allRows - levelRows[$0] } ?? allRows, status: status))
            }
            for l in 0...(level ?? 2) { reset(l) }
            return out
        }

        /// A rejected row: the subtotals over it cannot be checked in full.
        func rejected() { allRejects += 1 }

        /// A section row (`sections:`): the next 小计 covers the rows of this section only.
        func startSection() { reset(0) }

        private func reset(_ level: Int) {
            levelStart[level] = allSums
            levelRows[level] = allRows; levelRejects[level] = allRejects
        }

        /// An accepted row's checked values, added to the running sums.
        func accepted(_ values: UnsafeMutableBufferPointer<FieldValue?>) {
            for i in checked {
                if let a = values[i]?.amount { allSums[i] = allSums[i] + a }
            }
            allRows += 1
        }
    }

    /// Cumulative rows found by their label (本年累计, 本季累计, 累计): each is what the
    /// export says has been spent so far, recorded per checked field and left out; ingest
    /// checks it against the source's own and earlier periods once all are read.
    struct CumulativeRows {
        let labels: [String]
        let labelColumn: Int?
        let checked: [Int]

        init(rule: Profile.CumulativeRule, plan: ColumnPlan, profile: Profile) {
            labels = rule.labels.sorted { $0.count > $1.count }   // 本年累计 before 累计
            labelColumn = plan.labelColumn
            let kind = profile.kind
            let names = rule.check.isEmpty ? profile.columns.filter { $0.field.type == .amount || $0.field.type == .integer }.map(\.field.name) : rule.check
            checked = names.compactMap { n in kind.fields.firstIndex { $0.name == n } }.filter { plan.columnOf[$0] != nil }
        }

        /// The row's cumulative label, if it has one (in the label column, or its first filled cell).
        func label<R: TableRow>(of row: R, columns: Int, date1904: Bool) -> String? {
            guard let cell = ProfileApplier.labelCell(of: row, labelColumn: labelColumn, columns: columns), cell.kind == .text else { return nil }
            // Cheap first: every label holds 累计.
            guard cell.withUTF8({ ProfileApplier.contains($0, Self.lei) }) || !labels.allSatisfy({ $0.contains("累计") }) else { return nil }
            let compact = cell.text(date1904: date1904).replacing(" ", with: "").replacing("\u{3000}", with: "")
            return labels.first { compact.contains($0) }
        }

        static let lei = Array("累计".utf8)

        func rows<R: TableRow>(_ row: R, label: String, kind: RecordKind, plan: ColumnPlan) -> [CumulativeRow] {
            checked.map { i in
                let column = plan.columnOf[i]!
                let cellUnit = kind.fields[i].type == .amount ? (plan.plans[i]?.mapping.unit.flatMap(ProfileApplier.fixedUnit) ?? plan.unit) : .yuan
                var stated: Amount? = nil
                do throws(CellValueError) { stated = try ProfileApplier.SignPlan.stated(plan.signs[i], row, column: column, unit: cellUnit) } catch {}
                return CumulativeRow(location: row.location(column: column), label: label, scope: label.contains("季") ? .quarterToDate : .yearToDate,
                                     field: kind.fields[i].name, stated: stated)
            }
        }
    }

    /// Subtotal rows found by hierarchical codes (类 201, 款 20101, 项 2010101): every row is
    /// kept until the end; a row whose code begins the codes below it is their total, checked
    /// against its direct children, and is a subtotal, not a record.
    struct HierarchySubtotals {
        /// A row kept until its children are known.
        struct Held { var record: Record?; var code: String; var location: SourceLocation }
        private var held: [Held] = []

        mutating func hold(_ record: Record?, code: String, location: SourceLocation) {
            held.append(Held(record: record, code: code, location: location))
        }

        /// The parents (subtotal rows) and their checks; every other typed row, in order, is a record.
        func finish(kind: RecordKind, checked: [Int]) -> (parents: Int, checks: [SubtotalCheck], records: [Record]) {
            var checks: [SubtotalCheck] = [], parents = 0, records: [Record] = []
            // A row is a parent when the row below it carries a longer code that begins with its own.
            let isParent = held.indices.map { i in
                i + 1 < held.count && !held[i].code.isEmpty && held[i + 1].code.count > held[i].code.count && held[i + 1].code.hasPrefix(held[i].code)
            }
            for i in held.indices where isParent[i] {
                // Direct children: the rows below within its code whose nearest parent is this row.
                var sums = [Amount](repeating: .zero, count: kind.fields.count)
                var children = 0, partial = false
                var j = i + 1
                while j < held.count && held[j].code.hasPrefix(held[i].code) && held[j].code != held[i].code {
                    let nearest = (i..<j).last { k in isParent[k] && held[j].code.hasPrefix(held[k].code) && held[k].code != held[j].code }
                    if nearest == i {
                        children += 1
                        if let r = held[j].record { for f in checked { sums[f] = sums[f] + (r.values[f]?.amount ?? .zero) } } else { partial = true }
                    }
                    j += 1
                }
                parents += 1
                for f in checked {
                    let stated = held[i].record?.values[f]?.amount
                    let status: SubtotalCheck.Status = partial || held[i].record == nil ? .incomplete : (stated == sums[f] ? .ok : .mismatch)
                    checks.append(SubtotalCheck(location: held[i].location, label: held[i].code, field: kind.fields[f].name,
                                                          stated: stated, computed: sums[f], rows: children, status: status))
                }
            }
            // Rejected parents were counted as rejected; a parent that typed is a subtotal, not a record.
            for i in held.indices where !isParent[i] {
                guard let r = held[i].record else { continue }   // rejected: counted already
                records.append(r)
            }
            return (parents, checks, records)
        }
    }
}
