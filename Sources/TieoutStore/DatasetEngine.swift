import TieoutCore
import TieoutIngest

/// What figures read from a dataset, on either engine: the aggregates a figure compiles to
/// (exact sums, least, greatest, counts and the first few places, one scan per kind) and the
/// fields no ledger has. The conditions are one definition for both engines: the SQL that
/// `Condition.filter` writes (`?` placeholders, `glob(?, x)`, `tieout_nfc(x)`, bytewise text
/// comparisons) runs on SQLite and on PostgreSQL.
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
}

extension DatasetStore: DatasetEngine {}
