import Foundation
import Testing
import TieoutCore
@testable import TieoutCSV

/// A reader dropped before the end of its file (header detection reads 50 records; `cat`
/// piped into `head`) stops its read-ahead thread and frees its slots. Before: the thread
/// held the reader, waited for a free slot forever, and kept ~8 MB each (a fuzzing leak).
@Suite("CSV reader stopped early", .serialized)
struct CSVEarlyStopTests {
    /// Read-ahead threads of this process (named `tieout-csv-read`), from /proc.
    static func threads() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").filter { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) == "tieout-csv-read\n"
        }.count
    }

    @Test("20 readers dropped after one record leave no thread behind")
    func droppedReaders() throws {
        // Larger than the read-ahead ring (4 slots of 2 × 64 KiB here), so the producer must wait for a slot.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-early-\(UUID().uuidString).csv").path
        var text = "voucher,amount\n"
        for i in 0..<40_000 { text += "记-\(i),\(i).25\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = CSVOptions()
        options.chunkSize = 64 << 10
        let before = try Self.threads()
        for _ in 0..<20 {
            let reader = try CSVReader(path: path, options: options)
            #expect(try reader.next()?.strings == ["voucher", "amount"])
            _ = try CSVTable.detect(path: path, options: options)
        }
        // deinit waits for the producer to stop; its thread then ends. (Other suites' readers,
        // running meanwhile, come and go; a leaked one never goes.)
        var after = try Self.threads()
        for _ in 0..<500 where after > before { usleep(10_000); after = try Self.threads() }
        #expect(after <= before)
    }
}
