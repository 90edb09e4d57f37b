import Foundation
import TieoutReconcile
import TieoutStore

/// `findings.json`: a stable, documented schema (docs/findings.md); snake_case English keys.
public enum FindingsJSON {
    public static let schemaVersion = 1

    struct Document: Encodable {
        var schemaVersion: Int
        var unit: String
        var fiscalYear: Int
        var asOf: String?
        var display: DisplayInfo
        /// What the findings stand on: complete and current, or why not.
        var dataset: DatasetOut
        var counts: [String: Int]
        var findings: [Finding]
        var figures: [FigureOut]
    }

    struct DatasetOut: Encodable {
        var current: Bool
        var files: Int
        var unfinishedIngest: String?
        var failed: [DatasetState.FailedFile]
        var notIngested: [String]
        var changedSinceIngest: [String]
        var goneSinceIngest: [String]
        var removedAtLastIngest: [String]
        var unmatchedSources: [String]
        var alteredInDataset: [String]
        var keyRepeats: [DatasetState.RepeatedKeys]

        enum CodingKeys: String, CodingKey {
            case current, files, unfinishedIngest, failed, notIngested, changedSinceIngest, goneSinceIngest, removedAtLastIngest, unmatchedSources,
                 alteredInDataset, keyRepeats
        }

        /// Every key always present (`unfinished_ingest: null` when the last ingest finished).
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(current, forKey: .current)
            try c.encode(files, forKey: .files)
            try c.encode(unfinishedIngest, forKey: .unfinishedIngest)
            try c.encode(failed, forKey: .failed)
            try c.encode(notIngested, forKey: .notIngested)
            try c.encode(changedSinceIngest, forKey: .changedSinceIngest)
            try c.encode(goneSinceIngest, forKey: .goneSinceIngest)
            try c.encode(removedAtLastIngest, forKey: .removedAtLastIngest)
            try c.encode(unmatchedSources, forKey: .unmatchedSources)
            try c.encode(alteredInDataset, forKey: .alteredInDataset)
            try c.encode(keyRepeats, forKey: .keyRepeats)
        }
    }

    struct DisplayInfo: Encodable {
        var unit: String
        var decimals: Int
    }

    struct FigureOut: Encodable {
        var id: String
        var title: String
        var titleEn: String
        var kind: String
        var value: String
        var formula: String
        /// The formula in English (null when the figure's definition gives none).
        var formulaEn: String?
        /// The rubric items it feeds (from the rubric: what a wrong figure puts at stake).
        var rubric: [Finding.RubricItem]
    }

    public static func render(_ r: Reconciliation) throws -> String {
        let counts = r.countsByClass
        let doc = Document(schemaVersion: schemaVersion, unit: r.workspace.unitName, fiscalYear: r.workspace.fiscalYear,
                           asOf: r.asOf?.description, display: DisplayInfo(unit: r.display.unit.symbol, decimals: r.display.decimals),
                           dataset: DatasetOut(current: r.dataset.isCurrent, files: r.dataset.files, unfinishedIngest: r.dataset.unfinishedIngest,
                                               failed: r.dataset.failed, notIngested: r.dataset.notIngested, changedSinceIngest: r.dataset.changedSinceIngest,
                                               goneSinceIngest: r.dataset.goneSinceIngest, removedAtLastIngest: r.dataset.removed,
                                               unmatchedSources: r.dataset.unmatchedSources, alteredInDataset: r.dataset.alteredInDataset,
                                               keyRepeats: r.dataset.keyRepeats),
                           counts: counts, findings: r.orderedFindings,
                           figures: r.book.order.compactMap { r.book[$0] }.map {
                               FigureOut(id: $0.id, title: $0.title, titleEn: $0.titleEn, kind: $0.kind.rawValue, value: $0.value.description, formula: $0.formula,
                                         formulaEn: $0.formulaEn, rubric: r.links.items(for: [$0.id]))
                           })
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try e.encode(doc), as: UTF8.self) + "\n"
    }
}
