import TieoutCore
import TieoutXLSX

/// A report as its author wrote it (a .docx, .md or .txt), read into blocks in
/// document order: headings marked by a heading style, paragraphs with their runs
/// joined, and tables cell by cell. Sections (by style or by numbering 一、（一）1.（1）)
/// are worked out from these blocks by ``ReportOutline``.
///
/// ```swift
/// let doc = try ReportDocument.read("自评报告.docx")
/// for p in ReportOutline(doc).passages { print(p.section, p.text) }
/// ```
public struct ReportDocument: Sendable, Equatable {
    /// The path as given.
    public var file: String
    public var blocks: [DocumentBlock]

    public init(file: String, blocks: [DocumentBlock]) {
        self.file = file
        self.blocks = blocks
    }

    /// The extensions read: Word documents (WPS writes them too), Markdown and plain text.
    public static let extensions = ["docx", "md", "txt"]

    /// Reads a `.docx`, `.md` or `.txt` report, by its extension.
    public static func read(_ path: String, limits: DocumentLimits = DocumentLimits()) throws(TieoutError) -> ReportDocument {
        let ext = path.split(separator: "/").last.flatMap { name in name.contains(".") ? name.split(separator: ".").last : nil }.map { $0.lowercased() } ?? ""
        switch ext {
        case "docx": return try DocxReader(path: path, limits: limits).read()
        case "md", "markdown": return try TextReportReader.read(path, markdown: true, limits: limits)
        case "txt": return try TextReportReader.read(path, markdown: false, limits: limits)
        case "doc", "wps":
            throw TieoutError(code: "document.legacy", ["file": path, "ext": ext], location: SourceLocation(file: path))
        default:
            throw TieoutError(code: "document.extension", ["file": path], location: SourceLocation(file: path))
        }
    }
}

/// One block of a report.
public enum DocumentBlock: Sendable, Equatable {
    /// A paragraph in a heading style (Heading 1–9, an outline level), with its level (1 = top).
    case heading(level: Int, text: String)
    case paragraph(String)
    case table(DocumentTable)
}

/// A table read cell by cell: each row lists its cells in grid order; a cell merged
/// across columns (gridSpan) says how many it covers, and a cell merged down from the
/// one above (vMerge) repeats that cell's text, marked `continued`.
public struct DocumentTable: Sendable, Equatable {
    public var rows: [[TableCell]]

    public init(rows: [[TableCell]]) { self.rows = rows }
}

public struct TableCell: Sendable, Equatable {
    public var text: String
    /// Grid columns the cell covers (1 unless merged across).
    public var span: Int
    /// Merged into the cell above (a vertical merge's continuation): `text` is that cell's.
    public var continued: Bool

    public init(text: String, span: Int = 1, continued: Bool = false) {
        self.text = text
        self.span = span
        self.continued = continued
    }
}

/// Bounds on what a report may make Tieout do; real reports stay far below them.
public struct DocumentLimits: Sendable, Equatable {
    /// The zip archive's limits (entries, inflated bytes, inflate ratio).
    public var zip = XLSXLimits()
    /// Bytes of text read from the whole report.
    public var maxTextBytes = 256 << 20
    /// Paragraphs, table cells and rows in all.
    public var maxBlocks = 2_000_000
    /// Bytes of a .md or .txt report.
    public var maxFileBytes: Int64 = 256 << 20

    public init() {}
}
