/// The job title when no label gives it: the document's heading names the position, in the genitive before
/// "ametijuhend" ("Õpetaja ametijuhend", "PIIRKONNAPOLITSEINIKU AMETIJUHEND"), after it ("Sihtasutuse ametijuhend
/// RAAMATUKOGUHOIDJA"), or on the line above a bare "AMETIJUHEND" ("ARENDAMISE OSAKONNA JUHATAJA").
enum HeadingTitle {
    struct Found: Equatable {
        var title: String
        /// Set when the basic form could not be confirmed by the lexicon.
        var doubt: String?
    }

    /// Genitive last words that name the document's kind or its employer, not a position ("Teenistuskoha
    /// ametijuhend", "Transpordiameti ametijuhend"): folded endings.
    private static let nonPositionEndings = [
        "teenistuskoha", "ametikoha", "tookoha", "ametniku", "teenistuja", "tootaja", "ameti", "ministeeriumi",
        "valitsuse", "kooli", "gumnaasiumi", "keskuse", "asutuse", "inspektsiooni", "sihtasutuse", "ulikooli",
        "haigla", "lasteaia", "raamatukogu", "muuseumi", "kantselei", "kohtu", "prokuratuuri", "registri", "valla",
        "linna", "maakonna", "uksuse", "osakonna", "teenistuse", "ettevotte", "seltsi", "liidu", "koja", "ohu",
    ]

    /// Nominative endings of employers and units, for the line above a bare "AMETIJUHEND".
    private static let organisationEndings = [
        "amet", "ministeerium", "valitsus", "kool", "gumnaasium", "keskus", "asutus", "inspektsioon", "sihtasutus",
        "ulikool", "haigla", "lasteaed", "raamatukogu", "muuseum", "kantselei", "kohus", "prokuratuur", "register",
        "vald", "linn", "teenistus", "osakond", "talitus", "ettevote", "selts", "liit", "koda", "uksus", "juhend",
    ]

    /// The longest heading phrase read as a title.
    private static let maxTitleWords = 5

    static func find(in lines: [SourceLine], forms: (any WordAssociation)?) -> Found? {
        for (index, line) in lines.enumerated() where !line.isBullet && line.text.utf8.count <= 100 {
            let words = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let at = words.firstIndex(where: { Folding.fold($0.trimmingPunctuation()) == "ametijuhend" }) else {
                continue
            }
            let after = words[(at + 1)...]
            let before = words[..<at]
            // Before the word: a genitive phrase, unless it names the document's kind or its employer.
            if (1...maxTitleWords).contains(before.count), isPhrase(before), namesPosition(before) {
                let (phrase, confirmed) = basicForm(of: Array(before), forms: forms)
                return Found(title: cased(phrase, capitals: isCapitals(before.joined(separator: " "))),
                             doubt: confirmed ? nil : "title taken from the heading; its basic form is unconfirmed")
            }
            // After it: the title in its basic form, in words the lexicon knows (not a web page's "PDF Print").
            if (1...maxTitleWords).contains(after.count), isPhrase(after),
               forms.map({ forms in after.allSatisfy { forms.isKnownForm(String($0.trimmingPunctuation())) } }) ?? true {
                return Found(title: cased(after.joined(separator: " "), capitals: isCapitals(after.joined(separator: " "))))
            }
            // A bare "AMETIJUHEND": the line above names the position ("VANEMINSPEKTORI / AMETIJUHEND"), in the
            // genitive the heading's grammar asks for, or already in its basic form; not an employer or unit.
            if words.count == 1, index > 0 {
                let above = lines[index - 1]
                let aboveWords = above.text.split(separator: " ")
                guard (1...maxTitleWords).contains(aboveWords.count), isPhrase(aboveWords[...]), !above.isBullet,
                      namesPosition(aboveWords[...]),
                      let last = aboveWords.last.map({ Folding.fold($0.trimmingPunctuation()) }),
                      !organisationEndings.contains(where: { last.hasSuffix($0) }) else { return nil }
                let (phrase, confirmed) = basicForm(of: aboveWords, forms: forms)
                return Found(title: cased(confirmed ? phrase : above.text, capitals: isCapitals(above.text)))
            }
            return nil
        }
        return nil
    }

