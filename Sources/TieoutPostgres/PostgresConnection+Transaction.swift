import TieoutCore

extension PostgresConnection {
    /// Runs `body` in a transaction: `COMMIT` when it returns, `ROLLBACK` when it throws (the
    /// error is rethrown). A connection that dies inside loses the transaction on the server:
    /// nothing of it stays.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
        try execute("COMMIT")
        return value
    }
}
