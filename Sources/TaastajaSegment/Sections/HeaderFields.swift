/// The general part: labelled fields (1.1 Ametinimetus …), either as a table (a row of labels, then a row of
/// values) or as numbered lines with the value after the label ("1.2. Teenistuskoha nimetus Peaspetsialist").
struct HeaderFields: Sendable {
    enum Field: Sendable, Equatable {
        case title, unit, manager, substitutedBy, substitutes, subordinates
        /// "Asendamine": a sentence in the value says who stands in for whom ("töötajat asendab …").
        case substitution
        /// A label the schema has no field for (Ametisse nimetab, Asukoht …): its value is consumed, not kept.
        case other
    }

    var values: [(Field, String)] = []

    func value(_ field: Field) -> String? {
        for (found, value) in values {
            if found == field { return SentenceField.valueOfLabel(value, field: field) }
            // "Asendamine: töötajat asendab …": the sentence says which way.
            if found == .substitution, let (sentenceField, sentenceValue) = SentenceField.parse(value, verbFirst: true),
               sentenceField == field {
                return sentenceValue
            }
        }
        return nil
    }

    /// Folded label phrases, longest first so "struktuuriuksuse nimetus" wins over "struktuuriuksus". One table for
    /// every employer's wording: a label seen in a new template belongs here, not in a parser.
    static let labels: [([Folding.Key], Field)] = ([
        (["ametinimetus"], .title), (["ametikoha", "nimetus"], .title), (["teenistuskoha", "nimetus"], .title),
        (["tookoha", "nimetus"], .title), (["ametikoha", "nimi"], .title), (["ametikoht"], .title),
        (["teenistuskoht"], .title), (["tookoht"], .title), (["ametikohanimetus"], .title),
        (["struktuuriuksuse", "nimetus"], .unit), (["struktuuriuksus"], .unit), (["osakond"], .unit),
        (["allasutus"], .unit), (["uksus"], .unit), (["allstruktuur"], .unit),
        (["vahetu", "juht"], .manager), (["otsene", "juht"], .manager), (["vahetu", "ulem"], .manager),
        (["otsene", "ulem"], .manager), (["allub"], .manager), (["kellele", "allub"], .manager),
        (["kes", "asendab"], .substitutedBy), (["teda", "asendab"], .substitutedBy),
        (["asendaja"], .substitutedBy), (["asendajad"], .substitutedBy),
        (["esimene", "asendaja"], .substitutedBy), (["teine", "asendaja"], .substitutedBy),
        (["teenistuja", "asendaja"], .substitutedBy), (["ametniku", "asendaja"], .substitutedBy),
        (["tootaja", "asendaja"], .substitutedBy), (["teenistujat", "asendab"], .substitutedBy),
        (["ametnikku", "asendab"], .substitutedBy), (["tootajat", "asendab"], .substitutedBy),
        (["asendab", "kes"], .substitutedBy), (["asendab", "keda"], .substitutes),
        (["alluvus"], .manager), (["asendamine"], .substitution), (["asendamise", "kord"], .substitution),
        (["keda", "asendab"], .substitutes), (["asendab"], .substitutes), (["teenistuja", "asendab"], .substitutes),
        (["ametnik", "asendab"], .substitutes), (["tootaja", "asendab"], .substitutes),
        (["vahetud", "alluvad"], .subordinates), (["otsesed", "alluvad"], .subordinates), (["alluvad"], .subordinates),
        (["juhib"], .subordinates),
        (["ametisse", "nimetab"], .other), (["ametisse", "nimetaja"], .other), (["teenistusse", "votab"], .other),
        (["asukoht"], .other), (["tookoha", "asukoht"], .other), (["teenistuskoha", "asukoht"], .other),
        (["ametikoha", "asukoht"], .other), (["kood"], .other), (["ametikoha", "kood"], .other),
    ] as [([String], Field)]).map { ($0.0.map(Folding.Key.init), $0.1) }.sorted { $0.0.count > $1.0.count }

    struct LabelHit {
        var field: Field
        /// Text after the label on the same segment, as printed.
        var inlineValue: String
        /// The rest of a label a narrow cell wrapped onto the next line ("1.3 Vahetu" / "juht"), folded.
        var unfinished: [Folding.Key] = []
    }

