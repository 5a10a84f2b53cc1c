import Foundation
import TaastajaExtract

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
        /// Language-model cost of keeping a word the lexicon does not know (a lexicon word never seen in the corpus costs about 14).
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
        /// The same when the rewrite is a compound read part by part and changes the word's length.
        public var plausibleCompoundConfidence = 0.9
        /// Share of a text's words the lexicon must know for the text to be restored at all.
        public var minimumKnownShare = 0.3
        /// Misread letters per word a first pass must find (and at least five) before the document gets a
        /// second pass through the channel fitted to it.
        public var adaptationEvidence = 0.005
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
        let scalars = text.scalarArray
        let tokens = Tokenizer.tokens(of: scalars)
        // Text that is not Estonian however read (binary junk, base64, another language) is left as it is:
        // restoring it would only invent words.
        let forms = wordForms(tokens, scalars)
        var words = 0, known = 0
        for (token, form) in zip(tokens, forms) where token.range.count >= 2 {
            guard let form else { continue }
            words += 1
            if form.isKnown { known += 1 }
        }
        if words >= 20, Double(known) < options.minimumKnownShare * Double(words) {
            return Restoration(text: text, changes: [], tokens: tokens.filter { $0.kind == .word }.count)
        }
        // Two passes: the second reads the document through the channel fitted to what the first
        // restored confidently (a stripped document misreads ä as a far more often than the average scan).
        let lookups = LookupCache()
        let sites = sites(tokens, scalars, forms)
        let first = decisions(tokens, forms, sites, channel: channel, confidences: confidences, lookups: lookups)
        let counts = readings(forms, first)
        // A document that showed next to no misreadings (clean text) gains nothing from a second pass.
        let misreadings = counts.reduce(0.0) { total, row in
            total + row.value.filter { $0.key != String(row.key) }.values.reduce(0, +)
        }
        let second: [Decision?]
        if misreadings < max(5, options.adaptationEvidence * Double(words)) {
            second = first
        } else {
            let adapted = channel.adapted(to: counts, strength: options.adaptationStrength)
            second = decisions(tokens, forms, sites, channel: adapted, confidences: confidences, lookups: lookups)
        }

        // Built as an array: appending to a String.UnicodeScalarView copies the whole text each time.
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count + scalars.count / 8)
        var changes: [TokenChange] = []
        var cursor = 0
        var wordCount = 0
        var absorbedUntil = 0
        for (token, decision) in zip(tokens, second) {
            if token.range.lowerBound < cursor { continue }  // taken by a joined word
            output.append(contentsOf: scalars[cursor..<token.range.lowerBound])
            cursor = token.range.upperBound
            if token.kind == .word { wordCount += 1 }
            if absorbedUntil > token.range.lowerBound { continue }
            guard let decision else {
                output.append(contentsOf: scalars[token.range])
                continue
            }
            let original = String(scalars: scalars[token.range])
            if decision.absorbsNext, let next = tokens.first(where: { $0.range.lowerBound >= token.range.upperBound }) {
                absorbedUntil = next.range.upperBound
                cursor = next.range.upperBound
                output.append(contentsOf: decision.word.unicodeScalars)
                let length = next.range.upperBound - token.range.lowerBound
                let originalPair = String(scalars: scalars[token.range.lowerBound..<next.range.upperBound])
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
        return Restoration(text: String(scalars: output), changes: changes, tokens: wordCount)
    }

    /// The form of each word token (nil for other tokens), each distinct form looked up once.
    private func wordForms(_ tokens: [Tokenizer.Token], _ scalars: [Unicode.Scalar]) -> [WordForm?] {
        scalars.withUnsafeBufferPointer { scalars in
            // Found by the token's scalars: a repeated word needs no string built to be looked up.
            var table = ScalarRunTable(scalars: scalars)
            var forms: [WordForm] = []
            return tokens.map { token in
                guard token.kind == .word else { return nil }
                let (number, isNew) = table.number(of: token.range)
                guard isNew else { return forms[number] }
                let original = String(scalars: scalars[token.range])
                let lower = original.lowercased()
                let id = lexicon.index(of: lower)
                let form = WordForm(number: number, original: original, lower: lower, id: id,
                                    frequency: id.map(lexicon.count(at:)) ?? lexicon.frequency(of: lower),
                                    isKeptAsCommon: keptAsCommon(original, lower: lower, id: id),
                                    bulletTail: bulletTail(original))
                forms.append(form)
                return form
            }
        }
    }

    /// Where a word token stands: what its reading depends on besides the channel and the word before it.
    /// The same in both passes, so worked out once.
    private struct Site {
        /// Lexicon id of the next word (nil: none, or not a lexicon word).
        var nextID: Int?
        var sentenceStart: Bool
        /// Whether the word is a bullet OCR glued to a word (`WordForm.bulletTail`) at the start of a line.
        var gluedBullet: Bool
        var gap: Gap
        enum Gap {
            /// The next token is a word, one space away.
            case space
            /// The next token is a word, after a hyphen that ends a line.
            case lineBreakHyphen
            case other
        }
    }

    /// Each word token's site (nil for other tokens), found walking back from the end so the next word is known.
    private func sites(_ tokens: [Tokenizer.Token], _ scalars: [Unicode.Scalar], _ forms: [WordForm?]) -> [Site?] {
        var sites = [Site?](repeating: nil, count: tokens.count)
        var nextID: Int?
        for index in tokens.indices.reversed() {
            guard let form = forms[index] else { continue }
            let token = tokens[index]
            var gap = Site.Gap.other
            if index + 1 < tokens.count, forms[index + 1] != nil {
                let next = tokens[index + 1]
                if next.range.lowerBound == token.range.upperBound + 1 && scalars[token.range.upperBound] == " " {
                    gap = .space
                } else if scalars[token.range.upperBound] == "-" {
                    let between = String(scalars: scalars[token.range.upperBound..<next.range.lowerBound])
                    if Tokenizer.isLineBreakHyphen(between) { gap = .lineBreakHyphen }
                }
            }
            let opensLine = form.bulletTail != nil && Tokenizer.opensLine(scalars, at: token.range.lowerBound)
            sites[index] = Site(nextID: nextID,
                                sentenceStart: Tokenizer.startsSentence(scalars, before: token.range.lowerBound),
                                gluedBullet: opensLine, gap: gap)
            nextID = form.id
        }
        return sites
    }

    /// One decision per token (nil: leave it), reading the words through `channel`.
    private func decisions(_ tokens: [Tokenizer.Token], _ forms: [WordForm?], _ sites: [Site?],
                           channel: Channel, confidences: [Int: Double], lookups: LookupCache) -> [Decision?] {
        let cache = CandidateCache(lookups: lookups)
        var result: [Decision?] = []
        result.reserveCapacity(tokens.count)
        // Only the lexicon id of the word before counts (see `languageCost`), so only it is carried along.
        var previousID: Int?
        var absorbed = false
        for (index, token) in tokens.enumerated() {
            if absorbed {
                absorbed = false
                result.append(nil)
                continue
            }
            switch token.kind {
            case .bullet:
                result.append(Decision(word: "•", confidence: 1, uncertain: false))
                previousID = nil
                continue
            case .other:
                result.append(nil)
                previousID = nil
                continue
            case .word:
                break
            }
            let form = forms[index]!
            if form.isKeptAsCommon {
                result.append(nil)
                previousID = form.id
                continue
            }
            let original = form.original
            // Integers and flags only: no reference counting per token.
            let site = sites[index]!
            if site.gluedBullet, let tail = form.bulletTail {
                result.append(Decision(word: "• \(tail)", confidence: 0.9, uncertain: false))
                previousID = cache.index(of: tail.lowercased(), in: lexicon)
                continue
            }
            let nextID = site.nextID, sentenceStart = site.sentenceStart
            let ocrConfidence = confidences.isEmpty ? nil : confidences[token.range.lowerBound]
            let context = CandidateCache.Context(form: form.number, previousID: previousID, nextID: nextID,
                                                 sentenceStart: sentenceStart)
            // A word with its own OCR confidence is decided on its own; others once per context.
            let decision = ocrConfidence == nil
                ? cache.decision(context) {
                    decide(original, previousID: previousID, nextID: nextID, sentenceStart: sentenceStart,
                           channel: channel, cache: cache)
                }
                : decide(original, previousID: previousID, nextID: nextID, sentenceStart: sentenceStart,
                         channel: channel, cache: cache, ocrConfidence: ocrConfidence)
            // A word read confidently on its own is not joined to its neighbour; an unresolved one may be half of
            // a word OCR split, or the first part of a word broken at a line end.
            let resolved = decision.map { !$0.uncertain } ?? form.isKnown
            if site.gap != .other, let nextForm = forms[index + 1] {
                if site.gap == .space, !form.isKnown, !resolved || !nextForm.isKnown,
                   let joined = cache.memo(.split(form.number, nextForm.number, sentenceStart), {
                       splitWord(form, nextForm, sentenceStart: sentenceStart, channel: channel, cache: cache)
                   }) {
                    result.append(joined)
                    absorbed = true
                    previousID = cache.index(of: joined.word.lowercased(), in: lexicon)
                    continue
                }
                if site.gap == .lineBreakHyphen,
                   let first = hyphenatedFirstPart(original, nextForm.original, sentenceStart: sentenceStart,
                                                   channel: channel, cache: cache) {
                    result.append(first)
                    previousID = cache.index(of: first.word.lowercased(), in: lexicon)
                    continue
                }
            }
            if !resolved, let glued = cache.memo(.glued(context), {
                gluedWords(original, previousID: previousID, nextID: nextID, cache: cache)
            }) {
                result.append(glued)
                previousID = cache.index(of: String(glued.word.split(separator: " ").last!), in: lexicon)
                continue
            }
            result.append(decision)
            if let decision, !decision.uncertain {
                previousID = cache.lowercaseIndex(of: decision.word, in: lexicon)
            } else {
                previousID = form.id
            }
        }
        return result
    }

    /// Whether `decide` keeps the word without a search (a common form the analyser knows, printed plainly); such a
    /// word is also never joined to a neighbour, so nothing else about it needs looking at.
    func isKeptAsCommon(_ original: String, cache: CandidateCache) -> Bool {
        if let known = cache.keptAsCommon[original] { return known }
        let lower = original.lowercased()
        let kept = keptAsCommon(original, lower: lower, id: lexicon.index(of: lower))
        cache.keptAsCommon[original] = kept
        return kept
    }

    private func keptAsCommon(_ original: String, lower: String, id: Int?) -> Bool {
        guard let index = id, lexicon.count(at: index) >= options.commonWordCount,
              lexicon.isValidated(at: index), (2...Self.longestWord).contains(original.unicodeScalars.count) else {
            return false
        }
        return !looksGarbled(original)
    }

    /// What the letters of confidently read words were read as: kept known words show letters read right,
    /// confident corrections show the misreadings.
    private func readings(_ forms: [WordForm?], _ decisions: [Decision?])
        -> [Unicode.Scalar: [String: Double]] {
        // Counted per distinct reading first: a document repeats its words.
        var restorations: [Restoring: (form: WordForm, times: Int)] = [:]
        let formCount = forms.reduce(0) { max($0, ($1?.number ?? -1) + 1) }
        var kept = [(form: WordForm, times: Int)?](repeating: nil, count: formCount)
        for index in forms.indices {
            guard let form = forms[index] else { continue }
            if let decision = decisions[index] {
                guard !decision.uncertain, decision.confidence >= 0.8, !decision.word.utf8.starts(with: Self.bulletUTF8)
                else { continue }
                restorations[Restoring(word: decision.word, form: form.number), default: (form, 0)].times += 1
            } else {
                kept[form.number] = (form, (kept[form.number]?.times ?? 0) + 1)
            }
        }
        // Then per lowercase pair: a word restored at a sentence start and inside one is one reading.
        var corrections: [ReadingPair: Int] = [:]
        for (restoring, found) in restorations {
            corrections[ReadingPair(intended: restoring.word.text.lowercased(), observed: found.form.lower), default: 0]
                += found.times
        }
        // Tallied flat and as integers first (a kept letter once per letter, not per occurrence), then nested.
        var tallies: [Reading: Int] = [:]
        for (pair, times) in corrections {
            for (intended, read) in channel.readings(intended: pair.intended.text.scalarArray,
                                                     observed: pair.observed.text.scalarArray) {
                tallies[Reading(intended: intended, read: read), default: 0] += times
            }
        }
        // Counted by scalar value below U+0180 (every Estonian letter), not with a hashed look-up per letter of
        // every kept word.
        var keptLetters = [Int](repeating: 0, count: Self.countedScalars)
        var otherKeptLetters: [Unicode.Scalar: Int] = [:]
        for case let (form, times)? in kept {
            guard let frequency = form.frequency, frequency > 0 else { continue }
            for letter in form.lower.unicodeScalars {
                if letter.value < Self.countedScalars {
                    keptLetters[Int(letter.value)] += times
                } else {
                    otherKeptLetters[letter, default: 0] += times
                }
            }
        }
        for (value, times) in keptLetters.enumerated() where times > 0 {
            let letter = Unicode.Scalar(UInt32(value))!  // below U+D800: always a scalar
            tallies[Reading(intended: letter, read: String(letter)), default: 0] += times
        }
        for (letter, times) in otherKeptLetters {
            tallies[Reading(intended: letter, read: String(letter)), default: 0] += times
        }
        var counts: [Unicode.Scalar: [String: Double]] = [:]
        for (reading, times) in tallies { counts[reading.intended, default: [:]][reading.read] = Double(times) }
        return counts
    }

    /// Scalar values the readings tally counts in an array (ASCII, Latin-1 and Latin Extended-A).
    private static let countedScalars = 0x180

    /// An intended letter and what it was read as.
    private struct Reading: Hashable {
        var intended: Unicode.Scalar
        var read: String
    }

    private struct Restoring: Hashable {
        let word: Spelling
        let form: Int

        init(word: String, form: Int) {
            (self.word, self.form) = (Spelling(word), form)
        }
    }

    /// How a bullet decision ("•", "• tail") starts: compared as bytes, not as Characters.
    private static let bulletUTF8 = Array("•".utf8)

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

    struct Scored {
        var word: String
        var channel: Double
        var total: Double
        /// Read as a compound of two lexicon words, not found whole.
        var compound = false
    }

    /// What `decide` knows of a printed word apart from its context and the channel.
    struct Analysis {
        let observed: String
        let observedScalars: [Unicode.Scalar]
        /// Corpus count of the lowercase form; nil if the lexicon does not know it.
        let frequency: Int?
        /// Unknown as a whole, but a known first part and a known word.
        let isCompound: Bool
        let garbled: Bool
        let hasMisreadSymbols: Bool
        /// Known to Vabamorf, or not a lexicon word at all (tesseract's list alone vouches for the others).
        let validated: Bool
    }

    /// The analysis of a printed word, or nil when it is left alone whatever its context: numbers, codes, user
    /// words, identifiers and common words. Made once per document (see `LookupCache.analyses`).
    func analysis(of original: String, cache: CandidateCache) -> Analysis? {
        if let known = cache.lookups.analyses[original] { return known }
        let found = analyze(original, cache: cache)
        cache.lookups.analyses[original] = .some(found)
        return found
    }

    private func analyze(_ original: String, cache: CandidateCache) -> Analysis? {
        // Counted, not collected: only how many letters there are and whether one is lowercase matter.
        var letterCount = 0, hasLowercaseLetter = false
        for scalar in original.unicodeScalars where scalar.isAlphabetic {
            letterCount += 1
            if scalar.isLowercase { hasLowercaseLetter = true }
        }
        // Longer than any Estonian compound: a code, an address or junk (base64), not a word to restore.
        guard letterCount > 0, (2...Self.longestWord).contains(original.unicodeScalars.count) else { return nil }
        let hasDigits = original.unicodeScalars.contains { ("0"..."9").contains($0) }
        if hasDigits && !hasLowercaseLetter { return nil }  // C1, B1, 3A
        // A number with a short suffix (1st, 2nd, 10x): too few letters to call a misreading.
        if let first = original.unicodeScalars.first, ("0"..."9").contains(first), letterCount <= 2 { return nil }
        if lexicon.isUserWord(original) { return nil }
        // A known or foreign word numbered with one digit (kuupäev1, Expression2) is not misread.
        if let last = original.unicodeScalars.last, ("0"..."9").contains(last) {
            let stem = String(original.unicodeScalars.dropLast())
            if stem.unicodeScalars.count >= 3, stem.unicodeScalars.allSatisfy(\.isAlphabetic),
               (lexicon.frequency(of: stem.lowercased()) ?? 0) > 0
                || stem.lowercased().unicodeScalars.contains(where: Self.foreignLetters.contains) {
                return nil
            }
        }
        let observed = original.lowercased()
        let (frequency, index) = lexicon.entry(of: observed)
        if !hasDigits && frequency == nil && looksLikeIdentifier(original) { return nil }
        // A common word that the analyser knows is kept without a search: changing it is never worth the risk.
        if isKeptAsCommon(original, cache: cache) { return nil }
        let misreadSymbols = hasMisreadSymbols(original)
        return Analysis(observed: observed, observedScalars: observed.scalarArray, frequency: frequency,
                        isCompound: frequency == nil && splitsAsCompound(observed, lookups: cache.lookups),
                        garbled: misreadSymbols || hasForeignTrigram(observed), hasMisreadSymbols: misreadSymbols,
                        validated: index.map(lexicon.isValidated(at:)) ?? true)
    }

    /// The restored form of `original` in its context, or nil to leave it (numbers, codes, user words).
    func decide(_ original: String, previousID: Int?, nextID: Int?, sentenceStart: Bool,
                channel: Channel, cache: CandidateCache, ocrConfidence: Double? = nil) -> Decision? {
        guard let analysis = analysis(of: original, cache: cache) else { return nil }
        let observed = analysis.observed, observedScalars = analysis.observedScalars
        let observedFrequency = analysis.frequency
        let observedIsCompound = analysis.isCompound
        let observedValid = observedFrequency != nil || observedIsCompound
        let garbled = analysis.garbled
        let found = cache.candidates(observed, garbled: garbled) {
            candidates(observed, observedScalars, garbled: garbled, observedValid: observedValid, channel: channel,
                       lookups: cache.lookups)
        }
        var scored = found.map {
            let id = $0.compound ? cache.index(of: $0.word, in: lexicon) : $0.id
            let language = languageCost(unigramCount: $0.unigramCount, id: id, previousID: previousID, nextID: nextID)
            return Scored(word: $0.word, channel: $0.channel,
                          total: $0.channel + language + ($0.compound ? options.compoundCost : 0), compound: $0.compound)
        }
        let identity = cache.identityCost(of: observed) { channel.cost(intended: observedScalars, observed: observedScalars) }
        if observedFrequency != nil && !found.contains(where: { $0.word == observed }) {
            scored.append(Scored(word: observed, channel: identity,
                                 total: identity + languageCost(observed, id: cache.index(of: observed, in: lexicon),
                                                                previousID: previousID, nextID: nextID, cache: cache)))
        } else if observedFrequency == nil {
            // Keeping an unknown word costs what an unknown Estonian word costs the language model; a word
            // only known as a compound a little less; a word with digits or symbols among its letters, or a
            // capital inside it, is garbled and kept only when nothing explains it.
            let unknown = garbled ? options.garbledWordCost
                : observedIsCompound ? options.unknownWordCost - 1.5 : options.unknownWordCost
            scored.append(Scored(word: observed, channel: identity, total: identity + unknown))
        }
        chargeInnerCapitals(of: original, observedScalars, observedIsWord: observedFrequency != nil, channel: channel,
                            in: &scored)
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
            return garbled ? Decision(word: original, confidence: 0, uncertain: true, cost: best.total) : nil
        }
        let normalizer = scored.reduce(0.0) { $0 + exp(best.total - $1.total) }
        let confidence = 1 / normalizer
        if observedFrequency != nil {
            // A known word is changed only when a candidate is far likelier; as printed with odd capitals
            // (`TOOks`) it is no evidence of itself and needs only to be beaten.
            let keepTotal = scored.first { $0.word == observed }!.total
            // A form only tesseract's list vouches for is often itself a stripped or misread word.
            let validated = analysis.validated
            // Tesseract's own doubt about the word (below 60 of 100) lowers the margin; its certainty raises it.
            let ocrShift = ocrConfidence.map { min(1, max(-options.margin, ($0 - 60) / 20)) } ?? 0
            let margin = garbled ? 0 : max(0, (validated ? options.margin : options.margin / 2.5) + ocrShift)
            guard best.word != observed, best.total < keepTotal - margin else { return nil }
        }
        // A word that reads as Estonian is not rewritten on a coin toss, nor lengthened or shortened except
        // where a diacritic letter was lost or read as several (iguse → õiguse, siisteem → süsteem; never
        // Calci → Calc or sis → siis). The same holds for a word of plain letters that is odd only in its
        // letter sequence: it may be a foreign word or a name (Assign, Phong), not a misreading.
        if !garbled || !analysis.hasMisreadSymbols {
            // A compound the lexicon does not vouch for as a whole needs more certainty to lengthen or shorten a
            // plain word (a diacritic letter put back or two letters read as one).
            let resized = best.word.unicodeScalars.count != observedScalars.count
            if confidence < (best.compound && resized ? options.plausibleCompoundConfidence : options.plausibleWordConfidence) {
                return Decision(word: original, confidence: confidence, uncertain: true, cost: best.total)
            }
            let readsPlausibly = cache.readsPlausibly(best.word, as: observed) {
                let intended = best.word.scalarArray
                let steps = channel.trace(intended: intended, observed: observedScalars)
                let lettersRead = steps.reduce(0) { $0 + $1.observed.count }
                let onlyLostDiacritics = steps.allSatisfy { step in
                    step.observed.count == 1 || Channel.diacritics.contains(intended[step.intended])
                }
                return lettersRead == observedScalars.count && onlyLostDiacritics
            }
            guard readsPlausibly else {
                return Decision(word: original, confidence: confidence, uncertain: true, cost: best.total)
            }
        }
        let cased = Casing.apply(of: original, to: best.word, sentenceStart: sentenceStart)
        return Decision(word: cased, confidence: confidence, uncertain: false, cost: best.total)
    }

    static let longestWord = 40

    /// A capital inside a lowercase word (TOOks, vOtta) says which letter was printed: reading it as a plain
    /// lowercase letter is charged what the channel's case-aware counts say, not the case-blind cost. The word as
    /// printed is charged only when it is a lexicon word (then it stands for its lowercase form); an unknown one
    /// may be a name written that way (LibreOffice).
    private func chargeInnerCapitals(of original: String, _ observedScalars: [Unicode.Scalar], observedIsWord: Bool,
                                     channel: Channel, in scored: inout [Scored]) {
        // Most words have no capital past their first byte (nor any non-ASCII letter that might be one): settled on
        // the UTF-8 alone.
        guard original.utf8.dropFirst().contains(where: { $0 >= 0x80 || $0 &- 0x41 < 26 }) else { return }
        let printed = original.scalarArray
        guard printed.count == observedScalars.count, printed.contains(where: \.isLowercase) else { return }
        let capitals = printed.indices.dropFirst().filter { printed[$0].isUppercase }
        guard !capitals.isEmpty else { return }
        let observed = String(scalars: observedScalars)
        for index in scored.indices where scored[index].word != observed || observedIsWord {
            let intended = scored[index].word.scalarArray
            let letters = channel.intendedLetters(intended: intended, observed: observedScalars)
            // The word starts where its first letter was read; a capital there is an initial (QOrganiseerib).
            let start = letters.firstIndex { $0 != nil } ?? 0
            var extra = 0.0
            for position in capitals where position > start {
                guard let letter = letters[position], letter.isLowercase else { continue }
                extra += channel.innerCapitalCost(intended: letter, observed: printed[position])
                    - channel.substitutionCost(intended: letter, observed: observedScalars[position])
            }
            scored[index].channel += extra
            scored[index].total += extra
        }
    }

    /// `TAASTAJA_DEBUG_WORD=word` prints that word's scored candidates to stderr.
    static let debugWord = ProcessInfo.processInfo.environment["TAASTAJA_DEBUG_WORD"]

    struct Candidate {
        var word: String
        /// The lexicon id of `word`; nil for a compound read part by part.
        var id: Int?
        var channel: Double
        var compound = false
        /// What the language model counts `word` as (see `unigramCount`): the same in every context.
        var unigramCount = 0.0
    }

    /// −log P(word | neighbours): interpolated bigram over a smoothed unigram; compounds share their head's count.
    func languageCost(_ word: String, previous: String?, next: String?, cache: CandidateCache?) -> Double {
        let index = { (word: String) in cache?.index(of: word, in: self.lexicon) ?? self.lexicon.index(of: word) }
        return languageCost(word, id: index(word), previousID: previous.flatMap(index), nextID: next.flatMap(index),
                            cache: cache)
    }

    /// The same with the lexicon ids of the word and its neighbours already looked up (nil: not a lexicon word).
    func languageCost(_ word: String, id: Int?, previousID: Int?, nextID: Int?, cache: CandidateCache?) -> Double {
        languageCost(unigramCount: unigramCount(word, id: id, lookups: cache?.lookups), id: id, previousID: previousID,
                     nextID: nextID)
    }

    /// The corpus count a word's probability is estimated from. A form only tesseract's list has, unseen in the
    /// corpus, is less likely than an analysable one; a compound unseen in the corpus is estimated from its head
    /// and how often its first part opens compounds.
    func unigramCount(_ word: String, id: Int?, lookups: LookupCache?) -> Double {
        var count = id.map { Double(lexicon.count(at: $0)) - (lexicon.isValidated(at: $0) ? 0 : 0.4) } ?? 0
        if count <= 0 {
            count = max(count, compoundEstimate(word, lookups: lookups))
        }
        return count
    }

    /// The same from the word's unigram count (see `unigramCount`), worked out once for a word in any context.
    func languageCost(unigramCount count: Double, id: Int?, previousID: Int?, nextID: Int?) -> Double {
        let vocabulary = Double(lexicon.wordCount)
        let total = lexicon.corpusTokens
        func unigram(_ count: Double) -> Double { (count + 0.5) / (total + 0.5 * vocabulary) }
        let probability = unigram(count)
        var cost = -log(probability)
        // Context from a small corpus: its evidence is capped so it can tip a choice, not overrule the letters.
        let maximumBoost = 3.0
        if let previousID, let id {
            let previousCount = Double(lexicon.count(at: previousID))
            let pair = Double(lexicon.bigramCount(previousID, id))
            if previousCount > 0, pair > 0 {
                cost -= min(maximumBoost, log((0.7 * probability + 0.3 * pair / previousCount) / probability))
            }
        }
        if let nextID, let id, count > 0 {
            let pair = Double(lexicon.bigramCount(id, nextID))
            let nextCount = Double(lexicon.count(at: nextID))
            if pair > 0 {
                cost -= min(maximumBoost, log((0.7 * unigram(nextCount) + 0.3 * pair / count) / unigram(nextCount)))
            }
        }
        return cost
    }
}
