import Foundation

// What a word looks like as printed: garbled, an identifier, or plausible Estonian.
extension Restorer {
    static let misreadCapitals: ScalarSet = ["O", "U", "G", "B", "D", "H", "A", "Q", "Õ", "Ö", "Ü", "Ä"]
    /// The letters of Estonian and of the foreign words it quotes, in lowercase.
    static let latinLetters = ScalarSet("abcdefghijklmnopqrstuvwxyzõäöüšž".unicodeScalars)
    /// Letters native Estonian words do not use: a word with one is foreign (Basicu, Calci), not garbled.
    static let foreignLetters: ScalarSet = ["c", "q", "w", "x", "y"]
    /// Not a word as printed: digits or OCR symbols among letters, capitals inside a lowercase word
    /// (`tH6taja`, `TOOks`), or a letter sequence no Estonian word form has (`tdotaja`, `koostddd`).
    func looksGarbled(_ word: String) -> Bool {
        hasMisreadSymbols(word) || hasForeignTrigram(word.lowercased())
    }
    /// Digits or OCR symbols among the letters of a lowercase word, or capitals OCR makes of diacritic letters
    /// inside it: marks of a misreading that no foreign word or name carries.
    func hasMisreadSymbols(_ word: String) -> Bool {
        let scalars = word.scalarArray
        guard scalars.contains(where: { $0.isLowercase }) else { return false }
        for (index, scalar) in scalars.enumerated() {
            if ("0"..."9").contains(scalar) || Tokenizer.wordSymbols.contains(scalar) { return true }
            // A letter Estonian does not write that OCR often reads for one it does (é for ä or õ).
            if !Self.latinLetters.contains(scalar), channel.suspicious.contains(scalar) { return true }
            // Capitals OCR makes of diacritic letters (Õ as O or G, Ü as U, ...) inside a lowercase word;
            // other inner capitals are names and identifiers (VarType).
            if index > 0, Self.misreadCapitals.contains(scalar), scalars[index - 1].isLowercase { return true }
            if index > 1, scalar.isLowercase, Self.misreadCapitals.contains(scalars[index - 1]),
               scalars[index - 2].isUppercase { return true }
        }
        return false
    }
    /// Identifiers and foreign words, left alone: an all-capital word with a letter sequence Estonian never
    /// has (CUMIPMT), or a run of four or more capitals with an Estonian case ending (BASICuga).
    func looksLikeIdentifier(_ word: String) -> Bool {
        let scalars = word.scalarArray
        let leadingCapitals = scalars.prefix { $0.isUppercase }.count
        // Judged with diacritics folded: a heading that lost them (NOUDED) is Estonian, not an identifier.
        if leadingCapitals == scalars.count {
            return scalars.count >= 2 && (word.lowercased().unicodeScalars.contains(where: Self.foreignLetters.contains)
                                          || hasForeignTrigram(Lexicon.fold(word.lowercased()), folded: true))
        }
        return leadingCapitals >= 4
    }
    func hasForeignTrigram(_ lower: String, folded: Bool = false) -> Bool {
        guard !lower.unicodeScalars.contains(where: Self.foreignLetters.contains) else { return false }
        let padded = ("^" + lower + "$").scalarArray
        guard padded.count >= 3, padded.allSatisfy({ $0.isAlphabetic || $0 == "^" || $0 == "$" }) else {
            return false
        }
        let known = folded ? lexicon.foldedTrigrams : lexicon.trigrams
        for start in 0...(padded.count - 3)
        where !known.contains(Lexicon.trigramKey(padded[start], padded[start + 1], padded[start + 2])) {
            return true
        }
        return false
    }
}
