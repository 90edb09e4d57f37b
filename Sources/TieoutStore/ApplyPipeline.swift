import Foundation
import TieoutCore
import TieoutIngest

/// Applies a profile on a second thread and hands its records and rejects to
/// the database thread in batches, so that typing rows and writing them to
/// SQLite overlap. Memory stays flat: at most `capacity` batches wait.
final class ApplyPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [RecordBatch] = []
    private var finished = false
    private var stopped = false
    private let capacity = 8
    static let batchSize = 2048
    /// Set once the producer finished: the result, or the error that ended it.
    private(set) var outcome: Result<ApplyResult, TieoutError>? = nil

    init(profile: Profile, path: String) {
        let job = Job(pipeline: self, profile: profile, path: path)
        startDetachedThread(name: "tieout-typing") { job.run() }
    }

    private struct Job: @unchecked Sendable {
        let pipeline: ApplyPipeline
        let profile: Profile
        let path: String

        func run() {
            let batching = BatchingSink(pipeline: pipeline, kind: profile.kind)
            var sink = batching   // the same object: `apply` takes it inout, the reject handler by reference
            let result = Result { () throws(TieoutError) -> ApplyResult in
                try ProfileApplier(profile).apply(path: path, into: &sink, onReject: { batching.batch.rejects.append($0) })
            }
            if batching.batch.count > 0 || !batching.batch.rejects.isEmpty { pipeline.put(batching.batch) }
            pipeline.finish(result)
        }
    }

    /// Packs rows (and rejects) into batches and hands each full one over.
    private final class BatchingSink: RecordSink {
        let pipeline: ApplyPipeline
        var batch: RecordBatch

        init(pipeline: ApplyPipeline, kind: RecordKind) {
            self.pipeline = pipeline
            batch = RecordBatch(fieldCount: kind.fields.count, capacity: ApplyPipeline.batchSize)
        }

        func start(kind: RecordKind, columnLetters: [String?]) {}

        func accept(_ row: TypedRow) {
            batch.append(row)
            if batch.count == ApplyPipeline.batchSize {
                pipeline.put(batch)
                batch = RecordBatch(fieldCount: batch.fieldCount, capacity: ApplyPipeline.batchSize)
            }
        }
    }

    private func put(_ batch: RecordBatch) {
        condition.lock()
        while queue.count >= capacity && !stopped { condition.wait() }
        if !stopped { queue.append(batch) }
        condition.broadcast()
        condition.unlock()
    }

    private func finish(_ result: Result<ApplyResult, TieoutError>) {
        condition.lock()
        outcome = result
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil when the producer is done (then `outcome` is set).
    func next() -> RecordBatch? {
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
