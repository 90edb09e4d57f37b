/// How fields are separated and quoted.
///
/// ```swift
/// CSVDialect(delimiterName: "tab")?.delimiter   // 0x09
/// CSVDialect.comma.delimiterName                // ","
/// ```
public struct CSVDialect: Sendable, Equatable {
    /// The field separator byte: `,` `\t` `;` or `|`.
    public var delimiter: UInt8
    /// The quote byte, `"`.
    public var quote: UInt8 = UInt8(ascii: "\"")

    public init(delimiter: UInt8) {
        precondition(CSVDialect.candidates.contains(delimiter), "delimiter must be , tab ; or |")
        self.delimiter = delimiter
    }

    public static let comma = CSVDialect(delimiter: UInt8(ascii: ","))
    public static let tab = CSVDialect(delimiter: 0x09)
    public static let semicolon = CSVDialect(delimiter: UInt8(ascii: ";"))
    public static let pipe = CSVDialect(delimiter: UInt8(ascii: "|"))

    /// Delimiters Tieout reads, in the order sniffing prefers them on a tie.
    public static let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")]

    /// Reads `,` `;` `|` `tab` (or `\t`, `comma`, `semicolon`, `pipe`); nil otherwise.
    public init?(delimiterName name: String) {
        switch name {
        case ",", "comma": self = .comma
        case "\t", "\\t", "tab", "TAB": self = .tab
        case ";", "semicolon": self = .semicolon
        case "|", "pipe": self = .pipe
        default: return nil
        }
    }

    /// `,` `tab` `;` `|`.
    public var delimiterName: String {
        delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))
    }
}
