import Foundation
import TieoutCore

/// Where a PostgreSQL server is: `postgresql://user:password@host:port/database?param=value`
/// (`postgres://` too), as libpq reads it.
///
/// Its `description` never shows a password: `postgresql://user:***@host:port/db` (and
/// `password=***` in the query). Every error and every line of output names a server by
/// ``description``; only libpq sees ``text``.
///
/// ```swift
/// let url = try PostgresURL("postgresql://audit:s3cret@10.0.0.5:5433/fleet")
/// url.description   // postgresql://audit:***@10.0.0.5:5433/fleet
/// url.place         // 10.0.0.5:5433
/// ```
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL as given, password and all: for libpq only, never for output.
    public let text: String
    /// The user, when the URL names one (percent-decoded).
    public let user: String?
    /// Whether the URL carries a password (in its user part or as `password=`).
    public let hasPassword: Bool
    /// The host as written (a name, an address, `[::1]`, or a socket folder from `host=`);
    /// nil when the URL names none (libpq then uses its default socket).
    public let host: String?
    /// The port; 5432 when the URL names none.
    public let port: Int
    /// The database, when the URL names one (percent-decoded).
    public let database: String?
    /// The query's parameters, in order, values percent-decoded.
    public let parameters: [(name: String, value: String)]

    /// Whether a setting's value is a PostgreSQL URL rather than a file path: it starts with
    /// `postgresql://` or `postgres://` (any case). A URL is never taken as a path.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.prefix(13).lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    public init(_ text: String) throws(TieoutError) {
        guard Self.isURL(text) else {
            throw TieoutError(code: "store.postgres-url", ["url": Self.redact(text)])
        }
        self.text = text
        let rest = text[text.range(of: "://")!.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var hostPort = authority
        var user: String?
        var hasPassword = false
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                user = Self.decode(userinfo[..<colon])
                hasPassword = true
            } else {
                user = Self.decode(userinfo)
            }
            if user == "" { user = nil }
        }
        var host: String?
        var port = 5432
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = String(hostPort[...close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":"), let p = Int(after.dropFirst()) { port = p }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = Self.decode(hostPort[..<colon])
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                throw TieoutError(code: "store.postgres-url", key: "store.postgres-port",
                                  ["url": Self.redact(text), "host": host.map { $0 as any CustomStringConvertible } ?? Phrase("error.store.the-host")])
            }
            port = p
        } else if !hostPort.isEmpty {
            host = Self.decode(hostPort)
        }
        if host == "" { host = nil }
        var database: String?
        var parameters: [(name: String, value: String)] = []
        var tail = rest[authorityEnd...]
        if tail.hasPrefix("/") {
            tail = tail.dropFirst()
            let end = tail.firstIndex(of: "?") ?? tail.endIndex
            let name = Self.decode(tail[..<end])
            database = name.isEmpty ? nil : name
            tail = tail[end...]
        }
        if tail.hasPrefix("?") {
            for pair in tail.dropFirst().split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.decode(parts[0])
                let value = parts.count > 1 ? Self.decode(parts[1]) : ""
                parameters.append((name, value))
                switch name {
                case "password": hasPassword = true
                case "host": host = value
                case "port": if let p = Int(value) { port = p }
                case "user": user = value
                case "dbname": database = value
                default: break
                }
            }
        }
        self.user = user
        self.hasPassword = hasPassword
        self.host = host
        self.port = port
        self.database = database
        self.parameters = parameters
    }

    /// `host:port` (`[::1]:5432`; `localhost:5432` when the URL names no host), for messages.
    public var place: String { "\(host ?? "localhost"):\(port)" }

    /// The URL with its password shown as `***`.
    public var description: String { Self.redact(text) }

    /// The same server and credentials with another database (for tests and `CREATE DATABASE`).
    public func with(database name: String) -> PostgresURL {
        let rest = text[text.range(of: "://")!.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var query = ""
        if let q = rest[authorityEnd...].firstIndex(of: "?") { query = String(rest[q...]) }
        query = query.split(separator: "&").filter { !$0.hasPrefix("dbname=") && !$0.hasPrefix("?dbname=") }.joined(separator: "&")
        if !query.isEmpty, !query.hasPrefix("?") { query = "?" + query }
        let head = text[..<authorityEnd]
        let encoded = name.unicodeScalars.map { s -> String in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-") ? String(s) : s.utf8Escaped
        }.joined()
        // swiftlint:disable:next force_try
        return try! PostgresURL(head + "/" + encoded + query)
    }

    public static func == (a: PostgresURL, b: PostgresURL) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Any text with the password of a PostgreSQL URL in it replaced by `***`: the user part's
    /// password and every `password=` parameter (also in a libpq `key=value` string).
    public static func redact(_ text: String) -> String {
        var out = text
        // user:password@ after a scheme.
        if let scheme = out.range(of: "://") {
            let rest = out[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out.replaceSubrange(out.index(after: colon)..<at, with: "***")
            }
        }
        // password=… in a query or a key=value list.
        var result = ""
        var i = out.startIndex
        while let r = out[i...].range(of: "password=", options: .caseInsensitive) {
            result += out[i..<r.upperBound]
            result += "***"
            var j = r.upperBound
            if j < out.endIndex, out[j] == "'" {
                j = out.index(after: j)
                while j < out.endIndex, out[j] != "'" { j = out.index(after: j) }
                if j < out.endIndex { j = out.index(after: j) }
            } else {
                while j < out.endIndex, !"& \t\n".contains(out[j]) { j = out.index(after: j) }
            }
            i = j
        }
        result += out[i...]
        return result
    }

    static func decode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Unicode.Scalar {
    fileprivate var utf8Escaped: String {
        String(self).utf8.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return "%" + (hex.count == 1 ? "0" + hex : hex)
        }.joined()
    }
}
