import Foundation
import Testing

/// A signed amount (`amount: { from: 借方, minus: 贷方 }`) keeps the cell of its `minus`
/// column in `value_cells` (migration v9): that is lineage, what `explain` and the report cite.
/// It was not part of the file's records digest, so a dataset whose cited cells were changed
/// outside Tieout was still called current.
@Suite("Second-column cells in the records digest")
struct SecondCellDigestTests {
    @Test("the third sample: a general ledger's 贷方 cells changed in the dataset make run say the dataset was changed, and --force mends it")
    func tamperedSecondCells() throws {
        let (dir, ws) = try ThirdSampleTests.sample()
        let first = try CLI.run(["run", ws], in: dir)
        #expect(!first.stderr.contains("changed in the dataset outside Tieout"), "\(first.stderr)")
        let files = try ThirdSampleTests.sql("\(dir)/\(ws)", "SELECT DISTINCT f.path FROM value_cells v JOIN files f ON f.id = v.file_id WHERE f.status = 'active' ORDER BY f.path")
        #expect(!files.isEmpty, "the sample has signed amounts")
        let changed = try CLI.run(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE value_cells SET column_letter='Z' WHERE rowid = (SELECT min(rowid) FROM value_cells)\"); c.commit()",
                                   "\(dir)/\(ws)/.tieout/tieout.sqlite"], executable: "/usr/bin/python3")
        #expect(changed.status == 0, "\(changed.stderr)")
        let again = try CLI.run(["run", ws], in: dir)
        #expect(again.stderr.contains("the records of 1 ledgers were changed in the dataset outside Tieout (run `tieout verify`, then `tieout run --force`)"), "\(again.stderr)")
        #expect(again.status == 1)
        let forced = try CLI.run(["run", ws, "--force"], in: dir)
        #expect(!forced.stderr.contains("changed in the dataset outside Tieout"), "\(forced.stderr)")
        let after = try CLI.run(["run", ws], in: dir)
        #expect(!after.stderr.contains("changed in the dataset outside Tieout"), "\(after.stderr)")
    }
}
