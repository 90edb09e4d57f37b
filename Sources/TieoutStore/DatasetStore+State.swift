import Foundation
import GRDB
import TieoutCore
import TieoutIngest

/// What the dataset stands on, against the workspace as it is now: whether the last
/// ingest finished, which files failed or left in it, and which ledgers changed, came
/// or went since they were read. Reports state it; findings are made of its problems.
public struct DatasetState: Sendable, Codable, Equatable {
    public struct FailedFile: Sendable, Codable, Equatable {
        public var path: String
        public var error: String
    }

    /// An active file whose rows share a key with another of its rows (all kept as distinct records).
    public struct RepeatedKeys: Sendable, Codable, Equatable {
        public var path: String
        /// Rows that share their key with another row of the file.
        public var rows: Int
        /// What they are and how to tell them apart (``KeyRepeats/message``).
        public var message: String
        /// The same in Chinese (nil: a state stored before it was kept).
        public var messageZh: String? = nil

        /// The message in the language asked for.
        public func message(english: Bool) -> String { english ? message : messageZh ?? message }

        /// findings.json keeps the English message only, as before.
        enum CodingKeys: String, CodingKey { case path, rows, message }

        /// The same file and rows (the Chinese message says the same).
        public static func == (a: RepeatedKeys, b: RepeatedKeys) -> Bool { a.path == b.path && a.rows == b.rows && a.message == b.message }
    }

    /// Active files in the dataset.
    public var files: Int = 0
    /// No ingest has ever finished.
    public var neverIngested = true
    /// The start (ISO 8601) of an ingest that did not finish (killed, or the machine stopped):
    /// the files it had not reached are as before it, so the dataset may mix old and new.
    public var unfinishedIngest: String? = nil
    /// Files that could not be read in the last ingest that finished (their rows are absent).
    public var failed: [FailedFile] = []
    /// Files gone from the workspace in the last ingest that finished (their records left).
    public var removed: [String] = []
    /// Ledgers in the workspace the dataset does not hold (new since the last ingest).
    public var notIngested: [String] = []
    /// Ledgers changed (size or time) since they were read.
    public var changedSinceIngest: [String] = []
    /// Ledgers in the dataset that are no longer in the workspace.
    public var goneSinceIngest: [String] = []
    /// Sources of tieout.yaml whose pattern matches no file now (a typo, or a ledger not yet exported).
    public var unmatchedSources: [String] = []
    /// Ledgers whose records in the dataset are not what ingest stored (changed outside Tieout:
    /// a digest of each file's records, kept at ingest, differs). Figures over them are not to be trusted.
    public var alteredInDataset: [String] = []
    /// Active files whose rows share a key (a warning: the rows are kept, the dataset may still be current).
    public var keyRepeats: [RepeatedKeys] = []

    /// The dataset is complete and matches the workspace.
    public var isCurrent: Bool {
        !neverIngested && unfinishedIngest == nil && failed.isEmpty && notIngested.isEmpty && changedSinceIngest.isEmpty && goneSinceIngest.isEmpty
            && alteredInDataset.isEmpty
    }
}

extension DatasetStore {
    /// The dataset's state against `workspace`'s files as they are now (no file is read: sizes and times).
    public func state(_ workspace: Workspace) throws(TieoutError) -> DatasetState {
        var s = DatasetState()
        let (present, unmatched) = try workspace.scan()
        s.unmatchedSources = unmatched.map { "\($0.files) (\($0.profile))" }
        do {
            try queue.read { db in
                let last = try Row.fetchOne(db, sql: "SELECT * FROM ingest_runs ORDER BY id DESC LIMIT 1")
                if let last, (last["finished_at"] as String?) == nil { s.unfinishedIngest = last["started_at"] }
                if let done = try Row.fetchOne(db, sql: "SELECT * FROM ingest_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1") {
                    s.neverIngested = false
                    // An unreadable report would hide which files failed: its error surfaces (as a damaged dataset).
                    if let json = done["report"] as String? {
                        let report = try JSONDecoder().decode(IngestReport.self, from: Data(json.utf8))
                        s.failed = report.files.filter { $0.status == .failed }.map { DatasetState.FailedFile(path: $0.path, error: $0.error ?? "") }
                        s.removed = report.removed.map(\.path)
                    }
                }
                let active = try Row.fetchAll(db, sql: "SELECT path FROM files WHERE status = 'active' ORDER BY path")
                s.files = active.count
                // A file read and then superseded by a re-issue (replaced) was read too: its stamp is judged the same way.
                // Only a path's latest version counts: an older one left 'replaced' when the file was read again (and
                // the new version then failed or went) says nothing of the file now.
                var latest: [String: (path: String, stamp: (Int64?, Int64?)?)] = [:]   // by path and part
                for r in try Row.fetchAll(db, sql: "SELECT path, part, status, size, modified_ns FROM files ORDER BY id") {
                    let status: String = r["status"], path: String = r["path"]
                    latest[path + "\u{0}" + ((r["part"] as String?) ?? "")] = (path, status == "active" || status == "replaced" ? (r["size"], r["modified_ns"]) : nil)
                }
                var known: [String: (Int64?, Int64?)] = [:]
                for v in latest.values { if let stamp = v.stamp { known[v.path] = stamp } }
                let failedPaths = Set(s.failed.map(\.path))
                var once = Set<String>()   // a file of several readings is judged once
                // A file that failed is reported as failed: its stamp is not judged.
                for f in present where once.insert(f.relativePath).inserted && !failedPaths.contains(f.relativePath) {
                    guard let (size, modified) = known[f.relativePath] else {
                        if !failedPaths.contains(f.relativePath) { s.notIngested.append(f.relativePath) }
                        continue
                    }
                    // Rows read before sizes were kept (size NULL) are not judged.
                    if let size, let modified, FileStamp.of(f.path) != FileStamp(size: size, modified: modified) {
                        s.changedSinceIngest.append(f.relativePath)
                    }
                }
                let here = Set(present.map(\.relativePath))
                s.goneSinceIngest = active.map { $0["path"] as String }.filter { !here.contains($0) }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-state")) }
        s.alteredInDataset = try alteredFiles()
        s.keyRepeats = try keyRepeats().map { DatasetState.RepeatedKeys(path: $0.file, rows: $0.repeats.rows, message: $0.repeats.message,
                                                                                messageZh: $0.repeats.message(english: false)) }
        return s
    }
}
