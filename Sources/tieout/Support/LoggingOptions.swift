import ArgumentParser

/// How events are written to stderr: `key=value` lines or one JSON object per line.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// `--log-format` and `--quiet`, for the commands that run unattended (run, check, ingest,
/// reconcile, score).
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-format"),
            help: "Also write events to stderr, one line each — every file read, finding class, report written and failure: text (key=value) or json (one object per line), for cron mail and log collectors.")
    var logFormat: LogFormat?

    @Flag(help: "Print only problems, in the summary's words (findings that disagree or lack data, failed files, rejected rows, behind schedule); with --log-format, only warning and error events. A clean run prints nothing, so cron sends no mail.")
    var quiet = false

    /// Starts the event log for `command` on `workspace`, when it was asked for.
    func start(_ command: String, workspace: String) {
        EventLog.start(format: logFormat, quiet: quiet, command: command, workspace: workspace)
    }

    /// The arguments that give a child process (a unit of `run --all`) the same log format.
    var childArguments: [String] { logFormat.map { ["--log-format", $0.rawValue] } ?? [] }
}
