import Testing
import TieoutCore
import TieoutPostgres

@Suite("PostgreSQL URL")
struct PostgresURLTests {
    @Test("its parts; the password never in its description")
    func parts() throws {
        let url = try PostgresURL("postgresql://audit%40bureau:s3cr%3At@10.0.0.5:5433/fleet%20db?sslmode=require&application_name=x")
        #expect(url.user == "audit@bureau" && url.hasPassword && url.host == "10.0.0.5" && url.port == 5433 && url.database == "fleet db")
        #expect(url.place == "10.0.0.5:5433")
        #expect(url.description == "postgresql://audit%40bureau:***@10.0.0.5:5433/fleet%20db?sslmode=require&application_name=x")
        #expect("\(url)" == url.description && !"\(url)".contains("s3cr"))
        let plain = try PostgresURL("postgres://u@[::1]/db")
        #expect(plain.host == "[::1]" && plain.port == 5432 && plain.description == "postgres://u@[::1]/db" && !plain.hasPassword)
        let bare = try PostgresURL("postgresql:///db?host=/run/postgresql&port=5434&password=pw%26x")
        #expect(bare.host == "/run/postgresql" && bare.port == 5434 && bare.hasPassword && bare.database == "db")
        #expect(bare.description == "postgresql:///db?host=/run/postgresql&port=5434&password=***")
        #expect(try PostgresURL("postgresql://").place == "localhost:5432")
    }

    @Test("what is a URL and what is a path")
    func isURL() {
        #expect(PostgresURL.isURL("postgresql://u@127.0.0.1:5432/db"))
        #expect(PostgresURL.isURL("POSTGRES://u@h/db"))
        #expect(!PostgresURL.isURL("postgresql:/u@h/db") && !PostgresURL.isURL(".tieout/dataset.sqlite") && !PostgresURL.isURL("postgres"))
    }

    @Test("a bad URL is an error that hides the password")
    func bad() {
        #expect {
            try PostgresURL("postgresql://u:hunter2@h:notaport/db")
        } throws: { error in
            let e = error as! TieoutError
            return e.code == "store.postgres-url" && e.what == "postgresql://u:***@h:notaport/db has no valid port after h" && !e.description.contains("hunter2")
        }
        #expect(throws: TieoutError.self) { try PostgresURL("mysql://u:p@h/db") }
    }

    @Test("redact hides passwords in any text: URLs, password= in queries and key=value strings")
    func redact() {
        #expect(PostgresURL.redact("at postgresql://a:b@c/d and more") == "at postgresql://a:***@c/d and more")
        #expect(PostgresURL.redact("host=x password='a b' user=y") == "host=x password=*** user=y")
        #expect(PostgresURL.redact("?password=x&y=1") == "?password=***&y=1")
        #expect(PostgresURL.redact("no secrets") == "no secrets")
    }

    @Test("another database on the same server keeps user, password and parameters")
    func withDatabase() throws {
        let url = try PostgresURL("postgresql://u:p@h:1/a?sslmode=disable")
        let other = url.with(database: "tieout_x 1")
        #expect(other.text == "postgresql://u:p@h:1/tieout_x%201?sslmode=disable" && other.database == "tieout_x 1")
        #expect(try PostgresURL("postgresql://u@h:2").with(database: "b").text == "postgresql://u@h:2/b")
    }
}
