import Foundation
import Testing
import TieoutCore
@testable import TieoutXLSX

/// Large parts are inflated on a second thread (ZipArchive.readAhead): the
/// chunks, their order and every error must be those of the plain reader.
@Suite("Inflating ahead")
struct ReadAheadTests {
    static func plain(_ zip: ZipArchive, _ entry: ZipArchive.Entry, chunk: Int) -> ([UInt8], String?) {
        var bytes: [UInt8] = []
        do { try zip.read(entry, chunkSize: chunk) { bytes.append(contentsOf: $0) } }
        catch { return (bytes, error.code.rawValue) }
        return (bytes, nil)
    }

    static func ahead(_ zip: ZipArchive, _ entry: ZipArchive.Entry, chunk: Int) -> ([UInt8], String?) {
        var bytes: [UInt8] = []
        do { try zip.readAhead(entry, chunkSize: chunk) { bytes.append(contentsOf: $0) } }
        catch { return (bytes, error.code.rawValue) }
        return (bytes, nil)
    }

    @Test("every part of every fixture and corpus workbook: the same bytes, or the same error after the same bytes",
          arguments: [509, 65536])
    func sameBytes(chunk: Int) throws {
        var paths = ["minimal.xlsx", "libreoffice-budget.xlsx", "treasury-2024-q1.xlsx", "crc-damaged.xlsx",
                     "zip-bomb.xlsx"].map(xlsxFixture)
        let corpus = Corpus.root
        paths += try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".xlsx") }.sorted().map { corpus + "/" + $0 }
        var parts = 0, errors: [String] = []
        for path in paths {
            guard let zip = try? ZipArchive(path: path, limits: XLSXLimits()) else { continue }
            for entry in zip.entries {
                let a = Self.plain(zip, entry, chunk: chunk)
                let b = Self.ahead(zip, entry, chunk: chunk)
                #expect(a.0 == b.0, "\(path) \(entry.name)")
                #expect(a.1 == b.1, "\(path) \(entry.name)")
                parts += 1
                if let e = b.1 { errors.append(e) }
            }
        }
        #expect(parts > 300)
        // The damaged fixtures fail the same way both ways.
        #expect(errors.contains("xlsx.crc") && errors.contains("xlsx.zip-bomb"))
    }

    @Test("a consumer that stops early stops the inflating thread, and the next read works")
    func stopEarly() throws {
        let zip = try ZipArchive(path: xlsxFixture("zip-bomb.xlsx"), limits: XLSXLimits())
        let entry = zip.entries.max { $0.uncompressedSize < $1.uncompressedSize }!
        for _ in 0..<20 {
            var seen = 0
            var code: String? = nil
            do {
                try zip.readAhead(entry, chunkSize: 1024) { (_: UnsafeBufferPointer<UInt8>) throws(TieoutError) in
                    seen += 1
                    if seen == 3 { throw TieoutError(code: "test.stop", what: "stop", help: "") }
                }
            } catch { code = error.code.rawValue }
            #expect(code == "test.stop")
            #expect(seen == 3)
        }
        let book = try XLSXWorkbook(path: xlsxFixture("treasury-2024-q1.xlsx"))
        var rows = 0
        try book.readRows(of: 0) { _ in rows += 1 }
        #expect(rows == 28)
    }
}
