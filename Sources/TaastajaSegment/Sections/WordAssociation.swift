/// What the segmenter asks of a lexicon: how strongly one word follows another in running Estonian text (the
/// duties parser uses it to find where two interleaved table columns part on a line), and whether a form is
/// Estonian (to take a title printed in the genitive back to its basic form).
public protocol WordAssociation: Sendable {
    /// Positive for pairs seen together more often than chance, negative for pairs expected but not seen, 0 when
    /// nothing is known. Words as printed; implementations fold case.
    func association(_ first: String, _ second: String) -> Double

    /// Whether the lexicon knows `word` (any case) as a word form.
    func isKnownForm(_ word: String) -> Bool
}

extension WordAssociation {
    public func isKnownForm(_ word: String) -> Bool { false }
}
