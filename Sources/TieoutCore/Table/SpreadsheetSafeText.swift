/// Text for a CSV that people open in a spreadsheet (out/rejects.csv, out/dataset/*.csv,
/// score.csv): a text cell beginning with `=`, `+`, `-`, `@`, tab or CR would be taken for
/// a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(A1:A9)`), so it is written with
/// a leading apostrophe, as OWASP's CSV-injection guidance says; the spreadsheet shows
/// the text and runs nothing. Numbers (typed amounts, counts) are written as they are, so
/// `-1234.56` stays a number.
///
/// ```swift
/// SpreadsheetSafeText.text("=HYPERLINK(\"x\")")   // "'=HYPERLINK(\"x\")"
/// SpreadsheetSafeText.text("记-2024-03-0001")      // unchanged
/// ```
public enum SpreadsheetSafeText {
    /// Whether a spreadsheet would read `s` as a formula.
    public static func needsNeutralising(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        return first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == 0x09 || first == 0x0D
    }

    /// `s`, or `'s` when a spreadsheet would read it as a formula.
    public static func text(_ s: String) -> String {
        needsNeutralising(s) ? "'" + s : s
    }
}
