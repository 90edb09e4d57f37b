import Foundation
import TieoutCore
import TieoutReconcile

/// One unit of a `tieout run --all` batch: what its run did, as the summary lists it.
public struct UnitSummary: Sendable, Codable, Equatable {
    /// The workspace folder, relative to the batch folder.
    public var workspace: String
    /// The unit's name from its tieout.yaml (empty when it could not be read).
    public var unit: String
    public var files: Int
    /// Rows of the ledgers the unit's dataset holds (read when each file was ingested, so a
    /// rerun that reads no file again still counts them).
    public var rows: Int
    /// Findings by class (`Finding.Status`'s raw values: ok, rounding, mismatch, missing-data, unsupported).
    public var findings: [String: Int]
    /// The computed total score ("98.79"), when the run got that far.
    public var score: String?
    public var seconds: Double
    /// ok (exit 0), problems (exit 1: mismatches, missing data, rejects), failed (exit 2 or a crash).
    public var status: String
    public var exitCode: Int32
    /// For a failed unit: the error, first lines.
    public var error: String?
    /// The unit's own log (stdout and stderr of its run), relative to the batch folder.
    public var log: String
    /// The unit's report.html, relative to the batch folder, when its run wrote one.
    public var report: String?
    /// Cumulative spending ÷ the year's adjusted budget at each quarter's end the ledgers reach,
    /// by quarter ("q1" … "q4"), exact decimal ratios ("0.2498").
    public var progress: [String: String]?

    public init(workspace: String, unit: String, files: Int, rows: Int, findings: [String: Int], score: String?, seconds: Double,
                status: String, exitCode: Int32, error: String?, log: String, report: String? = nil, progress: [String: String]? = nil) {
        self.workspace = workspace
        self.unit = unit
        self.files = files
        self.rows = rows
        self.findings = findings
        self.score = score
        self.seconds = seconds
        self.status = status
        self.exitCode = exitCode
        self.error = error
        self.log = log
        self.report = report
        self.progress = progress
    }

    /// The last quarter with a progress figure, and that figure.
    public var latestProgress: (quarter: Int, ratio: Amount)? {
        for q in stride(from: 4, through: 1, by: -1) {
            if let text = progress?["q\(q)"], let a = Amount(text) { return (q, a) }
        }
        return nil
    }
}

/// The batch summary: `DIR/out/summary.md`, `summary.html`, `summary.json`.
public struct FleetSummary: Sendable, Codable {
    public var folder: String
    public var jobs: Int
    public var seconds: Double
    public var units: [UnitSummary]

    public init(folder: String, jobs: Int, seconds: Double, units: [UnitSummary]) {
        self.folder = folder
        self.jobs = jobs
        self.seconds = seconds
        self.units = units
    }

    /// The worst exit status of the units: the batch's own.
    public var exitCode: Int32 { units.map(\.exitCode).max() ?? 0 }
    public var rows: Int { units.reduce(0) { $0 + $1.rows } }

    /// The classes the table has a column for: every one, in the order the counts lines list them.
    static let classes = Finding.Status.allCases

