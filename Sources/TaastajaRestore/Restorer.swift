import Foundation
import TaastajaExtract

/// One word the restorer changed or could not resolve.
public struct TokenChange: Codable, Sendable, Equatable {
    public var original: String
    public var restored: String
    /// Share of the candidates' probability held by the chosen word, 0–1.
    public var confidence: Double
    /// Offset and length in the input, in Unicode scalars.
    public var offset: Int
    public var length: Int
    public var uncertain: Bool

    /// A bullet glyph made `•`, as opposed to a restored word.
    public var isBullet: Bool { restored == "•" || (restored.hasPrefix("• ") && !original.hasPrefix("•")) && original.count == 1 }
}

public struct Restoration: Sendable {
    public var text: String
    public var changes: [TokenChange]
    public var tokens: Int
    /// Words restored (bullet glyphs made `•` are not counted).
    public var changed: Int { changes.filter { !$0.uncertain && !$0.isBullet }.count }
    /// Words left unresolved or restored with low confidence.
    public var uncertain: Int { changes.filter { $0.uncertain || $0.confidence < 0.5 }.count }
}

/// Restores Estonian text read by OCR or stripped of diacritics: a noisy-channel corrector.
///
/// For each word, candidates come from the lexicon's key index (the word with the letters OCR garbles most
/// deleted, see `WordKey`), scored by the learned channel (how likely the candidate is to be read as what
/// was seen) and a word unigram/bigram model. A word that is already Estonian is changed only when a
/// candidate is far likelier; numbers, codes and words no candidate explains are left as they are.
public struct Restorer: Sendable {
    public struct Options: Sendable {
        /// Extra log-likelihood a candidate needs to replace a word that is itself Estonian.
        public var margin = 2.5
        /// Words restored with less confidence are left unchanged (and counted as uncertain).
        public var minConfidence = 0.0
        /// Highest channel cost (about four unlikely misreadings) a correction may have.
        public var maxChannelCost = 16.0
        /// Language-model cost of keeping a word the lexicon does not know (a count-0 word costs about 13.7).
        public var unknownWordCost = 21.0
        /// The same for a word with digits, symbols or inner capitals among its letters.
        public var garbledWordCost = 36.0
        /// A word seen this often in the corpus, and known to the analyser, is kept without a search.
        public var commonWordCount = 20
        /// Extra cost of a compound reading (first part and head restored separately).
        public var compoundCost = 2.0
        /// Extra cost of reading two tokens as one word OCR split.
        public var joinCost = 8.0
        /// Least confidence needed to rewrite a word that is not garbled.
        public var plausibleWordConfidence = 0.6
        /// Misread letters a first pass must find before the document gets a second, fitted pass.
        public var adaptationEvidence = 5.0
        /// How many letters of evidence the learned channel is worth when fitted to one document.
        public var adaptationStrength = 30.0
        public init() {}
    }

    public let lexicon: Lexicon
    let channel: Channel
    public var options: Options

    public init(lexicon: Lexicon, options: Options = Options()) {
        self.lexicon = lexicon
        channel = Channel(table: lexicon.channelTable)
        self.options = options
    }

    // MARK: Text

    /// Restores an extracted document; OCR word confidences are a prior: a word tesseract was unsure of is
    /// more readily changed, one it was sure of less.
    public func restore(_ document: Document) -> Restoration {
        restore(document.text, confidences: document.wordConfidences)
    }

    public func restore(_ text: String) -> Restoration {
        restore(text, confidences: [:])
    }