    /// Whether a genitive phrase's head names a position, not the document's kind or the employer.
    private static func namesPosition(_ words: ArraySlice<Substring>) -> Bool {
        guard let head = words.last(where: { !$0.hasPrefix("(") }) else { return false }
        let folded = Folding.fold(head.trimmingPunctuation())
        return !nonPositionEndings.contains { folded.hasSuffix($0) }
    }

    /// A genitive phrase in its basic form: the head noun through `nominative(of:)`, an agreeing -line adjective
    /// with it ("akadeemilise personali" → "akadeemiline personal"); genitive attributes stay ("osakonna juhataja").
    /// A closing parenthesis ("VANEMINSPEKTORI (UTM/TO)") stays where it is.
    private static func basicForm(of words: [Substring], forms: (any WordAssociation)?) -> (String, confirmed: Bool) {
        guard let headIndex = words.lastIndex(where: { !$0.hasPrefix("(") }) else {
            return (words.joined(separator: " "), false)
        }
        let (basic, confirmed) = nominative(of: String(words[headIndex].trimmingPunctuation()), forms: forms)
        let attributes = words[..<headIndex].map { word in
            guard word.lowercased().hasSuffix("lise"), let forms else { return String(word) }
            let adjective = String(word.dropLast(2)) + (word.last!.isUppercase ? "NE" : "ne")
            return forms.isKnownForm(adjective) ? adjective : String(word)
        }
        let phrase = attributes + [basic] + words[(headIndex + 1)...].map(String.init)
        return (phrase.joined(separator: " "), confirmed)
    }

    /// Words only, no digits, no sentence punctuation.
    private static func isPhrase(_ words: ArraySlice<Substring>) -> Bool {
        !words.contains { word in word.contains(where: \.isNumber) || word.hasSuffix(".") || word.hasSuffix(",") }
            && words.first?.first?.isLetter == true
    }

    private static func isCapitals(_ text: some StringProtocol) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 4 && letters.allSatisfy(\.isUppercase)
    }

    /// A title printed in capitals is a common noun: lower case, except acronyms (words of up to three letters, and
    /// what stands in parentheses: "VANEMINSPEKTOR (UTM/TO)").
    static func cased(_ text: String, capitals: Bool) -> String {
        guard capitals else { return text }
        var inParentheses = false
        return text.split(separator: " ").map { word in
            if word.hasPrefix("(") { inParentheses = true }
            defer { if word.hasSuffix(")") { inParentheses = false } }
            return inParentheses || word.filter(\.isLetter).count <= 3 ? String(word) : word.lowercased()
        }.joined(separator: " ")
    }

    /// The basic form of a genitive singular, confirmed by the lexicon when it knows the form (or, for a compound,
    /// its last part). Estonian genitives of agent and position nouns: -ja stays (õpetaja), a stem vowel goes
    /// (spetsialisti → spetsialist, nõuniku → nõunik), a weak grade strengthens (juhi → juht, assistendi →
    /// assistent), a lost d returns (õe → õde).
    static func nominative(of genitive: String, forms: (any WordAssociation)?) -> (String, confirmed: Bool) {
        let lower = genitive.lowercased()
        if lower.hasSuffix("ja") { return (genitive, true) }
        var candidates: [String] = []
        if let last = lower.last, "aeiu".contains(last) {
            let stem = String(genitive.dropLast())
            candidates.append(stem)
            let strong: [(String, String)] = [("h", "ht"), ("d", "t"), ("g", "k"), ("b", "p")]
            for (weak, strongForm) in strong where stem.lowercased().hasSuffix(weak) {
                candidates.append(String(stem.dropLast(weak.count)) + strongForm)
            }
            if last == "e" { candidates.append(stem + "de") }
        }
        guard let forms else { return (genitive, false) }
        for candidate in candidates where candidate.count >= 3 && knows(candidate, forms: forms) {
            return (candidate, true)
        }
        return (genitive, false)
    }

    /// The shortest last part of a compound checked against the lexicon.
    private static let minimumCompoundPart = 4

    private static func knows(_ word: String, forms: any WordAssociation) -> Bool {
        if forms.isKnownForm(word) { return true }
        let scalars = Array(word.lowercased())
        guard scalars.count > minimumCompoundPart + 2 else { return false }
        for start in 3...(scalars.count - minimumCompoundPart) where forms.isKnownForm(String(scalars[start...])) {
            // The first part must be a known word or a genitive stem of one, as in "piirkonna|politseinik".
            let head = String(scalars[..<start])
            if forms.isKnownForm(head) { return true }
        }
        return false
    }
}