    /// Seconds to a tenth, as the summary prints them.
    public static func time(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded())
        return "\(Self.count(tenths / 10)).\(tenths % 10)"
    }

    /// A count with thousands separators: 1234567 → "1,234,567".
    public static func count(_ n: Int) -> String { Amount(n).groupedText }

    static func title(_ l: ReportLanguage) -> String { l.s("fleet.title") }

    static func statusText(_ status: String, _ l: ReportLanguage) -> String {
        switch status {
        case "ok", "problems", "failed": l.s("fleet.status.\(status)")
        default: status
        }
    }

    /// A unit's status, and its error when it has one: `失败：Error: …`.
    static func statusCell(_ u: UnitSummary, _ l: ReportLanguage) -> String {
        u.error.map { l.s("fleet.status-error", ["status": statusText(u.status, l), "error": $0]) } ?? statusText(u.status, l)
    }

    /// The catalog's text for `key`, or for `key.one` when `n` is 1 (English says "1 unit", "2 units").
    static func counted(_ l: ReportLanguage, _ key: String, _ n: Int, _ args: [String: any CustomStringConvertible]) -> String {
        l.s(n == 1 ? key + ".one" : key, args)
    }

    static func header(_ l: ReportLanguage) -> [String] {
        ["fleet.col.unit", "fleet.col.workspace", "fleet.col.files", "fleet.col.rows"].map { l.s($0) } + classes.map { l.s("fleet.col.\($0.rawValue)") }
            + ["fleet.col.score", "fleet.col.seconds", "fleet.col.status"].map { l.s($0) }
    }

    /// `3 个单位（正常 0，有问题 2，失败 1）；读取 876 行；用时 4.5 秒（2 个并行）`
    func countsLine(_ l: ReportLanguage) -> String {
        let byStatus = Dictionary(grouping: units, by: \.status).mapValues(\.count)
        return Self.counted(l, "fleet.counts", units.count, [
            "units": Self.count(units.count), "ok": Self.count(byStatus["ok"] ?? 0), "problems": Self.count(byStatus["problems"] ?? 0),
            "failed": Self.count(byStatus["failed"] ?? 0), "rows": Self.count(rows), "seconds": Self.time(seconds), "jobs": jobs,
        ])
    }

    public func markdown(language l: ReportLanguage = .zh) -> String {
        var md = "# \(Self.title(l))\n\n" + countsLine(l) + "\n\n"
        // Names left-aligned; files, rows, a count per class, score and seconds right-aligned; the status left.
        md += "| " + Self.header(l).joined(separator: " | ") + " |\n|---|---|" + String(repeating: "---:|", count: 4 + Self.classes.count) + "---|\n"
        for u in units {
            let cells = [u.unit, u.workspace, Self.count(u.files), Self.count(u.rows)] + Self.classes.map { Self.count(u.findings[$0.rawValue] ?? 0) }
                + [u.score ?? "—", Self.time(u.seconds), Self.statusCell(u, l)]
            md += "| " + cells.map(Escape.cell).joined(separator: " | ") + " |\n"
        }
        return md
    }

    /// A path relative to the batch folder as a link from DIR/out/summary.html: `../a/out/report.html`,
    /// each name percent-encoded (spaces, `#`, `?` and non-ASCII names stay one link).
    static func href(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;")
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }.joined(separator: "/")
        return encoded.hasPrefix("out/") ? String(encoded.dropFirst(4)) : "../" + encoded
    }

    public func html(language l: ReportLanguage = .zh) -> String {
        var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(l == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>\(Escape.html(Self.title(l)))</title>\n"
        h += "<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}"
        h += "th{background:#f5f5f5;white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.log{white-space:nowrap}tr.problems{background:#fff8e1}tr.failed{background:#fdecea}"
        h += "p.verdict{font-size:1.15em;font-weight:bold}p.verdict.bad{color:#c62828}p.verdict.good{color:#2e7d32}td.error{max-width:40em;font-size:.9em}"
        h += "svg{max-width:100%;height:auto}section.chart{margin:16px 0}</style>\n</head>\n<body>\n"
        h += "<h1>\(Escape.html(Self.title(l)))</h1>\n"
        let failed = units.filter { $0.exitCode != 0 && $0.exitCode != 1 }.count
        let problems = units.filter { $0.exitCode == 1 }.count
        var parts: [String] = []
        if failed > 0 { parts.append(Self.counted(l, "fleet.verdict.failed", failed, ["n": Self.count(failed)])) }
        if problems > 0 {
            // What makes a unit's run one with problems: every class to act on, worst first, or rejected rows.
            let classes = Finding.Status.worstFirst.filter(\.isProblem).map { l.s("fleet.problem.\($0.rawValue)") }.joined(separator: l.s("list.enum"))
            parts.append(Self.counted(l, "fleet.verdict.problems", problems, ["n": Self.count(problems), "classes": classes]))
        }
        let verdict = parts.isEmpty
            ? l.s("fleet.verdict.all-ok", ["n": Self.count(units.count)])
            : parts.joined(separator: l.s("fleet.verdict.join")) + l.s("fleet.verdict.see-table")
        h += "<p class=\"verdict \(failed + problems == 0 ? "good" : "bad")\">\(Escape.html(verdict))</p>\n"
        h += "<p>\(Escape.html(countsLine(l)))</p>\n"
        h += "<section class=\"chart\">" + chart(l) + "</section>\n<table>\n"
        h += "<tr>" + (Self.header(l) + [l.s("fleet.col.log")]).map { "<th>\(Escape.html($0))</th>" }.joined() + "</tr>\n"
        for u in units {
            let name = u.unit.isEmpty ? "—" : u.unit
            let nameCell = u.report.map { "<a href=\"\(Escape.html(Self.href($0)))\">\(Escape.html(name))</a>" } ?? Escape.html(name)
            let workspaceCell = u.report.map { "<a href=\"\(Escape.html(Self.href($0)))\">\(Escape.html(u.workspace))</a>" } ?? Escape.html(u.workspace)
            h += "<tr class=\"\(Escape.html(u.status))\"><td>\(nameCell)</td><td>\(workspaceCell)</td>"
            h += [Self.count(u.files), Self.count(u.rows)].map { "<td class=\"num\">\($0)</td>" }.joined()
            h += Self.classes.map { "<td class=\"num\">\(Self.count(u.findings[$0.rawValue] ?? 0))</td>" }.joined()
            h += "<td class=\"num\">\(Escape.html(u.score ?? "—"))</td><td class=\"num\">\(Self.time(u.seconds))</td>"
            h += "<td class=\"error\">\(Escape.html(Self.statusCell(u, l)))</td>"
            h += "<td class=\"log\">" + (u.log.isEmpty ? "—" : "<a href=\"\(Escape.html(Self.href(u.log)))\">\(Escape.html(l.s("fleet.log-link")))</a>") + "</td></tr>\n"
        }
        return h + "</table>\n</body>\n</html>\n"
    }

    public func json() throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try e.encode(self), as: UTF8.self) + "\n"
    }
}
