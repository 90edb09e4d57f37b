import Foundation
import GRDB
import TieoutCore
import TieoutIngest

/// The normalized dataset: one SQLite file in the workspace (`.tieout/tieout.sqlite`),
/// one table per record kind, every row with its lineage, plus the files
/// imported, their row accounting, rejects, subtotal checks and ingest runs.
/// The schema is in docs/dataset.md; migrations are versioned (``DatasetStore/migrator``).
///
/// ```swift
/// let store = try DatasetStore(path: "samples/futian-2024/.tieout/tieout.sqlite")
/// let payments = try store.records(of: .treasuryPayment)
/// payments.first?.lineage.file    // "ledgers/treasury/2024-01.csv"
/// ```
public final class DatasetStore {
    public let path: String
    let queue: DatabaseQueue

    public init(path: String) throws(TieoutError) {
        self.path = path
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            var config = Configuration()
            config.foreignKeysEnabled = true
            // A reader (check, export) meeting a writer's transaction waits for it rather than failing.
            config.busyMode = .timeout(30)
            queue = try DatabaseQueue(path: path, configuration: config)
            try Self.migrator.migrate(queue)
        } catch let error as TieoutError {
            throw error
        } catch {
            throw Self.sqliteError(error, path: path, doing: "opening")
        }
    }

    /// The schema, as versioned migrations. A released migration is never edited; changes add one.
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: files, records with lineage, rejects, subtotal checks, runs") { db in
            try db.execute(sql: """
                CREATE TABLE ingest_runs (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    report TEXT                      -- the run's report as JSON
                );
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,              -- relative to the workspace
                    sha256 TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    sheet TEXT,
                    unit TEXT NOT NULL,              -- the amount unit read (元, 万元, 亿元); stored amounts are in 元
                    period TEXT,                     -- 2024-03, 2024Q1, 2024, or a span 2024-01..2024-03
                    first_date TEXT, last_date TEXT,
                    rows_read INTEGER NOT NULL, accepted INTEGER NOT NULL, rejected INTEGER NOT NULL,
                    subtotal INTEGER NOT NULL, skipped INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'replaced', 'removed')),
                    replaced_by INTEGER REFERENCES files(id),
                    run_id INTEGER NOT NULL REFERENCES ingest_runs(id)
                );
                CREATE INDEX files_by_path ON files(path, sha256);
                CREATE TABLE file_fields (           -- which column of a file fed each field: a value's cell is column_letter || row
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    field TEXT NOT NULL,
                    column_letter TEXT NOT NULL,
                    header TEXT NOT NULL,            -- the column's header as the file names it
                    PRIMARY KEY (file_id, field)
                );
                CREATE TABLE rejects (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER, line INTEGER, column_letter TEXT, cell TEXT, column_name TEXT,
                    reason TEXT NOT NULL,
                    cells TEXT NOT NULL              -- the row's cells as a JSON array of strings
                );
                CREATE TABLE skipped_rows (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER, reason TEXT NOT NULL
                );
                CREATE TABLE subtotal_checks (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER, cell TEXT, label TEXT NOT NULL, field TEXT NOT NULL,
                    stated TEXT, computed TEXT NOT NULL, rows_covered INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'mismatch', 'incomplete'))
                );
                CREATE TABLE duplicates (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL, key TEXT NOT NULL,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, row INTEGER NOT NULL,
                    kept_file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, kept_row INTEGER NOT NULL,
                    same_values INTEGER NOT NULL     -- 1: counted once; 0: the row was rejected as a conflict
                );
                CREATE TABLE reissues (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
                    file_id INTEGER NOT NULL REFERENCES files(id), replaced_file_id INTEGER NOT NULL REFERENCES files(id),
                    added INTEGER NOT NULL, removed INTEGER NOT NULL, changed INTEGER NOT NULL,
                    detail TEXT NOT NULL             -- JSON: the keys added, removed and changed, with old and new amounts
                );
                """)
            for kind in RecordKind.builtIn {
                try db.execute(sql: Self.createTable(kind))
            }
        }
        // Measured on 1M treasury rows: keeping the two indexes up to date cost more than
        // SQLite's own inserts. A record's id now places it: its file's block of ids.
        m.registerMigration("v2: record ids by file (file_id × 2^32 + ordinal); no per-row indexes") { db in
            for kind in RecordKind.builtIn {
                // Each file's first id taken before any row moves (read during the update, it would shift).
                try db.execute(sql: """
                    CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM \(kind.table) GROUP BY file_id;
                    UPDATE \(kind.table) SET id = file_id * \(Self.idsPerFile)
                        + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = \(kind.table).file_id));
                    DROP TABLE temp.first_ids;
                    DROP INDEX IF EXISTS \(kind.table)_by_file;
                    DROP INDEX IF EXISTS \(kind.table)_by_key;
                    """)
            }
        }
        // A ledger renamed or moved keeps its records: its files row takes the new path,
        // and the rename is remembered here (migrations are literal SQL: never built from app types).
        m.registerMigration("v3: file renames; file size and time when read") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN size INTEGER;       -- bytes, when the file was read (or last seen unchanged)
                ALTER TABLE files ADD COLUMN modified_ns INTEGER; -- its modification time then, ns since 1970
                CREATE TABLE file_renames (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    old_path TEXT NOT NULL,
                    new_path TEXT NOT NULL
                );
                """)
        }
        return m
    }

    /// Record ids: file `f`'s records are `f × 2^32 + 0, 1, 2 …` in the order read, so a
    /// file's rows are one range of SQLite's row ids (found and deleted without an index)
    /// and later files sort after earlier ones.
    static let idsPerFile: Int64 = 1 << 32

    /// The ids a file's records may have.
    static func ids(of fileId: Int64) -> Range<Int64> {
        fileId * idsPerFile ..< (fileId + 1) * idsPerFile
    }

    /// `CREATE TABLE` for a kind: lineage columns, then a column per field (its cell is in file_fields).
    /// Values are text (amounts as exact decimal text in 元, dates ISO 8601), counts and
    /// yes/no as integers: never sum amounts with SQL, which would go through floating point.
    static func createTable(_ kind: RecordKind) -> String {
        var cols = ["id INTEGER PRIMARY KEY",
                    "file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE",
                    "row INTEGER NOT NULL", "line INTEGER"]
        for f in kind.fields {
            let type = (f.type == .integer || f.type == .boolean) ? "INTEGER" : "TEXT"
            cols.append("\(f.name) \(type)")
        }
        var sql = "CREATE TABLE \(kind.table) (\n    " + cols.joined(separator: ",\n    ") + "\n);\n"
        sql += "CREATE INDEX \(kind.table)_by_file ON \(kind.table)(file_id);\n"
        if let key = kind.key {
            sql += "CREATE INDEX \(kind.table)_by_key ON \(kind.table)(\(key.joined(separator: ", ")));\n"
        }
        return sql
    }

    func fault(_ error: Error, _ doing: String) -> TieoutError {
        Self.sqliteError(error, path: path, doing: doing)
    }

    /// An SQLite failure as an error that says what to do: a full disk, a read-only file or
    /// folder, another program holding the dataset, a damaged file each have their own help.
    static func sqliteError(_ error: Error, path: String, doing: String) -> TieoutError {
        if let e = error as? TieoutError { return e }
        let place = SourceLocation(file: path)
        guard let db = error as? DatabaseError else {
            return TieoutError(code: "store.sql", what: "the dataset \(path) failed while \(doing): \(error)", location: place,
                               help: "This is a bug in Tieout: report it with this message. The ledgers are untouched; `tieout ingest` rebuilds a deleted dataset from them.")
        }
        let what = "the dataset \(path) failed while \(doing): \(db.message ?? "\(db.resultCode)")"
        switch db.resultCode.primaryResultCode {
        case .SQLITE_FULL:
            return TieoutError(code: "store.full", what: what, location: place,
                               help: "The disk that holds the dataset is full: free space on it and run again. Nothing of this run was kept half-written.")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return TieoutError(code: "store.read-only", what: what, location: place,
                               help: "The dataset or its folder is read-only for this user: make both writable (chmod/chown), or run as the user who owns them.")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return TieoutError(code: "store.locked", what: what, location: place,
                               help: "Another program holds the dataset (a sqlite3 shell, a backup): close it and run again. Two tieout runs never collide: the second waits.")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return TieoutError(code: "store.damaged", what: what, location: place,
                               help: "The dataset file is damaged or not a dataset: move it aside and run `tieout ingest` to rebuild it from the ledgers.")
        case .SQLITE_CANTOPEN:
            return TieoutError(code: "store.open", what: what, location: place,
                               help: "The dataset cannot be opened: check that its folder exists and can be written, and that the disk is mounted.")
        case .SQLITE_IOERR:
            return TieoutError(code: "store.io", what: what, location: place,
                               help: "The disk reported an error while reading or writing the dataset: check the disk (dmesg) and run again.")
        default:
            return TieoutError(code: "store.sql", what: what, location: place,
                               help: "This is a bug in Tieout: report it with this message. The ledgers are untouched; `tieout ingest` rebuilds a deleted dataset from them.")
        }
    }
}
