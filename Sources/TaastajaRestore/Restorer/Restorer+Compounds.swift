import Foundation

// Compounds: Estonian joins words freely, so a word the lexicon lacks may be two it has.
extension Restorer {
    /// Expected corpus count of an unseen compound: its head's count, scaled by how productive its first part is.
    func compoundEstimate(_ word: String, lookups: LookupCache?) -> Double {
        guard let lookups else { return computeCompoundEstimate(word) }
        if let known = lookups.compoundEstimates[word] { return known }
        let estimate = computeCompoundEstimate(word)
        lookups.compoundEstimates[word] = estimate
        return estimate
    }
    func computeCompoundEstimate(_ word: String) -> Double {
        // A local, not `self`: the closure would otherwise copy the whole restorer.
        let lexicon = lexicon
        return WordCuts.with(word) { cuts in
            guard cuts.letterCount >= 6 else { return 0 }
            var best = 0.0
            for cut in 3...(cuts.letterCount - 3) {
                guard let firstCount = lexicon.compoundPartCount(utf8: cuts.first(cut)), firstCount >= 2,
                      let headCount = lexicon.frequency(ofUTF8: cuts.head(cut)) else { continue }
                let productivity = Double(firstCount) / (Double(firstCount) + 50)
                best = max(best, 0.3 * Double(headCount) * productivity)
            }
            return best
        }
    }

