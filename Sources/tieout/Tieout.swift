#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import TieoutCore

/// `tieout`: ledger exports in, checked numbers out.
@main
struct Tieout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tieout",
        abstract: "Read ledger exports (CSV, XLSX) and turn them into checked, traceable numbers.",
        discussion: """
        Exit codes: 0 success; 1 the run finished but found problems (rejected rows, \
        a mismatch, missing data or an unsupported statement, spending behind schedule); 2 bad input or usage, a \
        write that failed, or another tieout writing the workspace with --no-wait \
        (nothing reliable was produced).
        """,
        version: BuildInfo.line,
        subcommands: [Run.self, Check.self, Reconcile.self, Score.self, Explain.self, Verify.self, Ingest.self, Export.self, Init.self, Suggest.self, Kinds.self, Figures.self, Validate.self, Cat.self, Sheets.self, Totals.self, Claims.self, Enqueue.self, Worker.self, Status.self, Report.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as TieoutError {
            Output.stdout.flush()
            // With --json the error is JSON too (its code for programs); otherwise Error/Help text
            // (or a `failed` event, with --log-format).
            if CommandLine.arguments.dropFirst().contains("--json") { Output.printErrorJSON(error) } else { Output.printError(error) }
            exit(status: 2)
        } catch let exit as ExitCode {
            Output.stdout.flush()
            checkStandardOutput()
            Self.exit(status: exit.rawValue)
        } catch {
            Output.stdout.flush()
            let code = exitCode(for: error)
            if code == .success {
                Tieout.exit(withError: error)
            }
            // Usage errors: ArgumentParser's "Error: … / Help: …" text, exit 2.
            Output.stderr.write(fullMessage(for: error) + "\n")
            Output.stderr.flush()
            exit(status: 2)
        }
        Output.stdout.flush()
        checkStandardOutput()
        exit(status: 0)
    }

    /// Ends the process with `status`, after the `run.finished` event when there is an event log.
    static func exit(status: Int32) -> Never {
        EventLog.finished(status)
        Foundation_exit(status)
    }
}

/// Output that could not be written (a full disk behind a redirect) is an error, never a success.
func checkStandardOutput() {
    guard let e = Output.stdout.failure else { return }
    Output.printError(TieoutError(code: "io.write", what: Phrase("error.io.write-stdout", ["reason": String(cString: strerror(e))]),
                                  location: nil, help: Phrase("error.help.free-space-output")))
    Tieout.exit(status: 2)
}
