#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TieoutCore

/// Reads a report's text saved as `.txt` (a line per paragraph, as Word and WPS save it)
/// or `.md` (paragraphs separated by blank lines, `#` headings, `|` pipe tables).
enum TextReportReader {
    static func read(_ path: String, markdown: Bool, limits: DocumentLimits) throws(TieoutError) -> ReportDocument {
        let bytes = try load(path, limits: limits)
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw TieoutError(code: "document.encoding", key: "document.utf16", ["file": path], location: SourceLocation(file: path))
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw TieoutError(code: "document.encoding", key: "document.not-utf8", ["file": path], location: SourceLocation(file: path))
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        return ReportDocument(file: path, blocks: markdown ? parseMarkdown(lines) : parsePlain(lines))
    }

    static func parsePlain(_ lines: [Substring]) -> [DocumentBlock] {
        lines.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }.map { .paragraph($0) }
    }

    static func parseMarkdown(_ lines: [Substring]) -> [DocumentBlock] {
        var blocks: [DocumentBlock] = []
        var paragraph: [String] = []
        var table: [[TableCell]] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))); paragraph = [] }
            if !table.isEmpty { blocks.append(.table(DocumentTable(rows: table))); table = [] }
        }
        for raw in lines {
            let line = raw.trimmingBlanks()
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("|") {
                if !paragraph.isEmpty { flush() }
                let cells = pipeCells(line)
                // The delimiter row (|---|:--:|) is layout, not content.
                if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } || $0.isEmpty }) && cells.contains(where: { $0.contains("-") }) { continue }
                table.append(cells.map { TableCell(text: $0) })
                continue
            }
            if !table.isEmpty { flush() }
            if line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                let rest = line.dropFirst(level)
                if level <= 6, rest.isEmpty || rest.first == " " {
                    flush()
                    blocks.append(.heading(level: level, text: String(rest).trimmingBlanks()))
                    continue
                }
            }
            paragraph.append(line.replacing("**", with: ""))
        }
        flush()
        return blocks
    }

    /// The cells of a pipe-table row: `| a | b \| c |` → ["a", "b | c"].
    static func pipeCells(_ line: String) -> [String] {
        var cells: [String] = []
        var cur = ""
        var escaped = false
        for ch in line.dropFirst() {
            if escaped { cur.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "|" { cells.append(cur.trimmingBlanks()); cur = ""; continue }
            cur.append(ch)
        }
        if !cur.trimmingBlanks().isEmpty { cells.append(cur.trimmingBlanks()) }
        return cells
    }

    private static func load(_ path: String, limits: DocumentLimits) throws(TieoutError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw TieoutError(code: "io.open", what: Phrase("error.io.open", ["file": path, "reason": String(cString: strerror(errno))]),
                              location: SourceLocation(file: path), help: Phrase("error.help.check-path"))
        }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw TieoutError(code: "io.not-regular", what: Phrase("error.io.not-regular", ["file": path, "kind": RegularFile.kind(st.st_mode)]),
                              location: SourceLocation(file: path), help: Phrase("error.help.name-report-file"))
        }
        guard Int64(st.st_size) <= limits.maxFileBytes else {
            throw TieoutError(code: "document.limit", key: "document.file-limit", ["file": path, "limit": limits.maxFileBytes], location: SourceLocation(file: path))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var got = 0
        let size = out.count
        while got < size {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, size - got) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                throw TieoutError(code: "io.read", what: Phrase("error.io.read", ["file": path, "reason": String(cString: strerror(errno))]),
                                  location: SourceLocation(file: path), help: Phrase("error.help.check-file-disk"))
            }
            if n == 0 { break }
            got += n
        }
        out.removeLast(out.count - got)
        return out
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, ideographic spaces and no-break spaces.
    func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{A0}" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