    private func restore(_ text: String, confidences: [Int: Double]) -> Restoration {
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer.tokens(of: scalars)
        // Two passes: the second reads the document through the channel fitted to what the first
        // restored confidently (a stripped document misreads ä as a far more often than the average scan).
        let lookups = LookupCache()
        let first = decisions(tokens, scalars, channel: channel, confidences: confidences, lookups: lookups)
        let counts = readings(tokens, scalars, first)
        if ProcessInfo.processInfo.environment["TAASTAJA_DEBUG_CHANNEL"] != nil {
            for letter in ["õ", "ö", "ü", "ä"] as [Unicode.Scalar] {
                FileHandle.standardError.write(Data("\(letter): \(counts[letter] ?? [:])\n".utf8))
            }
        }
        // A document that showed next to no misreadings (clean text) gains nothing from a second pass.
        let misreadings = counts.reduce(0.0) { total, row in
            total + row.value.filter { $0.key != String(row.key) }.values.reduce(0, +)
        }
        let second: [Decision?]
        if misreadings < options.adaptationEvidence {
            second = first
        } else {
            let adapted = channel.adapted(to: counts, strength: options.adaptationStrength)
            second = decisions(tokens, scalars, channel: adapted, confidences: confidences, lookups: lookups)
        }

        var output = String.UnicodeScalarView()
        var changes: [TokenChange] = []
        var cursor = 0
        var wordCount = 0
        var absorbedUntil = 0
        for (token, decision) in zip(tokens, second) {
            if token.range.lowerBound < cursor { continue }  // taken by a joined word
            output.append(contentsOf: scalars[cursor..<token.range.lowerBound])
            cursor = token.range.upperBound
            let original = String(String.UnicodeScalarView(scalars[token.range]))
            if token.kind == .word { wordCount += 1 }
            if absorbedUntil > token.range.lowerBound { continue }
            guard let decision else {
                output.append(contentsOf: original.unicodeScalars)
                continue
            }
            if decision.absorbsNext, let next = tokens.first(where: { $0.range.lowerBound >= token.range.upperBound }) {
                absorbedUntil = next.range.upperBound
                cursor = next.range.upperBound
                output.append(contentsOf: decision.word.unicodeScalars)
                let length = next.range.upperBound - token.range.lowerBound
                let originalPair = String(String.UnicodeScalarView(scalars[token.range.lowerBound..<next.range.upperBound]))
                changes.append(TokenChange(original: originalPair, restored: decision.word, confidence: decision.confidence,
                                           offset: token.range.lowerBound, length: length, uncertain: false))
                continue
            }
            let accepted = !decision.uncertain && decision.confidence >= options.minConfidence
            let restored = accepted ? decision.word : original
            output.append(contentsOf: restored.unicodeScalars)
            if decision.word != original || decision.uncertain {
                changes.append(TokenChange(original: original, restored: restored, confidence: decision.confidence,
                                           offset: token.range.lowerBound, length: token.range.count,
                                           uncertain: !accepted))
            }
        }
        output.append(contentsOf: scalars[cursor...])
        return Restoration(text: String(output), changes: changes, tokens: wordCount)
    }

    /// One decision per token (nil: leave it), reading the words through `channel`.
    private func decisions(_ tokens: [Tokenizer.Token], _ scalars: [Unicode.Scalar], channel: Channel,
                           confidences: [Int: Double], lookups: LookupCache) -> [Decision?] {
        let cache = CandidateCache(lookups: lookups)
        var result: [Decision?] = []
        var previousWord: String?
        var absorbed = false
        for (index, token) in tokens.enumerated() {
            if absorbed {
                absorbed = false
                result.append(nil)
                continue
            }
            let original = String(String.UnicodeScalarView(scalars[token.range]))
            switch token.kind {
            case .bullet:
                result.append(Decision(word: "•", confidence: 1, uncertain: false))
                previousWord = nil
                continue
            case .other:
                result.append(nil)
                previousWord = nil
                continue
            case .word:
                break
            }
            if let tail = gluedBulletTail(original, scalars: scalars, at: token.range.lowerBound) {
                result.append(Decision(word: "• \(tail)", confidence: 0.9, uncertain: false))
                previousWord = tail.lowercased()
                continue
            }
            let nextWord = tokens[(index + 1)...].first { $0.kind == .word }.map {
                String(String.UnicodeScalarView(scalars[$0.range])).lowercased()
            }
            let sentenceStart = Tokenizer.startsSentence(scalars, before: token.range.lowerBound)
            let decision = decide(original, previous: previousWord, next: nextWord, sentenceStart: sentenceStart,
                                  channel: channel, cache: cache, ocrConfidence: confidences[token.range.lowerBound])
            // A word read confidently on its own is not joined to its neighbour; an unresolved one may be half of
            // a word OCR split, or the first part of a word broken at a line end.
            let resolved = decision.map { !$0.uncertain } ?? (lexicon.frequency(of: original.lowercased()) != nil)
            if index + 1 < tokens.count, tokens[index + 1].kind == .word {
                let next = tokens[index + 1]
                let gap = String(String.UnicodeScalarView(scalars[token.range.upperBound..<next.range.lowerBound]))
                let following = String(String.UnicodeScalarView(scalars[next.range]))
                let currentKnown = lexicon.frequency(of: original.lowercased()) != nil
                let nextKnown = lexicon.frequency(of: following.lowercased()) != nil
                if gap == " ", !currentKnown, !resolved || !nextKnown,
                   let joined = splitWord(original, following, sentenceStart: sentenceStart, channel: channel, cache: cache) {
                    result.append(joined)
                    absorbed = true
                    previousWord = joined.word.lowercased()
                    continue
                }
                if Tokenizer.isLineBreakHyphen(gap), let first = hyphenatedFirstPart(original, following,
                                                                                     sentenceStart: sentenceStart,
                                                                                     channel: channel, cache: cache) {
                    result.append(first)
                    previousWord = first.word.lowercased()
                    continue
                }
            }
            result.append(decision)
            previousWord = (decision.map { $0.uncertain ? original : $0.word } ?? original).lowercased()
        }
        return result
    }

