import TieoutCore
import TieoutIngest
import TieoutPostgres

extension PostgresDataset {
    /// The unit's dataset on the server `database:` names, or nil when it names a file. A
    /// server that cannot be reached is an error naming its host and port (never the password).
    package static func forWorkspace(_ ws: Workspace) throws(TieoutError) -> PostgresDataset? {
        guard ws.databaseIsURL else { return nil }
        let url: PostgresURL
        do { url = try PostgresURL(ws.database) } catch {
            throw TieoutError(code: error.code, what: "\(Workspace.fileName): database: \(error.what)", location: SourceLocation(file: ws.configPath), help: error.help)
        }
        return try PostgresDataset(url: url, unit: ws.unitName, fiscalYear: ws.fiscalYear)
    }

    /// The server and the unit's schema, for output: `postgresql://tieout:***@host:5432/fleet, schema unit_2024_…`.
    package var shown: String { "\(url), schema \(schema)" }
}
