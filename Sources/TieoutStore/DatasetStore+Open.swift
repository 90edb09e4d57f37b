import TieoutCore
import TieoutIngest
import TieoutPostgres

extension DatasetStore {
    /// The workspace's dataset, as its `database:` names it (`.tieout/tieout.sqlite` unless
    /// set). Every command opens it through here, and ``WorkspaceLock`` checks the same way:
    /// a PostgreSQL URL is never taken as a file path.
    public static func open(_ ws: Workspace) throws(TieoutError) -> DatasetStore {
        try DatasetStore(path: ws.datasetFile())
    }
}

extension Workspace {
    /// The dataset's file. A PostgreSQL URL (`postgresql://…`, `postgres://…`) in `database:`
    /// is an error naming it without its password: PostgreSQL dataset stores are not
    /// available in this build (it was taken as the path `postgresql:/u@host:5432/db`).
    public func datasetFile() throws(TieoutError) -> String {
        guard PostgresURL.isURL(database) else { return databasePath }
        throw TieoutError(
            code: "store.postgres-unavailable",
            what: "\(Self.fileName)'s database is a PostgreSQL server, \(PostgresURL.redact(database)), and PostgreSQL dataset stores are not available in this build",
            location: SourceLocation(file: configPath),
            help: "Remove the database: line (or name a file, such as .tieout/tieout.sqlite) to keep the dataset in SQLite.")
    }
}
