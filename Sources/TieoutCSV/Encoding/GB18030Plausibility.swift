/// Whether bytes that are not UTF-8 read as plausible Chinese in GB18030, or rather as
/// Western text (ISO-8859-1 / Windows-1252) that GB18030 would turn into rare characters.
///
/// The rule, on the detection sample, following GB18030's byte structure (ASCII bytes;
/// lead 81–FE with trail 40–7E/80–FE; lead 81–FE, 30–39, 81–FE, 30–39):
/// - *common*: two-byte codes B0A1–D7F9, the 3,755 level-1 hanzi of GB2312, which are
///   almost all of the characters in ordinary Chinese text;
/// - *neutral*: two-byte codes A1A1–A9FE, GB2312's punctuation, full-width forms and symbols;
/// - *rare*: every other two- or four-byte code: level-2 hanzi (D8A1–F7FE), GBK's and
///   GB18030's extensions (any trail byte below A1, where a Latin-1 accented letter followed
///   by an ASCII letter lands: `è` `r` → 鑢), four-byte codes;
/// - bytes that are not GB18030 at all (80, FF, a lead without a valid trail) count as rare too.
///
/// The text is plausible Chinese when it has at least one common hanzi and at least three
/// times as many common as rare codes (75%); otherwise Tieout does not guess.
struct GB18030Plausibility: Equatable {
    var common = 0
    var neutral = 0
    var rare = 0
    /// Of the rare: a two-byte code whose trail is an ASCII letter (an accented Latin letter then a letter).
    var latinPairs = 0
    /// Index of the first rare code in the sample, to show it.
    var firstRare: Int?

    var isPlausible: Bool { common >= 1 && common >= 3 * rare }

    init(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var i = 0
        func noteRare(_ at: Int) { rare += 1; if firstRare == nil { firstRare = at } }
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            guard b != 0x80 && b != 0xFF else { noteRare(i); i += 1; continue }
            guard i + 1 < n else { break }                        // the sample ends inside a code
            let t = p[i + 1]
            if t >= 0x30 && t <= 0x39 {
                guard i + 3 < n else { break }
                noteRare(i)
                i += 4
                continue
            }
            guard (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFE) else { noteRare(i); i += 1; continue }
            if b >= 0xB0 && b <= 0xD7 && t >= 0xA1 && !(b == 0xD7 && t >= 0xFA) {
                common += 1
            } else if b >= 0xA1 && b <= 0xA9 && t >= 0xA1 {
                neutral += 1
            } else {
                noteRare(i)
                if (t >= 0x41 && t <= 0x5A) || (t >= 0x61 && t <= 0x7A) { latinPairs += 1 }
            }
            i += 2
        }
    }
}
