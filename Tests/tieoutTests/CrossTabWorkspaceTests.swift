import Foundation
import Testing

/// A transposed cross-tab in a workspace (issue 21, item 8): `validate` finds a mistake in the
/// layout before any ledger is read; ingest, explain, export and verify give each value its cell.
@Suite("A transposed cross-tab in a workspace")
struct CrossTabWorkspaceTests {
    @Test("validate names the file, line and fix; then each record is a column, each value its cell (C3), the 合计 column checked, verify equal")
    func transposed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-crosstab-\(UUID().uuidString)").path
        let ws = dir + "/ws"
        for folder in ["ledgers/staffing", "profiles"] { try FileManager.default.createDirectory(atPath: ws + "/" + folder, withIntermediateDirectories: true) }
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/staffing/*.csv\n    profile: staffing-t\n".write(toFile: ws + "/tieout.yaml", atomically: true, encoding: .utf8)
        try "项目,行政编制,事业编制,工勤编制,合计\n编制数,10,8,2,20\n实有人数,9,7,2,18\n编外人员,1,2,0,3\n"
            .write(toFile: ws + "/ledgers/staffing/编制情况-2024.csv", atomically: true, encoding: .utf8)
        let profile = "kind: staffing\nperiod: year\nlayout:\n  cross-tab:\n    rows: 类别\n    columns: { 编制数: authorised, 实有人数: on_post, 编外人员: off_establishment }\n    transpose: true\n"
        try profile.write(toFile: ws + "/profiles/staffing-t.yaml", atomically: true, encoding: .utf8)

        let bad = try CLI.run(["validate", "ws", "--lang", "en"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr == """
            Error: key 'layout.cross-tab.rows': '类别' is not a field of staffing at profiles/staffing-t.yaml:5
            Help: Name the field the row labels fill: department, authorised, on_post, off_establishment.
            1 mistake in ws's settings; nothing was read or written.

            """)
        try profile.replacingOccurrences(of: "rows: 类别", with: "rows: department").write(toFile: ws + "/profiles/staffing-t.yaml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["validate", "ws"], in: dir).status == 0)

        let ingest = try CLI.run(["ingest", "ws", "--lang", "en"], in: dir)
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains("ledgers/staffing/编制情况-2024.csv  staffing-t  new     -          7         3         0         1        3\n"), "\(ingest.stdout)")
        #expect(ingest.stdout.contains("subtotal rows: 3 checks, all equal to the rows they sum\n"))
        let explain = try CLI.run(["explain", "ws", "staff.on_post", "--headers", "en"], in: dir)
        #expect(explain.stdout == """
            part,file,sheet,row,cell,value\r
            实有在编人数 › 实有在编人数,ledgers/staffing/编制情况-2024.csv,,2,B3,9\r
            实有在编人数 › 实有在编人数,ledgers/staffing/编制情况-2024.csv,,3,C3,7\r
            实有在编人数 › 实有在编人数,ledgers/staffing/编制情况-2024.csv,,4,D3,2\r

            """)
        #expect(try CLI.run(["export", "--lang", "en", "ws", "--format", "csv", "--headers", "en"], in: dir).status == 0)
        let rows = try String(contentsOfFile: ws + "/out/dataset/staffing.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3).joined(separator: ",") } == [
            "row,line,department,department_cell,authorised,authorised_cell,on_post,on_post_cell,off_establishment,off_establishment_cell",
            "2,,行政编制,B1,10,B2,9,B3,1,B4",
            "3,,事业编制,C1,8,C2,7,C3,2,C4",
            "4,,工勤编制,D1,2,D2,2,D3,0,D4",
        ])
        let verify = try CLI.run(["verify", "ws", "--lang", "en"], in: dir)
        #expect(verify.status == 0 && verify.stdout.contains("the dataset equals the ledgers"), "\(verify.stdout)\(verify.stderr)")
    }
}
