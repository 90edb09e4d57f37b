#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization

/// Writes each event as one line on stderr:
///
/// ```
/// 2026-11-30T11:03:57Z info file.ingested accepted=120 path=ledgers/a.csv read=120 rejected=0 status=new workspace=samples/futian-2024
/// {"time":"2026-11-30T11:03:57Z","level":"info","event":"file.ingested","accepted":120,"path":"ledgers/a.csv",…}
/// ```
///
/// Fields come in the order of their names; counts are numbers in JSON, amounts and ratios
/// strings (exact decimals). A line is written with one `write(2)`, so lines from the
/// threads of `run --all` never interleave.
struct LineLogHandler: LogHandler {
    let format: LogFormat
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    var metadataProvider: Logger.MetadataProvider?

    init(format: LogFormat) { self.format = format }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        for (k, v) in event.metadata ?? [:] { fields[k] = v }
        let line = Self.line(time: Self.now(), level: event.level, event: event.message.description, fields: fields, format: format)
        Self.lock.withLock { _ in
            // What the command printed before the event comes first.
            Output.stderr.flush()
            let bytes = Array(line.utf8)
            bytes.withUnsafeBytes { raw in
                var off = 0
                while off < raw.count {
                    let n = write(2, raw.baseAddress! + off, raw.count - off)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return }   // stderr gone: the exit status still tells
                    off += n
                }
            }
        }
    }

    private static let lock = Mutex(())

    /// The line for one event (with its newline).
    static func line(time: String, level: Logger.Level, event: String, fields: Logger.Metadata, format: LogFormat) -> String {
        let keys = fields.keys.sorted()
        switch format {
        case .text:
            return "\(time) \(level.rawValue) \(event)" + keys.map { " \($0)=\(textValue(fields[$0]!))" }.joined() + "\n"
        case .json:
            let pairs = [("time", JSON.string(time)), ("level", JSON.string(level.rawValue)), ("event", JSON.string(event))]
                + keys.map { ($0, jsonValue(fields[$0]!)) }
            return JSON.object(pairs) + "\n"
        }
    }

    /// A value bare when it is one word, else in double quotes with `\"`, `\\` and control characters escaped.
    static func textValue(_ v: Logger.MetadataValue) -> String {
        let s: String
        switch v {
        case .string(let x): s = x
        case .stringConvertible(let x): s = x.description
        case .array(let xs): s = xs.map { textValue($0) }.joined(separator: ",")
        case .dictionary(let d): s = d.keys.sorted().map { "\($0):\(textValue(d[$0]!))" }.joined(separator: ",")
        }
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && $0.value != 0x7F }
        if plain { return s }
        return JSON.string(s)
    }

    static func jsonValue(_ v: Logger.MetadataValue) -> String {
        switch v {
        case .string(let x): return JSON.string(x)
        case .stringConvertible(let x):
            if x is Int || x is Int64 || x is Int32 { return x.description }
            if let b = x as? Bool { return b ? "true" : "false" }
            return JSON.string(x.description)
        case .array(let xs): return JSON.array(xs.map(jsonValue))
        case .dictionary(let d): return JSON.object(d.keys.sorted().map { ($0, jsonValue(d[$0]!)) })
        }
    }

    /// Now, in UTC, to the second: 2026-11-30T11:03:57Z.
    static func now() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
