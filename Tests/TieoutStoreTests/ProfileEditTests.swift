import Foundation
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// A profile edited after a first ingest takes effect: the files it reads are read again
/// (before: they stayed "unchanged", by their bytes, and their stale rejects stayed until
/// `.tieout` was deleted). `--force` reads everything again.
@Suite("Profile edits take effect")
struct ProfileEditTests {
    typealias W = IngestBehaviourTests

    static let profile = """
        kind: treasury-payment
        unit: 元
        columns:
          voucher: 凭证号
          date: 支付日期
          economic_class: 经济分类
          spend_type:
            from: 支出类型
            map: { 基本支出: basic, 项目支出: project }
          amount: 金额
        """

    @Test("a profile that now maps a word: the rows once rejected are read again and kept; the ingest says why")
    func editedProfile() throws {
        let (ws0, store) = try W.workspace(["2024-03.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本,200.00\n"])
        try FileManager.default.createDirectory(atPath: ws0.root + "/profiles", withIntermediateDirectories: true)
        try Self.profile.write(toFile: ws0.root + "/profiles/treasury-payments.yaml", atomically: true, encoding: .utf8)
        let ws = try Workspace.open(ws0.root)
        let first = try store.ingest(ws)
        #expect(first.files.map(\.accounting.rejected) == [1])
        #expect(try store.rejects().map(\.reason) == ["spend_type (支出类型): \"基本\" is not one of 基本支出, 项目支出 (the words the profile maps)"])
        // Unchanged profile, unchanged file: skipped.
        #expect(try store.ingest(ws).files.map(\.status) == [.unchanged])
        // The word mapped: the file is read again, with the reason.
        try Self.profile.replacingOccurrences(of: "项目支出: project }", with: "项目支出: project, 基本: basic }")
            .write(toFile: ws.root + "/profiles/treasury-payments.yaml", atomically: true, encoding: .utf8)
        let again = try store.ingest(Workspace.open(ws.root))
        #expect(again.files.map { "\($0.path) \($0.status) \($0.readAgain ?? "-")" }
                == ["ledgers/2024-03.csv reread the profile treasury-payments (or its kind) changed since it was read"])
        #expect(again.files[0].accounting.accepted == 2 && again.files[0].accounting.rejected == 0)
        #expect(try store.rejects().isEmpty)
        #expect(try W.total(store) == "300.00")
        #expect(try store.files().count == 1)
        // And then it is unchanged again.
        #expect(try store.ingest(Workspace.open(ws.root)).files.map(\.status) == [.unchanged])
    }

    @Test("--force reads every file again; the records are the same")
    func force() throws {
        let (ws, store) = try W.workspace(["2024-03.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n",
                                           "2024-04.csv": "记-2,2024-04-01,30201 办公费,基本支出,5.00\n"])
        _ = try store.ingest(ws)
        let forced = try store.ingest(ws, force: true)
        #expect(forced.files.map { "\($0.status) \($0.readAgain ?? "-")" } == ["reread --force", "reread --force"])
        #expect(forced.totals.read == 2)
        #expect(try W.total(store) == "105.00" && store.files().count == 2)
    }

    @Test("a dataset read before profiles were recorded reads each file once more, saying so")
    func unrecorded() throws {
        let (ws, store) = try W.workspace(["2024-03.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n"])
        _ = try store.ingest(ws)
        try store.queue.write { db in try db.execute(sql: "UPDATE files SET profile_digest = NULL, reader_version = NULL") }
        let again = try store.ingest(ws)
        #expect(again.files.map(\.readAgain) == ["it was read before Tieout recorded the profile a file is read with"])
        #expect(try store.ingest(ws).files.map(\.status) == [.unchanged])
    }
}
