import ArgumentParser
import Foundation
import TieoutCore
import TieoutIngest
import TieoutPostgres
import TieoutStore

/// `--database PATH|URL`: the dataset, instead of tieout.yaml's `database:` (docs/postgresql.md).
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The dataset, instead of tieout.yaml's database: a SQLite file (a relative path is from the current folder) or postgresql://user@host:port/db (the password is never shown).",
                               valueName: "path-or-url"))
    var database: DatabaseSetting?

    func validate() throws {
        if let problem = database?.problem { throw ValidationError(problem) }
    }

    /// The workspace with `--database` in place of its `database:`.
    func apply(_ ws: Workspace) -> Workspace {
        guard let database else { return ws }
        var ws = ws
        ws.database = database.value
        return ws
    }

    /// The arguments that give a child process (a unit of `run --all`) the same database.
    var childArguments: [String] { database.map { ["--database", $0.value] } ?? [] }
}

/// A `--database` value: a PostgreSQL URL (checked as tieout.yaml's `database:` is, shown with
/// its password as `***`) or a SQLite file's path, made absolute from the current folder.
struct DatabaseSetting: ExpressibleByArgument {
    /// The URL as given, or the file's absolute path.
    let value: String
    /// What is wrong with it, in words that never hold its password.
    let problem: String?

    var isURL: Bool { PostgresURL.isURL(value) }

    init?(argument: String) {
        if PostgresURL.isURL(argument) {
            value = argument
            do { _ = try PostgresURL(argument); problem = nil } catch {
                problem = "--database: \(error.what). \(error.help)"
            }
        } else if argument.isEmpty {
            value = argument
            problem = "--database takes a SQLite file's path or a postgresql://user@host:port/db URL, not an empty text."
        } else {
            value = argument.hasPrefix("/") ? argument : FileManager.default.currentDirectoryPath + "/" + argument
            problem = nil
        }
    }

    // ArgumentParser shows a default value; there is none, and the value given is never echoed.
    var defaultValueDescription: String { "" }
}
