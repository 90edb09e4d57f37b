// Micro-benchmarks, run by scripts/bench-amount (never by the test suite).
//
//   tieout-bench amount [COUNT]              parse COUNT ledger amounts from one buffer
//   tieout-bench sqlite-floor DATASET SCRATCH  re-write DATASET's treasury rows, writes only (scripts/bench-ingest)
//   tieout-bench annotate REPORT.docx OUT.docx [RUNS]  the annotated copy of a report (scripts/bench-annotate)
#if canImport(Glibc)
import Glibc
#endif
import Foundation   // String(format:) for the report only
import TieoutCore

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9   // seconds, for timing only
}

/// Amounts as ledgers write them: grouped, plain, negative, parenthesised, small and large.
func makeValues(_ count: Int) -> (bytes: [UInt8], spans: [(Int, Int)], expected: Amount) {
    var state: UInt64 = 2024
    func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
    var bytes: [UInt8] = []
    var spans: [(Int, Int)] = []
    var expected = Amount.zero
    bytes.reserveCapacity(count * 12)
    for i in 0..<count {
        let cents = Int(next() % 50_000_000)
        let whole = cents / 100, frac = cents % 100
        let fracText = frac < 10 ? "0\(frac)" : "\(frac)"
        var text: String
        var value = Amount(significand: Int128(cents), scale: 2)
        switch i % 4 {
        case 0: text = "\(whole).\(fracText)"
        case 1: text = Amount(significand: Int128(cents), scale: 2).groupedText
        case 2: text = "-" + Amount(significand: Int128(cents), scale: 2).groupedText; value = -value
        default: text = "(" + Amount(significand: Int128(cents), scale: 2).groupedText + ")"; value = -value
        }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        spans.append((start, bytes.count))
        expected += value
    }
    return (bytes, spans, expected)
}

func benchAmount(_ count: Int) {
    let (bytes, spans, expected) = makeValues(count)
    // One checked pass: the exact sum of what was parsed must equal the sum of what was written.
    var sum = Amount.zero
    bytes.withUnsafeBufferPointer { b in
        for (s, e) in spans { sum += try! Amount.parse(utf8: UnsafeBufferPointer(rebasing: b[s..<e]))! }
    }
    precondition(sum == expected, "wrong sum \(sum) != \(expected)")
    // Timed passes: parsing only (a cheap checksum keeps the work from being optimised away).
    var best = Double.infinity
    var checksum: Int128 = 0
    for _ in 0..<5 {
        let t0 = now()
        bytes.withUnsafeBufferPointer { b in
            let base = b.baseAddress!
            for (s, e) in spans {
                let v = try! Amount.parse(utf8: UnsafeBufferPointer(start: base + s, count: e - s))!
                checksum ^= v.significand
            }
        }
        best = min(best, now() - t0)
    }
    let ns = best / Double(count) * 1e9
    let rate = Double(count) / best / 1e6
    print("amount parse: \(count) values (1234.56, 1,234.56, -1,234.56, (1,234.56)), best of 5: \(String(format: "%.1f", ns)) ns/value, \(String(format: "%.1f", rate)) M values/s; exact sum \(expected) checked [\(checksum & 1)]")
}

let args = CommandLine.arguments
switch args.count > 1 ? args[1] : "" {
case "amount":
    benchAmount(args.count > 2 ? Int(args[2]) ?? 10_000_000 : 10_000_000)
case "sqlite-floor" where args.count == 4:
    benchSQLiteFloor(source: args[2], scratch: args[3])
case "annotate" where args.count >= 4:
    benchAnnotate(args[2], out: args[3], runs: args.count > 4 ? Int(args[4]) ?? 5 : 5)
default:
    print("usage: tieout-bench amount [COUNT] | sqlite-floor DATASET SCRATCH | annotate REPORT.docx OUT.docx [RUNS]")
    exit(2)
}
