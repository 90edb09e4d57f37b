/// What the reader is told, rather than detects.
public struct CSVOptions: Sendable {
    /// The file's encoding, or `.detect` (byte-order mark, then UTF-8, else GB18030).
    public var encoding: EncodingChoice = .detect
    /// The dialect, or nil to sniff it from the first 64 KiB.
    public var dialect: CSVDialect? = nil
    /// A record longer than this is an error (most often an unclosed quote).
    public var maxRecordBytes: Int = 64 << 20
    /// Bytes read from the file at a time.
    public var chunkSize: Int = 1 << 20

    public init(encoding: EncodingChoice = .detect, dialect: CSVDialect? = nil) {
        self.encoding = encoding
        self.dialect = dialect
    }
}
