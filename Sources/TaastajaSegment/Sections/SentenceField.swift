/// A field written as a sentence, as older municipal job descriptions do: "Maanõunik allub vallavanemale.",
/// "Ametnikku asendab tema äraolekul vallasekretär.", "Spetsialist asendab vajadusel nõunikku." The value is
/// the noun phrase after the verb, as printed; adverbials of circumstance before it are dropped.
enum SentenceField {
    /// The verbs that name a field, folded.
    private static let verbs: [String: HeaderFields.Field] = ["allub": .manager, "asendab": .substitutes]

    /// Partitive objects of "asendab": the sentence then says who stands in for this position.
    private static let standInObjects: Set<String> = ["ametnikku", "teenistujat", "tootajat", "teda", "ametikohta"]

    /// Adverbials that come between the verb and its noun phrase ("tema äraolekul", "vajadusel").
    private static let circumstances: [[String]] = [
        ["tema", "araolekul"], ["tema", "puudumisel"], ["tema", "eemalviibimisel"], ["araolekul"], ["puudumisel"],
        ["vajadusel"], ["vahetult"], ["otseselt"], ["oma", "tegevuses"], ["oma", "toos"], ["teenistuses"],
    ]

    /// The longest sentence read as a field; a longer one is prose.
    private static let maxWords = 16

    static func parse(_ text: String) -> (HeaderFields.Field, String)? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard (3...maxWords).contains(words.count) else { return nil }
        if let first = words.first, HeaderFields.isListNumber(first) || HeaderFields.isSubNumber(first) {
            words.removeFirst()
        }
        // Subject (one or two words, a capital first), the verb, then the value.
        for verbIndex in 1...2 where verbIndex < words.count - 1 {
            let folded = Folding.words(words[verbIndex]).first ?? ""
            guard var field = verbs[folded] else { continue }
            guard words[0].first?.isUppercase == true,
                  !words[..<verbIndex].contains(where: { $0.contains(where: \.isNumber) }) else { return nil }
            if field == .substitutes, standInObjects.contains(Folding.words(words[0]).first ?? "") {
                field = .substitutedBy
            }
            // In a sentence the noun phrase ends at the first comma or semicolon ("allub vallavanemale, kes …").
            let value = nounPhrase(String(words[(verbIndex + 1)...].joined(separator: " ").prefix { $0 != "," && $0 != ";" }))
            return value.isEmpty ? nil : (field, value)
        }
        return nil
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
        var text = words.joined(separator: " ")
        while let last = text.last, last == "." { text.removeLast() }
        return ValueText.collapse(text)
    }
}
