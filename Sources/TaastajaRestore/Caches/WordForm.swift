/// A printed word with what is known of it apart from its context and the channel: worked out once per
/// distinct form in a document and shared by both passes.
struct WordForm {
    let original: String
    let lower: String
    /// The lexicon knows the lowercase form, or it is a user word.
    let isKnown: Bool
    /// A common analysable word printed plainly, kept without a search.
    let isKeptAsCommon: Bool
}