    /// What the letters of confidently read words were read as: kept known words show letters read right,
    /// confident corrections show the misreadings.
    private func readings(_ tokens: [Tokenizer.Token], _ scalars: [Unicode.Scalar], _ decisions: [Decision?])
        -> [Unicode.Scalar: [String: Double]] {
        var counts: [Unicode.Scalar: [String: Double]] = [:]
        for (token, decision) in zip(tokens, decisions) where token.kind == .word {
            let observed = String(String.UnicodeScalarView(scalars[token.range])).lowercased()
            if let decision {
                guard !decision.uncertain, decision.confidence >= 0.8, !decision.word.hasPrefix("•") else { continue }
                for (intended, read) in channel.readings(intended: Array(decision.word.lowercased().unicodeScalars),
                                                         observed: Array(observed.unicodeScalars)) {
                    counts[intended, default: [:]][read, default: 0] += 1
                }
            } else if let frequency = lexicon.frequency(of: observed), frequency > 0 {
                for letter in observed.unicodeScalars { counts[letter, default: [:]][String(letter), default: 0] += 1 }
            }
        }
        return counts
    }

    /// Two tokens that are one word OCR split, at a space read for nothing or for a letter
    /// (`valdkonnap histes` → `valdkonnapõhistes`). Only when one part is unknown and the whole is Estonian.
    private func splitWord(_ first: String, _ second: String, sentenceStart: Bool, channel: Channel,
                           cache: CandidateCache) -> Decision? {
        let isKnown = { (word: String) in self.lexicon.frequency(of: word.lowercased()) != nil }
        guard !(isKnown(first) && isKnown(second)),
              !looksLikeIdentifier(first), !looksLikeIdentifier(second),
              second.unicodeScalars.first.map({ !$0.properties.isUppercase || first.uppercased() == first }) ?? false
        else { return nil }
        // Read apart, each part costs what its own best reading costs; read together, one word plus the
        // misread space and a charge for the join (two words are always cheaper to explain than one rare one).
        // Only a part that cannot be read alone (unknown, and no confident restoration) asks for a join.
        let unreadable = { (word: String, start: Bool) -> Bool in
            guard !isKnown(word) else { return false }
            guard let decision = cache.alone(word, start, { self.decide(word, previous: nil, next: nil, sentenceStart: start,
                                                                        channel: channel, cache: cache) }) else {
                return true
            }
            return decision.uncertain
        }
        guard unreadable(first, sentenceStart) || unreadable(second, false) else { return nil }
        let apart = readingCost(first, sentenceStart: sentenceStart, channel: channel, cache: cache)
            + readingCost(second, sentenceStart: false, channel: channel, cache: cache)
        for missing in ["", "õ", "ü", "ö", "ä"] {
            let joined = first + missing + second
            let lower = joined.lowercased()
            let known = lexicon.frequency(of: lower).map { $0 > 0 || lexicon.isValidated(at: lexicon.index(of: lower)!) }
                ?? isTwoWordCompound(lower)
            guard known else { continue }
            let together = languageCost(lower, previous: nil, next: nil, cache: cache) + (missing.isEmpty ? 1 : 2) + options.joinCost
            guard together < apart else { return nil }
            return Decision(word: Casing.apply(of: first, to: lower, sentenceStart: sentenceStart), confidence: 0.8,
                            uncertain: false, absorbsNext: true, cost: together)
        }
        return nil
    }

    /// What the best reading of one word costs: its restoration, or keeping it.
    private func readingCost(_ word: String, sentenceStart: Bool, channel: Channel, cache: CandidateCache) -> Double {
        if let decision = cache.alone(word, sentenceStart, { decide(word, previous: nil, next: nil, sentenceStart: sentenceStart,
                                                                     channel: channel, cache: cache) }) {
            return decision.cost
        }
        let lower = word.lowercased()
        let identity = channel.cost(intended: Array(lower.unicodeScalars), observed: Array(lower.unicodeScalars))
        if lexicon.frequency(of: lower) != nil { return identity + languageCost(lower, previous: nil, next: nil, cache: cache) }
        return identity + (looksGarbled(word) ? options.garbledWordCost : options.unknownWordCost)
    }

    /// A known word of four or more letters followed by an analysable form of four or more letters.
    private func isTwoWordCompound(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 8 else { return false }
        for cut in 4...(scalars.count - 4) {
            let first = String(String.UnicodeScalarView(scalars[..<cut]))
            let head = String(String.UnicodeScalarView(scalars[cut...]))
            guard lexicon.index(of: first).map(lexicon.isValidated(at:)) ?? false || (lexicon.compoundPartCount(first) ?? 0) >= 2,
                  let headIndex = lexicon.index(of: head), lexicon.isValidated(at: headIndex) else { continue }
            return true
        }
        return false
    }

