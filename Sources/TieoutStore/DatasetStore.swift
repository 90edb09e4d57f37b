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
            throw Self.sqliteError(error, path: path, doing: Phrase("error.doing.opening"))
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
                    throw TieoutError(code: "store.newer", ["file": path, "migration": newer], location: SourceLocation(file: path))
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

    func fault(_ error: Error, _ doing: Phrase) -> TieoutError {
        Self.sqliteError(error, path: path, doing: doing)
    }

    /// An SQLite failure as an error that says what to do: a full disk, a read-only file or
    /// folder, another program holding the dataset, a damaged file each have their own help.
    /// `doing` is what failed (`error.doing.*`); SQLite's own message is kept as it wrote it.
    static func sqliteError(_ error: Error, path: String, doing: Phrase) -> TieoutError {
        if let e = error as? TieoutError { return e }
        let place = SourceLocation(file: path)
        guard let db = error as? DatabaseError else {
            return TieoutError(code: "store.sql", key: "store.sql", ["file": path, "doing": doing, "reason": "\(error)"], location: place)
        }
        let args: [String: any CustomStringConvertible] = ["file": path, "doing": doing, "reason": db.message ?? "\(db.resultCode)"]
        switch db.resultCode.primaryResultCode {
        case .SQLITE_FULL: return TieoutError(code: "store.full", key: "store.full", args, location: place)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return TieoutError(code: "store.read-only", key: "store.read-only", args, location: place)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return TieoutError(code: "store.locked", key: "store.locked", args, location: place)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return TieoutError(code: "store.damaged", key: "store.damaged", args, location: place)
        case .SQLITE_CANTOPEN: return TieoutError(code: "store.open", key: "store.open", args, location: place)
        case .SQLITE_IOERR: return TieoutError(code: "store.io", key: "store.io", args, location: place)
        default: return TieoutError(code: "store.sql", key: "store.sql", args, location: place)
        }
    }
}
