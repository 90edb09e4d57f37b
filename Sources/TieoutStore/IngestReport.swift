import TieoutCore
import TieoutIngest

/// What `tieout ingest` did, file by file: stable English keys for `--json`.
public struct IngestReport: Sendable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Imported for the first time.
        case new
        /// The same bytes as before: skipped.
        case unchanged
        /// The same path with new bytes: its rows replaced.
        case changed
        /// A file for the same profile and period as an earlier one (in the files' order) whose
        /// records share keys with it: that file's rows replaced.
        case reissue
        /// The bytes of a file that is gone, under a new name or in another folder: the same
        /// ledger, its records kept and its lineage moved to the new path (`replaces` is the old one).
        case renamed
        /// Read again (`readAgain` says why): a file it shares records with changed, a file before
        /// it in the files' order was read, its profile changed since it was read, or `--force`.
        case reread
        /// Gone from the workspace: its rows removed from the dataset.
        case removed
        /// Could not be read or applied: nothing imported from it (the error says why).
        case failed
    }

    /// What a re-issue or a changed file changed, by record key.
    public struct Change: Sendable, Codable, Equatable {
        public var added: Int
        public var removed: Int
        public var changed: Int
        /// `记-202406-0012: 1,000.00 → 1,100.00`, `+ 记-202406-0031`, `- 记-202406-0007`.
        public var detail: [String]
    }

    public struct FileReport: Sendable, Codable {
        /// The path, with the sheet when the file is read sheet by sheet.
        public var shown: String { part.map { path + "[" + $0 + "]" } ?? path }

        public var path: String
        public var profile: String
        public var kind: String
        public var status: Status
        public var sha256: String?
        public var sheet: String?
        /// The sheet, when the file is read sheet by sheet (`ledgers/t.xlsx[3月]`).
        public var part: String?
        public var period: String?
        public var accounting: RowAccounting
        public var subtotalChecks: Int = 0
        /// Subtotal rows that do not agree with the rows they cover, in English.
        public var subtotalMismatches: [String] = []
        /// The same in Chinese (nil in reports stored before it was kept).
        public var subtotalMismatchesZh: [String]?

        /// The subtotal rows that do not agree, in the language asked for.
        public func subtotalMismatches(english: Bool) -> [String] { english ? subtotalMismatches : subtotalMismatchesZh ?? subtotalMismatches }

        /// A subtotal row that does not agree, in both languages (the catalog's `subtotal.*`).
        mutating func addSubtotalMismatch(_ key: String, place: String, label: String, field: String, stated: String?, computed: String, status: String) {
            for english in [true, false] {
                let line = Catalog.text(key, english: english, ["place": place, "label": label, "field": field,
                                                                "stated": stated ?? Catalog.text("subtotal.blank", english: english), "computed": computed,
                                                                "status": Catalog.text("subtotal.status.\(status)", english: english)])
                if english { subtotalMismatches.append(line) } else { subtotalMismatchesZh = (subtotalMismatchesZh ?? []) + [line] }
            }
        }
        /// Rows whose key was already in the dataset with the same values: counted once.
        public var duplicates: Int = 0
        /// Rows whose key was already in the dataset with other values: rejected.
        public var conflicts: Int = 0
        /// Rows of the file that share a key with another of its rows: all kept, and named (nil: none).
        public var keyRepeats: KeyRepeats?
        /// The file this one replaced.
        public var replaces: String?
        public var change: Change?
        /// Optional fields the file has no column for.
        public var absentFields: [String] = []
        /// Rows left out by `where:`, by reason (`凭证状态 is 已作废 (where: not 已作废)` → 4).
        public var filteredReasons: [String: Int]?
        /// The same in Chinese (`凭证状态 为 已作废（where: not 已作废）`; nil in reports stored before it was kept).
        public var filteredReasonsZh: [String: Int]?

        /// Rows left out by `where:`, by reason in the language asked for.
        public func filteredReasons(english: Bool) -> [String: Int]? { english ? filteredReasons : filteredReasonsZh ?? filteredReasons }
        public var error: String?
        /// The error in Chinese (`错误：… / 帮助：…`), for the Chinese console; `error` is the English.
        public var errorZh: String?
        /// The error's code (`csv.unterminated-quote`), for programs.
        public var errorCode: String?
        /// Why a file with unchanged bytes was read again (its profile changed, `--force`), in English.
        public var readAgain: String?
        /// The same in Chinese (nil in reports stored before it was kept).
        public var readAgainZh: String?

        /// Why it was read again, in the language asked for.
        public func readAgain(english: Bool) -> String? { english ? readAgain : readAgainZh ?? readAgain }

        /// Sets why it was read again, from the catalog (`reread.*`), in both languages.
        mutating func setReadAgain(_ key: String, _ args: [String: String] = [:]) {
            let text = Catalog.both(key, args)
            readAgainZh = text.zh
            readAgain = text.en
        }
        /// A file failed because its records are mostly dated outside the fiscal year: its dated records by year.
        public var otherYears: [String: Int]?
    }

    public var run: Int64 = 0
    public var files: [FileReport] = []
    /// Sources of tieout.yaml whose pattern matched no file: `ledgers/procurment/*.xlsx (procurement, tieout.yaml line 12)`.
    public var unmatchedSources: [String] = []
    /// Sheets no entry of their source's `sheets:` map names, so not read: `ledgers/b.xlsx: 说明`.
    public var unreadSheets: [String] = []
    /// Cumulative rows (本年累计) checked after the run, and how many did not come out equal.
    public var cumulativeChecks = 0
    public var cumulativeProblems = 0
    /// Kinds whose tables this run made or made anew (a new kind, a changed definition).
    public var kindChanges: [KindChange] = []

    /// Every row of every file read in this run.
    public var totals: RowAccounting {
        files.filter { $0.status != .unchanged && $0.status != .renamed && $0.status != .removed }.reduce(RowAccounting()) { $0 + $1.accounting }
    }

    public var failed: Bool { files.contains { $0.status == .failed } }

    public init() {}

    /// Reports stored by earlier versions lack the newer keys.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        run = try c.decode(Int64.self, forKey: .run)
        files = try c.decode([FileReport].self, forKey: .files)
        unmatchedSources = try c.decodeIfPresent([String].self, forKey: .unmatchedSources) ?? []
        unreadSheets = try c.decodeIfPresent([String].self, forKey: .unreadSheets) ?? []
        kindChanges = try c.decodeIfPresent([KindChange].self, forKey: .kindChanges) ?? []
        cumulativeChecks = try c.decodeIfPresent(Int.self, forKey: .cumulativeChecks) ?? 0
        cumulativeProblems = try c.decodeIfPresent(Int.self, forKey: .cumulativeProblems) ?? 0
    }

    /// Files gone from the workspace in this run (their records left the dataset).
    public var removed: [FileReport] { files.filter { $0.status == .removed } }
}
