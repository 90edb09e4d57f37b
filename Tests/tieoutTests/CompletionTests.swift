import Foundation
import Testing

/// `tieout --generate-completion-script bash` (installed to share/bash-completion/completions/tieout):
/// a workspace argument completes folders, a file argument files.
@Suite("Bash completion")
struct CompletionTests {
    /// The words bash's completion function offers for `line` (the cursor at its end), in `dir`.
    static func complete(_ line: String, in dir: String) throws -> (registered: String, offered: [String]) {
        let script = try CLI.run(["--generate-completion-script", "bash"], in: dir).stdout
        try script.write(toFile: dir + "/completion.bash", atomically: true, encoding: .utf8)
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map { "'\($0)'" }.joined(separator: " ")
        let bash = """
            shopt -s extglob
            source ./completion.bash
            complete -p tieout
            COMP_WORDS=(\(words)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            _tieout tieout "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let r = try CLI.run(["--norc", "-c", bash], in: dir, executable: "/bin/bash")
        #expect(r.status == 0, "\(r.stderr)")
        var lines = r.stdout.split(separator: "\n").map(String.init)
        let registered = lines.isEmpty ? "" : lines.removeFirst()
        return (registered, lines.sorted())
    }

    @Test("tieout run fu<TAB> offers the workspace folder, not the files beside it; tieout totals offers files")
    func workspacesAndFiles() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try "x".write(toFile: dir + "/futile.txt", atomically: true, encoding: .utf8)
        let run = try Self.complete("tieout run fu", in: dir)
        #expect(run.registered == "complete -o filenames -F _tieout tieout")
        #expect(run.offered == [ws])
        #expect(try Self.complete("tieout check ", in: dir).offered == [ws])
        #expect(try Self.complete("tieout verify fu", in: dir).offered == [ws])
        let totals = try Self.complete("tieout totals \(ws)/ledgers/treasury/2024-1", in: "\(dir)")
        #expect(totals.offered == ["2024-10.csv", "2024-11.csv", "2024-12.csv"].map { "\(ws)/ledgers/treasury/\($0)" })
        #expect(try Self.complete("tieout suggest fut", in: dir).offered == ["futian-2024", "futile.txt"])
    }
}
