import Dispatch
import Foundation
import TieoutCore
import TieoutIngest

/// Applies a profile on a second thread and hands its records and rejects to
/// the database thread in batches, so that typing rows and writing them to
/// SQLite overlap. Memory stays flat: at most `capacity` batches wait.
final class ApplyPipeline: @unchecked Sendable {
    enum Item: Sendable {
        case record(TieoutIngest.Record)
        case reject(RowReject)
    }

    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var finished = false
    private var stopped = false
    private let capacity = 8
    private let batchSize = 2048
    /// Set once the producer finished: the result, or the error that ended it.
    private(set) var outcome: Result<ApplyResult, TieoutError>? = nil
    /// Records whose key (voucher, card, …) had already been seen in this file.
    private(set) var keyCollision = false
    /// The file's SHA-256, when asked for: computed on the typing thread before the rows.
    private(set) var sha256: Result<String, TieoutError>? = nil

    init(profile: Profile, path: String, fingerprint: Bool = false) {
        let job = Job(pipeline: self, profile: profile, path: path, fingerprint: fingerprint)
        DispatchQueue.global(qos: .userInitiated).async { job.run() }
    }

    private struct Job: @unchecked Sendable {
        let pipeline: ApplyPipeline
        let profile: Profile
        let path: String
        let fingerprint: Bool

        func run() {
            // Written before any batch is handed over, read after the last: no race.
            if fingerprint { pipeline.sha256 = Result { () throws(TieoutError) in try fileSHA256(path) } }
            var batch: [Item] = []
            batch.reserveCapacity(pipeline.batchSize)
            var keys = Set<UInt64>()
            var collision = false
            let result = Result { () throws(TieoutError) -> ApplyResult in
                try ProfileApplier(profile).apply(path: path, onRecord: { record in
                    if let key = record.key, !keys.insert(DatasetStore.fingerprint(key)).inserted { collision = true }
                    batch.append(.record(record))
                    if batch.count == pipeline.batchSize { pipeline.put(batch); batch.removeAll(keepingCapacity: true) }
                }, onReject: { reject in
                    batch.append(.reject(reject))
                })
            }
            if !batch.isEmpty { pipeline.put(batch) }
            pipeline.finish(result, collision: collision)
        }
    }

    private func put(_ batch: [Item]) {
        condition.lock()
        while queue.count >= capacity && !stopped { condition.wait() }
        if !stopped { queue.append(batch) }
        condition.broadcast()
        condition.unlock()
    }

    private func finish(_ result: Result<ApplyResult, TieoutError>, collision: Bool) {
        condition.lock()
        outcome = result
        keyCollision = collision
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil when the producer is done (then `outcome` is set).
    func next() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if queue.isEmpty { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// The consumer gives up (an insert failed): the producer drops what it makes; waits for it to end.
    func stop() {
        condition.lock()
        stopped = true
        queue.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
