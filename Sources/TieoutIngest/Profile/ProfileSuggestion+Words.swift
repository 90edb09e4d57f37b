import TieoutCore

extension ProfileSuggestion {
    /// Words of other systems' exports and the word a kind knows for the same thing: the
    /// 预算管理一体化 project classes (人员类 and 运转类 projects are basic spending, 特定目标类
    /// projects project spending), its stages (年初批复) and refunds (资金退回).
    static let kindredWords: [(pattern: String, word: String)] = [
        ("人员类", "基本支出"), ("运转类", "基本支出"), ("公用经费", "基本支出"), ("特定目标类", "项目支出"),
        ("年初", "年初预算"), ("批复", "年初预算"), ("追加", "追加"), ("追减", "调减"), ("调减", "调减"), ("调剂", "调剂"),
        ("退回", "其他"),
    ]

    /// The enumeration value closest to a word none of the field's words is: the value of a
    /// kindred word (`人员类项目` → 基本支出), else the value whose words share the most
    /// characters with it (two at least), else `other` when the enumeration has it; nil when
    /// nothing is close. Always a guess, written with a GUESS comment.
    static func closestValue(_ word: String, _ f: FieldSpec, values: [String], known: [String: String]) -> String? {
        var wordsOf: [String: [String]] = [:]
        for (w, v) in f.words.merging(known, uniquingKeysWith: { a, _ in a }) where values.contains(v) { wordsOf[v, default: []].append(w) }
        for v in values { wordsOf[v, default: []].append(v) }
        for (pattern, kindred) in kindredWords where word.contains(pattern) {
            if let v = wordsOf.first(where: { $0.value.contains(kindred) })?.key ?? (values.contains(kindred) ? kindred : nil) { return v }
            if kindred == "其他", values.contains("other") { return "other" }
        }
        let chars = Set(word)
        let scored = values.map { v in (v, wordsOf[v, default: []].map { Set($0).intersection(chars).count }.max() ?? 0) }
        if let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 2, scored.filter({ $0.1 == best.1 }).count == 1 { return best.0 }
        return values.contains("other") ? "other" : nil
    }
}
