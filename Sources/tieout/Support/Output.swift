#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TieoutCore

/// Buffered output to a file descriptor: one write per 256 KiB.
final class Output {
    nonisolated(unsafe) static let stdout = Output(fd: 1)
    nonisolated(unsafe) static let stderr = Output(fd: 2)

    private let fd: Int32
    private var buffer: [UInt8] = []
    private let limit = 256 << 10

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(limit + 4096)
    }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { write($0) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func write(byte: UInt8) {
        buffer.append(byte)
    }

    func flush() {
        var off = 0
        buffer.withUnsafeBytes { raw in
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    // The reader went away (a closed pipe): stop quietly.
                    if errno == EPIPE { Foundation_exit(0) }
                    return
                }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// `Error: … / Help: …` on stderr.
    static func printError(_ error: TieoutError) {
        stderr.write(error.description + "\n")
        stderr.flush()
    }

    /// `Warning: … / Help: …` on stderr.
    static func printWarning(_ warning: TieoutError) {
        stderr.write("Warning: \(warning.message)\nHelp: \(warning.help)\n")
        stderr.flush()
    }
}

/// Ends the process with a status (the CLI is the only code that exits).
func Foundation_exit(_ code: Int32) -> Never {
    Output.stdout.flush()
    Glibc.exit(code)
}
