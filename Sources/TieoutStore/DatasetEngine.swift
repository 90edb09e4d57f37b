import TieoutCore
import TieoutIngest

/// What figures and the commands over a dataset read, on either engine: the aggregates a
/// figure compiles to (exact sums, least, greatest, counts and the first few places, one scan
/// per kind), the fields no ledger has, the records behind a figure (`tieout explain`) and a
/// kind's rows with their lineage (`tieout export`). The SQL is one definition for both
/// engines: the conditions that `Condition.filter` writes (`?` placeholders, `glob(?, x)`,
/// `tieout_nfc(x)`, bytewise text comparisons) and the statements of ``DatasetSQL`` run on
/// SQLite and on PostgreSQL.
///
/// - ``DatasetStore``: SQLite, exact sums by its own aggregate (``ExactAggregates``);
/// - `PostgresDataset`: a unit's schema in PostgreSQL, sums in `numeric` (exact).
package protocol DatasetEngine {
    /// Computes `requests` over the active records of `kind` that pass `base`; `records` is how
    /// many records pass `base` (0: the ledger is absent). Results and month totals are in the
    /// order asked; examples are the first five places in record-id order.
    func aggregate(_ kind: RecordKind, base: RecordFilter, _ requests: [AggregateRequest],
                   monthly: [MonthlyRequest]) throws(TieoutError) -> (records: Int, results: [AggregateResult], months: [[MonthTotal]])

    /// Of `fields`, those no active file of `kind` has a column for and no record holds a value of.
    func absentFields(of kind: RecordKind, _ fields: Set<String>) throws(TieoutError) -> Set<String>

    /// Streams the active records of `kind` passing `base` and `filter`, in file and row order,
    /// with the place and stored value of `field` (nil: records counted), and the stored text of
    /// the `shown` fields of the kind (``DatasetSQL/selected(_:base:filter:field:shown:)``).
    func forEachSelected(_ kind: RecordKind, base: RecordFilter, filter: RecordFilter, field: String?, shown: [String],
                         _ body: (DatasetStore.SelectedValue) throws -> Void) throws(TieoutError)

    /// Streams a kind's table for export: the header, then each row as text (blank for NULL),
    /// lineage first (file, sha256, sheet, row, line), then each field and its cell.
    func exportRows(of kind: RecordKind, _ body: ([String]) throws -> Void) throws(TieoutError)

    /// Whether the dataset has a table for `kind` (a workspace kind never ingested has none).
    func hasTable(for kind: RecordKind) throws(TieoutError) -> Bool
}

extension DatasetStore: DatasetEngine {}

/// The statements both engines run for the reads of ``DatasetEngine`` beyond the figures:
/// one text, `?` placeholders (PostgreSQL numbers them), identifiers double-quoted.
package enum DatasetSQL {
    /// The records `tieout explain` lists: `file_id`, `row`, `path`, `sheet`, `_value` (with a
    /// field) and `_shown0` … in file path, row and id order.
    package static func selected(_ kind: RecordKind, base: RecordFilter, filter: RecordFilter, field: String?, shown: [String]) -> RecordFilter {
        let f = field.map { "t." + DatasetStore.quoted($0) }
        let extra = shown.enumerated().map { ", t.\(DatasetStore.quoted($0.element)) AS _shown\($0.offset)" }.joined()
        let sql = "SELECT t.file_id, t.\"row\", f.path, f.sheet\(f.map { ", " + $0 + " AS _value" } ?? "")\(extra) FROM \(DatasetStore.quoted(kind.table)) t"
            + " JOIN files f ON f.id = t.file_id WHERE f.status = 'active' AND (\(base.sql)) AND (\(filter.sql))"
            + (f.map { " AND \($0) IS NOT NULL" } ?? "") + " ORDER BY f.path, t.\"row\", t.id"
        return RecordFilter(sql: sql, arguments: base.arguments + filter.arguments)
    }

    /// A kind's rows from the active files, with their file's path (`_path`), SHA-256 (`_sha`)
    /// and sheet (`_sheet`), in file and row order.
    package static func activeRows(_ kind: RecordKind) -> String {
        """
        SELECT t.*, f.path AS _path, f.sha256 AS _sha, f.sheet AS _sheet FROM \(DatasetStore.quoted(kind.table)) t
        JOIN files f ON f.id = t.file_id WHERE f.status = 'active' ORDER BY f.path, t."row", t.id
        """
    }

    /// Every row of a table, every column, in one order both engines give alike (bytewise text,
    /// NULL first): what ``DatasetStore/tableDigests(_:)`` and the PostgreSQL copy's digests hash.
    package static func allRows(_ table: String, columns: [String]) -> String {
        let cols = columns.map(DatasetStore.quoted)
        return "SELECT " + cols.joined(separator: ", ") + " FROM " + DatasetStore.quoted(table)
            + " ORDER BY " + cols.map { $0 + " ASC NULLS FIRST" }.joined(separator: ", ")
    }

    /// One exported line (``DatasetEngine/exportRows(of:_:)``) from a row's lineage and each
    /// field's stored text (an integer or a boolean as its digits).
    static func exportLine(_ kind: RecordKind, path: String, sha: String, sheet: String?, row: Int, line: Int?,
                           cells: [String: DatasetStore.FieldCell]?, text: (String) -> String?) -> [String] {
        var out: [String] = [path, sha, sheet ?? "", String(row), line.map(String.init) ?? ""]
        for f in kind.fields {
            let t = text(f.name)
            switch f.type {
            case .boolean: out.append(t.flatMap { Int($0) }.map { $0 != 0 ? "true" : "false" } ?? "")
            case .integer: out.append(t.flatMap { Int($0) }.map(String.init) ?? "")
            default: out.append(t ?? "")
            }
            out.append(cells?[f.name].map { $0.at(row) } ?? "")
        }
        return out
    }

    /// The export's header: lineage, then each field and its cell.
    static func exportHeader(_ kind: RecordKind) -> [String] {
        var header = ["file", "file_sha256", "sheet", "row", "line"]
        for f in kind.fields { header.append(f.name); header.append(f.name + "_cell") }
        return header
    }
}
