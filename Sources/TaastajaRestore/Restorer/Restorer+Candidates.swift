import Foundation

// Candidate search: which lexicon words an observed word may be a misreading of.
extension Restorer {
    /// Lexicon words (and, for an unknown word, a compound) the observed word may be a misreading of,
    /// with their channel costs; context-free, so cached per word form.
    func candidates(_ observed: String, _ observedScalars: [Unicode.Scalar], garbled: Bool, observedValid: Bool,
                            channel: Channel, lookups: LookupCache) -> [Candidate] {
        // A garbled word has to be explained by many misreadings; a plausible one by few.
        let maxChannel = garbled ? options.maxChannelCost + 10 : options.maxChannelCost
        let observedIDs = channel.compiled.encode(observedScalars)
        let matches = lexiconMatches(observed, observedScalars, arbitraryDeletion: garbled || !observedValid,
                                     lookups: lookups)
        // The learned channel's costs (or lower bounds of them) are kept for the pass through the channel fitted
        // to the document: a word whose cost cannot fall under the cap there is not measured again.
        let boundsKey = LookupCache.BoundsKey(observed: observed, garbled: garbled)
        let savings = channel.savings
        var firstPassCosts = savings == nil ? [Double](repeating: .infinity, count: matches.count) : []
        let firstPassBounds = savings == nil ? nil : lookups.candidateBounds[boundsKey]
        var result: [Candidate] = []
        var observedUTF8 = observed
        // Locals, not `self` or `channel`: the closures below would otherwise copy the whole restorer per word.
        let compiled = channel.compiled, lexicon = lexicon
        let measuredLimit = maxChannel + Self.boundHeadroom, skippedAbove = maxChannel + Self.roundingSlack
        observedUTF8.withUTF8 { observedBytes in
            observedIDs.withUnsafeBufferPointer { observedIDs in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.longestWord + 8) { intended in
                    PrefixSharingDistance.with(compiled, observed: observedIDs, capacity: intended.count) { distance in
                        for (position, id) in matches.enumerated() {
                            let bytes = lexicon.utf8(at: id)
                            guard let length = compiled.encode(utf8: bytes, into: intended) else { continue }
                            let isObserved = bytes.count == observedBytes.count
                                && (bytes.isEmpty || memcmp(bytes.baseAddress!, observedBytes.baseAddress!, bytes.count) == 0)
                            if let savings, let firstPassBounds, !isObserved {
                                var saved = 0.0
                                for index in 0..<length { saved += savings[intended[index]] }
                                if firstPassBounds[position] - saved > skippedAbove { continue }
                            }
                            let channelCost = distance.cost(intended: UnsafeBufferPointer(rebasing: intended[..<length]),
                                                            limit: isObserved ? .infinity : measuredLimit)
                            if savings == nil { firstPassCosts[position] = channelCost }
                            guard channelCost <= maxChannel || isObserved else { continue }
                            result.append(Candidate(word: lexicon.word(at: id), id: id, channel: channelCost))
                        }
                    }
                }
            }
        }
        if savings == nil { lookups.candidateBounds[boundsKey] = firstPassCosts }
        // A compound reading is sought only for a long unknown word no whole word explains cheaply.
        let cheapest = result.map(\.channel).min() ?? .infinity
        if lexicon.frequency(of: observed) == nil, observedScalars.count >= 8, cheapest > 6,
           let compound = bestCompound(observed, anyFirstPart: garbled, channel: channel, lookups: lookups) {
            result.append(Candidate(word: compound.word, id: nil, channel: compound.channel, compound: true))
        }
        for index in result.indices {
            let id = result[index].compound ? lexicon.index(of: result[index].word) : result[index].id
            result[index].unigramCount = unigramCount(result[index].word, id: id, lookups: lookups)
        }
        return result
    }
    /// How far past the cap the learned channel's costs are measured in the first pass: enough for the fitted
    /// channel's savings to rarely bring a word back under it, which would need measuring it again.
    static let boundHeadroom = 6.0
    /// Floating-point sums in another order may differ in their last bits.
    static let roundingSlack = 1e-6

    /// Lexicon words (ids) reachable from the observed word's key variants, of a similar length. Independent of
    /// the channel's costs, so shared by both passes over a document.
    func lexiconMatches(_ observed: String, _ observedScalars: [Unicode.Scalar], arbitraryDeletion: Bool,
                        lookups: LookupCache) -> [Int] {
        let cacheKey = arbitraryDeletion ? observed + "\u{1}" : observed
        if let found = lookups.matches[cacheKey] { return found }
        let runs = keyRuns(observed, arbitraryDeletion: arbitraryDeletion)
        // Sized for every id at once: growing them copies (and rehashes) what they hold.
        let most = runs.reduce(0) { $0 + min($1.count, 400) }
        var result: [Int] = []
        result.reserveCapacity(most)
        var seen = IntegerSet(minimumCapacity: most)
        for run in runs {
            for id in run.prefix(400) where seen.insert(id) {
                if abs(lexicon.length(at: id) - observedScalars.count) <= 4 { result.append(id) }
            }
        }
        lookups.matches[cacheKey] = result
        return result
    }
    /// Runs of lexicon words (ids) under the keys to look up: the observed word's key with up to three (four for
    /// long words) suspicious letters deleted, and with one letter swapped for a letter the channel often
    /// misreads as it.
    func keyRuns(_ observed: String, arbitraryDeletion: Bool) -> [Range<Int>] {
        var variants = KeyVariants(lexicon: lexicon)
        let scalars = observed.scalarArray
        // Every variant is built in one scratch buffer: a few hundred per word, no array each.
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 2 * scalars.count + 2) { buffer in
            let key = UnsafeMutableBufferPointer(rebasing: buffer[..<(scalars.count + 1)])
            let scratch = UnsafeMutableBufferPointer(rebasing: buffer[(scalars.count + 1)...])
            var keyLength = 0
            for scalar in scalars {
                if let keyed = WordKey.keyed(scalar) { key[keyLength] = keyed; keyLength += 1 }
            }
            let wholeKey = UnsafeBufferPointer(rebasing: key[..<keyLength])
            addDeletions(of: wholeKey, maxDeletions: keyLength >= 8 ? 4 : 3, into: &variants)
            // Any one letter of an unknown word may be a misreading the renders never showed (õ read as b).
            if arbitraryDeletion {
                for index in wholeKey.indices where !channel.suspicious.contains(wholeKey[index]) {
                    var length = 0
                    for other in wholeKey.indices where other != index {
                        scratch[length] = wholeKey[other]
                        length += 1
                    }
                    addDeletions(of: UnsafeBufferPointer(rebasing: scratch[..<length]), maxDeletions: 2, into: &variants)
                }
            }
            // One letter swapped for a letter the channel often misreads as it (its key, so the word's letters
            // are lowercase already).
            for (index, scalar) in scalars.enumerated() {
                for alternative in channel.alternatives(of: scalar) {
                    var length = 0
                    for (other, letter) in scalars.enumerated() {
                        if let keyed = WordKey.keyed(other == index ? alternative : letter) {
                            scratch[length] = keyed
                            length += 1
                        }
                    }
                    addDeletions(of: UnsafeBufferPointer(rebasing: scratch[..<length]), maxDeletions: 1, into: &variants)
                }
            }
        }
        return variants.runs
    }
    /// The key with every subset of up to `maxDeletions` suspicious letters deleted.
    func addDeletions(of key: UnsafeBufferPointer<Unicode.Scalar>, maxDeletions: Int, into variants: inout KeyVariants) {
        let count = key.count
        // Scratch on the stack, not arrays: this runs a few dozen times per word.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8 * count + 2) { bytes in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * count + 2) { integers in
                // Each letter's UTF-8 once, not once per variant; letter i is letterBytes[letterStarts[i]..<letterStarts[i + 1]].
                let letterBytes = UnsafeMutableBufferPointer(rebasing: bytes[..<(4 * count + 1)])
                let buffer = UnsafeMutableBufferPointer(rebasing: bytes[(4 * count + 1)...])
                let letterStarts = UnsafeMutableBufferPointer(rebasing: integers[..<(count + 1)])
                let positions = UnsafeMutableBufferPointer(rebasing: integers[(count + 1)...])
                var byteCount = 0, positionCount = 0
                for index in 0..<count {
                    let scalar = key[index]
                    letterStarts[index] = byteCount
                    for byte in UTF8.encode(scalar)! {
                        letterBytes[byteCount] = byte
                        byteCount += 1
                    }
                    if channel.suspicious.contains(scalar) {
                        positions[positionCount] = index
                        positionCount += 1
                    }
                }
                letterStarts[count] = byteCount
                /// Writes `letterBytes[from..<to]` into the buffer after `length` bytes, hashing them on.
                func append(_ from: Int, _ to: Int, _ length: inout Int, _ hash: inout UInt64) {
                    for offset in from..<to {
                        let byte = letterBytes[offset]
                        buffer[length] = byte
                        hash = StringHashIndex.hashing(byte, into: hash)
                        length += 1
                    }
                }
                // Depth first, deletions in increasing position: a variant is its parent's bytes up to the letter
                // it deletes, whose writing and hashing it shares, then every letter after it. The buffer holds
                // the `prefix` bytes of the letters before `start`, hashed to `prefixHash`.
                func visit(_ start: Int, _ depth: Int, _ prefix: Int, _ prefixHash: UInt64) {
                    var length = prefix, hash = prefixHash
                    append(letterStarts[start], byteCount, &length, &hash)
                    variants.add(UnsafeRawBufferPointer(start: buffer.baseAddress, count: length),
                                 hash: StringHashIndex.finished(hash))
                    guard depth < maxDeletions, variants.count < 2000 else { return }
                    var kept = prefix, keptHash = prefixHash, letter = start
                    for positionIndex in 0..<positionCount where positions[positionIndex] >= start {
                        let next = positions[positionIndex]
                        append(letterStarts[letter], letterStarts[next], &kept, &keptHash)
                        visit(next + 1, depth + 1, kept, keptHash)
                        letter = next
                    }
                }
                visit(0, 0, 0, StringHashIndex.hashStart)
            }
        }
    }
}

/// Distinct key variants of one observed word, each looked up as it is made; the runs of words found.
struct KeyVariants {
    let lexicon: Lexicon
    /// Variants are told apart by a 64-bit hash of their bytes, not kept.
    private var seen = IntegerSet(minimumCapacity: 64)
    private(set) var runs: [Range<Int>] = []
    var count: Int { seen.count }

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// Adds `key`, whose `StringHashIndex.hash` is `hash`.
    mutating func add(_ key: UnsafeRawBufferPointer, hash: Int) {
        guard seen.insert(hash) else { return }
        let run = lexicon.words(withKey: key, hash: hash)
        if !run.isEmpty { runs.append(run) }
    }
}
