#if canImport(Glibc)
import Glibc
#endif
import Logging

/// The unattended run's events (swift-log), written to stderr by ``LineLogHandler`` when
/// `--log-format` or `--quiet` asked for them; nothing at all otherwise.
///
/// Each event is a name (`file.ingested`, `finding.class`, `report.written`, `failed`, …)
/// with its fields; docs/logging.md lists them.
enum EventLog {
    /// Set once, before any other thread starts; read-only afterwards.
    nonisolated(unsafe) private(set) static var logger: Logger?
    nonisolated(unsafe) private(set) static var quiet = false
    nonisolated(unsafe) private(set) static var startedAt: ContinuousClock.Instant?

    static var isOn: Bool { logger != nil }

    static func start(format: LogFormat?, quiet: Bool, command: String, workspace: String) {
        Self.quiet = quiet
        startedAt = .now
        if quiet { Output.stdout.muted = true }
        guard let format else { return }
        LoggingSystem.bootstrap { _ in LineLogHandler(format: format) }
        var logger = Logger(label: "tieout")
        logger.logLevel = quiet ? .warning : .info
        logger[metadataKey: "workspace"] = .string(workspace)
        Self.logger = logger
        emit(.info, "run.started", ["command": .string(command), "version": .string(BuildInfo.version), "pid": .stringConvertible(Int(getpid()))])
    }

    /// One event: its level, its name and its fields.
    static func emit(_ level: Logger.Level, _ event: String, _ fields: Logger.Metadata = [:]) {
        logger?.log(level: level, Logger.Message(stringLiteral: event), metadata: fields)
    }

    /// A count, written as a JSON number.
    static func count(_ n: Int) -> Logger.MetadataValue { .stringConvertible(n) }
}
