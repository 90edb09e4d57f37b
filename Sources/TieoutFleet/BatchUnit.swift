#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A unit run by `run --all` watches its batch: when the batch process is gone (killed, or
/// ended by cron's timeout), the unit ends at once, as if killed with it (every kill leaves
/// the workspace as a clean run would find it), instead of running on as an orphan that
/// writes reports after whatever runs next.
public enum BatchUnit {
    /// Set by ``UnitRunner`` in the unit's environment: the batch process's id.
    public static let parentVariable = "TIEOUT_BATCH_PID"

    /// Called by the unit's `run` when it was started by a batch.
    public static func endWithBatch() {
        guard let text = ProcessInfo.processInfo.environment[parentVariable], let batch = pid_t(text) else { return }
        if getppid() != batch { _exit(2) }
        Thread.detachNewThread {
            while true {
                usleep(50_000)
                if getppid() != batch { kill(getpid(), SIGKILL) }
            }
        }
    }
}
