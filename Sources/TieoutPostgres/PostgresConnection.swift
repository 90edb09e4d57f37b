import CLibPQ
import Foundation
import TieoutCore

/// One connection to a PostgreSQL server (libpq), used by one thread at a time.
///
/// Statements take their arguments as text (``PostgresSQL``), rows come back as texts, so
/// `numeric` keeps every digit both ways. Errors are ``TieoutError``s that name the server by
/// `host:port` and its URL without the password.
///
/// ```swift
/// let db = try PostgresConnection(url: PostgresURL("postgresql://tieout@127.0.0.1:5432/fleet"))
/// try db.execute("INSERT INTO t (amount) VALUES (\(Amount("12.34")!))")
/// let rows = try db.query("SELECT sum(amount) FROM t")
/// rows[0][0]   // "12.34"
/// ```
public final class PostgresConnection {
    public let url: PostgresURL
    let handle: OpaquePointer

    /// Connects; a server that cannot be reached, or refuses the user, is an error naming
    /// `host:port` (`store.postgres-connect`). Waits at most 10 seconds unless the URL sets
    /// `connect_timeout`.
    public init(url: PostgresURL) throws(TieoutError) {
        self.url = url
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = ["10", "tieout", url.text]
        let conn: OpaquePointer? = Self.withCStrings(keywords) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else {
            throw TieoutError(code: "store.postgres-connect", key: "store.postgres-connect-memory", ["place": url.place, "url": url])
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let reason = Self.clean(String(cString: PQerrorMessage(conn)), url: url)
            PQfinish(conn)
            throw TieoutError(code: "store.postgres-connect",
                              ["place": url.place, "url": url, "reason": reason, "host": url.host ?? "localhost", "port": url.port])
        }
        handle = conn
        // libpq prints notices ("schema … already exists, skipping") on stderr: not ours to print.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    /// Connects to the server a URL text names (`init(url:)` after parsing it).
    public convenience init(_ text: String) throws(TieoutError) {
        try self.init(url: PostgresURL(text))
    }

    deinit { PQfinish(handle) }

    /// The server's version number (`150004` for 15.4).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs a statement; returns the rows it affected (`INSERT`, `UPDATE`, `DELETE`), else 0.
    /// Without arguments the text may hold several statements (a migration).
    @discardableResult
    public func execute(_ statement: PostgresSQL) throws(TieoutError) -> Int {
        let result = try run(statement)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs a query; its rows, each value a text or nil (NULL).
    public func query(_ statement: PostgresSQL) throws(TieoutError) -> [PostgresRow] {
        let result = try run(statement)
        defer { PQclear(result) }
        let columnCount = Int(PQnfields(result))
        let columns = PostgresRow.Columns(names: (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) })
        return (0..<Int(PQntuples(result))).map { r in
            PostgresRow(columns: columns, values: (0..<columnCount).map { c in
                PQgetisnull(result, Int32(r), Int32(c)) != 0 ? nil : String(cString: PQgetvalue(result, Int32(r), Int32(c)))
            })
        }
    }

    /// The first row of a query, or nil.
    public func queryFirst(_ statement: PostgresSQL) throws(TieoutError) -> PostgresRow? {
        try query(statement).first
    }

    /// Sends a statement and waits for its result; a result that is not a success is an error
    /// with the server's message and SQLSTATE (`store.postgres-statement`).
    func run(_ statement: PostgresSQL) throws(TieoutError) -> OpaquePointer {
        let (sql, arguments) = statement.build()
        let result: OpaquePointer?
        if arguments.isEmpty {
            result = PQexec(handle, sql)
        } else {
            result = Self.withOptionalCStrings(arguments) { values in
                PQexecParams(handle, sql, Int32(arguments.count), nil, values, nil, nil, 0)
            }
        }
        guard let result else { throw connectionError(doing: sql) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            throw TieoutError(code: "store.postgres-statement", key: "store.postgres-copy-started", ["sql": Self.shown(sql), "place": url.place])
        default:
            let error = statementError(result, sql: sql)
            PQclear(result)
            throw error
        }
    }

    func statementError(_ result: OpaquePointer, sql: String) -> TieoutError {
        let state = PQresultErrorField(result, Self.sqlStateField).map { String(cString: $0) }
        let message = Self.clean(String(cString: PQresultErrorMessage(result)), url: url)
        if PQstatus(handle) != CONNECTION_OK { return connectionError(doing: sql) }
        return TieoutError(code: "store.postgres-statement",
                           ["place": url.place, "sql": Self.shown(sql), "message": message, "state": state.map { " [SQLSTATE \($0)]" } ?? ""])
    }

    func connectionError(doing sql: String) -> TieoutError {
        let message = Self.clean(String(cString: PQerrorMessage(handle)), url: url)
        return TieoutError(code: "store.postgres-connection",
                           ["place": url.place, "url": url, "sql": Self.shown(sql),
                            "message": message.isEmpty ? Phrase.empty : Phrase("error.piece.reason", ["reason": message]),
                            "host": url.host ?? "localhost", "port": url.port])
    }

    /// The SQLSTATE a statement error carries (`23505`, `40P01` …), or nil.
    public static func sqlState(of error: TieoutError) -> String? {
        error.what.firstMatch(of: /\[SQLSTATE ([0-9A-Z]{5})\]$/).map { String($0.1) }
    }

    /// libpq's message on one line, without any password.
    static func clean(_ message: String, url: PostgresURL) -> String {
        PostgresURL.redact(message)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
            .replacingOccurrences(of: "ERROR:  ", with: "")
            .replacingOccurrences(of: "FATAL:  ", with: "")
    }

    /// A statement in a message: its first line, at most 120 characters.
    static func shown(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return "\"" + (line.count > 120 ? line.prefix(117) + "…" : line) + "\""
    }

    static let sqlStateField = Int32(UInt8(ascii: "C"))

    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
        pointers.append(nil)
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    static func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
