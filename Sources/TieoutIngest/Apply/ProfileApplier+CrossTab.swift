import TieoutCore

extension ProfileApplier {
    /// A transposed cross-tab: each category column a record (``CrossTabTable``), its label
    /// from the header, each measure from its row. Lineage: a field has no column letter (the
    /// record's column, its `row` in the dataset being the column's number) and one row, its
    /// measure's (the label's: the header row). Every measure row is accounted for as a part
    /// of the records (or as a label the profile does not map), like a key-value table's rows.
    func runTransposed<S: TableSource, Sink: RecordSink>(_ source: S, _ crossTab: Profile.CrossTab, into sink: inout Sink,
                                                       onReject: (RowReject) -> Void) throws(TieoutError) -> ApplyResult {
        let table = try CrossTabTable(source)
        var result = try run(table, into: &sink, onReject: onReject)
        result.fieldColumns = result.fieldColumns.map { f in
            let row = f.field == crossTab.rows ? table.header.row : table.measures.first { $0.label == f.header }?.row
            return (f.field, "", f.header, row)
        }
        let used = Set(crossTab.columns.map(\.label))
        let span = table.categories.map { SourceLocation.letter(forColumn: $0) }
        let columns = span.count > 1 ? "\(span.first!)–\(span.last!)" : span.first ?? "none"
        for m in table.measures {
            result.accounting.read += 1
            result.accounting.skipped += 1
            var place = m.location(1)
            place.column = nil
            result.skipped.append(SkippedRow(location: place, reason: used.contains(m.label)
                ? "a measure row of the transposed cross-tab ('\(m.label)'): its cells are values of the records of columns \(columns)"
                : "the label '\(m.label)' is not one the profile maps"))
        }
        return result
    }
}
