/// How strongly one word follows another in running Estonian text; the duties parser uses it to find where
/// two interleaved table columns part on a line.
public protocol WordAssociation: Sendable {
    /// Positive for pairs seen together more often than chance, negative for pairs expected but not seen, 0 when
    /// nothing is known. Words as printed; implementations fold case.
    func association(_ first: String, _ second: String) -> Double
}
