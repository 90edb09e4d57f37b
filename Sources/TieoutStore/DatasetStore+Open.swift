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
    /// The dataset's file. With a PostgreSQL URL (`postgresql://…`, `postgres://…`) in
    /// `database:` it is `.tieout/tieout.sqlite`, the dataset of record that `run` and `ingest`
    /// publish to the server (docs/postgresql.md); the URL is never taken as a file path (it
    /// was taken as the path `postgresql:/u@host:5432/db`).
    public func datasetFile() throws(TieoutError) -> String {
        databasePath
    }
}
