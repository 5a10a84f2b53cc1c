/// A field written as a sentence, as older municipal job descriptions do: "Maanõunik allub vallavanemale.",
/// "Ametnikku asendab tema äraolekul vallasekretär.", "1.4 Sekretär asendab registripidajat.", "Aineõpetaja allub
/// vahetult õppealajuhatajale.", "Spetsialistile alluvad koduhooldustöötajad." The value is the noun phrase after the verb, as printed; adverbials of circumstance
/// before it are dropped.
enum SentenceField {
    /// The verbs that name a field, folded.
    private static let verbs: [String: HeaderFields.Field] = [
        "allub": .manager, "asendab": .substitutes, "alluvad": .subordinates,
    ]

    /// Partitive objects of "asendab" that name the position itself: the sentence then says who stands in for it.
    private static let standInObjects: Set<String> = ["ametnikku", "teenistujat", "tootajat", "teda", "ametikohta"]

    /// Partitive endings of position nouns (õpetajat, nõunikku, spetsialisti is ambiguous and left out).
    private static let partitiveEndings = ["jat", "ikku", "kut"]

    /// Adverbials that come between the verb and its noun phrase ("tema äraolekul", "vajadusel").
    private static let circumstances: [[String]] = [
        ["tema", "araolekul"], ["tema", "puudumisel"], ["tema", "eemalviibimisel"], ["araolekul"], ["puudumisel"],
        ["vajadusel"], ["vahetult"], ["otseselt"], ["oma", "tegevuses"], ["oma", "toos"], ["teenistuses"],
    ]

    /// The longest sentence read as a field; a longer one is prose.
    private static let maxWords = 18
    /// The verb's latest position: "allub" may follow a description of the position ("… on kantselei koosseisus
    /// olev nooremametnik ja allub vallasekretärile"), "asendab" follows its subject or object at once.
    private static let latestVerb: [HeaderFields.Field: Int] = [.manager: 12, .substitutes: 3, .subordinates: 3]

    /// A sentence read as a field.
    struct Reading {
        var field: HeaderFields.Field
        var value: String
        /// The folded word before the verb: its case says who stands in for whom when the ending cannot
        /// ("Spetsialisti asendab …" against "Spetsialist asendab …").
        var subject: String?
        /// Whether the word's ending settled the direction of "asendab".
        var settled: Bool
    }

    /// - Parameter verbFirst: the text is a label's value ("Alluvus: allub …"), so it may open with the verb.
    static func parse(_ text: String, verbFirst: Bool = false) -> (HeaderFields.Field, String)? {
        read(text, verbFirst: verbFirst).map { ($0.field, $0.value) }
    }

    /// Settles "X asendab Y" when X's ending could be either case, by the position's nominative: a subject the
    /// document uses with "allub", or the title's last word. X equal to it is the subject (this position stands
    /// in for Y); X longer by a case ending is the object (Y stands in for this position).
    static func settle(_ reading: Reading, nominatives: Set<String>) -> HeaderFields.Field {
        guard !reading.settled, reading.field == .substitutes, let subject = reading.subject else { return reading.field }
        if nominatives.contains(subject) { return .substitutes }
        if nominatives.contains(where: { subject.hasPrefix($0) && (1...2).contains(subject.count - $0.count) }) {
            return .substitutedBy
        }
        return reading.field
    }

    static func read(_ text: String, verbFirst: Bool = false) -> Reading? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var numbered = false
        if let first = words.first, HeaderFields.isListNumber(first) || HeaderFields.isSubNumber(first) {
            words.removeFirst()
            numbered = true
        }
        guard (2...maxWords).contains(words.count) else { return nil }
        let folded = words.map { Folding.words($0).first ?? "" }
        guard let verbIndex = folded.firstIndex(where: { verbs[$0] != nil }), var field = verbs[folded[verbIndex]],
              verbIndex <= latestVerb[field, default: 0], verbIndex + 1 < words.count else { return nil }
        if verbIndex == 0 {
            guard verbFirst else { return nil }
        } else {
            // A sentence opens with its subject (or object) in a capital, or in lower case after a number.
            guard verbFirst || numbered || words[0].first?.isUppercase == true,
                  !words[..<verbIndex].contains(where: { $0.contains(where: \.isNumber) }) else { return nil }
        }
        var settled = field != .substitutes
        if field == .substitutes, verbIndex > 0 {
            let object = folded[verbIndex - 1]
            if standInObjects.contains(object) || partitiveEndings.contains(where: { object.hasSuffix($0) }) {
                field = .substitutedBy
                settled = true
            }
        }
        // The noun phrase ends at the first comma or semicolon ("allub vallavanemale, kes …").
        let rest = words[(verbIndex + 1)...].joined(separator: " ").prefix { $0 != "," && $0 != ";" }
        let value = nounPhrase(String(rest))
        return value.isEmpty ? nil : Reading(field: field, value: value,
                                             subject: verbIndex > 0 ? folded[verbIndex - 1] : nil, settled: settled)
    }

    /// A label's value: a sentence in it gives its noun phrase ("Alluvus: allub sotsiaalabiameti juhatajale,
    /// vahetult alluvaid ei ole" → "sotsiaalabiameti juhatajale"); any other value is kept as printed.
    static func valueOfLabel(_ value: String, field: HeaderFields.Field) -> String {
        if let (sentenceField, sentenceValue) = parse(value, verbFirst: true), sentenceField == field {
            return sentenceValue
        }
        return value
    }

    /// A value as a noun phrase: adverbials before it and a closing full stop dropped ("tema äraolekul
    /// keskkonnanõunik." → "keskkonnanõunik").
    static func nounPhrase(_ value: String) -> String {
        var words = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var folded = words.map { Folding.words($0).first ?? "" }
        while let circumstance = circumstances.first(where: { folded.starts(with: $0) }), words.count > circumstance.count {
            words.removeFirst(circumstance.count)
            folded.removeFirst(circumstance.count)
        }
        // "(tema) puhkuse ja haiguse ajal …": a time adverbial closed by its postposition, in lower case.
        if let end = folded.prefix(maxAdverbialWords).firstIndex(where: { timePostpositions.contains($0) }),
           end + 1 < words.count, words[...end].allSatisfy({ $0.first?.isLowercase == true }) {
            words.removeFirst(end + 1)
        }
        var text = ValueText.withoutShortName(words.joined(separator: " "))
        while let last = text.last, last == "." || last == " " { text.removeLast() }
        return ValueText.collapse(text)
    }

    /// Postpositions that close a time adverbial ("puhkuse ajal", "haiguse korral"), folded.
    private static let timePostpositions: Set<String> = ["ajal", "ajaks", "korral", "perioodil", "araolekul", "puudumisel"]
    /// The longest such adverbial.
    private static let maxAdverbialWords = 6
}
