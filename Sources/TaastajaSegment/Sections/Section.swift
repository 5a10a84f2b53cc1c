/// The parts of a job description, found by what their headings say.
enum SectionKind: Sendable, Equatable, CaseIterable {
    case general, purpose, duties, rights, responsibilities, workTools, requirements, revision, signatures
    /// A section no field holds (Valveaja rakendamine, Töötingimused …): kept in `otherSections`.
    case other
}

struct Section: Sendable {
    var kind: SectionKind
    /// As printed, numbering removed; empty for a general part without a heading.
    var heading: String = ""
    var lines: [SourceLine]
}

/// How a document numbers its section headings, learnt from the headings it names (so that a heading no
/// field holds is recognised by looking like them, not by its words).
struct HeadingStyle: Sendable, Equatable {
    enum Numbering: Sendable, Equatable { case arabic, roman, none }
    var numbering: Numbering
    var capitals: Bool

    /// The style of a line, with its top-level number (nil when unnumbered).
    static func of(_ line: SourceLine) -> (style: HeadingStyle, number: Int?)? {
        let words = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { return nil }
        var numbering = Numbering.none
        var number: Int?
        var rest = words[...]
        if let value = SectionHeading.topLevelNumber(first) {
            numbering = first.first?.isNumber == true ? .arabic : .roman
            number = value
            rest = words.dropFirst()
        }
        let letters = rest.joined().filter(\.isLetter)
        guard !letters.isEmpty else { return nil }
        return (HeadingStyle(numbering: numbering, capitals: letters.count >= 4 && letters.allSatisfy(\.isUppercase)),
                number)
    }
}

/// Recognises section headings: an optional single number ("4." or "4"), then a short phrase naming the section,
/// in capitals or sentence case.
enum SectionHeading {
    static func kind(of line: SourceLine) -> SectionKind? {
        exactKind(of: line) ?? kindBeforeNoise(line)
    }

    /// The longest unnumbered heading in sentence case: longer lines of a few words are more often a list's items.
    static let maxSentenceCaseHeadingWords = 4

    /// The longest words that may form a heading no field holds ("5. VALVEAJA RAKENDAMINE").
    static let otherHeadingMaxWords = 8  // the longest seen in the development corpus had 6

    /// A heading of a section no field holds: it must look like the document's own headings (same numbering and
    /// case) and, when numbered, continue their numbering, so that a numbered list item is not taken for one.
    /// Returns the heading's text without its number.
    static func otherHeading(_ line: SourceLine, style: HeadingStyle, after lastNumber: Int?, listNumber: Int?,
                             forms: (any WordAssociation)?) -> (heading: String, number: Int?, text: String?)? {
        guard !line.isBullet, !isTitle(line),
              let (lineStyle, number) = HeadingStyle.of(line), lineStyle.numbering == style.numbering else { return nil }
        var words = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if number != nil { words.removeFirst() }
        // A numbered heading may run into its text after a colon ("12. Töökorraldus: töötaja tööaeg …").
        var runInText: String?
        if number != nil, let colon = words.firstIndex(where: { $0.hasSuffix(":") }), colon < words.count - 1,
           colon < otherHeadingMaxWords {
            runInText = words[(colon + 1)...].joined(separator: " ")
            words = Array(words[...colon])
        }
        guard !words.isEmpty, words.count <= otherHeadingMaxWords, words.joined(separator: " ").utf8.count <= 100,
              words[0].first(where: \.isLetter)?.isUppercase == true else { return nil }
        let text = words.joined(separator: " ")
        guard !text.contains(where: \.isNumber), let last = text.last, !".;,".contains(last),
              !text.contains(". ") else { return nil }
        switch style.numbering {
        case .arabic, .roman:
            // The next heading number, and not the next item of a numbered list the section holds, unless capitals
            // (the document's heading case) tell the two apart.
            guard let number, let lastNumber, number == lastNumber + 1 else { return nil }
            if style.capitals && !lineStyle.capitals { return nil }
            if number == (listNumber ?? -1) + 1 && !(style.capitals && lineStyle.capitals) { return nil }
        case .none:
            // Unnumbered, only words the lexicon knows: OCR makes capitals of speckle, some of them words
            // ("KAASAMA", "KANNAN"), so capitals need two words; sentence case ("Töökorraldus") a line of its own
            // after a blank, as the document's own headings stand.
            guard let forms, style.capitals == lineStyle.capitals, text.filter(\.isLetter).count >= 6,
                  words.allSatisfy({ word in
                      let letters = word.trimmingPunctuation()
                      return letters.count >= 2 && (letters.count < 3 || forms.isKnownForm(String(letters)))
                  }) else { return nil }
            if style.capitals {
                guard words.count >= 2 else { return nil }
            } else {
                guard line.blankBefore, words.count <= maxSentenceCaseHeadingWords,
                      words.dropFirst().allSatisfy({ $0.first?.isLowercase == true }) else { return nil }
            }
        }
        var heading = text
        if heading.hasSuffix(":") { heading.removeLast() }
        return (heading, number, runInText)
    }