    /// The first part of a word broken by a hyphen at a line end, restored as part of the whole word
    /// (`juurdepéasu-` / `piiranguga`); the line layout stays.
    private func hyphenatedFirstPart(_ first: String, _ second: String, sentenceStart: Bool, channel: Channel,
                                     cache: CandidateCache) -> Decision? {
        guard lexicon.frequency(of: first.lowercased()) == nil,
              second.unicodeScalars.first?.properties.isLowercase == true else { return nil }
        guard let whole = decide(first + second, previous: nil, next: nil, sentenceStart: sentenceStart, channel: channel, cache: cache),
              !whole.uncertain, whole.word.lowercased().hasSuffix(second.lowercased()) else { return nil }
        let restored = String(whole.word.dropLast(second.count))
        guard restored != first else { return nil }
        return Decision(word: restored, confidence: whole.confidence, uncertain: false)
    }

    /// A bullet OCR glued to the first word of a line (`QOrganiseerib`): the word without it, if that is Estonian.
    private func gluedBulletTail(_ word: String, scalars: [Unicode.Scalar], at position: Int) -> String? {
        let letters = Array(word.unicodeScalars)
        guard letters.count >= 4, letters[0].properties.isUppercase, letters[1].properties.isUppercase,
              letters[2].properties.isLowercase else { return nil }
        var index = position - 1
        while index >= 0, scalars[index] == " " || scalars[index] == "\t" { index -= 1 }
        guard index < 0 || scalars[index] == "\n" else { return nil }
        let tail = String(String.UnicodeScalarView(letters[1...]))
        guard !lexicon.contains(word), lexicon.contains(tail) else { return nil }
        return tail
    }

    // MARK: One word

    struct Decision {
        var word: String
        var confidence: Double
        var uncertain: Bool
        /// The word also takes the next token and the space before it (a word OCR split in two).
        var absorbsNext = false
        /// −log likelihood of the chosen reading (channel and language model).
        var cost = 0.0
    }

    private struct Scored {
        var word: String
        var channel: Double
        var total: Double
    }

