import Foundation

/// Lexicon look-ups per word form for one document, shared by both passes (they do not depend on the channel).
final class LookupCache {
    /// Lexicon word ids per observed form (and search breadth).
    var matches: [String: [Int]] = [:]

    struct PartKey: Hashable {
        var text: String
        var asFirstPart: Bool
        var anyFirstPart: Bool
    }

    /// A lexicon word that may be one part of a compound, with the log of its prior as that part.
    struct Part {
        var word: String
        var logPrior: Double
    }

    var parts: [PartKey: [Part]] = [:]

    struct BoundsKey: Hashable {
        var observed: String
        var garbled: Bool
    }

    /// Per observed word, the first pass's channel cost of each lexicon match (see `matches`), or a lower bound
    /// of it where the edit distance stopped early; the second pass skips matches these rule out.
    var candidateBounds: [BoundsKey: [Double]] = [:]
    /// The same per compound part, for each of `parts`.
    var partBounds: [PartKey: [Double]] = [:]

    /// Lexicon ids of words (nil: not a lexicon word), and compound count estimates of unseen words.
    var indices: [String: Int?] = [:]
    var compoundEstimates: [String: Double] = [:]
    /// The same per word as written, for its lowercase form.
    var lowercaseIndices: [String: Int?] = [:]

    /// Per printed word: its analysis, or nil when it is left alone (see `Restorer.analysis(of:cache:)`).
    var analyses: [String: Restorer.Analysis?] = [:]
}
