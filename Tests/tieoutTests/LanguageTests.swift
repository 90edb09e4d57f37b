import Foundation
import Testing

/// One language at a time: with `--lang en` nothing the tool itself says is in Chinese, and by
/// default nothing it says is in English. Data may be in either language, and is taken out
/// first by the marks the outputs give it, and only by them:
/// - “…” spans: quoted from the workspace (a unit's name, a report's section or sentence,
///   claims.yaml's basis, an assessor's words), which the English outputs put in quotes;
/// - in report.html, `<span class="data">` (the same quotes) and the cell references `<a class="place">`;
/// - in report.md, code spans: the cell references (file names).
@Suite("one language at a time")
struct LanguageTests {
    static func isCJK(_ u: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(u.value) || (0x3400...0x9FFF).contains(u.value) || (0xF900...0xFAFF).contains(u.value) || (0xFF00...0xFFEF).contains(u.value)
    }

    /// The text without its “…” spans (nested quotes inside a quote stay inside it).
    static func withoutQuotes(_ text: String) -> String {
        var out = "", depth = 0
        for ch in text {
            if ch == "“" { depth += 1; continue }
            if ch == "”" && depth > 0 { depth -= 1; continue }
            if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// The text without its Markdown code spans.
    static func withoutCode(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
    }

    /// What a reader of report.html sees: no style, no tags; without the marked data.
    static func visibleText(_ html: String) throws -> String {
        var h = html
        for pattern in [#"<style>[\s\S]*?</style>"#, #"<span class="data">[^<]*</span>"#, #"<a class="place"[^>]*>[\s\S]*?</a>"#, #"<[^>]+>"#] {
            h = h.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return h.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"").replacing("&amp;", with: "&")
    }

    /// Each line that still shows Chinese once the data is out.
    static func chinese(_ text: String) -> [String] {
        withoutQuotes(text).split(separator: "\n").map(String.init).filter { $0.unicodeScalars.contains(where: isCJK) }
    }

    @Test("--lang en: run, check and score print no Chinese; report.md, report.html and score.md show none outside quoted data")
    func english() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let run = try CLI.run(["run", ws, "--lang", "en"], in: dir)
        #expect(run.status == 1)
        let check = try CLI.run(["check", ws, "--as-of", "2024-09-30", "--lang", "en"], in: dir)
        #expect(check.status == 1)
        let score = try CLI.run(["score", ws, "--lang", "en"], in: dir)
        #expect(score.status == 1)   // the annex's full marks for satisfaction, which the report's own 72.99% does not support
        let out = "\(dir)/\(ws)/out/"
        let md = try String(contentsOfFile: out + "report.md", encoding: .utf8)
        let html = try String(contentsOfFile: out + "report.html", encoding: .utf8)
        let scoreMd = try String(contentsOfFile: out + "score.md", encoding: .utf8)
        for (name, text) in [("run", run.stdout), ("check", check.stdout), ("score", score.stdout), ("report.md", Self.withoutCode(md)),
                             ("report.html", try Self.visibleText(html)), ("score.md", scoreMd)] {
            #expect(Self.chinese(text) == [], "\(name)")
        }
        // The words the issue found in Chinese, now in English.
        #expect(run.stdout.contains("(difference +4.46 percentage points)") && run.stdout.contains("(difference +0.50 10k yuan)"))
        #expect(run.stdout.contains(": +1 −0 ~1 (rows: 1 added, 0 removed, 1 changed)\n"))
        #expect(check.stdout.hasPrefix("Quarterly budget execution check: up to 2024-09-30 (Q3, schedule 75%)\n"))
        #expect(check.stdout.contains("Spent so far: 9,165.21 10k yuan, progress 69.44%, 5.56 percentage points behind schedule\n"))
        #expect(html.contains("<td>actual spending ÷ adjusted budget</td>"))
        #expect(scoreMd.contains("| Management | Fund management | Financial compliance | 3.00 | 2.92 | 2.92 |"))
        #expect(md.contains("Money in 10k yuan, 2 decimals (rounded half-up)."))
    }

    /// English words the Chinese outputs must not use (the ones the issue found, and the rest of
    /// the English summary's vocabulary).
    static let englishWords = ["new", "reissue", "re-issue", "problems", "surveys", "changed", "unchanged", "failed", "renamed", "removed",
                               "ingest", "reconcile", "reports", "score", "total", "stated", "ledgers", "difference", "mismatch", "rounding",
                               "missing", "ok", "item", "points", "annex", "progress", "budget", "behind", "schedule", "Verdict", "Money", "yuan"]

    /// The English words of `englishWords` in the text, once file names, commands and code are out.
    static func english(_ text: String, words englishWords: [String] = LanguageTests.englishWords) -> [String] {
        var t = withoutCode(text)
        for pattern in [#"tieout [a-z]+ [^\s（）；，。]*( [^\s（）；，。]*)?"#, #"[A-Za-z0-9_.\-]*/[^\s,，；：（）|]*"#, #"[a-z]+(\.[a-z0-9\-]+)+"#] {
            t = t.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let words = Set(t.split { !($0.isASCII && ($0.isLetter || $0 == "-")) }.map(String.init))
        return englishWords.filter(words.contains)
    }

    @Test("by default: run, check and score print Chinese words (新增 19，更正 1; the +1 −0 ~1 explained); the reports use no English word")
    func chinese() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let run = try CLI.run(["run", ws], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("导入：20 个文件（新增 19，更正 1）；读取 438 行"))
        #expect(run.stdout.contains("：+1 −0 ~1（新增 1 行，删除 0 行，改动 1 行）\n"))
        let check = try CLI.run(["check", ws, "--as-of", "2024-09-30"], in: dir)
        let score = try CLI.run(["score", ws], in: dir)
        let out = "\(dir)/\(ws)/out/"
        let md = try String(contentsOfFile: out + "report.md", encoding: .utf8)
        let html = try String(contentsOfFile: out + "report.html", encoding: .utf8)
        let scoreMd = try String(contentsOfFile: out + "score.md", encoding: .utf8)
        #expect(!md.contains("另见 surveys"))
        for (name, text) in [("run", run.stdout), ("check", check.stdout), ("score", score.stdout), ("report.md", md),
                             ("report.html", try Self.visibleText(html)), ("score.md", scoreMd)] {
            #expect(Self.english(text) == [], "\(name)")
        }
    }

    @Test("ingest, explain and figures: --lang en prints no Chinese outside data, and by default no English word (导入的表、小计行、明细核对)")
    func ingestAndExplain() throws {
        for lang in ["en", "zh"] {
            let (dir, ws) = try WorkspaceCommandTests.sample()
            let flag = lang == "en" ? ["--lang", "en"] : []
            let ingest = try CLI.run(["ingest", ws] + flag, in: dir)
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let sum = try CLI.run(["explain", ws, "spend.actual.total"] + flag, in: dir)
            #expect(sum.status == 0)
            let ratio = try CLI.run(["explain", ws, "sangong.rate"] + flag, in: dir)
            #expect(ratio.status == 0)
            let figures = try CLI.run(["figures", ws] + flag, in: dir)
            #expect(figures.status == 0)
            if lang == "en" {
                // The data in ingest's lines: file names (paths) and the re-issue's changed rows (indented: voucher numbers and values).
                let ingestText = ingest.stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }.joined(separator: "\n")
                    .replacingOccurrences(of: #"[^\s]*/[^\s]*"#, with: " ", options: .regularExpression)
                for (name, text) in [("ingest", ingestText), ("explain sum", sum.stderr), ("explain ratio", ratio.stderr), ("figures", figures.stdout)] {
                    #expect(Self.chinese(text) == [], "\(name)")
                }
                #expect(ingest.stdout.hasPrefix("file "))
                #expect(ingest.stdout.contains("\nsubtotal rows: "))
                #expect(ingest.stdout.contains("\ndataset: "))
                #expect(sum.stderr == "explain: 305 records; their values add up to 138169467.85 = spend.actual.total 138169467.85 yuan (13,816.95 10k yuan)\n")
                #expect(ratio.stderr.hasPrefix("explain: "))
            } else {
                // The table's profile column names the workspace's profiles (profiles/surveys.yaml): data, like the file beside it.
                let ingestText = ingest.stdout.split(separator: "\n").map { line in
                    let cells = line.split(separator: " ")
                    return cells.first?.contains("/") == true ? ([cells[0]] + cells.dropFirst(2)).joined(separator: " ") : String(line)
                }.joined(separator: "\n")
                for (name, text) in [("ingest", ingestText), ("explain sum", sum.stderr), ("explain ratio", ratio.stderr), ("figures", figures.stdout)] {
                    #expect(Self.english(text) == [], "\(name)")
                }
                #expect(ingest.stdout.hasPrefix("文件 "))
                #expect(ingest.stdout.contains("\n本次读取 "))
                #expect(ingest.stdout.contains("\n小计行：核对 "))
                #expect(ingest.stdout.contains("\n数据集："))
                #expect(sum.stderr == "明细：305 条记录；其值之和 138169467.85 = spend.actual.total 138169467.85 元（13,816.95 万元）\n")
                #expect(ratio.stderr.hasPrefix("明细："))
            }
        }
    }
}