    /// The restored form of `original` in its context, or nil to leave it (numbers, codes, user words).
    func decide(_ original: String, previous: String?, next: String?, sentenceStart: Bool,
                channel: Channel, cache: CandidateCache, ocrConfidence: Double? = nil) -> Decision? {
        let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard !letters.isEmpty, original.unicodeScalars.count >= 2 else { return nil }
        let hasDigits = original.unicodeScalars.contains { ("0"..."9").contains($0) }
        if hasDigits && !letters.contains(where: { $0.properties.isLowercase }) { return nil }  // C1, B1, 3A
        if lexicon.isUserWord(original) { return nil }
        // A known or foreign word numbered with one digit (kuupäev1, Expression2) is not misread.
        if let last = original.unicodeScalars.last, ("0"..."9").contains(last) {
            let stem = String(original.unicodeScalars.dropLast())
            if stem.unicodeScalars.count >= 3, stem.unicodeScalars.allSatisfy(\.properties.isAlphabetic),
               (lexicon.frequency(of: stem.lowercased()) ?? 0) > 0
                || stem.lowercased().unicodeScalars.contains(where: Self.foreignLetters.contains) {
                return nil
            }
        }
        if !hasDigits && lexicon.frequency(of: original.lowercased()) == nil && looksLikeIdentifier(original) { return nil }
        let observed = original.lowercased()
        let observedScalars = Array(observed.unicodeScalars)

        let observedFrequency = lexicon.frequency(of: observed)
        let observedIsCompound = observedFrequency == nil && compoundSplit(observed) != nil
        let observedValid = observedFrequency != nil || observedIsCompound

        // A common word that the analyser knows is kept without a search: changing it is never worth the risk.
        if let frequency = observedFrequency, frequency >= options.commonWordCount,
           let index = lexicon.index(of: observed), lexicon.isValidated(at: index), !looksGarbled(original) {
            return nil
        }
        let garbled = looksGarbled(original)
        let found = cache.candidates(observed, garbled: garbled) {
            candidates(observed, observedScalars, garbled: garbled, observedValid: observedValid, channel: channel,
                       lookups: cache.lookups)
        }
        var scored = found.map {
            Scored(word: $0.word, channel: $0.channel, total: $0.channel + languageCost($0.word, previous: previous, next: next, cache: cache)
                   + ($0.compound ? options.compoundCost : 0))
        }
        let seen = Set(found.lazy.map(\.word))
        let identity = channel.cost(intended: observedScalars, observed: observedScalars)
        if observedFrequency != nil && !seen.contains(observed) {
            scored.append(Scored(word: observed, channel: identity,
                                 total: identity + languageCost(observed, previous: previous, next: next, cache: cache)))
        } else if observedFrequency == nil {
            // Keeping an unknown word costs what an unknown Estonian word costs the language model; a word
            // only known as a compound a little less; a word with digits or symbols among its letters, or a
            // capital inside it, is garbled and kept only when nothing explains it.
            let unknown = garbled ? options.garbledWordCost
                : observedIsCompound ? options.unknownWordCost - 1.5 : options.unknownWordCost
            scored.append(Scored(word: observed, channel: identity, total: identity + unknown))
        }
        if let debug = Self.debugWord, debug == original {
            for candidate in scored.sorted(by: { $0.total < $1.total }).prefix(8) {
                FileHandle.standardError.write(Data(String(format: "%@\tchannel %.2f\ttotal %.2f\n",
                                                           candidate.word, candidate.channel, candidate.total).utf8))
            }
        }
        guard let best = scored.min(by: { $0.total < $1.total }) else {
            return Decision(word: original, confidence: 0, uncertain: true, cost: options.garbledWordCost)
        }
        if best.word == observed && observedFrequency == nil {
            // Nothing explains the word better than leaving it: uncertain if it looks garbled.
            return looksGarbled(original) ? Decision(word: original, confidence: 0, uncertain: true, cost: best.total) : nil
        }
        let normalizer = scored.reduce(0.0) { $0 + exp(best.total - $1.total) }
        let confidence = 1 / normalizer
        if observedFrequency != nil {
            // A known word is changed only when a candidate is far likelier; as printed with odd capitals
            // (`TOOks`) it is no evidence of itself and needs only to be beaten.
            let keepTotal = scored.first { $0.word == observed }!.total
            // A form only tesseract's list vouches for is often itself a stripped or misread word.
            let validated = lexicon.index(of: observed).map(lexicon.isValidated(at:)) ?? true
            // Tesseract's own doubt about the word (below 60 of 100) lowers the margin; its certainty raises it.
            let ocrShift = ocrConfidence.map { min(1, max(-options.margin, ($0 - 60) / 20)) } ?? 0
            let margin = garbled ? 0 : max(0, (validated ? options.margin : options.margin / 2.5) + ocrShift)
            guard best.word != observed, best.total < keepTotal - margin else { return nil }
        }
        // A word that reads as Estonian is not rewritten on a coin toss, nor lengthened or shortened except
        // where a diacritic letter was lost or read as several (iguse → õiguse, siisteem → süsteem; never
        // Calci → Calc or sis → siis).
        if !garbled {
            if confidence < options.plausibleWordConfidence {
                return Decision(word: original, confidence: confidence, uncertain: true, cost: best.total)
            }
            let readings = channel.readings(intended: Array(best.word.unicodeScalars), observed: observedScalars)
            let lettersRead = readings.reduce(0) { $0 + $1.1.unicodeScalars.count }
            let onlyLostDiacritics = readings.allSatisfy { intended, read in
                read.unicodeScalars.count == 1 || Channel.diacritics.contains(intended)
            }
            guard lettersRead == observedScalars.count, onlyLostDiacritics else {
                return Decision(word: original, confidence: confidence, uncertain: true, cost: best.total)
            }
        }
        let cased = Casing.apply(of: original, to: best.word, sentenceStart: sentenceStart)
        return Decision(word: cased, confidence: confidence, uncertain: false, cost: best.total)
    }

    /// Not a word as printed: digits or OCR symbols among letters, capitals inside a lowercase word
    /// (`tH6taja`, `TOOks`), or a letter sequence no Estonian word form has (`tdotaja`, `koostddd`).
    func looksGarbled(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.contains(where: { $0.properties.isLowercase }) else {
            return hasForeignTrigram(word.lowercased())
        }
        for (index, scalar) in scalars.enumerated() {
            if ("0"..."9").contains(scalar) || Tokenizer.wordSymbols.contains(scalar) { return true }
            // Capitals OCR makes of diacritic letters (Õ as O or G, Ü as U, ...) inside a lowercase word;
            // other inner capitals are names and identifiers (VarType).
            if index > 0, Self.misreadCapitals.contains(scalar), scalars[index - 1].properties.isLowercase { return true }
            if index > 1, scalar.properties.isLowercase, Self.misreadCapitals.contains(scalars[index - 1]),
               scalars[index - 2].properties.isUppercase { return true }
        }
        return hasForeignTrigram(word.lowercased())
    }

    static let misreadCapitals: Set<Unicode.Scalar> = ["O", "U", "G", "B", "D", "H", "A", "Q", "Õ", "Ö", "Ü", "Ä"]

