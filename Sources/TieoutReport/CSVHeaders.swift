import TieoutIngest

/// The column headers of the CSV files Tieout writes for people: out/rejects.csv,
/// out/score.csv, out/dataset/*.csv (`tieout export`) and `tieout explain`'s CSV. One
/// small table per output, keyed by language, so a translation catalog can take them
/// over as they are.
///
/// Chinese (the default) is for people: the file starts with a UTF-8 byte-order mark, so a
/// Chinese-locale Excel or WPS opens it as UTF-8 instead of GBK (without it every Chinese
/// cell shows as mojibake). English (`--headers en`) is for machines: the column names
/// scripts already use, and no byte-order mark, so the output is byte for byte what
/// earlier versions wrote and `csv.DictReader`, `cut`, `awk` or a database's CSV import
/// see `file` as the first column's name, not `\u{FEFF}file`.
///
/// ```swift
/// CSVHeaders.rejects[.zh]![7]                 // "拒收原因"
/// CSVHeaders.byteOrderMark(.en)               // ""
/// ```
public enum CSVHeaders {
    /// What a CSV for people starts with: the UTF-8 byte-order mark for Chinese headers, nothing for English.
    public static func byteOrderMark(_ l: ReportLanguage) -> String { l == .zh ? "\u{FEFF}" : "" }

    /// out/rejects.csv: a rejected row, its place and reason.
    public static let rejects: [ReportLanguage: [String]] = [
        .zh: ["文件", "工作表", "行号", "文本行号", "列", "单元格", "列名", "拒收原因", "原行内容"],
        .en: ["file", "sheet", "row", "line", "column", "cell", "column_name", "reason", "cells"],
    ]

    /// out/score.csv: the score table, in the annex's terms (as score.md and report.html).
    public static let score: [ReportLanguage: [String]] = [
        .zh: ["一级指标", "二级指标", "指标编号", "三级指标", "分值", "计算得分", "未取整得分", "附件得分", "计分规则", "依据"],
        .en: ["level1", "level2", "item_id", "item", "max", "points", "exact", "claimed", "rule", "why"],
    ]

    /// `tieout explain`: every record behind a figure, by its columns' English names
    /// (``ExplainTable/headers``): the English names as they are, or their Chinese titles.
    public static func explain(_ columns: [String], _ l: ReportLanguage) -> [String] {
        l == .en ? columns : columns.map { explainZh[$0] ?? $0 }
    }

    /// The Chinese titles of `tieout explain`'s columns.
    static let explainZh: [String: String] = [
        "part": "部分", "file": "文件", "sheet": "工作表", "row": "行号", "cell": "单元格", "voucher": "凭证号", "summary": "摘要",
        "amount": "金额", "unit": "单位", "yuan": "金额（元）", "value": "数值",
    ]

    /// out/dataset/KIND.csv (`tieout export`): the lineage columns before the kind's fields.
    public static let exportLineage: [ReportLanguage: [String]] = [
        .zh: ["文件", "文件SHA256", "工作表", "行号", "文本行号"],
        .en: ["file", "file_sha256", "sheet", "row", "line"],
    ]

    /// out/dataset/KIND.csv: after the lineage, each field and the cell it came from. A field
    /// is named by its title in Chinese (`金额`, `金额单元格`) and by its name in English
    /// (`amount`, `amount_cell`, the dataset's column names).
    public static func export(_ kind: RecordKind, _ l: ReportLanguage) -> [String] {
        var header = exportLineage[l]!
        for f in kind.fields {
            let name = l == .zh && !f.title.isEmpty ? f.title : f.name
            header.append(name)
            header.append(name + (l == .zh ? "单元格" : "_cell"))
        }
        return header
    }
}
