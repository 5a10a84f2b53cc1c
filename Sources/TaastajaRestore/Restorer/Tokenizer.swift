/// Finds the words of a text and the bullet glyphs (or their OCR misreadings) that open its lines.
/// Everything between tokens is copied to the output untouched.
enum Tokenizer {
    enum Kind {
        case word
        case bullet
        case other
    }

    struct Token {
        var kind: Kind
        var range: Range<Int>
    }

    /// Glyphs that stand for a bullet when they open a line and a space follows: the real ones and what
    /// OCR makes of them.
    static let bulletGlyphs: ScalarSet = [
        "•", "▪", "■", "◦", "●", "\u{F0B7}", "\u{F0A7}", "e", "¢", "=", "»", "«", "©", "®", "*", "°", "o", "c",
    ]
    /// Letters OCR puts inside words for a letter it could not read.
    static let wordSymbols: ScalarSet = ["@", "&", "¢", "§", "["]

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {  // most of any text: no Unicode property look-up
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
                || value == 0x40 || value == 0x26 || value == 0x5B  // @ & [
        }
        return scalar.isAlphabetic || wordSymbols.contains(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value)
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) }
        return scalar.isAlphabetic
    }

    static func tokens(of scalars: [Unicode.Scalar]) -> [Token] {
        scalars.withUnsafeBufferPointer(tokens(of:))
    }

    /// Over a buffer: this reads every scalar of a document, several times for a word's.
    private static func tokens(of scalars: UnsafeBufferPointer<Unicode.Scalar>) -> [Token] {
        var tokens: [Token] = []
        // About one token in five scalars in prose: sized once instead of grown a dozen times.
        tokens.reserveCapacity(scalars.count / 4)
        var index = 0
        var lineStart = true
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                lineStart = true
                index += 1
                continue
            }
            if scalar == " " || scalar == "\t" {
                index += 1
                continue
            }
            if lineStart, bulletGlyphs.contains(scalar), index + 2 < scalars.count,
               scalars[index + 1] == " " || scalars[index + 1] == "\t",
               !(scalars[index + 2] == " " || scalars[index + 2] == "\n") {
                tokens.append(Token(kind: .bullet, range: index..<(index + 1)))
                index += 1
                lineStart = false
                continue
            }
            lineStart = false
            if isWordScalar(scalar) {
                var end = index
                while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
                // One digit after a word of three or more letters numbers it (kuupäev2); 0, 1 and 6, or more
                // digits, are more often misread letters (koost66, t60).
                var wordEnd = end
                while wordEnd > index, isDigit(scalars[wordEnd - 1]) { wordEnd -= 1 }
                // Counted in a loop: this runs for every word of a document.
                var lettersBefore = 0
                for position in index..<wordEnd where isLetter(scalars[position]) { lettersBefore += 1 }
                // Only digits follow the letters counted, so any letter of the token is among them.
                let hasLetter = lettersBefore > 0
                let numbering = end - wordEnd == 1 && scalars[wordEnd] != "0" && scalars[wordEnd] != "1"
                    && scalars[wordEnd] != "6"
                if wordEnd < end, lettersBefore >= 3, lettersBefore == wordEnd - index, numbering {
                    tokens.append(Token(kind: .word, range: index..<wordEnd))
                    tokens.append(Token(kind: .other, range: wordEnd..<end))
                } else {
                    tokens.append(Token(kind: hasLetter ? .word : .other, range: index..<end))
                }
                index = end
            } else {
                index += 1
            }
        }
        return tokens
    }

    /// A hyphen at a line's end, then the next line (blank lines and indentation allowed).
    static func isLineBreakHyphen(_ gap: String) -> Bool {
        guard gap.hasPrefix("-") else { return false }
        let rest = gap.dropFirst()
        return rest.contains("\n") && rest.allSatisfy { $0 == "\n" || $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    /// Whether only spaces or tabs stand between the line's start and `position`.
    static func opensLine(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
        var index = position - 1
        while index >= 0, scalars[index] == " " || scalars[index] == "\t" { index -= 1 }
        return index < 0 || scalars[index] == "\n"
    }

    /// Whether a word starting at `position` opens a sentence or a list item.
    /// What a sentence (or a list item, or a quotation) follows; a set, not a string searched for every word.
    private static let sentenceOpeners = ScalarSet(".!?:•▪=»¢\"„“(".unicodeScalars)

    static func startsSentence(_ scalars: [Unicode.Scalar], before position: Int) -> Bool {
        var index = position - 1
        var sawLineBreak = false
        while index >= 0 {
            let scalar = scalars[index]
            if scalar == "\n" { sawLineBreak = true } else if scalar != " " && scalar != "\t" {
                if Self.sentenceOpeners.contains(scalar) { return true }
                if sawLineBreak, scalar == "e" || scalar == "o" || scalar == "c" {
                    return index == 0 || scalars[index - 1] == "\n" || scalars[index - 1] == " "
                }
                return false
            }
            index -= 1
        }
        return true
    }
}
