#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TieoutCore
import TieoutIngest
import TieoutReport

/// The reports in `out/` stand for the last run that finished. While a run is under way,
/// and after one that failed or was killed, the reports of the last finished run are in
/// `out/previous/`, byte for byte, so no report in `out/` looks current when it is not.
enum ReportSet {
    static let names = ["report.md", "report.html", "findings.json", "score.md", "score.csv", "score.json", "rejects.csv", "score.xlsx", "findings.xlsx"]

    static func previousDirectory(_ ws: Workspace) -> String { ws.outputDirectory + "/previous" }

    /// Runs `body` (which stages the new reports in the set it is given) with the old
    /// reports moved aside; commits the new set when `body` returns, and then drops the
    /// old one. When `body` or the commit fails, the old reports stay in `out/previous/`
    /// and a note on stderr says so.
    static func replace(_ ws: Workspace, _ body: (StagedFiles) throws -> Int32) throws -> Int32 {
        try retire(ws)
        do {
            let set = StagedFiles()
            let status = try body(set)
            try set.commit()
            removePrevious(ws)
            return status
        } catch let error as TieoutError {
            if access(previousDirectory(ws), F_OK) == 0 {
                Output.printError(error)
                notePrevious(ws)
                Tieout.exit(status: 2)
            }
            throw error
        } catch {
            // Any other failure: the same note, then the error as the CLI prints it.
            notePrevious(ws)
            throw error
        }
    }

    /// A step before the reports are replaced (taking the lock, opening the dataset): when it
    /// fails, the reports in `out/` are moved aside as for any failed run, with the same note;
    /// a lock held by another run (`workspace.busy`) leaves them to that run.
    static func retiringOnFailure<T>(_ ws: Workspace, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TieoutError where error.code != "workspace.busy" {
            try? retire(ws)
            if access(previousDirectory(ws), F_OK) == 0 {
                Output.printError(error)
                notePrevious(ws)
                Tieout.exit(status: 2)
            }
            throw error
        }
    }

    /// When the last finished run's reports are in `out/previous/`, a note (or a warning
    /// event) says so: the reports of this run are not there.
    static func notePrevious(_ ws: Workspace) { notePrevious(out: ws.outputDirectory) }

    static func notePrevious(out: String) {
        let prev = out + "/previous"
        guard access(prev, F_OK) == 0 else { return }
        if EventLog.isOn {
            EventLog.emit(.warning, "reports.previous", ["path": .string(prev), "message": "the reports of the last run that finished are here; they do not reflect this run"])
        } else {
            Output.stderr.write("Note: the reports of the last run that finished are in \(prev)/; they do not reflect this run.\n")
            Output.stderr.flush()
        }
    }

    /// Moves the reports in `out/` to `out/previous/` (replacing what was there). When `out/`
    /// has none — the last run failed — `out/previous/` keeps the last finished run's.
    static func retire(_ ws: Workspace) throws { try retire(out: ws.outputDirectory) }

    /// The same for the workspace whose reports are in `out` (one whose tieout.yaml cannot be read).
    static func retire(out: String) throws {
        removeStaleStaging(out)
        let present = names.filter { access(out + "/" + $0, F_OK) == 0 } + annotatedCopies(out)
        // rejects.csv alone is an ingest's: the reports of the last finished run are already aside.
        guard present.contains(where: { $0 != "rejects.csv" }) else { return }
        let prev = out + "/previous"
        removePrevious(out: out)
        try makeDirectories(prev)
        for name in present where rename(out + "/" + name, prev + "/" + name) != 0 {
            throw StagedFiles.failure(out + "/" + name, errno, Phrase("error.io.write.cannot-move-aside"))
        }
    }

    /// Files a killed run was staging (`report.md.tmp-PID`): the caller holds the workspace
    /// lock, so no other run is writing them.
    static func removeStaleStaging(_ out: String) {
        for dir in [out, out + "/dataset"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.contains(".tmp-") {
                unlink(dir + "/" + name)
            }
        }
    }

    /// The annotated copies of the report in `dir` (`自评报告-核对.docx`), which go with the reports.
    static func annotatedCopies(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { AnnotatedReport.isAnnotatedCopy($0) }.sorted()
    }

    static func removePrevious(_ ws: Workspace) { removePrevious(out: ws.outputDirectory) }

    static func removePrevious(out: String) {
        let prev = out + "/previous"
        for name in names + annotatedCopies(prev) { unlink(prev + "/" + name) }
        rmdir(prev)
    }
}
