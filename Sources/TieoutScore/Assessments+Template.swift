import TieoutCore

extension AssessmentSet {
    /// The targets people score, in the rubric's order: id, name, maximum, whether a failure
    /// count (not a score) is wanted, and the standard the evidence must show.
    public static func targets(_ rubric: Rubric) -> [(id: String, name: String, max: Amount, failures: Bool, standard: String)] {
        var out: [(id: String, name: String, max: Amount, failures: Bool, standard: String)] = []
        for item in rubric.items {
            switch item.rule {
            case .assessed: out.append((item.id, item.name, item.max, false, item.standard))
            case .perFailure(nil, _): out.append((item.id, item.name, item.max, true, item.standard))
            case .sum(let parts):
                for p in parts {
                    let standard = p.note ?? item.standard
                    if case .assessed = p.rule { out.append((p.id, p.name, p.max, false, standard)) }
                    if case .perFailure(nil, _) = p.rule { out.append((p.id, p.name, p.max, true, standard)) }
                }
            default: break
            }
        }
        return out
    }

    /// assessments.yaml as `tieout init` writes it: no assessment yet (`assessments: []`, so
    /// the score says each is missing), and below it, commented, every item people score with
    /// its id, name, maximum and the standard its evidence must show, ready to fill in.
    public static func template(_ rubric: Rubric) -> String {
        var out = [
            "# The rubric items people score (\(rubric.title), \(rubric.version)), written by `tieout init`.",
            "# None is assessed yet: each scores as missing data. To assess one, move its entry below",
            "# `assessments:` (remove the `[]` and the leading `# `), give the score (or the failures), who",
            "# assessed it and the evidence: the documents that show the standard is met.",
            "assessments: []",
        ]
        for t in targets(rubric) {
            out.append("")
            out.append("#  - item: \(t.id)    # \(t.name), \(t.failures ? "max \(t.max.description) points, less a deduction per failure" : "0 to \(t.max.description) points")")
            out.append("#    # evidence that shows: \(t.standard.replacingOccurrences(of: "\n", with: " "))")
            out.append(t.failures ? "#    failures: 0" : "#    score: \(t.max.description)")
            out.append("#    assessor: ")
            out.append("#    evidence: []")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
