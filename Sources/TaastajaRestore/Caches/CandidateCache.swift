import Foundation

/// Candidates per word form for one pass over one document (the same channel throughout).
final class CandidateCache {
    let lookups: LookupCache
    private var stored: [String: [Restorer.Candidate]] = [:]
    private var indices: [String: Int?] = [:]

    /// The lexicon index of a word, looked up once per document.
    func index(of word: String, in lexicon: Lexicon) -> Int? {
        if let known = indices[word] { return known }
        let found = lexicon.index(of: word)
        indices[word] = .some(found)
        return found
    }

    /// Compound count estimates (context-free) per word.
    var compoundEstimates: [String: Double] = [:]

    init(lookups: LookupCache) {
        self.lookups = lookups
    }
    private var decisions: [String: Restorer.Decision?] = [:]

    /// The decision for a word read without context.
    func alone(_ word: String, _ sentenceStart: Bool, _ compute: () -> Restorer.Decision?) -> Restorer.Decision? {
        let key = sentenceStart ? word + "\u{2}" : word
        if let found = decisions[key] { return found }
        let found = compute()
        decisions[key] = .some(found)
        return found
    }

    func candidates(_ observed: String, garbled: Bool, compute: () -> [Restorer.Candidate]) -> [Restorer.Candidate] {
        let key = garbled ? observed + "\u{1}" : observed
        if let found = stored[key] { return found }
        let found = compute()
        stored[key] = found
        return found
    }
}
