import TieoutCore
import TieoutIngest
import TieoutStore

/// What a leaf input selects: a kind, a filter, and the field aggregated (nil: records
/// counted). A reproducible query, not a list: `tieout explain` runs it again to list every
/// record; reports carry its count and a few examples.
package struct Selection: Sendable {
    package var kind: RecordKind
    package var field: String?
    /// The figure's own conditions.
    package var filter: RecordFilter
    /// What every figure of the run shares: up to the as-of day, for dated kinds.
    package var base: RecordFilter

    /// Each contributing record with its place and value, in file and row order.
    /// `shown`: fields whose stored text comes with each record (those of its kind).
    package func contributions(store: any DatasetEngine, shown: [String] = [], _ body: (DatasetStore.SelectedValue, Amount) throws -> Void) throws {
        try store.forEachSelected(kind, base: base, filter: filter, field: field, shown: shown) { v in
            guard let text = v.value else { return try body(v, Amount(1)) }
            guard let a = try Amount.parse(text) else { return }
            try body(v, a)
        }
    }
}
