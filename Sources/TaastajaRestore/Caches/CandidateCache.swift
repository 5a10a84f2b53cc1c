import Foundation

/// Candidates per word form for one pass over one document (the same channel throughout).
final class CandidateCache {
    let lookups: LookupCache
    private var stored = SpellingMap<[Restorer.Candidate]>()

    /// The lexicon index of a word, looked up once per document (both passes).
    func index(of word: String, in lexicon: Lexicon) -> Int? {
        if let known = lookups.indices[word] { return known }
        let found = lexicon.index(of: word)
        lookups.indices[word] = .some(found)
        return found
    }

    /// The lexicon index of a word's lowercase form, per word as written.
    func lowercaseIndex(of word: String, in lexicon: Lexicon) -> Int? {
        if let known = lookups.lowercaseIndices[word] { return known }
        let found = index(of: word.lowercased(), in: lexicon)
        lookups.lowercaseIndices[word] = .some(found)
        return found
    }

    init(lookups: LookupCache) {
        self.lookups = lookups
    }
    /// A word as printed (its `WordForm.number`) with what its decision depends on besides the channel.
    /// The neighbours count only through their lexicon ids (see `Restorer.languageCost`). Integers only: hashed
    /// for every word of a document in both passes.
    struct Context: CacheKey {
        var form: Int
        var previousID: Int?
        var nextID: Int?
        var sentenceStart: Bool

        /// Two words, not one per field and optional (lexicon ids are below 2^31).
        var cacheHash: UInt64 {
            CacheHash.combine(UInt64(bitPattern: Int64(form << 1 | (sentenceStart ? 1 : 0))),
                              UInt64(bitPattern: Int64((previousID.map { $0 + 1 } ?? 0) << 32 | (nextID.map { $0 + 1 } ?? 0))))
        }
    }

    private var decisions = CacheMap<Context, Restorer.Decision?>()

    /// Readings across token boundaries, asked again wherever the same words meet.
    enum Crossing: CacheKey {
        /// Two word forms (their numbers) one space apart, and whether the first opens a sentence.
        case split(Int, Int, Bool)
        case glued(Context)

        var cacheHash: UInt64 {
            switch self {
            case let .split(first, second, sentenceStart):
                CacheHash.combine(UInt64(bitPattern: Int64(first << 1 | (sentenceStart ? 1 : 0))),
                                  UInt64(bitPattern: Int64(second)))
            case let .glued(context):
                CacheHash.combine(context.cacheHash, 1)
            }
        }
    }
    private var crossings = CacheMap<Crossing, Restorer.Decision?>()

    func memo(_ crossing: Crossing, _ compute: () -> Restorer.Decision?) -> Restorer.Decision? {
        if let found = crossings[crossing] { return found }
        let found = compute()
        crossings[crossing] = .some(found)
        return found
    }
    /// Per word as printed: whether it is a common word kept without a search.
    var keptAsCommon = SpellingMap<Bool>()

    /// The decision for a word in its context, made once per document and pass (a document repeats phrases).
    func decision(_ context: Context, _ compute: () -> Restorer.Decision?) -> Restorer.Decision? {
        if let found = decisions[context] { return found }
        let found = compute()
        decisions[context] = .some(found)
        return found
    }

    private var identityCosts = SpellingMap<Double>()

    /// The channel cost of reading a word as itself, once per word and pass.
    func identityCost(of observed: String, _ compute: () -> Double) -> Double {
        if let known = identityCosts[observed] { return known }
        let cost = compute()
        identityCosts[observed] = cost
        return cost
    }

    private var plausibleReadings = CacheMap<ReadingPair, Bool>()

    /// Whether the channel's cheapest reading of `intended` as `observed` reads every observed letter for an
    /// intended one and only diacritic letters as two; once per pair and pass (it traces the edit distance).
    func readsPlausibly(_ intended: String, as observed: String, _ compute: () -> Bool) -> Bool {
        let pair = ReadingPair(intended: intended, observed: observed)
        if let known = plausibleReadings[pair] { return known }
        let plausible = compute()
        plausibleReadings[pair] = plausible
        return plausible
    }

    func candidates(_ observed: String, garbled: Bool, compute: () -> [Restorer.Candidate]) -> [Restorer.Candidate] {
        let key = garbled ? observed + "\u{1}" : observed
        if let found = stored[key] { return found }
        let found = compute()
        stored[key] = found
        return found
    }
}
