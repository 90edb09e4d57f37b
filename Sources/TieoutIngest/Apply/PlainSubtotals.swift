import TieoutCore

/// Subtotal rows of a table read without a profile (`tieout totals FILE`), found as a
/// profile finds them by default: a row whose first filled cell contains 合计, 小计 or 总计
/// (spaces ignored: 合 计). Each is checked at its level, as a profile checks it (a 小计 against
/// the rows since the previous subtotal, 本月合计 its month, 本季合计 its quarter, the others
/// against every row so far; a rejected row in between makes it `incomplete`), then left out
/// of the totals.
///
/// ```swift
/// let subtotals = PlainSubtotals()
/// if let label = subtotals.label(of: row, columns: n, date1904: false) {
///     subtotals.check(row.cell(sumColumn), label: label, location: row.location(column: sumColumn))   // not summed
/// } else { subtotals.accepted(amount) }
/// subtotals.checks   // one per subtotal row
/// ```
public final class PlainSubtotals {
    let labels = Profile.SubtotalRule().labels
    lazy var labelBytes = labels.map { Array($0.utf8) }
    /// Every row so far, and per level below the whole (小计, 本月, 本季) what it was at the level's last start.
    private var allSum = Amount.zero, allRows = 0, allRejects = 0
    private var levelStart: [(sum: Amount, rows: Int, rejects: Int)] = Array(repeating: (.zero, 0, 0), count: 3)
    public private(set) var checks: [SubtotalCheck] = []

    public init() {}

    /// The row's label, written without spaces, when it is a subtotal row.
    /// Bytes compared in place: this runs on every row, and a String is made only for a likely label.
    public func label<R: TableRow>(of row: R, columns: Int, date1904: Bool) -> String? {
        guard let cell = ProfileApplier.labelCell(of: row, labelColumn: nil, columns: columns), cell.kind == .text else { return nil }
        let likely = cell.withUTF8 { b in
            labelBytes.contains { ProfileApplier.contains(b, $0) } || b.contains(0x20) || ProfileApplier.contains(b, ProfileApplier.ideographicSpace)
        }
        guard likely else { return nil }
        let compact = cell.text(date1904: date1904).replacing(" ", with: "").replacing("\u{3000}", with: "")
        return labels.contains(where: { compact.contains($0) }) ? compact : nil
    }

    /// Checks a subtotal row's amount cell against the rows it covers.
    public func check(_ cell: Cell?, label: String, field: String, location: SourceLocation) {
        var stated: Amount? = nil, unreadable = false
        do throws(CellValueError) { stated = try cell?.amount() } catch { unreadable = true }
        let level = ProfileApplier.LabelSubtotals.level(label: label, compact: label)
        let start = level.map { levelStart[$0] } ?? (.zero, 0, 0)
        let partial = allRejects - start.rejects > 0
        let computed = allSum - start.sum
        checks.append(SubtotalCheck(location: location, label: label, field: field, stated: stated, computed: computed,
                                    rows: allRows - start.rows,
                                    status: partial ? .incomplete : (!unreadable && stated == computed ? .ok : .mismatch)))
        for l in 0...(level ?? 2) { levelStart[l] = (allSum, allRows, allRejects) }
    }

    /// An accepted row's amount.
    public func accepted(_ amount: Amount) {
        allSum = allSum + amount
        allRows += 1
    }

    /// A rejected row: the subtotals over it cannot be checked in full.
    public func rejected() {
        allRejects += 1
    }
}