    /// A heading with its section's first words on the same line ("2. Teenistuskoha eesmärk Geograafiliste alade
    /// loomine …"): the heading and the text after it, when a known heading phrase is followed by a capital.
    static func runIn(_ line: SourceLine) -> (kind: SectionKind, heading: String, rest: String)? {
        guard !line.isBullet else { return nil }
        var words = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 3, let first = words.first else { return nil }
        var numbered = false
        if let number = topLevelNumber(first), number <= 30 {
            numbered = true
            words.removeFirst()
        }
        guard words.count >= 2, words[0].first?.isUppercase == true else { return nil }
        for length in stride(from: min(4, words.count - 1), through: 1, by: -1) {
            let phrase = words[..<length]
            let next = words[length]
            // The text opens with a capital, or anything after a colon ("7. Töö eesmärk: ohutu …").
            let colon = phrase.last?.hasSuffix(":") == true
            // … or with its first item's number ("2. TEENISTUSKOHA EESMÄRK 2.1. Struktuuriüksuses …").
            let opensItem = ListItems.itemNumber(next) != nil && next.contains(".")
            guard colon || opensItem || next.first(where: \.isLetter)?.isUppercase == true,
                  !phrase.joined().contains(where: \.isNumber) else { continue }
            let folded = phrase.map { String(Folding.fold($0).trimmingPunctuation()) }
            if !colon && phrase.contains(where: { $0.hasSuffix(":") }) { continue }
            // Only a phrase with a heading's head word: "eesmärk", "ülesanded", "nõuded (teenistujale)" …
            guard let kind = match(folded), folded.contains(where: headNouns.contains) else { continue }
            // Unnumbered, a one-word phrase is too weak ("Õigused Teenistujal …" may be a sentence).
            if !numbered && length < 2 { continue }
            // The heading keeps its number: later headings are told by continuing it.
            var heading = ((numbered ? [first] : []) + phrase).joined(separator: " ")
            if heading.hasSuffix(":") { heading.removeLast() }
            return (kind, heading, words[length...].joined(separator: " "))
        }
        return nil
    }

    /// A heading a flattened text layer ran onto the end of the paragraph before it ("… nõustajaid. 3. PÕHIKOHUSTUSED"):
    /// the paragraph's text and the heading's, when a sentence end is followed by a numbered known heading.
    static func trailing(_ line: SourceLine) -> (before: String, heading: String)? {
        guard !line.isBullet else { return nil }
        let words = line.text.split(separator: " ")
        guard words.count >= 3 else { return nil }
        for index in 1..<(words.count - 1) where words[index - 1].hasSuffix(".") {
            guard let number = topLevelNumber(words[index]), number <= 30, words[index].hasSuffix(".") else { continue }
            let tail = words[index...].joined(separator: " ")
            let probe = LineReader.reading(tail, like: line)
            guard kind(of: probe) != nil else { continue }
            return (words[..<index].joined(separator: " "), tail)
        }
        return nil
    }

    /// The words a section heading ends in.
    private static let headNouns: Set<String> = [
        "eesmark", "pohieesmark", "ulesanded", "tooulesanded", "teenistusulesanded", "pohiulesanded", "kohustused",
        "teenistuskohustused", "tookohustused", "oigused", "vastutus", "nouded", "kvalifikatsiooninouded",
        "tootingimused", "toovahendid", "loppsatted", "uldsatted", "uldosa",
    ]

    /// A numbered heading in capitals that OCR followed with speckle noise ("3. TEENISTUSKOHUSTUSED OM a MW yyT.",
    /// "= 4.ÕIGUSED KANSAS 17.10 0 0"): the capitals decide, if what follows is no sentence.
    private static func kindBeforeNoise(_ line: SourceLine) -> SectionKind? {
        // Only a line whose first letter or digit is a digit can be a numbered heading.
        guard line.raw.utf8.count <= 90,
              line.raw.first(where: { $0.isLetter || $0.isNumber })?.isNumber == true else { return nil }
        var words = line.raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = words.first, !first.contains(where: { $0.isLetter || $0.isNumber }) { words.removeFirst() }
        guard let first = words.first else { return nil }
        // "4.ÕIGUSED": the number glued to the heading.
        if let dot = first.firstIndex(of: "."), topLevelNumber(first[...dot]) != nil, dot < first.index(before: first.endIndex) {
            words[0] = String(first[first.index(after: dot)...])
        } else if topLevelNumber(first) != nil {
            words.removeFirst()
        } else {
            return nil
        }
        var heading: [String] = []
        for word in words {
            let letters = word.filter(\.isLetter)
            guard letters.count >= 2, letters.allSatisfy(\.isUppercase) else { break }
            heading.append(word)
        }
        guard !heading.isEmpty, heading.contains(where: { $0.count >= 5 }) else { return nil }
        let rest = words.dropFirst(heading.count)
        guard !rest.contains(where: { $0.count >= 4 && $0.first?.isLowercase == true }) else { return nil }
        // The noise may itself be in capitals: try the longest heading that names a section.
        for count in stride(from: heading.count, through: 1, by: -1) {
            if let kind = match(Folding.words(heading.prefix(count).joined(separator: " "))) { return kind }
        }
        return nil
    }

