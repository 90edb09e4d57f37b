import Foundation

/// One unit of a `tieout run --all` batch: what its run did, as the summary lists it.
public struct UnitSummary: Sendable, Codable, Equatable {
    /// The workspace folder, relative to the batch folder.
    public var workspace: String
    /// The unit's name from its tieout.yaml (empty when it could not be read).
    public var unit: String
    public var files: Int
    public var rows: Int
    /// Findings by class: ok, rounding, mismatch, missing-data.
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

    public init(workspace: String, unit: String, files: Int, rows: Int, findings: [String: Int], score: String?, seconds: Double,
                status: String, exitCode: Int32, error: String?, log: String) {
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

    static let classes = ["ok", "rounding", "mismatch", "missing-data"]

    /// Seconds to a tenth, as the summary prints them.
    public static func time(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    public func markdown() -> String {
        var md = "# 批量运行汇总 / Batch run summary\n\n"
        let byStatus = Dictionary(grouping: units, by: \.status).mapValues(\.count)
        md += "\(units.count) 个单位（ok \(byStatus["ok"] ?? 0)，problems \(byStatus["problems"] ?? 0)，failed \(byStatus["failed"] ?? 0)）；"
        md += "读取 \(rows) 行；用时 \(Self.time(seconds)) 秒（\(jobs) 个并行）\n\n"
        md += "| 单位 | 工作区 | 文件 | 行 | 一致 | 取整差异 | 不一致 | 缺少数据 | 评分 | 秒 | 状态 |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"
        for u in units {
            let cells = [u.unit, u.workspace, "\(u.files)", "\(u.rows)"] + Self.classes.map { "\(u.findings[$0] ?? 0)" }
                + [u.score ?? "—", Self.time(u.seconds), u.status + (u.error.map { "：" + $0 } ?? "")]
            md += "| " + cells.map(Escape.cell).joined(separator: " | ") + " |\n"
        }
        return md
    }

    public func html() -> String {
        var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>批量运行汇总</title>\n"
        h += "<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}"
        h += "td.num{text-align:right}tr.problems{background:#fff8e1}tr.failed{background:#fdecea}</style>\n</head>\n<body>\n"
        h += "<h1>批量运行汇总 / Batch run summary</h1>\n"
        h += "<p>\(units.count) 个单位；读取 \(rows) 行；用时 \(Self.time(seconds)) 秒（\(jobs) 个并行）</p>\n<table>\n"
        h += "<tr>" + ["单位", "工作区", "文件", "行", "一致", "取整差异", "不一致", "缺少数据", "评分", "秒", "状态"].map { "<th>\($0)</th>" }.joined() + "</tr>\n"
        for u in units {
            h += "<tr class=\"\(Escape.html(u.status))\"><td>\(Escape.html(u.unit))</td><td>\(Escape.html(u.workspace))</td>"
            h += ["\(u.files)", "\(u.rows)"].map { "<td class=\"num\">\($0)</td>" }.joined()
            h += Self.classes.map { "<td class=\"num\">\(u.findings[$0] ?? 0)</td>" }.joined()
            h += "<td class=\"num\">\(Escape.html(u.score ?? "—"))</td><td class=\"num\">\(Self.time(u.seconds))</td>"
            h += "<td>\(Escape.html(u.status + (u.error.map { "：" + $0 } ?? "")))</td></tr>\n"
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
