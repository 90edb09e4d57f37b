import TieoutCore

/// Writes RFC 4180 CSV: a field is quoted when it holds the delimiter, a quote,
/// CR or LF, or starts or ends with a space; quotes are doubled.
struct CSVWriter {
    let output: Output
    var lineEnd: [UInt8] = [0x0D, 0x0A]

    func field(_ bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for c in bytes where c == 0x2C || c == 0x22 || c == 0x0D || c == 0x0A {
            needsQuotes = true
            break
        }
        if let f = bytes.first, f == 0x20 { needsQuotes = true }
        if let l = bytes.last, l == 0x20 { needsQuotes = true }
        if !needsQuotes { output.write(bytes); return }
        output.write(byte: 0x22)
        var start = 0
        for (i, c) in bytes.enumerated() where c == 0x22 {
            output.write(UnsafeBufferPointer(rebasing: bytes[start...i]))
            output.write(byte: 0x22)
            start = i + 1
        }
        output.write(UnsafeBufferPointer(rebasing: bytes[start...]))
        output.write(byte: 0x22)
    }

    func field(_ s: String) {
        var s = s
        s.withUTF8 { field($0) }
    }

    func separator() { output.write(byte: 0x2C) }

    func endRecord() {
        lineEnd.withUnsafeBufferPointer { output.write($0) }
    }

    func record(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { separator() }
            field(f)
        }
        endRecord()
    }

    /// A record of a CSV meant to be opened in a spreadsheet: text fields that a spreadsheet
    /// would run as a formula are neutralised (``SpreadsheetSafeText``); the fields at
    /// `numeric` (typed amounts, counts, row numbers) are written as they are.
    func spreadsheetRecord(_ fields: [String], numeric: Set<Int> = []) {
        for (i, f) in fields.enumerated() {
            if i > 0 { separator() }
            field(numeric.contains(i) ? f : SpreadsheetSafeText.text(f))
        }
        endRecord()
    }
}
