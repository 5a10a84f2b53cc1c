/// A printed word with what is known of it apart from its context and the channel: worked out once per
/// distinct form in a document and shared by both passes. A class: every token of the form refers to it, and a
/// copy per token would retain each of its strings.
final class WordForm: Sendable {
    /// Distinct forms of a document are numbered from 0, so per-form tallies need no hashing.
    let number: Int
    let original: String
    let lower: String
    /// Lexicon id of the lowercase form.
    let id: Int?
    /// Corpus count of the lowercase form: nil if the lexicon does not know it, 0 for a user word.
    let frequency: Int?
    /// The lexicon knows the lowercase form, or it is a user word.
    var isKnown: Bool { frequency != nil }
    /// A common analysable word printed plainly, kept without a search.
    let isKeptAsCommon: Bool
    /// The word without its first letter when that letter is a bullet OCR glued to it (see `Restorer.bulletTail`).
    let bulletTail: String?

    init(number: Int, original: String, lower: String, id: Int?, frequency: Int?, isKeptAsCommon: Bool,
         bulletTail: String?) {
        self.number = number
        self.original = original
        self.lower = lower
        self.id = id
        self.frequency = frequency
        self.isKeptAsCommon = isKeptAsCommon
        self.bulletTail = bulletTail
    }
}
