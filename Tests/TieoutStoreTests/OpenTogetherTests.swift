import Foundation
import Synchronization
import Testing
import TieoutCore
@testable import TieoutStore

/// Two commands opening a new dataset at the same moment (an `ingest` and an `explain`,
/// which takes no lock) both migrate it. Before: the second to create a table failed with
/// `table ingest_runs already exists` and "This is a bug in Tieout".
@Suite("Opening a new dataset together")
struct OpenTogetherTests {
    @Test("two connections migrating one new dataset at once: both open it, every migration applied once")
    func together() throws {
        for round in 0..<25 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-open-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/tieout.sqlite"
            let failures = Mutex<[String]>([])
            let start = Mutex(false)
            let threads = (0..<2).map { _ in
                Thread {
                    while !start.withLock({ $0 }) {}
                    do { _ = try DatasetStore(path: path) } catch { failures.withLock { $0.append("\(error)") } }
                }
            }
            for t in threads { t.start() }
            start.withLock { $0 = true }
            while threads.contains(where: { !$0.isFinished }) { usleep(1000) }
            #expect(failures.withLock { $0 } == [], "round \(round)")
            let store = try DatasetStore(path: path)
            #expect(try store.queue.read { db in try DatasetStore.migrator.appliedIdentifiers(db) } == Set(DatasetStore.migrator.migrations))
        }
    }
}
