import Foundation

/// Lexicon look-ups per word form for one document, shared by both passes (they do not depend on the channel).
final class LookupCache {
    /// Lexicon word ids per observed form (and search breadth).
    var matches = SpellingMap<[Int]>()

    struct PartKey: CacheKey {
        let part: Spelling
        let asFirstPart: Bool
        let anyFirstPart: Bool

        init(text: String, asFirstPart: Bool, anyFirstPart: Bool) {
            (part, self.asFirstPart, self.anyFirstPart) = (Spelling(text), asFirstPart, anyFirstPart)
        }

        var text: String { part.text }

        var cacheHash: UInt64 { CacheHash.combine(part.cacheHash, (asFirstPart ? 2 : 0) | (anyFirstPart ? 1 : 0)) }
    }

    /// A lexicon word (its id) that may be one part of a compound, with the log of its prior as that part.
    struct Part {
        var id: Int
        /// The -mis stem read through the word, a -mine noun (see `Restorer.partMatches`); nil: the word itself.
        var stem: String?
        var logPrior: Double

        func word(in lexicon: Lexicon) -> String { stem ?? lexicon.word(at: id) }
    }

    var parts = CacheMap<PartKey, [Part]>()

    struct BoundsKey: CacheKey {
        let observed: Spelling
        let garbled: Bool

        init(observed: String, garbled: Bool) {
            (self.observed, self.garbled) = (Spelling(observed), garbled)
        }

        var cacheHash: UInt64 { CacheHash.combine(observed.cacheHash, garbled ? 1 : 0) }
    }

    /// Per observed word, the first pass's channel cost of each lexicon match (see `matches`), or a lower bound
    /// of it where the edit distance stopped early; the second pass skips matches these rule out.
    var candidateBounds = CacheMap<BoundsKey, [Double]>()
    /// The same per compound part, for each of `parts`.
    var partBounds = CacheMap<PartKey, [Double]>()

    /// Lexicon ids of words (nil: not a lexicon word), and compound count estimates of unseen words.
    var indices = SpellingMap<Int?>()
    var compoundEstimates = SpellingMap<Double>()
    /// The same per word as written, for its lowercase form.
    var lowercaseIndices = SpellingMap<Int?>()

    /// Per lowercase word: whether it reads as a compound of known parts (`Restorer.splitsAsCompound`), and whether
    /// as two known words (`Restorer.isTwoWordCompound`).
    var splitsAsCompound = SpellingMap<Bool>()
    var splitsAsTwoWords = SpellingMap<Bool>()

    /// Two word forms (their `WordForm.number`s) one after the other.
    struct FormPair: CacheKey {
        var first: Int
        var second: Int

        var cacheHash: UInt64 { CacheHash.combine(UInt64(bitPattern: Int64(first)), UInt64(bitPattern: Int64(second))) }
    }

    /// Two tokens read as one word (see `Restorer.join`).
    struct Join {
        var word: String
        var cost: Double
    }

    var joins = CacheMap<FormPair, Join?>()

    /// Per printed word: its analysis, or nil when it is left alone (see `Restorer.analysis(of:cache:)`).
    var analyses = SpellingMap<Restorer.Analysis?>()
}
