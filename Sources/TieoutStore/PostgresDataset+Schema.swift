import TieoutPostgres

extension PostgresDataset {
    /// The schema in PostgreSQL, as versioned migrations of literal SQL, applied in a unit's own
    /// schema (`search_path`) and recorded in its `tieout_migrations`. The tables, columns and
    /// checks are SQLite's (DatasetStore+Migrations.swift) after its v11, with PostgreSQL's types:
    /// INTEGER is BIGINT, TEXT is TEXT COLLATE "C" (bytewise, as SQLite compares text, so the
    /// figures' prefix ranges and date comparisons mean the same), BLOB is BYTEA. Amounts stay
    /// decimal text, as in SQLite; figures sum them as `numeric` (exact). Record kinds' tables
    /// are made from their definitions, as SQLite's are (``createKindTable``).
    /// PostgresDatasetTests.sameSchema checks every table and column against SQLite's, so a
    /// SQLite migration without its PostgreSQL counterpart fails there.
    static let migrations: [(id: String, sql: String)] = [
        ("pg1: the dataset as SQLite's v1-v9 leave it; glob() and tieout_nfc() as SQLite has them", """
                CREATE TABLE ingest_runs (
                    id BIGINT PRIMARY KEY,
                    started_at TEXT COLLATE "C" NOT NULL,
                    finished_at TEXT COLLATE "C",
                    report TEXT COLLATE "C"                      -- the run's report as JSON
                );
                CREATE TABLE files (
                    id BIGINT PRIMARY KEY,
                    path TEXT COLLATE "C" NOT NULL,              -- relative to the workspace
                    sha256 TEXT COLLATE "C" NOT NULL,
                    profile TEXT COLLATE "C" NOT NULL,
                    kind TEXT COLLATE "C" NOT NULL,
                    sheet TEXT COLLATE "C",
                    unit TEXT COLLATE "C" NOT NULL,              -- the amount unit read (元, 万元, 亿元); stored amounts are in 元
                    period TEXT COLLATE "C",                     -- 2024-03, 2024Q1, 2024, or a span 2024-01..2024-03
                    first_date TEXT COLLATE "C", last_date TEXT COLLATE "C",
                    rows_read BIGINT NOT NULL, accepted BIGINT NOT NULL, rejected BIGINT NOT NULL,
                    subtotal BIGINT NOT NULL, skipped BIGINT NOT NULL,
                    status TEXT COLLATE "C" NOT NULL CHECK (status IN ('active', 'replaced', 'removed')),
                    replaced_by BIGINT REFERENCES files(id),
                    run_id BIGINT NOT NULL REFERENCES ingest_runs(id)
                , size BIGINT, modified_ns BIGINT, profile_digest TEXT COLLATE "C", reader_version TEXT COLLATE "C", part TEXT COLLATE "C", records_digest TEXT COLLATE "C", date_years TEXT COLLATE "C", dates_in_year BIGINT, filtered BIGINT NOT NULL DEFAULT 0);
                CREATE TABLE file_fields (           -- which column of a file fed each field: a value's cell is column_letter || row
                    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    field TEXT COLLATE "C" NOT NULL,
                    column_letter TEXT COLLATE "C" NOT NULL,
                    header TEXT COLLATE "C" NOT NULL, "row" BIGINT,            -- the column's header as the file names it
                    PRIMARY KEY (file_id, field)
                );
                CREATE TABLE rejects (
                    id BIGINT PRIMARY KEY,
                    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    "row" BIGINT, line BIGINT, column_letter TEXT COLLATE "C", cell TEXT COLLATE "C", column_name TEXT COLLATE "C",
                    reason TEXT COLLATE "C" NOT NULL,
                    cells TEXT COLLATE "C" NOT NULL              -- the row's cells as a JSON array of strings
                );
                CREATE TABLE skipped_rows (
                    id BIGINT PRIMARY KEY,
                    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    "row" BIGINT, reason TEXT COLLATE "C" NOT NULL
                , filtered BIGINT NOT NULL DEFAULT 0);
                CREATE TABLE subtotal_checks (
                    id BIGINT PRIMARY KEY,
                    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    "row" BIGINT, cell TEXT COLLATE "C", label TEXT COLLATE "C" NOT NULL, field TEXT COLLATE "C" NOT NULL,
                    stated TEXT COLLATE "C", computed TEXT COLLATE "C" NOT NULL, rows_covered BIGINT NOT NULL,
                    status TEXT COLLATE "C" NOT NULL CHECK (status IN ('ok', 'mismatch', 'incomplete'))
                , scope TEXT COLLATE "C" NOT NULL DEFAULT 'rows');
                CREATE TABLE duplicates (
                    id BIGINT PRIMARY KEY,
                    kind TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL,
                    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE, "row" BIGINT NOT NULL,
                    kept_file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE, kept_row BIGINT NOT NULL,
                    same_values BIGINT NOT NULL     -- 1: counted once; 0: the row was rejected as a conflict
                );
                CREATE TABLE reissues (
                    id BIGINT PRIMARY KEY,
                    run_id BIGINT NOT NULL REFERENCES ingest_runs(id),
                    file_id BIGINT NOT NULL REFERENCES files(id), replaced_file_id BIGINT NOT NULL REFERENCES files(id),
                    added BIGINT NOT NULL, removed BIGINT NOT NULL, changed BIGINT NOT NULL,
                    detail TEXT COLLATE "C" NOT NULL             -- JSON: the keys added, removed and changed, with old and new amounts
                );
                CREATE TABLE file_renames (
                    id BIGINT PRIMARY KEY,
                    run_id BIGINT NOT NULL REFERENCES ingest_runs(id),
                    file_id BIGINT NOT NULL REFERENCES files(id),
                    old_path TEXT COLLATE "C" NOT NULL,
                    new_path TEXT COLLATE "C" NOT NULL
                );
                CREATE TABLE kind_definitions (
                    kind TEXT COLLATE "C" PRIMARY KEY,
                    table_name TEXT COLLATE "C" NOT NULL UNIQUE,
                    shape TEXT COLLATE "C" NOT NULL,             -- the table and each field's stored type: what the table was made from
                    definition TEXT COLLATE "C" NOT NULL,        -- the whole definition, one line: fields, types, words, key
                    source TEXT COLLATE "C" NOT NULL,            -- built-in, or kinds/NAME.yaml
                    recorded_at TEXT COLLATE "C" NOT NULL
                );
                CREATE TABLE kind_changes (
                    id BIGINT PRIMARY KEY,
                    run_id BIGINT REFERENCES ingest_runs(id),
                    kind TEXT COLLATE "C" NOT NULL,
                    change TEXT COLLATE "C" NOT NULL CHECK (change IN ('created', 'adopted', 'rebuilt')),
                    detail TEXT COLLATE "C" NOT NULL,
                    files_to_reread BIGINT NOT NULL,
                    at TEXT COLLATE "C" NOT NULL
                );
                CREATE TABLE filtered_in_totals (    -- filtered rows the export's own totals include (`in_totals: true`): checked with cumulative rows
                    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    "row" BIGINT,
                    date TEXT COLLATE "C" NOT NULL,
                    field TEXT COLLATE "C" NOT NULL,
                    amount TEXT COLLATE "C" NOT NULL
                );
                CREATE TABLE value_cells (           -- a field read from two columns (借方 − 贷方): the second, and the rows whose value came from it alone
                    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    field TEXT COLLATE "C" NOT NULL,
                    column_letter TEXT COLLATE "C" NOT NULL,
                    header TEXT COLLATE "C" NOT NULL,
                    "rows" BYTEA NOT NULL,              -- bit r (byte r / 8, bit r % 8) set: row r's cell is column_letter || r
                    PRIMARY KEY (file_id, field)
                );
                CREATE INDEX files_by_path ON files(path, sha256);
                -- SQLite's glob(pattern, text) (text GLOB pattern): * any run, ? one character,
                -- [abc] [a-z] [^abc] a class; case-sensitive; an unclosed [ matches nothing.
                CREATE FUNCTION glob(pattern text, value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $f$
                DECLARE
                    re text := '^'; i int := 1; n int := length(pattern); c text; inclass boolean := false;
                BEGIN
                    WHILE i <= n LOOP
                        c := substr(pattern, i, 1);
                        IF inclass THEN
                            IF c = ']' THEN re := re || ']'; inclass := false;
                            ELSIF c = '\\' THEN re := re || '\\\\';
                            ELSE re := re || c; END IF;
                        ELSIF c = '*' THEN re := re || '.*';
                        ELSIF c = '?' THEN re := re || '.';
                        ELSIF c = '[' THEN
                            re := re || '['; inclass := true;
                            IF substr(pattern, i + 1, 1) = '^' THEN re := re || '^'; i := i + 1; END IF;
                            IF substr(pattern, i + 1, 1) = ']' THEN re := re || '\\]'; i := i + 1; END IF;
                        ELSIF position(c IN '.+(){}|$^\\]') > 0 THEN re := re || '\\' || c;
                        ELSE re := re || c; END IF;
                        i := i + 1;
                    END LOOP;
                    IF inclass THEN RETURN false; END IF;
                    RETURN value ~ (re || '$');
                END
                $f$;
                -- Text compared in NFC (SQLite's tieout_nfc, DatasetStore+NFC.swift).
                CREATE FUNCTION tieout_nfc(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $f$ SELECT normalize(value, NFC) $f$;
                """),
        ("pg2: rows of a file sharing a key (SQLite's v10)", """
                CREATE TABLE key_repeats (           -- a file whose rows share a key with another of its rows (all kept); no row: none do
                    file_id BIGINT PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
                    key TEXT COLLATE "C" NOT NULL,               -- the key used, as a JSON array of its parts: ["voucher","entry"]
                    "rows" BIGINT NOT NULL,           -- rows that share their key with another row of the file
                    keys BIGINT NOT NULL,           -- keys held by more than one row
                    identical BIGINT NOT NULL,      -- of those rows, those the same in every field as an earlier one
                    examples TEXT COLLATE "C" NOT NULL,          -- JSON array: the first keys with their rows (记-0001: rows 4, 5, 9)
                    suggested_key TEXT COLLATE "C"               -- JSON array: a key that tells every row apart; NULL: none found
                );
                """),
        ("pg3: a rejected row's reason and key repeats' examples in Chinese (SQLite's v11)", """
                ALTER TABLE rejects ADD COLUMN reason_zh TEXT COLLATE "C";
                ALTER TABLE key_repeats ADD COLUMN examples_zh TEXT COLLATE "C";
                """),
    ]
}
