/// Reads xl/styles.xml: which cell formats (`cellXfs` index, the cell's `s`)
/// show dates or times, from the built-in number formats and custom codes.
final class StylesHandler: XMLEventHandler {
    private var customFormats: [Int: String] = [:]
    private var xfFormatIds: [Int] = []
    private var inCellXfs = false

    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        guard NS.isMain(uri) else { return }
        if local == "numFmt" {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }) {
                customFormats[id] = attributes.string("formatCode") ?? ""
            }
        } else if local == "cellXfs" {
            inCellXfs = true
        } else if local == "xf" && inCellXfs {
            xfFormatIds.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    func endElement(uri: XMLName, local: XMLName) {
        if NS.isMain(uri) && local == "cellXfs" { inCellXfs = false }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {}

    /// Per cell format: how its numbers are to be read.
    func formats() -> [NumberFormatKind] {
        xfFormatIds.map { id in
            if let code = customFormats[id] { return NumberFormatKind(code: code) }
            return NumberFormatKind(builtIn: id)
        }
    }
}

/// What a number format makes of a number: a plain number, a date (or date
/// and time), or a duration.
enum NumberFormatKind: Equatable {
    case number
    case date
    case duration

    /// Built-in formats 14–22 and 45–47 show dates and times; 46 (`[h]:mm:ss`) is a duration.
    /// Formats 27–36 and 50–58 are the East Asian locales' built-in dates and times, which a
    /// workbook names by id alone: in zh-CN `yyyy"年"m"月"` (27, 36, 50, 52, 57), `m"月"d"日"`
    /// (28, 29, 51, 53, 54, 58), `m-d-yy` (30), `yyyy"年"m"月"d"日"` (31), `h"时"mm"分"` (32),
    /// `h"时"mm"分"ss"秒"` (33), `上午/下午h"时"mm"分"` (34, 55) and with seconds (35, 56); in
    /// zh-TW, ja-JP and ko-KR the same ids are era, year-month-day, month-day and hour-minute(-second)
    /// formats. Every one is a date or a time in all four locales, none a number or a duration
    /// (LibreOffice's import tables and ECMA-376 Part 1, §18.8.30 agree).
    init(builtIn id: Int) {
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: self = .date
        case 46: self = .duration
        default: self = .number
        }
    }

    /// A custom code shows a date when its first section has date or time tokens
    /// outside quoted text, escapes (`\\x`), padding (`_x`, `*x`) and brackets
    /// (colours, conditions, locales); `[h]`, `[m]`, `[s]` make it a duration.
    init(code: String) {
        var inQuotes = false
        var sawDate = false, sawElapsed = false
        var chars = Array(code.unicodeScalars)
        if chars.contains(";") {
            // The first section only (quoted semicolons aside).
            var q = false
            var cut = chars.count
            for (i, c) in chars.enumerated() {
                if c == "\"" { q.toggle() } else if c == ";" && !q { cut = i; break }
            }
            chars = Array(chars[..<cut])
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" { inQuotes = false }
                i += 1; continue
            }
            switch c {
            case "\"": inQuotes = true
            case "\\", "_", "*": i += 1       // the next character is literal or padding
            case "[":
                var j = i + 1
                var inner = ""
                while j < chars.count && chars[j] != "]" { inner.unicodeScalars.append(chars[j]); j += 1 }
                let lower = inner.lowercased()
                if !lower.isEmpty && lower.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { sawElapsed = true }
                i = j
            case "y", "Y", "d", "D", "h", "H", "s", "S", "m", "M":
                sawDate = true
            default: break
            }
            i += 1
        }
        self = sawElapsed ? .duration : (sawDate ? .date : .number)
    }
}
