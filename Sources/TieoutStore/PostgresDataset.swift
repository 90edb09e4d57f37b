import Foundation
import TieoutCore
import TieoutIngest
import TieoutPostgres

/// A unit's dataset in PostgreSQL: its own schema (`unit_2024_3f09…`, one per unit and
/// fiscal year) in a database many units share, with the tables, columns and lineage of the
/// SQLite dataset (``migrations``), recorded in `tieout.units` (schema, unit, year, when).
///
/// Units are kept apart by schema, not by a unit column under row-level security: each unit's
/// figures run unchanged on its own tables (the same SQL as on SQLite, `search_path` set to
/// its schema), a unit is replaced or dropped as a whole, and access is granted per unit with
/// `GRANT USAGE ON SCHEMA` (docs/postgresql.md).
///
/// In this build the dataset of record is still SQLite: a run ingests into the workspace's
/// SQLite file and then ``publish(_:)``es it here with `COPY`, in one transaction (readers see
/// the old dataset or the new one, never half); figures are then computed here (``DatasetEngine``).
///
/// ```swift
/// let pg = try PostgresDataset(url: PostgresURL("postgresql://tieout@127.0.0.1:5432/fleet"), unit: "福田区财政局", fiscalYear: 2024)
/// try pg.publish(store)          // COPY every table of the SQLite dataset
/// let book = try FigureBook(workspace: ws, store: store, monthly: [], engine: pg)
/// ```
package final class PostgresDataset {
    package let url: PostgresURL
    package let unit: String
    package let fiscalYear: Int
    /// The unit's schema.
    package let schema: String
    let db: PostgresConnection

    package init(url: PostgresURL, unit: String, fiscalYear: Int) throws(TieoutError) {
        self.url = url
        self.unit = unit
        self.fiscalYear = fiscalYear
        schema = Self.schemaName(unit: unit, fiscalYear: fiscalYear)
        db = try PostgresConnection(url: url)
        try db.execute(PostgresSQL(sql: "SET search_path TO " + PostgresSQL.quote(identifier: schema)))
    }

    /// `unit_<year>_<16 hex digits>`: a unit's schema, from its name and year (FNV-1a, 64 bits:
    /// stable across versions and machines; `tieout.units` names the unit of each schema and
    /// refuses a second unit for the same schema).
    package static func schemaName(unit: String, fiscalYear: Int) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in (unit + "\n" + String(fiscalYear)).utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        let hex = String(h, radix: 16)
        return "unit_\(fiscalYear)_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether the unit has been published (its schema is recorded in `tieout.units`).
    package func exists() throws(TieoutError) -> Bool {
        let rows = try db.query("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)")
        return !rows.isEmpty
    }
}
