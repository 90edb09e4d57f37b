-- table asset_cards
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
-- table budget_indicators
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
-- table duplicates
CREATE TABLE duplicates (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, key TEXT NOT NULL,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, row INTEGER NOT NULL,
    kept_file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, kept_row INTEGER NOT NULL,
    same_values INTEGER NOT NULL     -- 1: counted once; 0: the row was rejected as a conflict
);
-- table file_fields
CREATE TABLE file_fields (           -- which column of a file fed each field: a value's cell is column_letter || row
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    column_letter TEXT NOT NULL,
    header TEXT NOT NULL, row INTEGER,            -- the column's header as the file names it
    PRIMARY KEY (file_id, field)
);
-- table file_renames
CREATE TABLE file_renames (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
    file_id INTEGER NOT NULL REFERENCES files(id),
    old_path TEXT NOT NULL,
    new_path TEXT NOT NULL
);
-- table files
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
, size INTEGER, modified_ns INTEGER, profile_digest TEXT, reader_version TEXT, part TEXT, records_digest TEXT, date_years TEXT, dates_in_year INTEGER, filtered INTEGER NOT NULL DEFAULT 0);
-- table filtered_in_totals
CREATE TABLE filtered_in_totals (    -- filtered rows the export's own totals include (`in_totals: true`): checked with cumulative rows
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    row INTEGER,
    date TEXT NOT NULL,
    field TEXT NOT NULL,
    amount TEXT NOT NULL
);
-- table ingest_runs
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    report TEXT                      -- the run's report as JSON
);
-- table key_repeats
CREATE TABLE key_repeats (           -- a file whose rows share a key with another of its rows (all kept); no row: none do
    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    key TEXT NOT NULL,               -- the key used, as a JSON array of its parts: ["voucher","entry"]
    rows INTEGER NOT NULL,           -- rows that share their key with another row of the file
    keys INTEGER NOT NULL,           -- keys held by more than one row
    identical INTEGER NOT NULL,      -- of those rows, those the same in every field as an earlier one
    examples TEXT NOT NULL,          -- JSON array: the first keys with their rows (记-0001: rows 4, 5, 9)
    suggested_key TEXT               -- JSON array: a key that tells every row apart; NULL: none found
, examples_zh TEXT);
-- table kind_changes
CREATE TABLE kind_changes (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES ingest_runs(id),
    kind TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('created', 'adopted', 'rebuilt')),
    detail TEXT NOT NULL,
    files_to_reread INTEGER NOT NULL,
    at TEXT NOT NULL
);
-- table kind_definitions
CREATE TABLE kind_definitions (
    kind TEXT PRIMARY KEY,
    table_name TEXT NOT NULL UNIQUE,
    shape TEXT NOT NULL,             -- the table and each field's stored type: what the table was made from
    definition TEXT NOT NULL,        -- the whole definition, one line: fields, types, words, key
    source TEXT NOT NULL,            -- built-in, or kinds/NAME.yaml
    recorded_at TEXT NOT NULL
);
-- table petitions
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
-- table procurement
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
-- table projects
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
-- table reissues
CREATE TABLE reissues (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
    file_id INTEGER NOT NULL REFERENCES files(id), replaced_file_id INTEGER NOT NULL REFERENCES files(id),
    added INTEGER NOT NULL, removed INTEGER NOT NULL, changed INTEGER NOT NULL,
    detail TEXT NOT NULL             -- JSON: the keys added, removed and changed, with old and new amounts
);
-- table rejects
CREATE TABLE rejects (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    row INTEGER, line INTEGER, column_letter TEXT, cell TEXT, column_name TEXT,
    reason TEXT NOT NULL,
    cells TEXT NOT NULL              -- the row's cells as a JSON array of strings
, reason_zh TEXT);
-- table skipped_rows
CREATE TABLE skipped_rows (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    row INTEGER, reason TEXT NOT NULL
, filtered INTEGER NOT NULL DEFAULT 0);
-- table staffing
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
-- table subtotal_checks
CREATE TABLE subtotal_checks (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    row INTEGER, cell TEXT, label TEXT NOT NULL, field TEXT NOT NULL,
    stated TEXT, computed TEXT NOT NULL, rows_covered INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'mismatch', 'incomplete'))
, scope TEXT NOT NULL DEFAULT 'rows');
-- table surveys
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
-- table treasury_payments
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
-- table value_cells
CREATE TABLE value_cells (           -- a field read from two columns (借方 − 贷方): the second, and the rows whose value came from it alone
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    column_letter TEXT NOT NULL,
    header TEXT NOT NULL,
    rows BLOB NOT NULL,              -- bit r (byte r / 8, bit r % 8) set: row r's cell is column_letter || r
    PRIMARY KEY (file_id, field)
);
-- index files_by_path
CREATE INDEX files_by_path ON files(path, sha256);
