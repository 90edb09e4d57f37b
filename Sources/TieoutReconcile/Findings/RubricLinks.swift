/// Which rubric items (部门整体支出绩效评价共性指标体系框架) a figure feeds, with their
/// maximum points: what a wrong figure puts at stake. Read from the rubric itself (each
/// item names the figures it scores from), through every figure those are computed from:
/// one copy, so a workspace's rubric.yaml changes both the scores and the links.
public struct RubricLinks: Sendable {
    /// A rubric item and the figures its rule names.
    public struct Item: Sendable {
        public var name: String
        public var points: String
        public var figures: [String]
        /// The item's name in English (the rubric's `name_en:`).
        public var nameEn: String?

        public init(name: String, points: String, figures: [String], nameEn: String? = nil) {
            self.name = name
            self.nameEn = nameEn
            self.points = points
            self.figures = figures
        }
    }

    var byFigure: [String: [Finding.RubricItem]] = [:]

    public init() {}

    public init(_ items: [Item], catalog: FigureCatalog) {
        for item in items {
            for id in item.figures.flatMap(catalog.closure(of:)) where !(byFigure[id] ?? []).contains(where: { $0.item == item.name }) {
                byFigure[id, default: []].append(Finding.RubricItem(item: item.name, points: item.points, itemEn: item.nameEn))
            }
        }
    }

    /// The items the figures feed, in rubric order, each once.
    public func items(for figures: [String]) -> [Finding.RubricItem] {
        var out: [Finding.RubricItem] = []
        for f in figures {
            for hit in byFigure[f] ?? [] where !out.contains(where: { $0.item == hit.item }) { out.append(hit) }
        }
        return out
    }
}
