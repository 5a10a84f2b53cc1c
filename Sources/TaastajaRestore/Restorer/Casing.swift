import Foundation

/// Carries the original word's capitalisation over to its restored form.
enum Casing {
    static func apply(of original: String, to word: String, sentenceStart: Bool) -> String {
        let letters = original.unicodeScalars.filter { $0.isAlphabetic }
        let upper = letters.filter { $0.isUppercase }.count
        if upper == letters.count && letters.count >= 2 {
            return word.uppercased()
        }
        guard let first = letters.first, first.isUppercase else { return word }
        // A capital the OCR invented mid-sentence for a lowercase letter (U for ü) is dropped.
        if !sentenceStart, let restoredFirst = word.unicodeScalars.first,
           restoredFirst.properties.lowercaseMapping != String(first).lowercased() {
            return word
        }
        return word.prefix(1).uppercased() + word.dropFirst()
    }
}