    /// Identifiers and foreign words, left alone: an all-capital word with a letter sequence Estonian never
    /// has (CUMIPMT), or a run of four or more capitals with an Estonian case ending (BASICuga).
    func looksLikeIdentifier(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        let leadingCapitals = scalars.prefix { $0.properties.isUppercase }.count
        // Judged with diacritics folded: a heading that lost them (NOUDED) is Estonian, not an identifier.
        if leadingCapitals == scalars.count {
            return scalars.count >= 2 && (word.lowercased().unicodeScalars.contains(where: Self.foreignLetters.contains)
                                          || hasForeignTrigram(Lexicon.fold(word.lowercased()), folded: true))
        }
        return leadingCapitals >= 4
    }

    /// Letters native Estonian words do not use: a word with one is foreign (Basicu, Calci), not garbled.
    static let foreignLetters: Set<Unicode.Scalar> = ["c", "q", "w", "x", "y"]

    private func hasForeignTrigram(_ lower: String, folded: Bool = false) -> Bool {
        guard !lower.unicodeScalars.contains(where: Self.foreignLetters.contains) else { return false }
        let padded = Array(("^" + lower + "$").unicodeScalars)
        guard padded.count >= 3, padded.allSatisfy({ $0.properties.isAlphabetic || $0 == "^" || $0 == "$" }) else {
            return false
        }
        let known = folded ? lexicon.foldedTrigrams : lexicon.trigrams
        for start in 0...(padded.count - 3) where !known.contains(String(String.UnicodeScalarView(padded[start..<(start + 3)]))) {
            return true
        }
        return false
    }

    /// `TAASTAJA_DEBUG_WORD=word` prints that word's scored candidates to stderr.
    static let debugWord = ProcessInfo.processInfo.environment["TAASTAJA_DEBUG_WORD"]

    struct Candidate {
        var word: String
        var channel: Double
        var compound = false
    }

    private func observedFrequency(_ word: String) -> Int? { lexicon.frequency(of: word) }

    /// Lexicon words (and, for an unknown word, a compound) the observed word may be a misreading of,
    /// with their channel costs; context-free, so cached per word form.
    private func candidates(_ observed: String, _ observedScalars: [Unicode.Scalar], garbled: Bool, observedValid: Bool,
                            channel: Channel, lookups: LookupCache) -> [Candidate] {
        // A garbled word has to be explained by many misreadings; a plausible one by few.
        let maxChannel = garbled ? options.maxChannelCost + 10 : options.maxChannelCost
        let observedIDs = channel.compiled.encode(observedScalars)
        var result: [Candidate] = []
        for (word, scalars) in lexiconMatches(observed, observedScalars, arbitraryDeletion: garbled || !observedValid,
                                              lookups: lookups) {
            let channelCost = channel.compiled.cost(intended: channel.compiled.encode(scalars), observed: observedIDs)
            guard channelCost <= maxChannel || word == observed else { continue }
            result.append(Candidate(word: word, channel: channelCost))
        }
        // A compound reading is sought only for a long unknown word no whole word explains cheaply.
        let cheapest = result.map(\.channel).min() ?? .infinity
        if observedFrequency(observed) == nil, observedScalars.count >= 8, cheapest > 6,
           let compound = bestCompound(observed, anyFirstPart: garbled, channel: channel) {
            result.append(Candidate(word: compound.word, channel: compound.channel, compound: true))
        }
        return result
    }

    /// Lexicon words reachable from the observed word's key variants, of a similar length. Independent of the
    /// channel's costs, so shared by both passes over a document.
    private func lexiconMatches(_ observed: String, _ observedScalars: [Unicode.Scalar], arbitraryDeletion: Bool,
                                lookups: LookupCache) -> [(String, [Unicode.Scalar])] {
        let cacheKey = arbitraryDeletion ? observed + "\u{1}" : observed
        if let found = lookups.matches[cacheKey] { return found }
        var result: [(String, [Unicode.Scalar])] = []
        var seen = Set<Int>()
        for key in keyVariants(observed, arbitraryDeletion: arbitraryDeletion) {
            for id in lexicon.words(withKey: key).prefix(400) where seen.insert(id).inserted {
                let word = lexicon.word(at: id)
                let scalars = Array(word.unicodeScalars)
                if abs(scalars.count - observedScalars.count) <= 4 { result.append((word, scalars)) }
            }
        }
        lookups.matches[cacheKey] = result
        return result
    }

