import TieoutPostgres

extension TestPostgres {
    /// Every table of `schema` as sorted row texts (`tieout_migrations` by identifier: its
    /// `applied_at` is the time of the publish): two schemas with equal contents hold the same rows.
    public static func contents(_ url: PostgresURL, schema: String) throws -> [String: [String]] {
        let db = try PostgresConnection(url: url)
        var out: [String: [String]] = [:]
        let tables = try db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = \(schema) ORDER BY 1").compactMap { $0[0] }
        let s = PostgresSQL.quote(identifier: schema)
        for t in tables {
            let select = t == "tieout_migrations" ? "SELECT identifier FROM \(s).tieout_migrations ORDER BY 1"
                : "SELECT r::text FROM \(s).\(PostgresSQL.quote(identifier: t)) AS r ORDER BY 1"
            out[t] = try db.query(PostgresSQL(sql: select)).map { $0[0] ?? "NULL" }
        }
        return out
    }
}
