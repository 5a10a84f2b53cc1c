/// Joins the printed lines of one value into a single string: spaces collapsed, hyphenated breaks rejoined,
/// punctuation in one typographic form.
enum ValueText {
    /// Words that follow a hyphen in Estonian shortened compounds ("teksti- ja andmetöötlus"), so the hyphen stays.
    private static let conjunctions: Set<String> = ["ja", "või", "ning", "ega", "kui", "nii", "ehk", "and", "or"]

    /// Symbols OCR leaves between words (table rules, bullet junk): never words of a value.
    private static let strayTokens: Set<String> = ["=", "»", "«", "¢", "©", "®", "|", "+»", "¦"]
    private static let strayScalars = Set("=»«¢©®|¦".unicodeScalars)

    static func join<S: Sequence>(_ parts: S) -> String where S.Element: StringProtocol {
        var out = ""
        for part in parts {
            var piece = collapse(part)
            if piece.unicodeScalars.contains(where: strayScalars.contains) {
                piece = piece.split(separator: " ").filter { !strayTokens.contains(String($0)) }.joined(separator: " ")
            }
            guard !piece.isEmpty else { continue }
            if out.isEmpty {
                out = piece
                continue
            }
            if out.hasSuffix("-"), out.count >= 2,
               out[out.index(out.endIndex, offsetBy: -2)].isLetter,
               let first = piece.first, first.isLowercase {
                let firstWord = piece.prefix { $0.isLetter }
                if conjunctions.contains(String(firstWord)) {
                    out += " " + piece
                } else {
                    out.removeLast()
                    out += piece
                }
            } else {
                out += " " + piece
            }
        }
        return Typography.canonical(out)
    }

    /// Runs of spaces and tabs as one space, ends trimmed.
    static func collapse(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\u{A0}" {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" ") }
            space = false
            out.append(scalar)
        }
        return String(out)
    }

    /// A list item as stored: the separator that ends it in the list (";" or ",") dropped.
    static func item(_ text: String) -> String {
        var text = text
        while let last = text.last, last == ";" || last == "," || last == " " { text.removeLast() }
        return text
    }
}