    /// Whether `word` reads as a compound of a known first part (at least 3 letters) and a known word (at least 3
    /// letters); asked once per document.
    func splitsAsCompound(_ word: String, lookups: LookupCache) -> Bool {
        if let known = lookups.splitsAsCompound[word] { return known }
        let found = hasCompoundSplit(word)
        lookups.splitsAsCompound[word] = found
        return found
    }
    /// Whether `word` `isTwoWordCompound`, asked once per document.
    func isTwoWordCompound(_ word: String, lookups: LookupCache) -> Bool {
        if let known = lookups.splitsAsTwoWords[word] { return known }
        let found = isTwoWordCompound(word)
        lookups.splitsAsTwoWords[word] = found
        return found
    }
    private func hasCompoundSplit(_ word: String) -> Bool {
        let lexicon = lexicon
        return WordCuts.with(word) { cuts in
            guard cuts.letterCount >= 7 else { return false }
            for cut in stride(from: cuts.letterCount - 3, through: 3, by: -1) {
                if (lexicon.compoundPartCount(utf8: cuts.first(cut)) ?? 0) >= 2, lexicon.frequency(ofUTF8: cuts.head(cut)) != nil {
                    return true
                }
            }
            return false
        }
    }
    /// A form that may open an Estonian compound though none was seen doing so: an analysable word of five
    /// or more letters, or the -mis stem of a -mine noun (mõjutamis|oskus).
    /// The word is the lexicon's at `id`, or the -mis `stem` read through it; `length` is the word's letter count.
    /// Its string is built only for a word ending in -mis.
    func isCompoundStem(at id: Int, stem: String?, length: Int) -> Bool {
        if length >= 5 && lexicon.isValidated(at: id) { return true }
        guard let word = stem ?? (Self.endsInMis(lexicon.utf8(at: id)) ? lexicon.word(at: id) : nil) else { return false }
        return word.hasSuffix("mis") && lexicon.frequency(of: String(word.dropLast(3)) + "mine") != nil
    }
    /// Whether a word's UTF-8 ends in "mis" (compared as bytes: asked for every first-part candidate).
    private static func endsInMis(_ utf8: UnsafeRawBufferPointer) -> Bool {
        let count = utf8.count
        return count >= 3 && utf8[count - 3] == UInt8(ascii: "m") && utf8[count - 2] == UInt8(ascii: "i")
            && utf8[count - 1] == UInt8(ascii: "s")
    }
    /// Best reading of an unknown word as a garbled compound: first part and head corrected separately.
    func bestCompound(_ observed: String, anyFirstPart: Bool, channel: Channel, lookups: LookupCache) -> Scored? {
        let scalars = observed.scalarArray
        guard scalars.count >= 7 else { return nil }
        var best: Scored?
        for cut in 3...(scalars.count - 3) {
            let firstObserved = Array(scalars[..<cut]), headObserved = Array(scalars[cut...])
            // The head first: when it alone costs more than any reading may, the first part need not be sought.
            guard let head = bestPart(headObserved, asFirstPart: false, anyFirstPart: anyFirstPart, channel: channel,
                                      lookups: lookups), head.channel <= options.maxChannelCost,
                  let first = bestPart(firstObserved, asFirstPart: true, anyFirstPart: anyFirstPart, channel: channel,
                                       lookups: lookups)
            else { continue }
            let word = first.word + head.word
            let channelCost = first.channel + head.channel
            guard channelCost <= options.maxChannelCost else { continue }
            let total = channelCost + languageCost(word, previous: nil, next: nil, cache: nil)
            if best == nil || total < best!.total { best = Scored(word: word, channel: channelCost, total: total) }
        }
        return best
    }
    func bestPart(_ observed: [Unicode.Scalar], asFirstPart: Bool, anyFirstPart: Bool, channel: Channel,
                  lookups: LookupCache) -> Scored? {
        var best: Scored?, bestPart: LookupCache.Part?
        // Locals, not `self` or `channel`: the closures below would otherwise copy the whole restorer.
        let compiled = channel.compiled, lexicon = lexicon
        let observedIDs = compiled.encode(observed)
        let key = LookupCache.PartKey(text: String(scalars: observed), asFirstPart: asFirstPart, anyFirstPart: anyFirstPart)
        let parts = partMatches(key, observedCount: observed.count, lookups: lookups)
        // As for whole words (see `candidates`): the learned channel's costs bound the fitted channel's.
        let savings = channel.savings
        var firstPassCosts = savings == nil ? [Double](repeating: .infinity, count: parts.count) : []
        let firstPassBounds = savings == nil ? nil : lookups.partBounds[key]
        observedIDs.withUnsafeBufferPointer { observedIDs in
            // One buffer for every part's letter ids, not an array per part.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.longestWord * 4) { intended in
                PrefixSharingDistance.with(compiled, observed: observedIDs, capacity: intended.count) { distance in
                    for (position, part) in parts.enumerated() {
                        let encoded: Int?
                        if var stem = part.stem {
                            encoded = stem.withUTF8 { compiled.encode(utf8: UnsafeRawBufferPointer($0), into: intended) }
                        } else {
                            encoded = compiled.encode(utf8: lexicon.utf8(at: part.id), into: intended)
                        }
                        guard let length = encoded else { continue }
                        // A part whose letters alone cost more than the best total so far plus its prior cannot win: its
                        // edit distance may stop early.
                        let limit = best.map { $0.total + part.logPrior * 0.5 } ?? .infinity
                        if let savings, let firstPassBounds {
                            var saved = 0.0
                            for index in 0..<length { saved += savings[intended[index]] }
                            if firstPassBounds[position] - saved > limit + Self.roundingSlack { continue }
                        }
                        let channelCost = distance.cost(intended: UnsafeBufferPointer(rebasing: intended[..<length]),
                                                        limit: limit)
                        if savings == nil { firstPassCosts[position] = channelCost }
                        let total = channelCost - part.logPrior * 0.5
                        if best == nil || total < best!.total {
                            best = Scored(word: "", channel: channelCost, total: total)
                            bestPart = part
                        }
                    }
                }
            }
        }
        if savings == nil, lookups.partBounds[key] == nil { lookups.partBounds[key] = firstPassCosts }
        // The winner's word is the only one spelt out.
        if let bestPart { best?.word = bestPart.word(in: lexicon) }
        return best
    }
    /// Lexicon words that may stand for one part of a compound, with the log of their prior; independent of the
    /// channel, so looked up once per document (parts recur across a document's compounds and both passes).
    func partMatches(_ cacheKey: LookupCache.PartKey, observedCount: Int, lookups: LookupCache) -> [LookupCache.Part] {
        if let found = lookups.parts[cacheKey] { return found }
        let text = cacheKey.text, asFirstPart = cacheKey.asFirstPart, anyFirstPart = cacheKey.anyFirstPart
        var result: [LookupCache.Part] = []
        // A -mis stem is no word of its own: it is found through its -mine noun (m&jutamis → mõjutamine).
        let throughNoun = asFirstPart && text.hasSuffix("mis")
        // mõjutamis → mõjutamine: the stem's final s is the noun's ne.
        let runs = keyRuns(throughNoun ? String(text.dropLast()) + "ne" : text, arbitraryDeletion: anyFirstPart)
        var seen = IntegerSet(minimumCapacity: runs.reduce(0) { $0 + min($1.count, 200) })
        for run in runs {
            for id in run.prefix(200) where seen.insert(id) {
                // Cheap tests on the stored form first: most look-ups end here without building a string.
                let length = lexicon.length(at: id) - (throughNoun ? 1 : 0)
                guard length >= 3 else { continue }
                // A plausible word is read as a compound only with its letters swapped for their diacritic
                // forms (padevus|valdkonda) or a diacritic letter dropped or read as two (siisteemi); a garbled
                // one may need more.
                if !anyFirstPart && abs(length - observedCount) > lexicon.diacriticLetters(at: id) { continue }
                // A head is a real form of four or more letters, not a fragment the word list happens to hold.
                if !asFirstPart && !lexicon.isValidated(at: id) { continue }
                if !asFirstPart && length < 4 && lexicon.count(at: id) == 0 { continue }
                // Kept as an id: only a -mis stem needs its own string.
                var stem: String?
                if throughNoun {
                    let noun = lexicon.word(at: id)
                    guard noun.hasSuffix("mine") else { continue }
                    stem = String(noun.dropLast(2)) + "s"
                }
                let partCount = asFirstPart ? (stem.map(lexicon.compoundPartCount) ?? lexicon.compoundPartCount(at: id)) ?? 0 : 0
                if asFirstPart && partCount < 2 && !isCompoundStem(at: id, stem: stem, length: length) { continue }
                let prior = asFirstPart ? (partCount >= 2 ? Double(partCount) : 0.2 * Double(lexicon.count(at: id)))
                    : Double(lexicon.count(at: id))
                result.append(LookupCache.Part(id: id, stem: stem, logPrior: log(prior + 0.5)))
            }
        }
        lookups.parts[cacheKey] = result
        return result
    }
    /// A known word of four or more letters followed by an analysable form of four or more letters.
    func isTwoWordCompound(_ word: String) -> Bool {
        let lexicon = lexicon
        return WordCuts.with(word) { cuts in
            guard cuts.letterCount >= 8 else { return false }
            for cut in 4...(cuts.letterCount - 4) {
                guard lexicon.index(ofUTF8: cuts.first(cut)).map(lexicon.isValidated(at:)) ?? false
                        || (lexicon.compoundPartCount(utf8: cuts.first(cut)) ?? 0) >= 2,
                      let headIndex = lexicon.index(ofUTF8: cuts.head(cut)), lexicon.isValidated(at: headIndex) else { continue }
                return true
            }
            return false
        }
    }
}

/// A word's UTF-8 cut after any of its letters: compound parts are looked up as slices of the word's bytes, with
/// no string built per cut. Valid only inside `with`.
struct WordCuts {
    let bytes: UnsafeRawBufferPointer
    /// Where each letter's bytes start, then the end.
    let starts: UnsafeBufferPointer<Int>

    var letterCount: Int { starts.count - 1 }

    /// The first `cut` letters.
    func first(_ cut: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[..<starts[cut]]) }

    /// The letters after the first `cut`.
    func head(_ cut: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[starts[cut]...]) }

    static func with<Result>(_ word: String, _ body: (WordCuts) -> Result) -> Result {
        var word = word
        return word.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: bytes.count + 1) { starts in
                var count = 0
                for index in bytes.indices where bytes[index] & 0xC0 != 0x80 {
                    starts[count] = index
                    count += 1
                }
                starts[count] = bytes.count
                return body(WordCuts(bytes: bytes, starts: UnsafeBufferPointer(rebasing: starts[...count])))
            }
        }
    }
}
