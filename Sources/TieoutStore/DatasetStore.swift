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
    /// How figures' scans are split: a table with more rows than `rowsPerPart` is scanned in
    /// parts, up to `maxParts` (the cores) at once.
    var scan = (rowsPerPart: 200_000, maxParts: ProcessInfo.processInfo.activeProcessorCount)

    public init(path: String) throws(TieoutError) {
        self.path = path
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            var config = Configuration()
            config.foreignKeysEnabled = true
            // A reader (check, export) meeting a writer's transaction waits for it rather than failing.
            config.busyMode = .timeout(30)
            config.prepareDatabase { db in try ExactAggregates.register(db) }
            queue = try DatabaseQueue(path: path, configuration: config)
            try Self.migrate(queue, path: path)
        } catch let error as TieoutError {
            throw error
        } catch {
            throw Self.sqliteError(error, path: path, doing: "opening")
        }
    }

    /// Applies the migrations the dataset lacks; a dataset a newer Tieout has migrated is
    /// refused, since this one would misread it.
    ///
    /// Another process may be migrating the same new dataset at that moment (an `explain`
    /// takes no lock). Each migration is one transaction, so the one that loses the race sees
    /// a table that already exists, or none yet: it starts again from what is applied by then.
    /// A failure that persists (a full disk, a damaged file) is reported after 10 tries (~1 s).
    static func migrate(_ queue: DatabaseQueue, path: String) throws {
        var tries = 0
        while true {
            do {
                let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
                if let newer = applied.subtracting(Set(migrator.migrations)).sorted().first {
                    throw TieoutError(code: "store.newer", what: "the dataset \(path) was written by a newer Tieout (it has the migration “\(newer)”, which this one does not know)",
                                      location: SourceLocation(file: path),
                                      help: "Run the Tieout that wrote it (or a newer one), or move the dataset aside and run `tieout ingest` to rebuild it from the ledgers with this one.")
                }
                try migrator.migrate(queue)
                return
            } catch let error as TieoutError {
                throw error
            } catch {
                tries += 1
                guard tries < 10 else { throw error }
                queue.inDatabase { db in db.clearSchemaCache() }
                usleep(UInt32(20_000 * tries))
            }
        }
    }

    /// Record ids: file `f`'s records are `f × 2^32 + 0, 1, 2 …` in the order read, so a
    /// file's rows are one range of SQLite's row ids (found and deleted without an index)
    /// and later files sort after earlier ones.
    static let idsPerFile: Int64 = 1 << 32

    /// The ids a file's records may have.
    static func ids(of fileId: Int64) -> Range<Int64> {
        fileId * idsPerFile ..< (fileId + 1) * idsPerFile
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
