import Foundation

// Readings across token boundaries: words OCR split, words broken at a line end, glued bullets.
extension Restorer {
    /// Two tokens that are one word OCR split, at a space read for nothing or for a letter
    /// (`valdkonnap histes` → `valdkonnapõhistes`). Only when one part is unknown and the whole is Estonian.
    func splitWord(_ firstForm: WordForm, _ secondForm: WordForm, sentenceStart: Bool, channel: Channel,
                   cache: CandidateCache) -> Decision? {
        let first = firstForm.original, second = secondForm.original
        guard !(isKnown(first) && isKnown(second)),
              !looksLikeIdentifier(first), !looksLikeIdentifier(second),
              second.unicodeScalars.first.map({ !$0.isUppercase || first.uppercased() == first }) ?? false
        else { return nil }
        // Read apart, each part costs what its own best reading costs; read together, one word plus the
        // misread space and a charge for the join (two words are always cheaper to explain than one rare one).
        // Only a part that cannot be read alone (unknown, and no confident restoration) asks for a join.
        let unreadable = { (form: WordForm, start: Bool) -> Bool in
            let word = form.original
            // A word the lexicon lacks but reads as a compound of known parts is read alone (trükitöö).
            guard !self.isKnown(word), !self.splitsAsCompound(word.lowercased(), lookups: cache.lookups) else { return false }
            guard let decision = cache.decision(.init(form: form.number, sentenceStart: start), { self.decide(word, previousID: nil, nextID: nil, sentenceStart: start,
                                                                        channel: channel, cache: cache) }) else {
                return true
            }
            return decision.uncertain
        }
        guard unreadable(firstForm, sentenceStart) || unreadable(secondForm, false),
              // Whether the whole is Estonian does not depend on the channel: found once per document.
              let join = join(firstForm, secondForm, cache: cache) else { return nil }
        let apart = readingCost(firstForm, sentenceStart: sentenceStart, channel: channel, cache: cache)
            + readingCost(secondForm, sentenceStart: false, channel: channel, cache: cache)
        guard join.cost < apart else { return nil }
        return Decision(word: Casing.apply(of: first, to: join.word, sentenceStart: sentenceStart),
                        confidence: 0.8, uncertain: false, absorbsNext: true, cost: join.cost)
    }

    private func isKnown(_ word: String) -> Bool { lexicon.frequency(of: word.lowercased()) != nil }

    /// Two tokens read as one lexicon word (lowercase), with õ ü ö or ä put back at the gap or nothing: the
    /// first such reading, and what the language model charges for it and for the join; nil when there is none.
    func join(_ firstForm: WordForm, _ secondForm: WordForm, cache: CandidateCache) -> LookupCache.Join? {
        let key = LookupCache.FormPair(first: firstForm.number, second: secondForm.number)
        if let known = cache.lookups.joins[key] { return known }
        let found = findJoin(firstForm.original, secondForm.original, cache: cache)
        cache.lookups.joins[key] = .some(found)
        return found
    }

    private func findJoin(_ first: String, _ second: String, cache: CandidateCache) -> LookupCache.Join? {
        for missing in ["", "õ", "ü", "ö", "ä"] {
            let lower = (first + missing + second).lowercased()
            let known = lexicon.frequency(of: lower).map { $0 > 0 || lexicon.isValidated(at: lexicon.index(of: lower)!) }
                ?? isTwoWordCompound(lower, lookups: cache.lookups)
            guard known else { continue }
            let cost = languageCost(lower, previous: nil, next: nil, cache: cache) + (missing.isEmpty ? 1 : 2)
                + options.joinCost
            return LookupCache.Join(word: lower, cost: cost)
        }
        return nil
    }
    /// One token that is two words OCR ran together (`allaja` → `alla ja`): a plain lowercase token that no word
    /// or compound explains, cut where both halves are common analysable words the corpus has seen side by side,
    /// and only when the two words and the lost space cost less than keeping an unknown word.
    func gluedWords(_ original: String, previousID: Int?, nextID: Int?, cache: CandidateCache) -> Decision? {
        let scalars = original.scalarArray
        guard scalars.count >= 4, scalars.allSatisfy(\.isLowercase), !looksGarbled(original),
              lexicon.frequency(of: original) == nil, !splitsAsCompound(original, lookups: cache.lookups),
              !isTwoWordCompound(original, lookups: cache.lookups)
        else { return nil }
        var best: (cost: Double, words: String)?
        for cut in 2...(scalars.count - 2) {
            let first = String(scalars: scalars[..<cut]), second = String(scalars: scalars[cut...])
            guard let i = lexicon.index(of: first), let j = lexicon.index(of: second),
                  lexicon.isValidated(at: i), lexicon.isValidated(at: j),
                  min(lexicon.count(at: i), lexicon.count(at: j)) >= options.commonWordCount,
                  lexicon.bigramCount(i, j) > 0 else { continue }
            let cost = languageCost(first, id: i, previousID: previousID, nextID: j, cache: cache)
                + languageCost(second, id: j, previousID: i, nextID: nextID, cache: cache) + options.joinCost
            if best == nil || cost < best!.cost { best = (cost, first + " " + second) }
        }
        guard let best, best.cost < options.unknownWordCost else { return nil }
        return Decision(word: best.words, confidence: 0.8, uncertain: false, cost: best.cost)
    }

    /// What the best reading of one word costs: its restoration, or keeping it.
    func readingCost(_ form: WordForm, sentenceStart: Bool, channel: Channel, cache: CandidateCache) -> Double {
        let word = form.original
        if let decision = cache.decision(.init(form: form.number, sentenceStart: sentenceStart), { decide(word, previousID: nil, nextID: nil, sentenceStart: sentenceStart,
                                                                     channel: channel, cache: cache) }) {
            return decision.cost
        }
        let lower = word.lowercased()
        let identity = channel.cost(intended: lower.scalarArray, observed: lower.scalarArray)
        if lexicon.frequency(of: lower) != nil { return identity + languageCost(lower, previous: nil, next: nil, cache: cache) }
        return identity + (looksGarbled(word) ? options.garbledWordCost : options.unknownWordCost)
    }
    /// The first part of a word broken by a hyphen at a line end, restored as part of the whole word
    /// (`juurdepéasu-` / `piiranguga`); the line layout stays.
    func hyphenatedFirstPart(_ first: String, _ second: String, sentenceStart: Bool, channel: Channel,
                                     cache: CandidateCache) -> Decision? {
        guard lexicon.frequency(of: first.lowercased()) == nil,
              second.unicodeScalars.first?.isLowercase == true else { return nil }
        guard let whole = decide(first + second, previousID: nil, nextID: nil, sentenceStart: sentenceStart, channel: channel, cache: cache),
              !whole.uncertain, whole.word.lowercased().hasSuffix(second.lowercased()) else { return nil }
        let restored = String(whole.word.dropLast(second.count))
        guard restored != first else { return nil }
        return Decision(word: restored, confidence: whole.confidence, uncertain: false)
    }
    /// A bullet OCR glued to the first word of a line (`QOrganiseerib`): the word without it, if that is Estonian.
    /// Whether the word opens a line is the caller's to check.
    func bulletTail(_ word: String) -> String? {
        let letters = word.scalarArray
        guard letters.count >= 4, letters[0].isUppercase, letters[1].isUppercase,
              letters[2].isLowercase else { return nil }
        let tail = String(scalars: letters[1...])
        guard !lexicon.contains(word), lexicon.contains(tail) else { return nil }
        return tail
    }
}
