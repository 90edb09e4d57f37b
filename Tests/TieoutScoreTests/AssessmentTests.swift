import Testing
import TieoutCore
@testable import TieoutScore

/// assessments.yaml is validated: a score within 0 and the maximum, an assessor, and evidence.
@Suite("Assessments")
struct AssessmentTests {
    static func error(_ yaml: String) throws -> String {
        let rubric = try Rubric.builtIn()
        do { _ = try AssessmentSet.parse(yaml, file: "assessments.yaml", rubric: rubric); return "no error" }
        catch { return error.description }
    }

    @Test("the built-in rubric: 21 items worth 100 points, each with its rule")
    func rubric() throws {
        let r = try Rubric.builtIn()
        #expect(r.items.count == 21 && r.total.description == "100")
        #expect(r.items.map(\.rule.kindName).filter { $0 != "assessed" }.count == 12)
    }

    @Test("mistakes, with the key, the line and the fix", arguments: [
        ("assessments:\n  - { item: disclosure, score: 3.5, assessor: 甲, evidence: [公开截图] }\n",
         "Error: key 'assessments.1.score': '3.5' is not a score between 0 and 3 at assessments.yaml:2\nHelp: Score disclosure within 0 and its maximum 3."),
        ("assessments:\n  - { item: disclosure, score: 3, assessor: 甲 }\n",
         "Error: key 'assessments.1': disclosure has no evidence, and the item is claimed in full at assessments.yaml:2\nHelp: List the documents, links or notes that support the score under `evidence:`."),
        ("assessments:\n  - { item: disclosure, score: 2, assessor: 甲, evidence: [] }\n",
         "Error: key 'assessments.1': disclosure has no evidence, and points are deducted at assessments.yaml:2\nHelp: List the documents, links or notes that support the score under `evidence:`."),
        ("assessments:\n  - { item: disclosure, score: 2, evidence: [x] }\n",
         "Error: key 'assessments.1': disclosure names no assessor at assessments.yaml:2\nHelp: Add `assessor:` — who scored it."),
        ("assessments:\n  - { item: budget-execution, score: 6, assessor: 甲, evidence: [x] }\n",
         "Error: key 'assessments.1.item': 'budget-execution' is not an item people score at assessments.yaml:2\nHelp: Use one of: accounting-compliance, asset-safety, budget-reasonable, budget-standard, disclosure, effectiveness, indicator-clarity, key-tasks, management-system, petition-channel, procurement-policy, project-procedure, project-supervision, spending-compliance."),
        ("assessments:\n  - { item: key-tasks, assessor: 甲, evidence: [x] }\n",
         "Error: key 'assessments.1': key-tasks needs `failures:` (how many were not completed) at assessments.yaml:2\nHelp: Write `failures: 0` when every one was completed."),
    ])
    func mistakes(_ yaml: String, _ expected: String) throws {
        #expect(try Self.error(yaml) == expected)
    }
}

/// Found by fuzzing the YAML readers (scripts/fuzz-yaml): an item without `max` crashed
/// Tieout (a forced unwrap) instead of naming the mistake.
@Suite("Rubric errors")
struct RubricErrorTests {
    @Test("an item without max: an error with the key and the fix, not a crash")
    func noMax() throws {
        let yaml = """
            version: test
            items:
              - id: a
                level1: 一
                level2: 二
                name: 三
                standard: 标准
                rule: { kind: assessed }
            """
        do {
            _ = try Rubric.parse(yaml, file: "rubric.yaml")
            Issue.record("parsed a rubric item without max")
        } catch {
            #expect(error.description == "Error: key 'items.1': an item needs 'max', its full points at rubric.yaml:3\nHelp: Add `max: 5` (the points the item is worth).")
        }
    }
}

extension AssessmentTests {
    @Test("the template tieout init writes: no assessment as written; uncommented and filled in, every item people score, each once")
    func template() throws {
        let rubric = try Rubric.builtIn()
        let text = AssessmentSet.template(rubric)
        #expect(try AssessmentSet.parse(text, file: "assessments.yaml", rubric: rubric).assessments.isEmpty)
        #expect(text.contains("""
        #  - item: key-tasks    # 重点工作完成情况, max 8 points, less a deduction per failure
        """), "\(text)")
        #expect(text.contains("""
        #  - item: budget-standard    # 预算编制规范性, 0 to 5 points
        #    # evidence that shows: 部门（单位）预算编制符合财政部门当年度关于预算编制的各项原则和要求（5分）；发现一项不符合的扣1分，扣完为止。
        #    score: 5
        #    assessor: \("")
        #    evidence: []

        """))
        // As a user fills it in: each entry uncommented, an assessor and a document named.
        let filled = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line == "assessments: []" { return "assessments:" }
            guard line.hasPrefix("#  ") else { return String(line) }
            return String(line.dropFirst()).replacingOccurrences(of: "assessor: ", with: "assessor: 财务室")
                .replacingOccurrences(of: "evidence: []", with: "evidence: [自评报告]")
        }.joined(separator: "\n")
        let set = try AssessmentSet.parse(filled, file: "assessments.yaml", rubric: rubric)
        #expect(set.assessments.map(\.item) == AssessmentSet.targets(rubric).map(\.id))
        #expect(set.assessments.count == 14)
        // The same targets the sample assesses.
        let sample = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/TieoutScoreTests/AssessmentTests.swift", with: "samples/futian-2024/assessments.yaml"), encoding: .utf8)
        let sampleSet = try AssessmentSet.parse(sample, file: "assessments.yaml", rubric: rubric)
        #expect(Set(sampleSet.assessments.map(\.item)) == Set(set.assessments.map(\.item)))
    }
}
