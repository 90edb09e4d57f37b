import Foundation
import TieoutCore
import TieoutPostgres

/// The PostgreSQL server the tests use: `TIEOUT_TEST_PG_URL` when it is set (`.ci/run` sets
/// it), else a throwaway cluster of this test process's own (`scripts/pg-cluster`), started
/// at the first use and stopped when the process exits (or, if it dies, by the cluster's
/// watchdog). Without PostgreSQL the tests fail, saying what to install; they never skip.
public enum TestPostgres {
    /// The server's URL (its maintenance database).
    public static func url() throws -> PostgresURL {
        try server.get()
    }

    /// A new, empty database on the test server, dropped when the process exits: each test
    /// gets its own, so tests run side by side.
    public static func freshDatabase(_ label: String = "t") throws -> PostgresURL {
        let server = try url()
        let safe = label.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(20)
        let name = "tieout_\(safe)_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try PostgresConnection(url: server)
        try admin.execute("CREATE DATABASE \(identifier: name)")
        created.withLock { $0.append(name) }
        return server.with(database: name)
    }

    /// The URL of a port where nothing listens (for the unreachable-server errors).
    public static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let created = LockedValue<[String]>([])
    static let cluster = LockedValue<String?>(nil)

    static let server: Result<PostgresURL, Failure> = {
        if let given = ProcessInfo.processInfo.environment["TIEOUT_TEST_PG_URL"], !given.isEmpty {
            do {
                let url = try PostgresURL(given)
                atexit { TestPostgres.dropCreated() }
                return .success(url)
            } catch {
                return .failure(Failure(description: "TIEOUT_TEST_PG_URL is not a PostgreSQL URL: \(error)"))
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-pg-\(UUID().uuidString.prefix(8))").path
        let script = repositoryRoot + "/scripts/pg-cluster"
        // posix_spawn and waitpid, not Foundation's Process: this runs inside a one-time
        // initialiser other tests wait on, where Process.waitUntilExit never saw its child end.
        let (status, text, errors) = run(["/bin/bash", script, "start", dir, "", String(getpid())])
        guard status == 0, let line = text.split(separator: "\n").last else {
            return .failure(Failure(description: (status == 3
                ? "PostgreSQL is needed by these tests and is not installed: apt-get install postgresql (Debian's PostgreSQL 15), or set TIEOUT_TEST_PG_URL=postgresql://user@host:port/db to use a server of yours. "
                : "could not start a throwaway PostgreSQL cluster (scripts/pg-cluster start \(dir), exit \(status)): ") + errors))
        }
        cluster.withLock { $0 = dir }
        atexit { TestPostgres.stopCluster() }
        do { return .success(try PostgresURL(String(line))) } catch {
            return .failure(Failure(description: "scripts/pg-cluster printed \(line), not a URL"))
        }
    }()

    static func dropCreated() {
        guard case .success(let url) = server, let admin = try? PostgresConnection(url: url) else { return }
        for name in created.withLock({ $0 }) {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        }
    }

    static func stopCluster() {
        guard let dir = cluster.withLock({ $0 }) else { return }
        _ = run(["/bin/bash", repositoryRoot + "/scripts/pg-cluster", "stop", dir])
    }

    /// Runs a program to its end: its exit status, output and errors (through files).
    static func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-pg-run-\(UUID().uuidString)").path
        defer { unlink(base + ".out"); unlink(base + ".err") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return (127, "", "cannot start \(arguments[0])") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), out, err)
    }
}

/// A value behind a lock.
final class LockedValue<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
