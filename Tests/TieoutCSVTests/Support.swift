import Foundation
import TieoutCore
@testable import TieoutCSV

/// The path of a committed fixture.
func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
}

/// What a reader produced: every record's fields and place, and its warnings.
struct ReadResult {
    var records: [[String]] = []
    var lines: [Int] = []
    var offsets: [Int64] = []
    var warnings: [TieoutError] = []
    var encoding: TextEncoding = .utf8
    var delimiter = ""
}

func readAll(_ path: String, _ options: CSVOptions = CSVOptions()) throws -> ReadResult {
    let reader = try CSVReader(path: path, options: options)
    var result = ReadResult()
    while let r = try reader.next() {
        result.records.append(r.strings)
        result.lines.append(r.line)
        result.offsets.append(r.byteOffset)
    }
    result.warnings = reader.warnings
    result.encoding = reader.encoding
    result.delimiter = reader.dialect.delimiterName
    return result
}

/// Reads with a given chunk size (small sizes put every boundary mid-record).
func readAll(_ path: String, chunk: Int, encoding: EncodingChoice = .detect, dialect: CSVDialect? = nil) throws -> ReadResult {
    var o = CSVOptions(encoding: encoding, dialect: dialect)
    o.chunkSize = chunk
    return try readAll(path, o)
}

/// The error a closure throws, as a TieoutError.
func tieoutError(_ body: () throws -> Void) -> TieoutError? {
    do { try body() } catch let e as TieoutError { return e } catch { return nil }
    return nil
}

enum FileManagerShim {
    /// Writes bytes to a new temporary file and returns its path.
    static func temporaryFile(contents: [UInt8], suffix: String = ".csv") -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-\(UUID().uuidString)\(suffix)")
        FileManager.default.createFile(atPath: url.path, contents: Data(contents))
        return url.path
    }
}
