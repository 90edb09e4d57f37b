import Foundation
import TieoutCore
import TieoutIngest

/// What a person scored, with evidence: for rubric items (or parts) assessed by
/// people, and failure counts for per-failure items no ledger counts.
///
/// ```yaml
/// assessments:
///   - item: budget-standard
///     score: 5
///     assessor: 财务室 李明
///     evidence: [2024年部门预算编制工作方案对照表]
/// ```
public struct Assessment: Sendable, Codable, Equatable {
    /// A rubric item id or a part id.
    public var item: String
    public var score: Amount?
    public var failures: Int?
    public var assessor: String
    public var evidence: [String]
    public var note: String?
}

public struct AssessmentSet: Sendable {
    public var assessments: [Assessment]
    public static let fileName = "assessments.yaml"

    public func assessment(_ id: String) -> Assessment? { assessments.first { $0.item == id } }

    /// Reads and validates assessments.yaml against the rubric: every target exists and is
    /// scored by people; a score is within 0 and the maximum; evidence and an assessor are given.
    public static func parse(_ text: String, file: String, rubric: Rubric) throws(TieoutError) -> AssessmentSet {
        // The targets people score: item or part id → (maximum, whether a score or a failure count is wanted).
        var targets: [String: (max: Amount, failures: Bool)] = [:]
        for item in rubric.items {
            switch item.rule {
            case .assessed: targets[item.id] = (item.max, false)
            case .perFailure(nil, _): targets[item.id] = (item.max, true)
            case .sum(let parts):
                for p in parts {
                    if case .assessed = p.rule { targets[p.id] = (p.max, false) }
                    if case .perFailure(nil, _) = p.rule { targets[p.id] = (p.max, true) }
                }
            default: break
            }
        }
        let root = try YAMLValue.document(text, file: file, limits: .document)
        guard let list = try root.mapping(allowed: ["assessments"]).first?.value, case .sequence(let items) = list.node else {
            throw root.error(Phrase("error.assessment.no-list"), help: Phrase("error.assessment.no-list.help"))
        }
        var out: [Assessment] = []
        for (i, n) in items.enumerated() {
            let v = list.child("\(i + 1)", n)
            let f = try v.mapping(allowed: ["item", "score", "failures", "assessor", "evidence", "note"])
            func get(_ k: String) -> YAMLValue? { f.first { $0.key == k }?.value }
            guard let idNode = get("item") else { throw v.error(Phrase("error.assessment.no-item"), help: Phrase("error.assessment.no-item.help")) }
            let id = try idNode.string()
            guard let target = targets[id] else {
                throw idNode.error(Phrase("error.assessment.not-assessed", ["id": id]), help: Phrase("error.assessment.not-assessed.help", ["items": targets.keys.sorted().joined(separator: ", ")]))
            }
            if out.contains(where: { $0.item == id }) { throw idNode.error(Phrase("error.assessment.twice", ["id": id]), help: Phrase("error.assessment.twice.help")) }
            var a = Assessment(item: id, score: nil, failures: nil, assessor: "", evidence: [], note: try get("note")?.string())
            if target.failures {
                guard let fn = get("failures") else { throw v.error(Phrase("error.assessment.no-failures", ["id": id]), help: Phrase("error.assessment.no-failures.help")) }
                a.failures = try fn.int(in: 0...1000)
            } else {
                guard let sn = get("score") else { throw v.error(Phrase("error.assessment.no-score", ["id": id]), help: Phrase("error.assessment.no-score.help", ["max": target.max])) }
                let t = try sn.string()
                guard let s = try? Amount.parse(t), !s.isNegative, s <= target.max else {
                    throw sn.error(Phrase("error.assessment.not-a-score", ["value": t, "max": target.max]), help: Phrase("error.assessment.not-a-score.help", ["id": id, "max": target.max]))
                }
                a.score = s
            }
            guard let who = get("assessor"), !(try who.string()).trimmingSpaces().isEmpty else {
                throw v.error(Phrase("error.assessment.no-assessor", ["id": id]), help: Phrase("error.assessment.no-assessor.help"))
            }
            a.assessor = try who.string()
            a.evidence = try get("evidence")?.strings().filter { !$0.trimmingSpaces().isEmpty } ?? []
            // Evidence is required both for a deduction and for claiming the item in full.
            if a.evidence.isEmpty {
                let why = a.score.map { $0 < target.max ? Phrase("error.assessment.no-evidence.deducted") : Phrase("error.assessment.no-evidence.full") }
                    ?? Phrase("error.assessment.no-evidence.failures")
                throw v.error(Phrase("error.assessment.no-evidence", ["id": id, "why": why]), help: Phrase("error.assessment.no-evidence.help"))
            }
            out.append(a)
        }
        return AssessmentSet(assessments: out)
    }

    public static func forWorkspace(_ ws: Workspace, rubric: Rubric) throws(TieoutError) -> AssessmentSet {
        guard let data = try YAMLValue.readFile(ws.root + "/" + fileName, shownAs: fileName, limits: .document) else { return AssessmentSet(assessments: []) }
        return try parse(String(decoding: data, as: UTF8.self), file: fileName, rubric: rubric)
    }
}
