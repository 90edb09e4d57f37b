/// The text encodings ledger exports come in.
///
/// ```swift
/// TextEncoding(name: "gbk")      // .gb18030 (GB18030 is a superset of GBK and GB2312)
/// TextEncoding.utf16le.name      // "utf-16le"
/// ```
public enum TextEncoding: String, Sendable, CaseIterable, Codable {
    case utf8 = "utf-8"
    /// GB18030, which also reads GBK and GB2312 (Chinese Windows exports).
    case gb18030
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    /// UTF-32, detected by its byte-order mark (FF FE 00 00 or 00 00 FE FF).
    case utf32le = "utf-32le"
    case utf32be = "utf-32be"
    /// ISO-8859-1: Western European text, one byte a character.
    case latin1 = "latin-1"
    /// Windows-1252: ISO-8859-1 with €, typographic quotes and dashes in 0x80–0x9F
    /// (Western European Windows exports).
    case windows1252 = "windows-1252"

    /// The canonical name, as `--encoding` takes it.
    public var name: String { rawValue }

    /// Reads `utf-8`, `utf8`, `gb18030`, `gbk`, `gb2312`, `cp936`, `utf-16le`,
    /// `utf-16be`, `utf-32le`, `utf-32be`, `latin-1` (`latin1`, `iso-8859-1`),
    /// `windows-1252` (`cp1252`) (any case). `utf-16` alone needs a byte-order mark to say which
    /// one it is: see ``EncodingChoice``.
    public init?(name: some StringProtocol) {
        switch name.lowercased() {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "936", "gb-18030": self = .gb18030
        case "utf-16le", "utf16le", "utf-16-le": self = .utf16le
        case "utf-16be", "utf16be", "utf-16-be": self = .utf16be
        case "utf-32le", "utf32le", "utf-32-le": self = .utf32le
        case "utf-32be", "utf32be", "utf-32-be": self = .utf32be
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso-8859-1:1987", "l1": self = .latin1
        case "windows-1252", "cp1252", "windows1252", "1252": self = .windows1252
        default: return nil
        }
    }
}

/// What the user asked for: a fixed encoding, UTF-16 of either byte order
/// (decided by the byte-order mark), or detection.
public enum EncodingChoice: Sendable, Equatable {
    /// BOM first (UTF-8, UTF-32, UTF-16, GB18030); otherwise UTF-8 if the start of the file is
    /// valid UTF-8, else GB18030 if it reads as plausible Chinese (``GB18030Plausibility``),
    /// else an error naming the candidates.
    case detect
    /// UTF-16 with a byte-order mark saying which order.
    case utf16
    case fixed(TextEncoding)

    /// Reads a `--encoding` value; nil for an unknown name.
    public init?(name: some StringProtocol) {
        switch name.lowercased() {
        case "auto", "detect": self = .detect
        case "utf-16", "utf16", "unicode": self = .utf16
        default:
            guard let e = TextEncoding(name: name) else { return nil }
            self = .fixed(e)
        }
    }

    /// The names `--encoding` accepts, for help and error texts.
    public static let names = "utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be, utf-32le, utf-32be, latin-1, windows-1252"
}