    /// −log P(word | neighbours): interpolated bigram over a smoothed unigram; compounds share their head's count.
    private func languageCost(_ word: String, previous: String?, next: String?, cache: CandidateCache?) -> Double {
        let vocabulary = Double(lexicon.wordCount)
        let total = lexicon.corpusTokens
        func unigram(_ count: Double) -> Double { (count + 0.5) / (total + 0.5 * vocabulary) }
        let id = lexicon.index(of: word)
        // A form only tesseract's list has, unseen in the corpus, is less likely than an analysable one.
        var count = id.map { Double(lexicon.count(at: $0)) - (lexicon.isValidated(at: $0) ? 0 : 0.4) } ?? 0
        if count <= 0 {
            // Unseen in the corpus: estimate a compound from its head and how often its first part opens compounds.
            count = max(count, compoundEstimate(word, cache: cache))
        }
        let probability = unigram(count)
        var cost = -log(probability)
        // Context from a small corpus: its evidence is capped so it can tip a choice, not overrule the letters.
        let maximumBoost = 3.0
        if let previous, let id, let previousID = lexicon.index(of: previous) {
            let previousCount = Double(lexicon.count(at: previousID))
            let pair = Double(lexicon.bigramCount(previousID, id))
            if previousCount > 0, pair > 0 {
                cost -= min(maximumBoost, log((0.7 * probability + 0.3 * pair / previousCount) / probability))
            }
        }
        if let next, let id, count > 0, let nextID = lexicon.index(of: next) {
            let pair = Double(lexicon.bigramCount(id, nextID))
            let nextCount = Double(lexicon.count(at: nextID))
            if pair > 0 {
                cost -= min(maximumBoost, log((0.7 * unigram(nextCount) + 0.3 * pair / count) / unigram(nextCount)))
            }
        }
        return cost
    }

    // MARK: Candidates

    /// Keys to look up: the observed word's key with up to three (four for long words) suspicious letters
    /// deleted, and with one letter swapped for a letter the channel often misreads as it.
    func keyVariants(_ observed: String, arbitraryDeletion: Bool) -> Set<[UInt8]> {
        var variants = Set<[UInt8]>()
        let key = Array(WordKey.of(observed).unicodeScalars)
        addDeletions(of: key, maxDeletions: key.count >= 8 ? 4 : 3, into: &variants)
        // Any one letter of an unknown word may be a misreading the renders never showed (õ read as b).
        for index in key.indices where arbitraryDeletion && !channel.suspicious.contains(key[index]) {
            var shorter = key
            shorter.remove(at: index)
            addDeletions(of: shorter, maxDeletions: 2, into: &variants)
        }
        let scalars = Array(observed.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            for alternative in channel.alternatives[scalar] ?? [] {
                var swapped = scalars
                swapped[index] = alternative
                addDeletions(of: Array(WordKey.of(String(String.UnicodeScalarView(swapped))).unicodeScalars),
                             maxDeletions: 1, into: &variants)
            }
        }
        return variants
    }

