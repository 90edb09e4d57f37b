import Foundation
import Testing

/// A workspace named by a path that is there but is no folder — a file, or a link that leads
/// nowhere — was "there is no folder …" (`没有文件夹 …`): a file that exists called absent.
extension ErrorLanguageTests {
    @Test("a workspace path that is a file, or a link to nothing: said as it is, not 'no folder'")
    func workspaceNotAFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-wsfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "凭证号,金额\n".write(toFile: dir + "/账.csv", atomically: true, encoding: .utf8)
        let file = try CLI.run(["ingest", "账.csv"], in: dir, errorLanguage: nil)
        #expect(file.status == 2)
        #expect(file.stderr == "错误：账.csv 是文件，不是文件夹，位置：账.csv\n帮助：请用 `tieout init 账.csv` 创建一个，或指定存放 tieout.yaml 的文件夹。\n", "\(file.stderr)")
        let fileEn = try CLI.run(["ingest", "账.csv", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(fileEn.stderr.hasPrefix("Error: 账.csv is a file, not a folder at 账.csv\n"), "\(fileEn.stderr)")
        try FileManager.default.createSymbolicLink(atPath: dir + "/unit", withDestinationPath: dir + "/gone")
        let link = try CLI.run(["ingest", "unit", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(link.status == 2)
        #expect(link.stderr == "Error: cannot open unit: No such file or directory at unit\nHelp: A symbolic link on the way leads to nothing: point it at the real file, or remove it.\n", "\(link.stderr)")
        // A folder that is there but has no tieout.yaml, and a path with nothing there, as before.
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        #expect(try CLI.run(["ingest", "empty", "--lang", "en"], in: dir, errorLanguage: nil).stderr.hasPrefix("Error: empty has no tieout.yaml, so it is not a workspace"))
        #expect(try CLI.run(["ingest", "nothing", "--lang", "en"], in: dir, errorLanguage: nil).stderr.hasPrefix("Error: there is no folder nothing"))
    }
}