    /// The labels on a line. A line holds several when a table row of labels was read as one line
    /// ("1.3 Vahetu juht 1.4 Kes asendab 1.5 Keda asendab"). Nil when the line is a value, not labels.
    /// - Parameter lenient: an unnumbered label may have its value after it without a colon ("Vahetu juht
    ///   Talituse juhataja"), as in the general part, where a line that opens with a label is one.
    static func labels(in line: SourceLine, lenient: Bool = false) -> [LabelHit]? {
        // The end of a parenthesis a value opened on the line before ("osakond)") is no label.
        guard !line.isBullet, !(line.text.contains(")") && !line.text.contains("(")) else { return nil }
        var words = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        // A list number of any style before a label ("1. Ametinimetus:", "a) Vahetu juht") counts as numbering.
        var listNumbered = false
        if let first = words.first, !isSubNumber(first), isListNumber(first), words.count >= 2 {
            words.removeFirst()
            listNumbered = true
        }
        // A label row is short, or numbered.
        guard words.count <= 12 || words.first.map(isSubNumber) == true else { return nil }
        // Cut the line at sub-numbers (1.1, 1.2.) into segments.
        var segments: [[Substring]] = []
        var numbered: [Bool] = []
        for word in words {
            if isSubNumber(word) {
                segments.append([])
                numbered.append(true)
            } else {
                if segments.isEmpty {
                    segments.append([])
                    numbered.append(false)
                }
                segments[segments.count - 1].append(word)
            }
        }
        var hits: [LabelHit] = []
        for (index, segment) in segments.enumerated() {
            let folded = segment.prefix(4).map(Folding.Key.init)
            guard let (phrase, field) = labels.first(where: { label in
                label.0.count <= folded.count && zip(label.0, folded).allSatisfy { $1.matches($0) }
            }) else {
                // A label a narrow cell wrapped: the segment is the start of a label phrase.
                if numbered[index], !folded.isEmpty, let (phrase, field) = labels.first(where: { label in
                    label.0.count > folded.count && zip(label.0, folded).allSatisfy { $1.matches($0) }
                }) {
                    hits.append(LabelHit(field: field, inlineValue: "", unfinished: Array(phrase[folded.count...])))
                    continue
                }
                // A numbered row we have no field for ("1.8 Teenistuskoha liik …") is still a label.
                if numbered[index] {
                    hits.append(LabelHit(field: .other, inlineValue: segment.joined(separator: " ")))
                    continue
                }
                return nil
            }
            let labelEnd = segment[phrase.count - 1]
            var rest = segment.dropFirst(phrase.count).joined(separator: " ")
            if rest.hasPrefix(":") || rest.hasPrefix("–") || rest.hasPrefix("-") {
                rest = String(rest.dropFirst()).trimmingCharacters(in: " ")
            }
            // Unnumbered, the label must stand alone or end in a colon ("Allub: osakonnajuhataja"), unless the
            // caller knows the line is in the general part.
            let isNumbered = numbered[index] || listNumbered && index == 0
            if !isNumbered, !lenient, !rest.isEmpty, !labelEnd.hasSuffix(":") { return nil }
            // A one-word label before a lowercase sentence is the sentence's first word ("Asendab vajadusel …" is
            // a value; "Amet on …" is prose), unless a colon or a number says it is a label.
            if !isNumbered, lenient, !labelEnd.hasSuffix(":"), phrase.count == 1,
               rest.split(separator: " ").count > maxLenientValueWords { return nil }
            hits.append(LabelHit(field: field, inlineValue: rest))
        }
        return hits.isEmpty ? nil : hits
    }

    /// The longest value after a one-word label without a colon; a longer line is a sentence that opens with the word.
    static let maxLenientValueWords = 14

    /// "1.", "2)", "a)", "IV.", "–": the number of a list item of one level, in any style.
    static func isListNumber(_ word: some StringProtocol) -> Bool {
        if word == "–" || word == "-" { return true }
        guard let last = word.last, last == "." || last == ")" else { return false }
        let body = word.dropLast()
        if (1...2).contains(body.count), body.allSatisfy(\.isNumber) { return true }
        if body.count == 1, body.first?.isLowercase == true { return true }
        return SectionHeading.topLevelNumber(word) != nil && body.allSatisfy { "IVX".contains($0) }
    }

    /// Values of a column of labels written in parallel ("osakonna teenistujaid vastavalt neile …" / "osakonna
    /// teenistujaid vastavalt talle …"): each opens with the first value's opening words. The lines where the values
    /// start, when exactly `count` do.
    static func parallelStarts(_ lines: [SourceLine], count: Int) -> [Int]? {
        guard count >= 2, lines.count > count, let first = lines.first else { return nil }
        let opening = Folding.words(first.text).prefix(parallelOpeningWords)
        guard opening.count == parallelOpeningWords else { return nil }
        let starts = lines.indices.filter { Folding.words(lines[$0].text).prefix(parallelOpeningWords) == opening }
        return starts.count == count ? starts : nil
    }

    /// How many opening words two parallel values share.
    private static let parallelOpeningWords = 2

