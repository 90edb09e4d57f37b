#if canImport(Glibc)
import Glibc
#endif
import Logging

/// The unattended run's events (swift-log), written to stderr by ``LineLogHandler`` when
/// `--log-format` asked for them; nothing at all otherwise (`--quiet` alone prints problem lines instead).
///
/// Each event is a name (`file.ingested`, `finding.class`, `report.written`, `failed`, …)
/// with its fields; docs/logging.md lists them.
enum EventLog {
    /// Set once, before any other thread starts; read-only afterwards.
    nonisolated(unsafe) private(set) static var logger: Logger?
    nonisolated(unsafe) private(set) static var quiet = false
    nonisolated(unsafe) private(set) static var startedAt: ContinuousClock.Instant?

    static var isOn: Bool { logger != nil }

    /// `--quiet` without `--log-format`: no summary, no events; only the problem lines, in the
    /// summary's own words (``problems(_:)``), so that cron mails what a person can read.
    static var problemsOnly: Bool { quiet && logger == nil }

    /// Under `--quiet` without `--log-format`, these lines on stdout (the summary is muted);
    /// nothing otherwise, and nothing for none.
    static func problems(_ lines: [String]) {
        guard problemsOnly, !lines.isEmpty else { return }
        Output.problems.write(lines.map { $0 + "\n" }.joined())
        Output.problems.flush()
    }

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
