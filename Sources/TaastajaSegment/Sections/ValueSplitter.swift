/// Divides the values under a row of labels among those labels. A table row read as text puts cells side by
/// side on a line ("Tiimijuht Tiimijuht, koordinaator Koordinaator, tiimijuht") or in blocks of their own;
/// the likeliest cell boundaries are a blank line, a wide gap, and a capital that does not continue a list.
enum ValueSplitter {
    private struct Word {
        var text: String
        /// How likely a cell starts at this word.
        var boundary: Double
    }

    private static let joiners: Set<String> = ["ja", "ning", "või", "ega", "ehk", "sh", "nt", "of", "and", "the"]

    static func split(_ blocks: [[SourceLine]], into count: Int) -> [String] {
        guard count > 0 else { return [] }
        var words: [Word] = []
        for (blockIndex, block) in blocks.enumerated() {
            for (lineIndex, line) in block.enumerated() {
                let pieces = gapSeparatedPieces(line.raw)
                for (pieceIndex, piece) in pieces.enumerated() {
                    for (wordIndex, word) in piece.split(separator: " ").enumerated() {
                        var boundary = 0.0
                        if wordIndex == 0 {
                            if pieceIndex > 0 {
                                boundary = 3
                            } else if lineIndex == 0 {
                                boundary = blockIndex > 0 ? 3.5 : 0
                            } else {
                                boundary = 0.2
                            }
                        }
                        if boundary < 3, let previous = words.last, word.first?.isUppercase == true,
                           !previous.text.hasSuffix(","), !previous.text.hasSuffix("-"),
                           !joiners.contains(previous.text.lowercased()),
                           word.count > 1 && !word.allSatisfy({ $0.isUppercase }) {
                            boundary = max(boundary, 2)
                        }
                        words.append(Word(text: String(word), boundary: boundary))
                    }
                }
            }
        }
        guard !words.isEmpty else { return Array(repeating: "", count: count) }
        let ranked = words.indices.dropFirst().filter { words[$0].boundary >= 2 }
            .sorted { words[$0].boundary != words[$1].boundary ? words[$0].boundary > words[$1].boundary : $0 < $1 }
        let cuts = Array(ranked.prefix(count - 1)).sorted()
        var parts: [String] = []
        var start = 0
        for cut in cuts + [words.count] {
            parts.append(ValueText.join(words[start..<cut].map(\.text)))
            start = cut
        }
        while parts.count < count { parts.append("") }
        return parts
    }

    /// A line cut where two or more spaces separate text (a table gap kept by the extractor).
    static func gapSeparatedPieces(_ raw: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var spaces = 0
        for character in raw {
            if character == " " || character == "\t" {
                spaces += character == "\t" ? 2 : 1
                continue
            }
            if spaces >= 2, !current.isEmpty {
                pieces.append(current)
                current = ""
            } else if spaces > 0, !current.isEmpty {
                current.append(" ")
            }
            spaces = 0
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
