import TieoutCore

extension FigureCatalog {
    /// `tieout figures`: every figure, one line each, in the order of its file: id, title and
    /// how it is computed, in the language asked for. A workspace's own and overriding figures
    /// are marked with the file that defines them.
    ///
    /// ```
    /// budget.initial.basic     年初预算（基本支出）   指标类型为年初预算的基本支出指标之和
    /// ```
    public func listing(english: Bool = false) -> String {
        let rows = definitions.map { d in
            (d.id, english ? d.titleEn : d.title,
             (english ? Self.formulaEn(d) : d.formula) + (d.file.hasPrefix("built-in") ? "" : "  [\(d.file)\(d.line.map { ":\($0)" } ?? "")]"))
        }
        let idWidth = rows.map { $0.0.count }.max() ?? 0
        let titleWidth = rows.map { Self.width($0.1) }.max() ?? 0
        var out = ""
        for (id, title, formula) in rows {
            out += id + String(repeating: " ", count: idWidth - id.count + 2)
                + title + String(repeating: " ", count: titleWidth - Self.width(title) + 2) + formula + "\n"
        }
        out += english
            ? "\(definitions.count) figures. `tieout explain WORKSPACE ID` (or its title) lists the records behind one.\n"
            : "共 \(definitions.count) 个指标。`tieout explain 工作区 编号`（或指标名称）列出其所依据的每条记录。\n"
        return out
    }

    /// The figure a user names: its id, or its title in either language (`实际支出（合计）`,
    /// `actual spending, total`), with ASCII and full-width parentheses alike. nil: no figure;
    /// a title that names several figures is an error listing them.
    public func resolve(_ name: String) throws(TieoutError) -> FigureDefinition? {
        if let d = self[name] { return d }
        let key = Self.normalized(name)
        let found = definitions.filter { Self.normalized($0.title) == key || Self.normalized($0.titleEn) == key }
        if found.count > 1 {
            throw TieoutError(code: "explain.ambiguous", ["name": name, "n": found.count, "ids": found.map(\.id).joined(separator: ", ")])
        }
        return found.first
    }

    static func normalized(_ s: String) -> String {
        var out = ""
        for ch in s.trimmingSpaces() {
            switch ch {
            case "（": out.append("(")
            case "）": out.append(")")
            case "，": out.append(",")
            case " ", "\u{3000}": continue
            default: out.append(contentsOf: ch.lowercased())
            }
        }
        return out
    }

    /// The rule in English: the formulas in the definitions are Chinese.
    static func formulaEn(_ d: FigureDefinition) -> String {
        switch d.rule {
        case .aggregate(let a, let kind, let field, let conditions):
            let what = field.map { "\(a.rawValue) of \(kind).\($0)" } ?? "count of \(kind)"
            return conditions.isEmpty ? what : what + " where " + conditions.map(\.field).joined(separator: ", ") + " match"
        case .add(let ids): return ids.joined(separator: " + ")
        case .subtract(let a, let b): return "\(a) − \(b)"
        case .ratio(let a, let b): return "\(a) ÷ \(b)"
        }
    }

    /// Display width: CJK and full-width characters take two columns.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return n + (wide ? 2 : 1)
        }
    }
}
