import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutCSV

/// Random tables with hostile content, written by a reference RFC 4180 writer
/// in every encoding and line end, must read back identically.
@Suite("CSV round trip")
struct CSVRoundTripTests {
    static let pieces = ["", "a", " ", "  lead", "trail  ", ",", "\"", "\"\"", "\r\n", "\n", "\r", ";", "|", "\t",
                         "金额", "1,234.56", "(5.00)", "𠮷", "é", "¥", "\u{3000}", "x\"y", "\",\"", "“中文引号”", "-"]

    static func field<R: RandomNumberGenerator>(_ rng: inout R) -> String {
        (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    /// The reference writer: quotes a field holding the delimiter, a quote, CR or
    /// LF, and the lone field of a one-field record when it is empty.
    static func write(_ table: [[String]], delimiter: Character, eol: String, finalEOL: Bool) -> String {
        var out = ""
        for (i, row) in table.enumerated() {
            out += row.map { f -> String in
                let needs = f.contains(delimiter) || f.contains("\"") || f.contains("\r") || f.contains("\n") || (row.count == 1 && f.isEmpty)
                return needs ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
            }.joined(separator: String(delimiter))
            if i < table.count - 1 || finalEOL { out += eol }
        }
        return out
    }

    enum Encoding: CaseIterable { case utf8, utf8BOM, utf16le, utf16be }

    static func encode(_ text: String, _ e: Encoding) -> [UInt8] {
        switch e {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16le: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16be: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
    }

    @Test("random hostile tables read back identically", arguments: 0..<8)
    func roundTrip(_ seed: UInt64) throws {
        var rng = SplitMix(state: seed &* 7919 &+ 17)
        for _ in 0..<25 {
            let columns = Int.random(in: 1...6, using: &rng)
            let rows = Int.random(in: 1...30, using: &rng)
            var table = (0..<rows).map { _ in (0..<columns).map { _ in Self.field(&rng) } }
            // A last record of one empty field cannot be told from a final line end; keep it non-empty.
            if columns == 1 && table[rows - 1][0].isEmpty { table[rows - 1][0] = "z" }
            let delimiter: Character = [",", ";", "|", "\t"].randomElement(using: &rng)!
            let eol = ["\r\n", "\n", "\r"].randomElement(using: &rng)!
            let finalEOL = Bool.random(using: &rng)
            let encoding = Encoding.allCases.randomElement(using: &rng)!
            let chunk = [16, 17, 31, 64, 1 << 20].randomElement(using: &rng)!
            let text = Self.write(table, delimiter: delimiter, eol: eol, finalEOL: finalEOL)
            let path = FileManagerShim.temporaryFile(contents: Self.encode(text, encoding))
            defer { try? FileManager.default.removeItem(atPath: path) }
            var o = CSVOptions(dialect: CSVDialect(delimiterName: String(delimiter)))
            o.chunkSize = chunk
            let read = try readAll(path, o)
            #expect(read.records == table, "seed \(seed): \(encoding) \(eol.debugDescription) chunk \(chunk) final \(finalEOL)\n\(text.debugDescription)")
        }
    }
}
