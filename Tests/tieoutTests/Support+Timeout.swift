import Foundation

extension CLI {
    /// `run`, ended with SIGKILL after `seconds` (status -1 then): a command that would hang
    /// (a FIFO read as a file) fails its test instead of hanging the suite.
    static func run(_ arguments: [String], in directory: String = fixtures, executable: String = CLI.executable, timeout seconds: Double) throws -> Result {
        let (p, out, err) = try start(arguments, in: directory, executable: executable)
        final class Box: @unchecked Sendable { var data = Data() }
        let o = Box(), e = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { e.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { o.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        var killed = false
        if p.isRunning { kill(p.processIdentifier, SIGKILL); killed = true }
        p.waitUntilExit()
        group.wait()
        return Result(status: killed ? -1 : p.terminationStatus, stdout: String(decoding: o.data, as: UTF8.self), stderr: String(decoding: e.data, as: UTF8.self))
    }
}
