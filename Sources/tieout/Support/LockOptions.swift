import ArgumentParser
import TieoutIngest
import TieoutStore

/// `--no-wait`, for the commands that write a workspace (one writer at a time).
struct LockOptions: ParsableArguments {
    @Flag(name: .customLong("no-wait"), help: "When another tieout is writing this workspace, exit at once (status 2) instead of waiting for it.")
    var noWait = false

    /// The workspace's lock, held until the command ends (the process's end releases it).
    func lock(_ ws: Workspace, _ command: String) throws -> WorkspaceLock {
        try WorkspaceLock.acquire(ws, command: command, wait: !noWait) { message in
            if EventLog.isOn { EventLog.emit(.notice, "lock.waiting", ["message": .string(message)]); return }
            // --quiet: waiting for the other writer is no problem to mail.
            if EventLog.problemsOnly { return }
            Output.stderr.write(message + "\n")
            Output.stderr.flush()
        }
    }
}
