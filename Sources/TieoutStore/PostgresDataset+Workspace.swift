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
            // The URL's error (its words and help in both languages), placed in tieout.yaml's `database:`.
            let what = Phrase("error.store.database-setting", ["config": Workspace.fileName, "what": error])
            var placed = error
            placed.what = what.en
            placed.whatZh = what.zh
            placed.location = SourceLocation(file: ws.configPath)
            throw placed
        }
        return try PostgresDataset(url: url, unit: ws.unitName, fiscalYear: ws.fiscalYear)
    }

    /// The server and the unit's schema, for output: `postgresql://tieout:***@host:5432/fleet, schema unit_2024_…`.
    package var shown: String { "\(url), schema \(schema)" }
}