    /// Whether a value's last line leaves it open: a comma, a hyphen, or a conjunction at its end.
    static func valueGoesOn(_ value: String) -> Bool {
        guard let last = value.split(separator: " ").last else { return false }
        return last.hasSuffix(",") || last.hasSuffix("-") || ["ja", "ning", "või", "ega"].contains(last.lowercased())
    }

    /// "1.1", "1.1.", "1.10" — a numbered row of the general part.
    static func isSubNumber(_ word: some StringProtocol) -> Bool {
        var body = Substring(word)
        if body.last == "." { body = body.dropLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }
    }

    /// Reads the general part's lines.
    static func parse(_ lines: [SourceLine]) -> HeaderFields {
        var result = HeaderFields()
        var pending: [Field] = []
        // Whether every waiting label stood on a line of its own (a column of labels, not a row of them).
        var pendingInColumn = true
        var blocks: [[SourceLine]] = []
        var inlineField: Int?  // index in result.values a continuation line extends
        var unfinished: [Folding.Key] = []
        var sentences: [(index: Int, reading: SentenceField.Reading)] = []

        func flush() {
            guard !pending.isEmpty else {
                blocks = []
                return
            }
            let valueLines = blocks.flatMap { $0 }
            // A column of labels, then as many value lines, none of them wrapped: a line each.
            let parts: [String]
            if pendingInColumn && pending.count >= 2 && valueLines.count == pending.count
                && !valueLines.contains(where: { $0.text.hasSuffix(",") || $0.text.hasSuffix("-") }) {
                parts = valueLines.map { ValueText.collapse($0.text) }
            } else if pendingInColumn, let starts = parallelStarts(valueLines, count: pending.count) {
                parts = zip(starts, starts.dropFirst() + [valueLines.count]).map { start, end in
                    ValueText.join(valueLines[start..<end].map(\.text))
                }
            } else {
                parts = ValueSplitter.split(blocks, into: pending.count)
            }
            for (field, value) in zip(pending, parts) where !value.isEmpty {
                result.values.append((field, value))
            }
            pending = []
            pendingInColumn = true
            blocks = []
        }

        for line in lines {
            // The wrapped end of a label on the line before ("juht" under "1.3 Vahetu").
            if !unfinished.isEmpty {
                let keys = line.text.split(separator: " ").map(Folding.Key.init)
                if keys.count == unfinished.count, zip(unfinished, keys).allSatisfy({ $1.matches($0) }) {
                    unfinished = []
                    continue
                }
                unfinished = []
            }
            // A numbered sentence that names a field ("1.4 Sekretär asendab registripidajat.") is no label row.
            let hits = labels(in: line, lenient: true)
            if pending.isEmpty, hits?.allSatisfy({ $0.field == .other }) ?? true,
               let reading = SentenceField.read(line.text) {
                flush()
                sentences.append((result.values.count, reading))
                result.values.append((reading.field, reading.value))
                inlineField = nil
                continue
            }
            if let hits {
                unfinished = hits.flatMap(\.unfinished)
                if !blocks.isEmpty || pending.isEmpty == false && hits.contains(where: { !$0.inlineValue.isEmpty }) {
                    flush()
                }
                inlineField = nil
                if hits.count > 1 { pendingInColumn = false }
                for hit in hits {
                    if hit.inlineValue.isEmpty {
                        pending.append(hit.field)
                    } else {
                        flush()
                        result.values.append((hit.field, ValueText.collapse(hit.inlineValue)))
                        inlineField = result.values.count - 1
                    }
                }
                continue
            }
            // A value after its label goes on in the next lines, up to a blank line or a numbered one.
            // A value wraps onto a line in lower case, or after a comma, hyphen or conjunction; a capital opens
            // something else ("Töötingimuste erisused …").
            if pending.isEmpty, let index = inlineField, !line.blankBefore, ListItems.numbered(line.text) == nil,
               line.text.firstLetterIsLowercase || Self.valueGoesOn(result.values[index].1) {
                result.values[index].1 = ValueText.join([result.values[index].1, line.text])
                continue
            }
            // A value continues on the lines right after it only.
            inlineField = nil
            if line.blankBefore || blocks.isEmpty { blocks.append([]) }
            blocks[blocks.count - 1].append(line)
        }
        flush()
        // Sentences whose "asendab" the word's ending left open are settled by the position's nominative.
        var nominatives = Set(sentences.filter { $0.reading.field == .manager }.compactMap(\.reading.subject))
        if let title = result.value(.title), let last = Folding.words(title).last { nominatives.insert(last) }
        for (index, reading) in sentences {
            result.values[index].0 = SentenceField.settle(reading, nominatives: nominatives)
        }
        return result
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
