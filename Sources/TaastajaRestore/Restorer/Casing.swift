import Foundation

/// Carries the original word's capitalisation over to its restored form.
enum Casing {
    static func apply(of original: String, to word: String, sentenceStart: Bool) -> String {
        // Counted, not filtered into new strings: this runs for every word a decision changes.
        var letters = 0, capitals = 0
        var firstLetter: Unicode.Scalar?
        for scalar in original.unicodeScalars where scalar.isAlphabetic {
            if firstLetter == nil { firstLetter = scalar }
            letters += 1
            if scalar.isUppercase { capitals += 1 }
        }
        if capitals == letters && letters >= 2 {
            return word.uppercased()
        }
        guard let first = firstLetter, first.isUppercase else { return word }
        // A capital the OCR invented mid-sentence for a lowercase letter (U for ü) is dropped.
        if !sentenceStart, let restoredFirst = word.unicodeScalars.first,
           restoredFirst.properties.lowercaseMapping != String(first).lowercased() {
            return word
        }
        return word.prefix(1).uppercased() + word.dropFirst()
    }
}
