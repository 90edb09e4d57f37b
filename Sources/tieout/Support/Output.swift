#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TieoutCore
import TieoutIngest

/// Buffered output to a file descriptor: one write per 256 KiB.
final class Output {
    nonisolated(unsafe) static let stdout = Output(fd: 1)
    nonisolated(unsafe) static let stderr = Output(fd: 2)
    /// Standard output for `--quiet`'s problem lines, which the muted summary does not hold back.
    nonisolated(unsafe) static let problems = Output(fd: 1)

    private let fd: Int32
    private var buffer: [UInt8] = []
    private let limit = 256 << 10

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(limit + 4096)
    }

    /// Under `--quiet` the standard output's summary is dropped (its problem lines go to `problems`, or events to stderr).
    var muted = false

    func write(_ s: String) {
        if muted { return }
        var s = s
        s.withUTF8 { write($0) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if muted { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func write(byte: UInt8) {
        if muted { return }
        buffer.append(byte)
    }

    /// The first write that failed (errno), for a file: the caller must check it
    /// before taking the file as written. Later writes are dropped.
    private(set) var failure: Int32? = nil

    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        var off = 0
        buffer.withUnsafeBytes { raw in
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    // The reader of the terminal's output went away (a closed pipe): stop quietly.
                    if n < 0 && errno == EPIPE && (fd == 1 || fd == 2) { Foundation_exit(0) }
                    failure = n < 0 ? errno : ENOSPC
                    return
                }
                off += n
            }
        }
    }

    /// The language of errors and warnings on stderr: the command's `--lang`, else
    /// `TIEOUT_LANG`, else Chinese (``ErrorLanguage``).
    nonisolated(unsafe) static let english = ErrorLanguage.ofThisProcess

    /// `错误：… / 帮助：…` (`Error: … / Help: …` in English) on stderr.
    /// Control characters of file names and ledger text (an escape sequence in a file's
    /// name) are shown as escapes, line by line.
    /// With an event log, the error is a `failed` event instead.
    static func printError(_ error: TieoutError) {
        if EventLog.isOn { EventLog.failed(error); return }
        stderr.write(error.rendered(english: english).split(separator: "\n", omittingEmptySubsequences: false).map { String($0).escapingControlCharacters }.joined(separator: "\n") + "\n")
        stderr.flush()
    }

    /// The error as one JSON object on stderr, for a command run with `--json`: its code,
    /// message, place and help, so that a program acts on the code, not on the words.
    static func printErrorJSON(_ error: TieoutError) {
        func number(_ v: Int?) -> String { v.map(String.init) ?? "null" }
        let l = error.location
        let place = JSON.object([("file", l.map { JSON.string($0.file) } ?? "null"), ("sheet", l?.sheet.map(JSON.string) ?? "null"),
                                 ("line", number(l?.line)), ("record", number(l?.record)),
                                 ("column", l?.columnLetter.map(JSON.string) ?? "null"), ("cell", l?.cellReference.map(JSON.string) ?? "null")])
        stderr.write(JSON.object([("error", JSON.object([("code", JSON.string(error.code.rawValue)), ("message", JSON.string(error.message)),
                                                        ("place", l == nil ? "null" : place), ("help", JSON.string(error.help))]))]) + "\n")
        stderr.flush()
    }

    /// `警告：… / 帮助：…` (`Warning: … / Help: …` in English) on stderr.
    static func printWarning(_ warning: TieoutError) {
        if EventLog.isOn {
            EventLog.emit(.warning, "warning", ["code": .string(warning.code.rawValue), "message": .string(warning.message), "help": .string(warning.help)])
            return
        }
        stderr.write(warning.renderedWarning(english: english).split(separator: "\n", omittingEmptySubsequences: false).map { String($0).escapingControlCharacters }.joined(separator: "\n") + "\n")
        stderr.flush()
    }
}

/// Ends the process with a status (the CLI is the only code that exits).
func Foundation_exit(_ code: Int32) -> Never {
    Output.stdout.flush()
    Glibc.exit(code)
}
