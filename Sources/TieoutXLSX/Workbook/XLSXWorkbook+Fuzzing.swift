import TieoutCore

/// Entry points for the fuzz targets (scripts/fuzz-xlsx): not API.

package enum XLSXFuzzing {
    /// Parses `xml` as a worksheet part, with a small shared-string table and
    /// a date style, reading every row; returns the cells read or the error.
    package static func readSheetXML(_ xml: UnsafeBufferPointer<UInt8>) -> Result<Int, TieoutError> {
        let strings = SharedStrings()
        strings.append(Array("金额".utf8))
        strings.append([])
        var limits = XLSXLimits()
        limits.maxCells = 1_000_000
        var cells = 0
        let handler = SheetHandler(file: "fuzz.xlsx", sheet: "Sheet1", sharedStrings: strings,
                                   formats: [.number, .date, .duration], limits: limits) { row in
            for cell in row.cells { _ = cell.text(date1904: false); cells += 1 }
        }
        let parser = XMLPushParser(handler: handler, file: "fuzz.xlsx", part: "xl/worksheets/sheet1.xml")
        handler.parser = parser
        do {
            try parser.feed(xml)
            try parser.finish()
            return .success(cells)
        } catch {
            return .failure(error)
        }
    }
}

/// The splitter against one parser (the same reference the tests use, and the fuzz target's check).
package enum SheetPieces {
    /// A row as text: its number, then each cell's column, kind, formula flag and text.
    static func describe(_ row: XLSXRow) -> String {
        "\(row.number):" + row.cells.map { "\($0.column)/\($0.kind)/\($0.hasFormula ? "f" : "")/\($0.rawText)" }.joined(separator: "|")
    }

    package struct Reading: Equatable {
        package var rows: [String] = []
        package var error: String?
        package var cells: Int64 = 0
        package var documents = 0
    }

    private static func handler(after: Int, into reading: UnsafeMutablePointer<Reading>) -> (XMLPushParser, SheetHandler) {
        let h = SheetHandler(file: "t.xlsx", sheet: "S", sharedStrings: nil, formats: [], limits: XLSXLimits(), after: after) { row in
            reading.pointee.rows.append(describe(row))
        }
        let p = XMLPushParser(handler: h, file: "t.xlsx", part: "sheet1.xml")
        h.parser = p
        return (p, h)
    }

    /// One parser over the whole XML.
    package static func whole(_ xml: UnsafeBufferPointer<UInt8>) -> Reading {
        var reading = Reading()
        withUnsafeMutablePointer(to: &reading) { r in
            let (p, h) = handler(after: 0, into: r)
            do throws(TieoutError) {
                try p.feed(xml)
                try p.finish()
            } catch { r.pointee.error = error.code.rawValue }
            r.pointee.cells = h.cellCount
        }
        return reading
    }

    /// The splitter, fed `feed` bytes at a time, each piece parsed by its own parser, in turn.
    package static func pieces(_ xml: UnsafeBufferPointer<UInt8>, target: Int, feed: Int) -> Reading {
        var splitter = SheetSplitter(target: target)
        var out: [SheetSplitter.Piece] = []
        var i = 0
        while i < xml.count {
            let n = min(feed, xml.count - i)
            out += splitter.append(UnsafeBufferPointer(rebasing: xml[i..<i + n]))
            i += n
        }
        out += splitter.finish()
        var reading = Reading()
        withUnsafeMutablePointer(to: &reading) { r in
            // As XLSXWorkbook.readRowsInPieces delivers: a piece's rows only when it parsed
            // without error; the last row held until the next row is seen to follow it (else
            // the reader reads again with one parser: the error `xlsx.retry` here).
            func number(_ i: Int) -> Int { Int(r.pointee.rows[i].prefix { $0 != ":" }) ?? 0 }
            func dropHeld(from before: Int) { r.pointee.rows.removeSubrange(max(0, before - 1)...) }
            var stream: (XMLPushParser, SheetHandler)? = nil
            var streamStart = 0
            do throws(TieoutError) {
                for piece in out {
                    switch piece {
                    case .document(let bytes, let after):
                        r.pointee.documents += 1
                        let before = r.pointee.rows.count
                        let (p, h) = handler(after: after, into: r)
                        defer { r.pointee.cells += h.cellCount }
                        do throws(TieoutError) {
                            try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try p.feed(b) }
                            try p.finish()
                        } catch {
                            dropHeld(from: before)
                            throw error
                        }
                        if before > 0 && r.pointee.rows.count > before && number(before) <= number(before - 1) {
                            dropHeld(from: before)
                            throw XLSXWorkbook.retry
                        }
                    case .stream(let bytes, let after):
                        streamStart = r.pointee.rows.count
                        stream = handler(after: after, into: r)
                        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try stream!.0.feed(b) }
                    case .bytes(let bytes):
                        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try stream!.0.feed(b) }
                    }
                }
                if let (p, h) = stream { try p.finish(); r.pointee.cells += h.cellCount }
            } catch { r.pointee.error = error.code.rawValue }
            if stream != nil {
                let start = streamStart
                if start > 0 && r.pointee.rows.count > start && number(start) <= number(start - 1) {
                    dropHeld(from: start)
                    r.pointee.error = XLSXWorkbook.retry.code.rawValue
                } else if r.pointee.error != nil && r.pointee.rows.count == start {
                    dropHeld(from: start)
                }
            }
        }
        return reading
    }

    /// Whether pieces read what one parser reads: every row, when it reads without error;
    /// otherwise rows that one parser read too, in order, and an error (the threaded reader
    /// then reads again with one parser).
    package static func agree(_ xml: UnsafeBufferPointer<UInt8>, target: Int, feed: Int) -> Bool {
        let one = whole(xml)
        let got = pieces(xml, target: target, feed: feed)
        if one.error == nil {
            // A cut inside one row's run of elements, or before a row out of order: the reader
            // reads on with one parser, having delivered rows one parser delivers too.
            if got.error == XLSXWorkbook.retry.code.rawValue { return Array(one.rows.prefix(got.rows.count)) == got.rows }
            return got.rows == one.rows && got.error == nil && got.cells == one.cells
        }
        return got.error != nil && Array(one.rows.prefix(got.rows.count)) == got.rows
    }
}
