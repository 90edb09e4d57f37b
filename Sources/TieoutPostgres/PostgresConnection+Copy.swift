import CLibPQ
import TieoutCore

extension PostgresConnection {
    /// Bulk-loads rows with `COPY … FROM STDIN` (text format): `statement` is the `COPY`
    /// (`COPY t (a, b) FROM STDIN`), `body` appends the rows. Returns the rows the server
    /// stored. When `body` throws, the `COPY` is abandoned (nothing of it is stored) and the
    /// error rethrown; a row the server refuses (a bad `numeric`) is an error naming its line.
    ///
    /// ```swift
    /// try db.copy("COPY payments (unit, amount) FROM STDIN") { rows in
    ///     for p in payments { try rows.append([p.unit, p.amount.description]) }
    /// }
    /// ```
    @discardableResult
    public func copy(_ statement: String, _ body: (PostgresCopyWriter) throws -> Void) throws -> Int {
        guard let start = PQexec(handle, statement) else { throw connectionError(doing: statement) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            let error = PQresultStatus(start) == PGRES_FATAL_ERROR
                ? statementError(start, sql: statement)
                : TieoutError(code: "store.postgres-statement", key: "store.postgres-not-copy", ["sql": Self.shown(statement)])
            PQclear(start)
            throw error
        }
        PQclear(start)
        let writer = PostgresCopyWriter(connection: self, statement: statement)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(handle, "abandoned by tieout")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw connectionError(doing: statement) }
        var stored = 0
        var failure: TieoutError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                stored = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = statementError(result, sql: statement)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return stored
    }

    /// Bulk-loads an array of rows (``copy(_:_:)``).
    @discardableResult
    public func copy(_ statement: String, rows: some Sequence<[String?]>) throws -> Int {
        try copy(statement) { writer in
            for row in rows { try writer.append(row) }
        }
    }

    func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }
}

/// The rows of a `COPY … FROM STDIN`, encoded in PostgreSQL's text format (tab between
/// fields, `\N` for NULL, backslash escapes) and sent in 256 KiB pieces.
public final class PostgresCopyWriter {
    unowned let connection: PostgresConnection
    let statement: String
    var buffer: [UInt8] = []
    var fieldsInRow = 0
    /// Rows appended so far.
    public private(set) var rows = 0
    static let chunk = 256 * 1024

    init(connection: PostgresConnection, statement: String) {
        self.connection = connection
        self.statement = statement
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    /// One row, a text or nil (NULL) per column of the `COPY`.
    public func append(_ row: [String?]) throws(TieoutError) {
        for value in row { field(value) }
        try endRow()
    }

    /// The next field of the current row.
    public func field(_ value: String?) {
        if fieldsInRow > 0 { buffer.append(9) }
        fieldsInRow += 1
        guard let value else {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case 9: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case 10: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case 13: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }

    /// Ends the current row (after its ``field(_:)`` calls).
    public func endRow() throws(TieoutError) {
        buffer.append(10)
        fieldsInRow = 0
        rows += 1
        if buffer.count >= Self.chunk { try flush() }
    }

    func flush() throws(TieoutError) {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw connection.connectionError(doing: statement) }
        buffer.removeAll(keepingCapacity: true)
    }
}
