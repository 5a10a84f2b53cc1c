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
        var text = text
        var needsComposition = false
        // Over the UTF-8 bytes: a run of ASCII is copied at once, and a scalar left as it is keeps its bytes.
        let out = text.withUTF8 { utf8 -> [UInt8] in
            let bytes = UnsafeRawBufferPointer(utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                var end = index
                while end < bytes.count, bytes[end] < 0x80 { end += 1 }
                if end > index {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
                let (value, length) = bytes.utf8Scalar(at: index)
                let original = UnsafeRawBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)])
                index += length
                // Below U+2000 only the soft hyphen needs anything done; no table look-up for most text.
                guard let scalar = Unicode.Scalar(value), scalar != "\u{AD}" else { continue }
                if scalar == "ō" || scalar == "Ō" {
                    // Typed for õ where a keyboard lacked it: Estonian has no ō, and the lexicon knows only õ.
                    out.append(contentsOf: (scalar == "ō" ? "õ" : "Õ").utf8)
                } else if scalar.value < 0x2000 {
                    out.append(contentsOf: original)
                    needsComposition = needsComposition || !isComposed(scalar)
                } else if let expanded = ligatures[scalar] {
                    out.append(contentsOf: expanded.utf8)
                } else if bulletGlyphs.contains(scalar) {
                    out.append(contentsOf: "•".utf8)
                } else {
                    out.append(contentsOf: original)
                    needsComposition = needsComposition || !isComposed(scalar)
                }
            }
            return out
        }
        let result = String(decoding: out, as: UTF8.self)
        return needsComposition ? result.precomposedStringWithCanonicalMapping : result
    }

    /// Whether NFC leaves the scalar alone whatever surrounds it: Latin letters before the combining marks,
    /// punctuation, symbols and private-use glyphs (none of which combine or has a singleton mapping).
    private static func isComposed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0x2002...0x2125, 0x2127...0x2129, 0x212C...0x2328, 0x232B...0x2BFF, 0xE000...0xF8FF: true
        default: false
        }
    }

    /// A text layer worth using: enough real letters, little that is private-use, replacement or `(cid:NN)`.
    static func isRealText(_ text: String, minimumLetters: Int = 20) -> Bool {
        var letters = 0, junk = 0
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                if (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) { letters += 1 }
            } else if ("\u{E000}"..."\u{F8FF}").contains(scalar) || scalar == "\u{FFFD}" {
                junk += 1
            } else if scalar.properties.isAlphabetic {
                letters += 1
            }
        }
        junk += text.components(separatedBy: "(cid:").count * 6 - 6
        return letters >= minimumLetters && (minimumLetters >= 20 ? junk * 5 < letters : junk == 0)
    }
}
