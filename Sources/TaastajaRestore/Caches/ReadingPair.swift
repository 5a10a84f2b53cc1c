/// An intended word and the word read for it (both lowercase where the caller says so).
struct ReadingPair: Hashable, CacheKey {
    let intended: Spelling
    let observed: Spelling

    init(intended: String, observed: String) {
        (self.intended, self.observed) = (Spelling(intended), Spelling(observed))
    }

    var cacheHash: UInt64 { CacheHash.combine(intended.cacheHash, observed.cacheHash) }
}
