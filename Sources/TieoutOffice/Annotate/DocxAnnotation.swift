/// Where a report states a figure, enough to find its text again in the document: the
/// sentence it is stated in (as ``ReportOutline`` quotes it; for an annex row, its cells
/// joined by ` | `), the figure as printed and its unit, and which of the figures printed
/// so in sentences worded so it is (0 for the first in the document).
public struct StatedFigure: Sendable, Codable, Equatable, Hashable {
    public var sentence: String
    /// As printed: `2,935.01`, `99.46%`.
    public var text: String
    /// 万元, 元, 亿元, 分, a measure word; empty for %.
    public var unit: String
    public var occurrence: Int

    public init(sentence: String, text: String, unit: String, occurrence: Int = 0) {
        self.sentence = sentence
        self.text = text
        self.unit = unit
        self.occurrence = occurrence
    }

    /// Whether it is an annex table row's score (its sentence is the row's cells).
    var isTableRow: Bool { sentence.contains(" | ") }
}

/// One mark on the annotated copy: the figure's text shaded in `fill`, and a Word comment.
public struct DocxAnnotation: Sendable, Equatable {
    public var place: StatedFigure
    /// The shading, `RRGGBB`.
    public var fill: String
    /// The comment's paragraphs.
    public var comment: [String]
    /// When two marks fall on the same figure, the shading of the higher rank is kept (both comments are).
    public var rank: Int

    public init(place: StatedFigure, fill: String, comment: [String], rank: Int = 0) {
        self.place = place
        self.fill = fill
        self.comment = comment
        self.rank = rank
    }
}

/// The annotated copy, as the bytes of a .docx, and the marks whose figure was not found.
public struct AnnotatedDocx: Sendable {
    public var bytes: [UInt8]
    /// Marks placed on their figure.
    public var placed: Int
    /// Marks whose figure's text was not found (the comment is then on its sentence, or, when
    /// that is not found either, on the document's first paragraph).
    public var unplaced: [DocxAnnotation]
}
