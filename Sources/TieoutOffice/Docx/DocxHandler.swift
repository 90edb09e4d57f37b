import TieoutCore
import TieoutXLSX

/// Streams `word/document.xml` into blocks.
///
/// - Runs are joined: a number Word or LibreOffice split across runs (`2,9` `35.01`),
///   bookmarks, proofing marks (`w:proofErr`), fields and content controls in between
///   leave no trace in the text.
/// - Tracked changes are read as accepted: insertions (`w:ins`, `w:moveTo`) are kept,
///   deletions (`w:del`, `w:delText`, `w:moveFrom`) dropped.
/// - Of an `mc:AlternateContent`, only the `mc:Choice` is read (the `mc:Fallback` repeats it).
/// - Tables are read cell by cell, with `w:gridSpan` and `w:vMerge`; a table inside a
///   cell becomes that cell's text.
final class DocxHandler: XMLEventHandler {
    private let file: String
    private let part: String
    private let headingStyles: [String: Int]
    private let limits: DocumentLimits
    unowned(unsafe) var parser: XMLPushParser?
    private(set) var failure: TieoutError?
    private(set) var blocks: [DocumentBlock] = []

    private struct Paragraph {
        var text: [UInt8] = []
        var style: String?
        var outline: Int?
    }

    private struct Cell {
        var paragraphs: [String] = []
        var span = 1
        var merge: String?   // nil: none; "restart"; "continue"
    }

    private struct Table {
        var rows: [[TableCell]] = []
        var row: [TableCell]?
        var cell: Cell?
    }

    private var paragraphs: [Paragraph] = []
    private var tables: [Table] = []
    /// Depth inside an element whose text is not read (deletions, fallbacks).
    private var skipping = 0
    private var inText = false
    private var textBytes = 0
    private var count = 0

    init(file: String, part: String, headingStyles: [String: Int], limits: DocumentLimits) {
        self.file = file
        self.part = part
        self.headingStyles = headingStyles
        self.limits = limits
    }

    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        if skipping > 0 { skipping += 1; return }
        if WordNS.isMarkupCompatibility(uri) {
            if local == "Fallback" { skipping = 1 }
            return
        }
        guard WordNS.isMain(uri) else { return }
        if local == "t" {
            inText = true
        } else if local == "del" || local == "moveFrom" {
            skipping = 1
        } else if local == "p" {
            paragraphs.append(Paragraph())
            counted()
        } else if local == "pStyle" {
            if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].style = attributes.string("val") }
        } else if local == "outlineLvl" {
            if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].outline = attributes.string("val").flatMap { Int($0) } }
        } else if local == "tab" || local == "br" || local == "cr" {
            // A tab or a line break inside a paragraph (w:tab in w:pPr/w:tabs is a tab stop, not text).
            if !paragraphs.isEmpty && attributes.value("pos") == nil { append(UInt8(ascii: " ")) }
        } else if local == "noBreakHyphen" {
            append(UInt8(ascii: "-"))
        } else if local == "tbl" {
            tables.append(Table())
        } else if local == "tr" {
            if !tables.isEmpty { tables[tables.count - 1].row = [] }
        } else if local == "tc" {
            if !tables.isEmpty { tables[tables.count - 1].cell = Cell() }
            counted()
        } else if local == "gridSpan" {
            if !tables.isEmpty, tables[tables.count - 1].cell != nil {
                let n = attributes.string("val").flatMap { Int($0) } ?? 1
                tables[tables.count - 1].cell!.span = min(max(n, 1), 1_000)
            }
        } else if local == "vMerge" {
            if !tables.isEmpty, tables[tables.count - 1].cell != nil {
                tables[tables.count - 1].cell!.merge = attributes.string("val") == "restart" ? "restart" : "continue"
            }
        }
    }

    func endElement(uri: XMLName, local: XMLName) {
        if skipping > 0 { skipping -= 1; return }
        guard WordNS.isMain(uri) else { return }
        if local == "t" {
            inText = false
        } else if local == "p" {
            guard let p = paragraphs.popLast() else { return }
            let text = String(decoding: p.text, as: UTF8.self)
            if var t = tables.last, t.cell != nil {
                t.cell!.paragraphs.append(text)
                tables[tables.count - 1] = t
            } else if let level = p.outline.flatMap({ (0...8).contains($0) ? $0 + 1 : nil }) ?? p.style.flatMap({ headingStyles[$0] }) {
                blocks.append(.heading(level: level, text: text))
            } else {
                blocks.append(.paragraph(text))
            }
        } else if local == "tc" {
            guard !tables.isEmpty, let cell = tables[tables.count - 1].cell else { return }
            var t = tables[tables.count - 1]
            let column = (t.row ?? []).reduce(0) { $0 + $1.span }
            var text = cell.paragraphs.joined(separator: "\n")
            var continued = false
            if cell.merge == "continue", let above = Self.cell(in: t.rows.last ?? [], atColumn: column) {
                text = above.text
                continued = true
            }
            t.row?.append(TableCell(text: text, span: cell.span, continued: continued))
            // A merged cell is as many cells as it spans once the grid is laid out.
            counted(cell.span - 1)
            t.cell = nil
            tables[tables.count - 1] = t
        } else if local == "tr" {
            guard !tables.isEmpty, let row = tables[tables.count - 1].row else { return }
            tables[tables.count - 1].rows.append(row)
            tables[tables.count - 1].row = nil
        } else if local == "tbl" {
            guard let t = tables.popLast() else { return }
            let table = DocumentTable(rows: t.rows)
            if var outer = tables.last, outer.cell != nil {
                // A table inside a cell: its rows become lines of the cell's text.
                outer.cell!.paragraphs += t.rows.map { $0.filter { !$0.continued }.map(\.text).joined(separator: " ") }
                tables[tables.count - 1] = outer
            } else {
                blocks.append(.table(table))
            }
        }
    }

    /// The cell of `row` that covers grid column `column`.
    static func cell(in row: [TableCell], atColumn column: Int) -> TableCell? {
        var at = 0
        for c in row {
            if column >= at && column < at + c.span { return c }
            at += c.span
        }
        return nil
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard inText, skipping == 0, !paragraphs.isEmpty else { return }
        textBytes += text.count
        if textBytes > limits.maxTextBytes {
            stop(TieoutError(code: "document.limit", key: "document.text-limit", ["part": part, "file": file, "limit": limits.maxTextBytes], location: SourceLocation(file: file)))
            return
        }
        paragraphs[paragraphs.count - 1].text.append(contentsOf: text)
    }

    private func append(_ byte: UInt8) {
        guard skipping == 0, !paragraphs.isEmpty else { return }
        paragraphs[paragraphs.count - 1].text.append(byte)
    }

    private func counted(_ n: Int = 1) {
        count += n
        if count > limits.maxBlocks {
            stop(TieoutError(code: "document.limit", key: "document.block-limit", ["part": part, "file": file, "limit": limits.maxBlocks], location: SourceLocation(file: file)))
        }
    }

    private func stop(_ error: TieoutError) {
        if failure == nil { failure = error }
        parser?.stop(error)
    }
}
