import Testing
import TieoutCore
@testable import TieoutCSV

@Suite("CSV faults")
struct CSVFaultTests {
    @Test("a stray quote inside an unquoted field is kept and warned about")
    func strayQuote() throws {
        let r = try readAll(fixture("stray-quote.csv"))
        #expect(r.records == [["name", "amount"], ["5\" floppy", "1.00"], ["ok", "2.00"]])
        #expect(r.warnings.count == 1)
        let w = try #require(r.warnings.first)
        #expect(w.code == "csv.stray-quote")
        #expect(w.message == "a quote inside the unquoted field \"5\" floppy\" was kept as a literal character at \(fixture("stray-quote.csv")):2:1 (record 2, column A, byte 12)")
    }

    @Test("an unterminated quote is an error at the record where it opens")
    func unterminated() throws {
        let reader = try CSVReader(path: fixture("unterminated.csv"))
        #expect(try reader.next()?.strings == ["name", "amount"])
        #expect(try reader.next()?.strings == ["ok", "1.00"])
        let e = tieoutError { _ = try reader.next() }
        #expect(e?.code == "csv.unterminated-quote")
        #expect(e?.location?.line == 3)
        #expect(e?.location?.column == 1)
        #expect(e?.location?.record == 3)
        #expect(e?.location?.byteOffset == 20)
    }

    @Test("text after a closing quote is ambiguous, so an error")
    func textAfterQuote() throws {
        let e = tieoutError { _ = try readAll(fixture("text-after-quote.csv")) }
        #expect(e?.code == "csv.text-after-quote")
        #expect(e?.what == "text \"def\" follows the closing quote of a quoted field, so the field's value is ambiguous")
        #expect(e?.location?.line == 2)
    }

    @Test("a record over the limit is an error, not unbounded memory")
    func recordTooLong() throws {
        var o = CSVOptions()
        o.maxRecordBytes = 4096
        o.chunkSize = 1024
        let e = tieoutError { _ = try readAll(fixture("unterminated.csv"), o) }
        // The file is small: the open quote runs to the end of the file instead.
        #expect(e?.code == "csv.unterminated-quote")
        let path = FileManagerShim.temporaryFile(contents: Array("a,\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100_000))
        let big = tieoutError { _ = try readAll(path, o) }
        #expect(big?.code == "csv.record-too-long")
    }

    @Test("a missing file and a folder are clear errors")
    func io() {
        #expect(tieoutError { _ = try CSVReader(path: "/nonexistent/ledger.csv") }?.code == "io.open")
        #expect(tieoutError { _ = try CSVReader(path: "/tmp") }?.code == "io.directory")
    }
}
