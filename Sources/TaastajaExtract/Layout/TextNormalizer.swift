import Foundation

/// The only normalization extraction does: Unicode NFC, one bullet glyph, ligatures expanded,
/// soft hyphens removed. Restoring diacritics is the restoration stage's job.
enum TextNormalizer {
    static let bulletGlyphs: Set<Unicode.Scalar> = [
        "\u{F0A7}", "\u{F0B7}", "\u{F076}", "\u{F0D8}", "\u{F0FC}", "\u{F06C}", "\u{F06E}", "\u{F0A8}",
        "▪", "■", "◦", "●", "∙", "‣", "⁃",
    ]
    private static let ligatures: [Unicode.Scalar: String] = [
        "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    ]

    static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{AD}" { continue }
            if let expanded = ligatures[scalar] {
                out.append(contentsOf: expanded.unicodeScalars)
            } else if bulletGlyphs.contains(scalar) {
                out.append("•")
            } else {
                out.append(scalar)
            }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// A text layer worth using: enough real letters, little that is private-use, replacement or `(cid:NN)`.
    static func isRealText(_ text: String, minimumLetters: Int = 20) -> Bool {
        var letters = 0, junk = 0
        for scalar in text.unicodeScalars {
            if ("\u{E000}"..."\u{F8FF}").contains(scalar) || scalar == "\u{FFFD}" {
                junk += 1
            } else if scalar.properties.isAlphabetic {
                letters += 1
            }
        }
        junk += text.components(separatedBy: "(cid:").count * 6 - 6
        return letters >= minimumLetters && (minimumLetters >= 20 ? junk * 5 < letters : junk == 0)
    }
}