    /// The key with every subset of up to `maxDeletions` suspicious letters deleted, as UTF-8.
    private func addDeletions(of key: [Unicode.Scalar], maxDeletions: Int, into variants: inout Set<[UInt8]>) {
        let encoded = key.map { Array(String($0).utf8) }
        let positions = key.indices.filter { channel.suspicious.contains(key[$0]) }
        var removed = [Bool](repeating: false, count: key.count)
        func visit(_ start: Int, _ depth: Int) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(key.count * 2)
            for index in key.indices where !removed[index] { bytes += encoded[index] }
            variants.insert(bytes)
            guard depth < maxDeletions, variants.count < 2000 else { return }
            for next in positions where next >= start {
                removed[next] = true
                visit(next + 1, depth + 1)
                removed[next] = false
            }
        }
        visit(0, 0)
    }

    /// Expected corpus count of an unseen compound: its head's count, scaled by how productive its first part is.
    func compoundEstimate(_ word: String, cache: CandidateCache?) -> Double {
        guard let cache else { return computeCompoundEstimate(word) }
        if let known = cache.compoundEstimates[word] { return known }
        let estimate = computeCompoundEstimate(word)
        cache.compoundEstimates[word] = estimate
        return estimate
    }

    private func computeCompoundEstimate(_ word: String) -> Double {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 6 else { return 0 }
        var best = 0.0
        for cut in 3...(scalars.count - 3) {
            let first = String(String.UnicodeScalarView(scalars[..<cut]))
            guard let firstCount = lexicon.compoundPartCount(first), firstCount >= 2,
                  let headCount = lexicon.frequency(of: String(String.UnicodeScalarView(scalars[cut...]))) else { continue }
            let productivity = Double(firstCount) / (Double(firstCount) + 50)
            best = max(best, 0.3 * Double(headCount) * productivity)
        }
        return best
    }

    /// `word` as a compound of a known first part (at least 3 letters) and a known word (at least 3 letters).
    func compoundSplit(_ word: String) -> (String, String)? {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 7 else { return nil }
        for cut in stride(from: scalars.count - 3, through: 3, by: -1) {
            let first = String(String.UnicodeScalarView(scalars[..<cut]))
            let head = String(String.UnicodeScalarView(scalars[cut...]))
            if (lexicon.compoundPartCount(first) ?? 0) >= 2, lexicon.frequency(of: head) != nil {
                return (first, head)
            }
        }
        return nil
    }

    /// A form that may open an Estonian compound though none was seen doing so: an analysable word of five
    /// or more letters, or the -mis stem of a -mine noun (mõjutamis|oskus).
    private func isCompoundStem(_ word: String, id: Int) -> Bool {
        if word.unicodeScalars.count >= 5 && lexicon.isValidated(at: id) { return true }
        return word.hasSuffix("mis") && lexicon.frequency(of: String(word.dropLast(3)) + "mine") != nil
    }

    /// Best reading of an unknown word as a garbled compound: first part and head corrected separately.
    private func bestCompound(_ observed: String, anyFirstPart: Bool, channel: Channel) -> Scored? {
        let scalars = Array(observed.unicodeScalars)
        guard scalars.count >= 7 else { return nil }
        var best: Scored?
        for cut in 3...(scalars.count - 3) {
            let firstObserved = Array(scalars[..<cut]), headObserved = Array(scalars[cut...])
            guard let first = bestPart(firstObserved, asFirstPart: true, anyFirstPart: anyFirstPart, channel: channel),
                  let head = bestPart(headObserved, asFirstPart: false, anyFirstPart: anyFirstPart, channel: channel)
            else { continue }
            let word = first.word + head.word
            let channelCost = first.channel + head.channel
            guard channelCost <= options.maxChannelCost else { continue }
            let total = channelCost + languageCost(word, previous: nil, next: nil, cache: nil)
            if best == nil || total < best!.total { best = Scored(word: word, channel: channelCost, total: total) }
        }
        return best
    }

    private func bestPart(_ observed: [Unicode.Scalar], asFirstPart: Bool, anyFirstPart: Bool, channel: Channel) -> Scored? {
        let text = String(String.UnicodeScalarView(observed))
        var best: Scored?
        var seen = Set<String>()
        // A -mis stem is no word of its own: it is found through its -mine noun (m&jutamis → mõjutamine).
        let throughNoun = asFirstPart && text.hasSuffix("mis")
        for key in keyVariants(throughNoun ? text + "ne" : text, arbitraryDeletion: anyFirstPart) {
            for id in lexicon.words(withKey: key).prefix(200) {
                var word = lexicon.word(at: id)
                if throughNoun {
                    guard word.hasSuffix("mine") else { continue }
                    word = String(word.dropLast(2))
                }
                guard seen.insert(word).inserted, word.unicodeScalars.count >= 3 else { continue }
                // A plausible word is read as a compound only with its letters swapped for their diacritic
                // forms (padevus|valdkonda), never lengthened; a garbled one may need more.
                if !anyFirstPart && word.unicodeScalars.count != observed.count { continue }
                let partCount = lexicon.compoundPartCount(word) ?? 0
                if asFirstPart && partCount < 2 && !isCompoundStem(word, id: id) { continue }
                // A head is a real form of four or more letters, not a fragment the word list happens to hold.
                if !asFirstPart && !lexicon.isValidated(at: id) { continue }
                if !asFirstPart && word.unicodeScalars.count < 4 && lexicon.count(at: id) == 0 { continue }
                let channelCost = channel.cost(intended: Array(word.unicodeScalars), observed: observed)
                let prior = asFirstPart ? (partCount >= 2 ? Double(partCount) : 0.2 * Double(lexicon.count(at: id)))
                    : Double(lexicon.count(at: id))
                let total = channelCost - log(prior + 0.5) * 0.5
                if best == nil || total < best!.total { best = Scored(word: word, channel: channelCost, total: total) }
            }
        }
        return best
    }
}

/// Carries the original word's capitalisation over to its restored form.
enum Casing {
    static func apply(of original: String, to word: String, sentenceStart: Bool) -> String {
        let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }
        let upper = letters.filter { $0.properties.isUppercase }.count
        if upper == letters.count && letters.count >= 2 {
            return word.uppercased()
        }
        guard let first = letters.first, first.properties.isUppercase else { return word }
        // A capital the OCR invented mid-sentence for a lowercase letter (U for ü) is dropped.
        if !sentenceStart, let restoredFirst = word.unicodeScalars.first,
           restoredFirst.properties.lowercaseMapping != String(first).lowercased() {
            return word
        }
        return word.prefix(1).uppercased() + word.dropFirst()
    }
}

/// Candidates per word form for one pass over one document (the same channel throughout).
final class CandidateCache {
    let lookups: LookupCache
    private var stored: [String: [Restorer.Candidate]] = [:]
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

/// Lexicon look-ups per word form for one document, shared by both passes.
final class LookupCache {
    var matches: [String: [(String, [Unicode.Scalar])]] = [:]
}