    private static func exactKind(of line: SourceLine) -> SectionKind? {
        guard !line.isBullet, line.text.utf8.count <= 90 else { return nil }
        var words = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty, words.count <= 8 else { return nil }
        var numbered = false
        if let first = words.first, let number = topLevelNumber(first) {
            guard number <= 30 else { return nil }
            numbered = true
            words.removeFirst()
            // A roman numeral without its dot ("II TEENISTUSKOHA EESMÄRK") counts only before capitals.
            if first.allSatisfy({ "IVX".contains($0) }),
               words.contains(where: { $0.contains(where: \.isLowercase) }) { return nil }
        }
        guard !words.isEmpty, words.count <= 6 else { return nil }
        // A heading opens with a capital (or a number); a wrapped line's tail does not.
        if !numbered, words[0].first(where: \.isLetter)?.isUppercase != true { return nil }
        // Unnumbered, only a short line or one in capitals can be a heading: decided before folding.
        if !numbered && words.count > 3 && words.contains(where: { $0.contains(where: \.isLowercase) }) { return nil }
        let text = words.joined(separator: " ")
        guard !text.contains(where: \.isNumber) else { return nil }
        // A sentence is not a heading.
        if let last = text.last, last == "." || last == ";" || last == "," { return nil }
        let folded = Folding.words(text)
        guard let kind = match(folded) else { return nil }
        if numbered { return kind }
        // Unnumbered: in capitals, or a short capitalised phrase on its own line.
        let letters = text.filter(\.isLetter)
        let capitals = letters.count >= 4 && letters.allSatisfy(\.isUppercase)
        return capitals || folded.count <= 3 && text.firstLetterIsUppercase ? kind : nil
    }

    /// "4", "4.", "IV." as a top-level number; "3.1" is not one.
    static func topLevelNumber(_ word: some StringProtocol) -> Int? {
        var body = Substring(word)
        if body.last == "." || body.last == ")" { body = body.dropLast() }
        if let number = Int(body), number >= 0 { return number }
        let romans = ["I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10]
        // "IV." always; "IV" alone only before a heading in capitals (see exactKind), so "V" is no stray letter.
        return romans[String(body)]
    }

    static func match(_ words: [String]) -> SectionKind? {
        guard let last = words.last else { return nil }
        let joined = words.joined(separator: " ")
        if joined.contains("tulemused") { return nil }  // the duties table's column header
        switch last {
        case "uldosa", "uldandmed", "uldsatted", "uldinfo": return .general
        case "eesmark", "pohieesmark": return .purpose
        case "oigused": return .rights
        case "vastutus": return .responsibilities
        case "toovahendid", "toovahendid-tingimused", "tootingimused": return .workTools
        case "allkirjad": return .signatures
        case "muutmine", "muutmise", "uuendamine": return words.count >= 2 || words.first == "muutmine" ? .revision : nil
        case "loppsatted": return .revision
        default: break
        }
        // "Õigused ja kohustused", "Teenistuja õigused ja vastutus": the rights come first.
        if words.contains("oigused") { return .rights }
        if words.contains(where: { $0 == "nouded" || $0.hasSuffix("nouded") }) { return .requirements }
        if words.contains(where: { $0.hasSuffix("ulesanded") || $0.hasSuffix("kohustused") }) { return .duties }
        if joined.hasSuffix("muutmise kord") || joined.hasSuffix("muutmise alused") { return .revision }
        if words.first == "toovahendid" { return .workTools }
        return nil
    }

    /// The document's title line: "AMETIJUHEND", "Teenistuskoha ametijuhend", "Peaspetsialisti ametijuhend".
    static func isTitle(_ line: SourceLine) -> Bool {
        guard line.text.utf8.count <= 60, line.text.first?.isUppercase == true else { return false }
        let words = Folding.words(line.text)
        guard let last = words.last, words.count <= 4, !line.isBullet else { return false }
        return last == "ametijuhend" || last == "teenistusjuhend"
    }
}
