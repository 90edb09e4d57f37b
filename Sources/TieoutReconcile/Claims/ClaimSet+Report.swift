import TieoutCore
import TieoutIngest
import TieoutOffice

extension ClaimSet {
    /// The claims of the report named by `report:` in tieout.yaml, read as `tieout claims
    /// extract` reads it (with the workspace's claim-phrases.yaml), each with its sentence;
    /// `handWritten` (claims.yaml) corrects and adds to them: a hand-written claim replaces
    /// the extracted ones of its section that state the same value as printed, and is
    /// otherwise added. Figures the phrases do not map stay unclaimed (claim them in claims.yaml).
    public static func fromReport(_ ws: Workspace, knownFigures: Set<String>, correctedBy handWritten: [Claim]) throws(TieoutError) -> [Claim] {
        try fromReportWithUnmapped(ws, knownFigures: knownFigures, correctedBy: handWritten).claims
    }

    /// ``fromReport(_:knownFigures:correctedBy:)``, and the report's figures no phrase maps
    /// (as claims with neither figure nor basis, their sentence set), less those a
    /// hand-written claim states (same section and value as printed).
    public static func fromReportWithUnmapped(_ ws: Workspace, knownFigures: Set<String>, correctedBy handWritten: [Claim]) throws(TieoutError) -> (claims: [Claim], unmapped: [Claim]) {
        guard let report = ws.report else { return (handWritten, []) }
        let path = report.hasPrefix("/") ? report : ws.root + "/" + report
        try ws.checkInside(path, shownAs: report)
        let extraction = ClaimExtraction(document: try ReportDocument.read(path), phrases: try ClaimPhrases.load(workspace: ws))
        var extracted = try parse(extraction.yaml(), file: report, knownFigures: knownFigures).claims
        let places = extraction.places
        for i in extracted.indices {
            extracted[i].sentence = extraction.claims[i].sentence
            extracted[i].line = nil
            extracted[i].place = places[i]
        }
        var corrections = handWritten
        for i in corrections.indices {
            // A hand-written correction is marked where the claim it replaces is stated.
            corrections[i].place = extracted.first { $0.section == corrections[i].section && $0.text == corrections[i].text }?.place
        }
        extracted.removeAll { c in handWritten.contains { $0.section == c.section && $0.text == c.text } }
        var unmapped: [Claim] = []
        for u in extraction.unmapped where !handWritten.contains(where: { $0.text == u.value && $0.section == u.section }) {
            guard let parsed = try? Amount.parseDetailed(u.value) else { continue }
            let unit = parsed.isPercent ? "%" : u.unit
            var value = parsed.value
            if let money = MoneyUnit(symbol: unit) { value = value.inYuan(from: money) }
            let digits = u.value.split(separator: ".").dropFirst().first.map { $0.filter(\.isNumber).count } ?? 0
            unmapped.append(Claim(figure: nil, text: u.value, unit: unit, section: u.section, basis: nil, score: nil, line: nil,
                                  value: value, decimals: digits, sentence: u.sentence))
        }
        return (extracted + corrections, unmapped)
    }
}

extension Finding {
    /// Quotes the sentence the claim was read from, when it was read from the report.
    public mutating func quote(_ claim: Claim) {
        stated = claim.place
        guard let s = claim.sentence else { return }
        explanation += "（报告原文：“\(s)”）"
        explanationEn += " (The report: “\(s)”)"
    }
}
