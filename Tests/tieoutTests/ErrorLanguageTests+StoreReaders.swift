import Foundation
import Testing

/// The errors of the dataset store (SQLite, PostgreSQL) and of the readers (.xlsx, .docx) in the
/// command's language: Chinese by default, the same English as before with `--lang en`. What the
/// system or a library wrote (SQLite's, libpq's reason) and file names are shown as they are;
/// a PostgreSQL password never is.
@Suite("the store's and the readers' errors in the command's language")
struct ErrorLanguageStoreReadersTests {
    static func englishWords(_ s: String, allowing allowed: [String]) -> [String] { ErrorLanguageTests.englishWords(s, allowing: allowed) }
    static func chinese(_ s: String, allowing allowed: [String] = []) -> [String] { ErrorLanguageTests.chinese(s, allowing: allowed) }

    /// Runs the sample's ingest once, then `sql` on its dataset with Python's sqlite3 (the CLI tests link no SQLite).
    static func ingested(then sql: String) throws -> (dir: String, ws: String) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let r = try CLI.run(["-c", "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nc.execute(sys.argv[2])\nc.commit()",
                             dir + "/" + ws + "/.tieout/tieout.sqlite", sql], executable: "/usr/bin/python3")
        #expect(r.status == 0)
        return (dir, ws)
    }

    @Test("a dataset a newer Tieout migrated (store.newer)")
    func newerDataset() throws {
        let (dir, ws) = try Self.ingested(then: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-a-newer-tieout')")
        let db = "\(ws)/.tieout/tieout.sqlite"
        let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == """
            错误：数据集 \(db) 由更新版本的 Tieout 写入（其中有本版本不认识的迁移“v99-from-a-newer-tieout”），位置：\(db)
            帮助：请用写入它的 Tieout（或更新的版本）运行；或把该数据集移到一旁，用本版本运行 `tieout ingest`，由台账重建。

            """)
        #expect(Self.englishWords(zh.stderr, allowing: [db, "v99-from-a-newer-tieout", "tieout ingest", "Tieout"]) == [])
        let en = try CLI.run(["ingest", ws, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.status == 2)
        #expect(en.stderr == """
            Error: the dataset \(db) was written by a newer Tieout (it has the migration “v99-from-a-newer-tieout”, which this one does not know) at \(db)
            Help: Run the Tieout that wrote it (or a newer one), or move the dataset aside and run `tieout ingest` to rebuild it from the ledgers with this one.

            """)
    }

    @Test("a dataset file that is not a dataset (store.damaged): SQLite's reason as it wrote it")
    func damagedDataset() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let db = "\(ws)/.tieout/tieout.sqlite"
        try Data(String(repeating: "not a dataset, just text\n", count: 200).utf8).write(to: URL(fileURLWithPath: dir + "/" + db))
        let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == """
            错误：数据集 \(db) 在打开时出错：file is not a database，位置：\(db)
            帮助：数据集文件已损坏，或不是数据集：请把它移到一旁，再运行 `tieout ingest` 由台账重建。

            """)
        #expect(Self.englishWords(zh.stderr, allowing: [db, "file is not a database", "tieout ingest"]) == [])
        let en = try CLI.run(["ingest", ws], in: dir, errorLanguage: "en")
        #expect(en.status == 2)
        #expect(en.stderr == """
            Error: the dataset \(db) failed while opening: file is not a database at \(db)
            Help: The dataset file is damaged or not a dataset: move it aside and run `tieout ingest` to rebuild it from the ledgers.

            """)
    }

    @Test("a .xlsx ledger cut short: no zip central directory (xlsx.truncated)")
    func truncatedWorkbook() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-cut-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 200)).write(to: URL(fileURLWithPath: dir + "/预算指标.xlsx"))
        let zh = try CLI.run(["cat", "预算指标.xlsx"], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == """
            错误：预算指标.xlsx 没有 zip 中央目录：压缩包被截断或已损坏，位置：预算指标.xlsx
            帮助：文件不完整（下载或复制中途被打断？）：请重新导出或复制它。

            """)
        #expect(Self.englishWords(zh.stderr, allowing: ["预算指标.xlsx", "zip"]) == [])
        let en = try CLI.run(["cat", "预算指标.xlsx"], in: dir, errorLanguage: "en")
        #expect(en.status == 2)
        #expect(en.stderr == """
            Error: 预算指标.xlsx has no zip central directory: the archive is truncated or damaged at 预算指标.xlsx
            Help: The file is incomplete (a download or copy was cut short?); export or copy it again.

            """)
        #expect(Self.chinese(en.stderr, allowing: ["预算指标"]) == [])
    }

    @Test("a report named .docx that is not one: text, and an Excel workbook (document.not-docx)")
    func notADocx() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-docx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("自评报告，其实是文本\n".utf8).write(to: URL(fileURLWithPath: dir + "/自评报告.docx"))
        let zh = try CLI.run(["claims", "extract", "自评报告.docx"], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == """
            错误：自评报告.docx 不是 zip 压缩包，因此不是 .docx 文档，位置：自评报告.docx
            帮助：请确认该文件是由 Word、WPS 或 LibreOffice 保存的 .docx（把 .doc 文件改名为 .docx 并不能使它成为 .docx：请另存为 .docx）。

            """)
        #expect(Self.englishWords(zh.stderr, allowing: ["自评报告.docx", ".docx", ".doc", "zip", "Word", "WPS", "LibreOffice"]) == [])
        let en = try CLI.run(["claims", "extract", "自评报告.docx"], in: dir, errorLanguage: "en")
        #expect(en.status == 2)
        #expect(en.stderr == """
            Error: 自评报告.docx is not a zip archive, so not a .docx document at 自评报告.docx
            Help: Check that the file is a .docx saved by Word, WPS or LibreOffice (a .doc saved under the name .docx is not one: save it as .docx).

            """)
        #expect(Self.chinese(en.stderr, allowing: ["自评报告"]) == [])

        // A workbook renamed .docx (the ledger given in the report's place).
        let book = try CLI.run(["-c", "import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w')\nz.writestr('xl/workbook.xml','<workbook/>')\nz.close()", dir + "/预算.docx"],
                               executable: "/usr/bin/python3")
        #expect(book.status == 0)
        let zhBook = try CLI.run(["claims", "extract", "预算.docx"], in: dir, errorLanguage: nil)
        #expect(zhBook.status == 2)
        #expect(zhBook.stderr == "错误：预算.docx 是 Excel 工作簿，不是 Word 文档，位置：预算.docx\n帮助：请指定报告（.docx），而不是台账。\n")
        let enBook = try CLI.run(["claims", "extract", "预算.docx"], in: dir, errorLanguage: "en")
        #expect(enBook.stderr == "Error: 预算.docx is an Excel workbook, not a Word document at 预算.docx\nHelp: Name the report (.docx), not a ledger.\n")
    }

    @Test("a PostgreSQL server that cannot be reached (store.postgres-connect): libpq's reason as it is, never the password")
    func unreachablePostgres() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        // Port 1 on the loopback: nothing listens there, the connection is refused at once.
        let url = "postgresql://tieout:s3cret@127.0.0.1:1/fleet"
        let shown = "postgresql://tieout:***@127.0.0.1:1/fleet"
        let zh = try CLI.run(["ingest", ws, "--database", url], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(!zh.stderr.contains("s3cret"))
        let head = "错误：无法连接 127.0.0.1:1 上的 PostgreSQL（\(shown)）："
        let help = "\n帮助：请确认该处有服务器在运行并接受连接（pg_isready -h 127.0.0.1 -p 1），并检查 URL 中的用户和数据库；密码请放在 PGPASSWORD 或 ~/.pgpass 中，不要写进 URL。\n"
        #expect(zh.stderr.hasPrefix(head))
        #expect(zh.stderr.hasSuffix(help))
        // libpq's own words, between the two: shown as libpq wrote them (English), on one line.
        let reason = String(zh.stderr.dropFirst(head.count).dropLast(help.count))
        #expect(reason.contains("127.0.0.1") && !reason.contains("\n") && !reason.isEmpty)
        #expect(Self.englishWords(zh.stderr, allowing: [reason, shown, "PostgreSQL", "pg_isready", "PGPASSWORD", ".pgpass", "URL"]) == [])
        let en = try CLI.run(["ingest", ws, "--database", url, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.status == 2)
        #expect(!en.stderr.contains("s3cret"))
        #expect(en.stderr == """
            Error: cannot connect to PostgreSQL at 127.0.0.1:1 (\(shown)): \(reason)
            Help: Check that a server runs there and accepts connections (pg_isready -h 127.0.0.1 -p 1), and the URL's user and database; keep a password in PGPASSWORD or ~/.pgpass rather than in the URL.

            """)
    }

    @Test("tieout.yaml's database: a PostgreSQL URL without a valid port (store.postgres-url), the password hidden")
    func badPortInSettings() throws {
        let (dir, ws) = try ErrorLanguageTests.workspace {
            $0.replacingOccurrences(of: "database: .tieout/tieout.sqlite", with: "database: postgresql://tieout:s3cret@127.0.0.1:99999/fleet")
        }
        let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == """
            错误：tieout.yaml 的 database：postgresql://tieout:***@127.0.0.1:99999/fleet 中 127.0.0.1 之后没有有效的端口，位置：\(ws)/tieout.yaml
            帮助：请把端口写作 1 到 65535 之间的数：postgresql://user@host:5432/database。

            """)
        #expect(Self.englishWords(zh.stderr, allowing: ["postgresql://tieout:***@127.0.0.1:99999/fleet", "postgresql://user@host:5432/database",
                                                        "\(ws)/tieout.yaml", "tieout.yaml", "database"]) == [])
        let en = try CLI.run(["ingest", ws], in: dir, errorLanguage: "en")
        #expect(en.status == 2)
        #expect(en.stderr == """
            Error: tieout.yaml: database: postgresql://tieout:***@127.0.0.1:99999/fleet has no valid port after 127.0.0.1 at \(ws)/tieout.yaml
            Help: Write the port as a number from 1 to 65535: postgresql://user@host:5432/database.

            """)
        #expect(!zh.stderr.contains("s3cret") && !en.stderr.contains("s3cret"))
    }
}
