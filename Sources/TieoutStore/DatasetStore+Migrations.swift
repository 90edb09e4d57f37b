import GRDB

extension DatasetStore {
    /// The schema, as versioned migrations: literal SQL, never built from the application's
    /// types (a record kind defined differently later must not change what a released
    /// migration did). A released migration is never edited; a change adds one. Each one's
    /// resulting schema is pinned by Tests/TieoutStoreTests/Fixtures/schema/vN.sql.
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
            // One table per record kind of the time, with lineage columns and an index on the file and on the key.
            try db.execute(sql: """
                CREATE TABLE treasury_payments (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    date TEXT,
                    voucher TEXT,
                    functional_class TEXT,
                    economic_class TEXT,
                    project TEXT,
                    spend_type TEXT,
                    contract TEXT,
                    summary TEXT,
                    amount TEXT
                );
                CREATE INDEX treasury_payments_by_file ON treasury_payments(file_id);
                CREATE INDEX treasury_payments_by_key ON treasury_payments(voucher);
                CREATE TABLE budget_indicators (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    document TEXT,
                    date TEXT,
                    item TEXT,
                    spend_type TEXT,
                    stage TEXT,
                    reason TEXT,
                    control_line TEXT,
                    amount TEXT
                );
                CREATE INDEX budget_indicators_by_file ON budget_indicators(file_id);
                CREATE INDEX budget_indicators_by_key ON budget_indicators(document, item);
                CREATE TABLE procurement (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    plan_id TEXT,
                    item TEXT,
                    category TEXT,
                    plan_amount TEXT,
                    contract TEXT,
                    actual_amount TEXT
                );
                CREATE INDEX procurement_by_file ON procurement(file_id);
                CREATE INDEX procurement_by_key ON procurement(plan_id);
                CREATE TABLE asset_cards (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    card TEXT,
                    name TEXT,
                    category TEXT,
                    quantity INTEGER,
                    original_value TEXT,
                    acquired_on TEXT,
                    acquisition TEXT,
                    status TEXT,
                    disposed_on TEXT,
                    disposal TEXT
                );
                CREATE INDEX asset_cards_by_file ON asset_cards(file_id);
                CREATE INDEX asset_cards_by_key ON asset_cards(card);
                CREATE TABLE staffing (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    department TEXT,
                    authorised INTEGER,
                    on_post INTEGER,
                    off_establishment INTEGER
                );
                CREATE INDEX staffing_by_file ON staffing(file_id);
                CREATE INDEX staffing_by_key ON staffing(department);
                CREATE TABLE projects (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    project_id TEXT,
                    name TEXT,
                    source TEXT,
                    government_investment INTEGER,
                    target_filed INTEGER,
                    planned_completion TEXT,
                    actual_completion TEXT,
                    progress TEXT
                );
                CREATE INDEX projects_by_file ON projects(file_id);
                CREATE INDEX projects_by_key ON projects(project_id);
                CREATE TABLE petitions (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    petition_id TEXT,
                    received_on TEXT,
                    due_on TEXT,
                    replied_on TEXT
                );
                CREATE INDEX petitions_by_file ON petitions(file_id);
                CREATE INDEX petitions_by_key ON petitions(petition_id);
                CREATE TABLE surveys (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER NOT NULL,
                    line INTEGER,
                    survey TEXT,
                    date TEXT,
                    respondents INTEGER,
                    satisfied INTEGER
                );
                CREATE INDEX surveys_by_file ON surveys(file_id);
                CREATE INDEX surveys_by_key ON surveys(survey);
                """)
        }
        // Measured on 1M treasury rows: keeping the two indexes up to date cost more than
        // SQLite's own inserts. A record's id now places it: its file's block of ids
        // (file_id × 2^32 + ordinal). Each file's first id is taken before any row moves
        // (read during the update, it would shift).
        m.registerMigration("v2: record ids by file (file_id × 2^32 + ordinal); no per-row indexes") { db in
            try db.execute(sql: """
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM treasury_payments GROUP BY file_id;
                UPDATE treasury_payments SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = treasury_payments.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS treasury_payments_by_file;
                DROP INDEX IF EXISTS treasury_payments_by_key;
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM budget_indicators GROUP BY file_id;
                UPDATE budget_indicators SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = budget_indicators.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS budget_indicators_by_file;
                DROP INDEX IF EXISTS budget_indicators_by_key;
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM procurement GROUP BY file_id;
                UPDATE procurement SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = procurement.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS procurement_by_file;
                DROP INDEX IF EXISTS procurement_by_key;
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM asset_cards GROUP BY file_id;
                UPDATE asset_cards SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = asset_cards.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS asset_cards_by_file;
                DROP INDEX IF EXISTS asset_cards_by_key;
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM staffing GROUP BY file_id;
                UPDATE staffing SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = staffing.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS staffing_by_file;
                DROP INDEX IF EXISTS staffing_by_key;
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM projects GROUP BY file_id;
                UPDATE projects SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = projects.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS projects_by_file;
                DROP INDEX IF EXISTS projects_by_key;
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM petitions GROUP BY file_id;
                UPDATE petitions SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = petitions.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS petitions_by_file;
                DROP INDEX IF EXISTS petitions_by_key;
                CREATE TEMP TABLE first_ids AS SELECT file_id, min(id) AS first FROM surveys GROUP BY file_id;
                UPDATE surveys SET id = file_id * 4294967296 + (id - (SELECT first FROM temp.first_ids f WHERE f.file_id = surveys.file_id));
                DROP TABLE temp.first_ids;
                DROP INDEX IF EXISTS surveys_by_file;
                DROP INDEX IF EXISTS surveys_by_key;
                """)
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
        // Kinds are data: each kind's table is made from its definition (built-in or the
        // workspace's kinds/NAME.yaml), which is recorded here; a changed definition is a
        // change the store performs and records (DatasetStore+Kinds.swift).
        m.registerMigration("v4: kind definitions and their changes") { db in
            try db.execute(sql: """
                CREATE TABLE kind_definitions (
                    kind TEXT PRIMARY KEY,
                    table_name TEXT NOT NULL UNIQUE,
                    shape TEXT NOT NULL,             -- the table and each field's stored type: what the table was made from
                    definition TEXT NOT NULL,        -- the whole definition, one line: fields, types, words, key
                    source TEXT NOT NULL,            -- built-in, or kinds/NAME.yaml
                    recorded_at TEXT NOT NULL
                );
                CREATE TABLE kind_changes (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER REFERENCES ingest_runs(id),
                    kind TEXT NOT NULL,
                    change TEXT NOT NULL CHECK (change IN ('created', 'adopted', 'rebuilt')),
                    detail TEXT NOT NULL,
                    files_to_reread INTEGER NOT NULL,
                    at TEXT NOT NULL
                );
                """)
        }
        // A file is read again when it was read with another profile or reader: what it was
        // read with is recorded (NULL: read before this was recorded, so read again once).
        m.registerMigration("v5: the profile digest and reader version each file was read with") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN profile_digest TEXT;   -- SHA-256 of the profile's text, its kind's definition and the reader version
                ALTER TABLE files ADD COLUMN reader_version TEXT;   -- how ledgers were read (Profile.readerVersion)
                """)
        }
        // A workbook read sheet by sheet is one files row per sheet (`part`), and rows that
        // state cumulative totals are checked across periods (`scope`).
        m.registerMigration("v6: files by sheet; cumulative checks; key-value cells") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN part TEXT;             -- the sheet, when a profile reads a workbook sheet by sheet; NULL: the whole file
                ALTER TABLE subtotal_checks ADD COLUMN scope TEXT NOT NULL DEFAULT 'rows';  -- rows: the rows above; year-to-date, quarter-to-date: the source's periods so far
                ALTER TABLE file_fields ADD COLUMN row INTEGER;     -- a key-value table: the row of the field's one cell; NULL: the record's row
                """)
        }
        // What a file's stored records are (a digest checked before figures are computed, so a
        // dataset changed outside Tieout shows) and the years its records are dated in (a
        // workspace whose fiscal_year is not the ledgers' year is stopped): DatasetStore+Digest.swift.
        m.registerMigration("v7: a digest of each file's stored records; the years its records are dated in") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN records_digest TEXT;   -- SHA-256 of the file's stored records, as ingest wrote them; NULL: read before Tieout kept one
                ALTER TABLE files ADD COLUMN date_years TEXT;       -- records with a date, by year: 2023:2,2024:301 (rejected ones outside the fiscal year too)
                ALTER TABLE files ADD COLUMN dates_in_year INTEGER; -- how many of them fall in the fiscal year (with the kind's margin)
                """)
        }
        // Rows left out by a profile's `where:` are counted apart from skipped ones
        // (read = accepted + rejected + subtotal + skipped + filtered), each with its reason.
        m.registerMigration("v8: rows filtered by a profile's where:") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN filtered INTEGER NOT NULL DEFAULT 0;        -- rows a condition of `where:` left out
                ALTER TABLE skipped_rows ADD COLUMN filtered INTEGER NOT NULL DEFAULT 0; -- 1: left out by `where:` (the reason names the condition)
                CREATE TABLE filtered_in_totals (    -- filtered rows the export's own totals include (`in_totals: true`): checked with cumulative rows
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    row INTEGER,
                    date TEXT NOT NULL,
                    field TEXT NOT NULL,
                    amount TEXT NOT NULL
                );
                """)
        }
        // An amount read from two columns (借方 − 贷方) has its cell in the second one on rows
        // where only that one holds a value: DatasetStore+Cells.swift.
        m.registerMigration("v9: cells of values read from a second column") { db in
            try db.execute(sql: """
                CREATE TABLE value_cells (           -- a field read from two columns (借方 − 贷方): the second, and the rows whose value came from it alone
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    field TEXT NOT NULL,
                    column_letter TEXT NOT NULL,
                    header TEXT NOT NULL,
                    rows BLOB NOT NULL,              -- bit r (byte r / 8, bit r % 8) set: row r's cell is column_letter || r
                    PRIMARY KEY (file_id, field)
                );
                """)
        }
        // Rows of one file that share a key with another of its rows (all kept as distinct records)
        // are a warning of the dataset, shown in every run: kept here, not only in the run that read
        // the file (DatasetStore+KeyRepeats.swift).
        m.registerMigration("v10: rows of a file sharing a key") { db in
            try db.execute(sql: """
                CREATE TABLE key_repeats (           -- a file whose rows share a key with another of its rows (all kept); no row: none do
                    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,               -- the key used, as a JSON array of its parts: ["voucher","entry"]
                    rows INTEGER NOT NULL,           -- rows that share their key with another row of the file
                    keys INTEGER NOT NULL,           -- keys held by more than one row
                    identical INTEGER NOT NULL,      -- of those rows, those the same in every field as an earlier one
                    examples TEXT NOT NULL,          -- JSON array: the first keys with their rows (记-0001: rows 4, 5, 9)
                    suggested_key TEXT               -- JSON array: a key that tells every row apart; NULL: none found
                );
                """)
        }
        m.registerMigration("v11: a rejected row's reason and key repeats' examples in Chinese") { db in
            try db.execute(sql: """
                ALTER TABLE rejects ADD COLUMN reason_zh TEXT;       -- the reason in Chinese, for people (rejects.csv, the reports); NULL: English only
                ALTER TABLE key_repeats ADD COLUMN examples_zh TEXT; -- JSON array: the examples in Chinese (记-0001：第 4、5、9 行); NULL: English only
                """)
        }
        return m
    }
}
