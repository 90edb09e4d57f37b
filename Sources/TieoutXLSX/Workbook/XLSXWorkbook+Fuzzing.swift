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
