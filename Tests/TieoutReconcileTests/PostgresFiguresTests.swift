import Foundation
import GRDB
import Testing
import TieoutTestSupport
import TieoutCore
import TieoutIngest
import TieoutPostgres
import TieoutScore
import TieoutReport
@testable import TieoutStore
@testable import TieoutReconcile

/// Figures are one definition for both engines: every built-in and sample figure of the three
/// samples, computed on SQLite (its exact-sum aggregate) and on PostgreSQL (numeric), must be
/// the same to the last digit, with the same counts and the same places; so must the
/// findings. Runs against a real server (the test cluster, TIEOUT_TEST_PG_URL).
@Suite("Figures on PostgreSQL", .serialized)
struct PostgresFiguresTests {
    /// Each figure as one line: value, kind, inputs (value, count, first places, absence).
    static func lines(_ book: FigureBook) -> [String] {
        book.catalog.ids.map { id in
            guard let f = book[id] else { return "\(id): not computed" }
            return "\(id) = \(f.value) \(f.kind) " + f.inputs.map { i in
                "[\(i.value) ×\(i.count) \(i.places) \(i.absence.map { String(describing: $0) } ?? "")]"
            }.joined(separator: " ")
        }
    }

    @Test("every built-in and sample figure of futian, nanshan and luohu is the same on SQLite and PostgreSQL, digit for digit",
          arguments: ["samples/futian-2024", "samples/nanshan-2025", "samples/luohu-2025"])
    func sameFigures(sample: String) throws {
        let dir = try copyOfWorkspace(sample)
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        let pg = try PostgresDataset(url: try TestPostgres.freshDatabase("figures"), unit: ws.unitName, fiscalYear: ws.fiscalYear)
        let published = try pg.publish(store)
        #expect(published.rows["files"] == (try store.files(all: true)).count)
        let monthly = [CumulativeRule.monthlySpending]
        let onSQLite = try FigureBook(workspace: ws, store: store, monthly: monthly)
        let onPostgres = try FigureBook(workspace: ws, store: store, monthly: monthly, engine: pg)
        let a = Self.lines(onSQLite), b = Self.lines(onPostgres)
        #expect(a.count > 80)
        // Most figures have a value: the comparison is not of empty books.
        #expect(onSQLite.catalog.ids.filter { onSQLite[$0]?.value != nil && onSQLite[$0]?.value != .zero }.count > 40)
        for (x, y) in zip(a, b) { #expect(x == y) }
        #expect(a == b)
        #expect(onSQLite.monthly == onPostgres.monthly)
        // The findings and the score too.
        let rubric = try Rubric.forWorkspace(ws)
        let r1 = try Reconciliation(workspace: ws, store: store, rubric: rubric)
        let r2 = try Reconciliation(workspace: ws, store: store, rubric: rubric, engine: pg)
        #expect(r1.countsByClass == r2.countsByClass)
        #expect(r1.findings.count > 20)
        // findings.json whole: every finding's figures, differences, places and explanations.
        #expect(try FindingsJSON.render(r1) == FindingsJSON.render(r2))
        #expect(try Scoring(workspace: ws, reconciliation: r1).sheet.total == Scoring(workspace: ws, reconciliation: r2).sheet.total)
    }

    @Test("glob, a non-ASCII prefix and a word compared in NFC select the same records on both engines")
    func textConditions() throws {
        let dir = try copyOfWorkspace("samples/futian-2024")
        try """
        figures:
          - { id: test.glob, title: 经费项目数, en: projects named 经费, formula: 名称含“经费”的项目数, count: project, where: { name: { glob: "*经费*" } } }
          - { id: test.glob.class, title: P0x, en: P0 projects, formula: 编号P0开头, count: project, where: { project_id: { glob: "P0[1-3]" } } }
          - { id: test.prefix, title: 政务项目数, en: projects named 政务, formula: 名称以“政务”开头的项目数, count: project, where: { name: { prefix: "政务" } } }
          - { id: test.nfc, title: 运维项目, en: one project, formula: 名称为“政务信息化系统运维经费”, count: project, where: { name: "政务信息化系统运维经费" } }
        """.write(toFile: dir + "/figures.yaml", atomically: true, encoding: .utf8)
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        let pg = try PostgresDataset(url: try TestPostgres.freshDatabase("figures"), unit: ws.unitName + " text", fiscalYear: ws.fiscalYear)
        try pg.publish(store)
        let a = try FigureBook(workspace: ws, store: store, monthly: [])
        let b = try FigureBook(workspace: ws, store: store, monthly: [], engine: pg)
        for id in ["test.glob", "test.glob.class", "test.prefix", "test.nfc"] {
            #expect(a[id]?.value == b[id]?.value, "\(id)")
            #expect(a[id]?.inputs.map(\.places) == b[id]?.inputs.map(\.places), "\(id)")
        }
        #expect(a["test.glob.class"]?.value == Amount(3))
        #expect(a["test.nfc"]?.value == Amount(1))
        #expect((a["test.glob"]?.value ?? .zero) > Amount(1))
        #expect((a["test.prefix"]?.value ?? .zero) >= Amount(1))
    }

    @Test("the PostgreSQL schema has every table and column of SQLite's, units in schemas of their own, recorded in tieout.units")
    func sameSchema() throws {
        let dir = try copyOfWorkspace("samples/futian-2024")
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        let url = try TestPostgres.freshDatabase("figures")
        let pg = try PostgresDataset(url: url, unit: ws.unitName + " schema", fiscalYear: ws.fiscalYear)
        try pg.publish(store)
        let sqlite: [String] = try store.queue.read { d in
            try String.fetchAll(d, sql: """
                SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'grdb_%' ORDER BY 1
                """)
        }
        let db = try PostgresConnection(url: url)
        let postgres = try db.query("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = \(pg.schema) AND table_name <> 'tieout_migrations' ORDER BY (table_name || '.' || column_name) COLLATE "C"
            """).compactMap { $0[0] }
        #expect(sqlite.count > 150)
        #expect(postgres == sqlite)
        #expect(try db.query("SELECT unit FROM tieout.units WHERE schema_name = \(pg.schema)").compactMap { $0[0] } == [ws.unitName + " schema"])
        // Published again: the same rows, not twice as many (nothing changed, so nothing is copied but the run log).
        let again = try pg.publish(store)
        #expect(again.mode == .unchanged)
        #expect(try db.queryFirst("SELECT count(*)::text FROM \(identifier: pg.schema).files")?[0] == String(try store.files(all: true).count))
    }
}
