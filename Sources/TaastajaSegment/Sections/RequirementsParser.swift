/// Töökohale / Ametikohale esitatavad nõuded: named groups (Haridus, Töökogemus, Keeleoskus, …), each a label
/// on its own line or numbered with its value after it ("7.1. Haridus: kõrgharidus").
enum RequirementsParser {
    private enum Group: Equatable {
        case education, experience, languageSkills, computerSkills, competencies, additionalCompetencies
    }

    private static let labels: [([Folding.Key], Group)] = ([
        (["haridus"], .education), (["nouded", "haridusele"], .education), (["haridusnouded"], .education),
        (["hariduse", "nouded"], .education),
        (["tookogemus"], .experience), (["teenistuskogemus"], .experience), (["kogemus"], .experience),
        (["erialane", "tookogemus"], .experience), (["nouded", "tookogemusele"], .experience),
        (["keeleoskus"], .languageSkills), (["keelteoskus"], .languageSkills), (["keelenouded"], .languageSkills),
        (["keeleoskuse", "nouded"], .languageSkills),
        (["arvutikasutamise", "oskus"], .computerSkills), (["arvutikasutamise", "oskused"], .computerSkills),
        (["arvutioskus"], .computerSkills), (["arvutioskused"], .computerSkills), (["digioskused"], .computerSkills),
        (["tooks", "vajalikud", "kompetentsid"], .competencies),
        (["teenistuseks", "vajalikud", "kompetentsid"], .competencies), (["kompetentsid"], .competencies),
        (["uldkompetentsid"], .competencies), (["tooks", "vajalikud", "oskused"], .competencies),
        (["taiendavad", "kompetentsid"], .additionalCompetencies),
        (["isikuomadused"], .additionalCompetencies), (["oskused", "ja", "teadmised"], .additionalCompetencies),
        (["teadmised", "ja", "oskused"], .additionalCompetencies), (["muud", "nouded"], .additionalCompetencies),
    ] as [([String], Group)]).map { ($0.0.map(Folding.Key.init), $0.1) }.sorted { $0.0.count > $1.0.count }

    /// Labels as printed in full; a narrow label cell wraps them over lines, and OCR may interleave the wrapped
    /// words with the value column ("Täiendavad kompetentsid, • Suhtlemis- …" / "isikuomadused ja eneseväljendus…").
    private static let fullPhrases: [[Folding.Key]] = [
        ["taiendavad", "kompetentsid", "isikuomadused", "ja", "teadmised"], ["tooks", "vajalikud", "kompetentsid"],
        ["arvutikasutamise", "oskus"],
    ].map { $0.map(Folding.Key.init) }

    private struct Label {
        var group: Group
        /// The value printed after the label on the same line.
        var inline: String
        /// Words of the label still to come on the next lines.
        var tail: [Folding.Key]
    }

    /// The label a line opens, if any.
    private static func label(_ line: SourceLine) -> Label? {
        // A label opens with a capital or its number; a wrapped value line does not.
        guard !line.isBullet, let opening = line.text.first, opening.isUppercase || opening.isNumber else { return nil }
        var words = line.text.split(separator: " ")
        var numbered = false
        if let first = words.first, ListItems.itemNumber(first) != nil {
            words.removeFirst()
            numbered = true
        }
        let folded = words.prefix(5).map(Folding.Key.init)
        guard let (phrase, group) = labels.first(where: { label in
            label.0.count <= folded.count && zip(label.0, folded).allSatisfy { $1.matches($0) }
        }) else {
            // The first line of a wrapped label: the whole line begins a label phrase ("Tööks vajalikud").
            if !folded.isEmpty, folded.count == words.count, let tail = tail(after: folded),
               let group = labels.first(where: { label in
                   zip(label.0, folded).allSatisfy { $1.matches($0) }
               })?.1 ?? group(ofPhraseStartingWith: folded) {
                return Label(group: group, inline: "", tail: tail)
            }
            return nil
        }
        let labelEnd = words[phrase.count - 1]
        var rest = Array(words.dropFirst(phrase.count))
        var tail = tail(after: Array(folded.prefix(phrase.count))) ?? []
        while let first = rest.first, let expected = tail.first, Folding.Key(first).matches(expected) {
            rest.removeFirst()
            tail.removeFirst()
        }
        var text = rest.joined(separator: " ")
        if text.hasPrefix(":") || text.hasPrefix("–") || text.hasPrefix("-") {
            text = String(text.dropFirst()).trimmingCharacters(in: " ")
        }
        // Unnumbered, a label stands alone, ends in a colon, or is a table row whose value cell starts with a
        // capital or a bullet ("Haridus Kõrgharidus"); "Haridusele esitatakse …" is a sentence.
        if !text.isEmpty, !numbered, !labelEnd.hasSuffix(":"), !text.firstLetterIsUppercase,
           !LineReader.opensWithBulletGlyph(text) {
            return nil
        }
        return Label(group: group, inline: text, tail: tail)
    }

    /// The words a full label phrase still has after `printed`, nil when `printed` does not begin one.
    private static func tail(after printed: [Folding.Key]) -> [Folding.Key]? {
        for phrase in fullPhrases where phrase.count > printed.count
            && zip(phrase, printed).allSatisfy({ $1.matches($0) }) {
            return Array(phrase[printed.count...])
        }
        return nil
    }

    private static func group(ofPhraseStartingWith printed: [Folding.Key]) -> Group? {
        for phrase in fullPhrases where zip(phrase, printed).allSatisfy({ $1.matches($0) }) {
            return labels.first { label in zip(label.0, phrase).allSatisfy { $1.matches($0) } && label.0.count <= phrase.count }?.1
        }
        return nil
    }

    static func parse(_ lines: [SourceLine]) -> Requirements {
        var requirements = Requirements()
        var groups: [(Group, [SourceLine])] = []
        var tail: [Folding.Key] = []
        for var line in lines {
            // The wrapped rest of a label opens the next lines (in the label column); it is not value text.
            if !tail.isEmpty, !line.isBullet {
                var words = line.text.split(separator: " ")
                let before = words.count
                while let first = words.first, let expected = tail.first, Folding.Key(first).matches(expected) {
                    words.removeFirst()
                    tail.removeFirst()
                }
                // A line that does not go on with the label leaves it waiting: OCR may put a value line first.
                if words.isEmpty { continue }
                if words.count < before { line = LineReader.reading(words.joined(separator: " "), like: line) }
            }
            if let found = label(line) {
                tail = found.tail
                var first: [SourceLine] = []
                if !found.inline.isEmpty {
                    var value = LineReader.reading(found.inline, like: line)
                    value.blankBefore = false
                    first.append(value)
                }
                groups.append((found.group, first))
            } else if !groups.isEmpty {
                groups[groups.count - 1].1.append(line)
            }
        }
        for (group, lines) in groups {
            switch group {
            case .education: requirements.education = paragraph(lines) ?? requirements.education
            case .experience: requirements.experience = paragraph(lines) ?? requirements.experience
            case .languageSkills: requirements.languageSkills = paragraph(lines) ?? requirements.languageSkills
            case .computerSkills: requirements.computerSkills = paragraph(lines) ?? requirements.computerSkills
            case .competencies: requirements.competencies += competencies(lines)
            case .additionalCompetencies: requirements.additionalCompetencies += ListItems.parse(lines)
            }
        }
        return requirements
    }

    private static func paragraph(_ lines: [SourceLine]) -> String? {
        let text = ValueText.join(lines.map(\.text))
        return text.isEmpty ? nil : text
    }

    /// Named groups: "Kliendikesksus:" then its bullets.
    private static func competencies(_ lines: [SourceLine]) -> [Competency] {
        var result: [(String, [SourceLine])] = []
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if isGroupName(line, next: next) {
                result.append((String(line.text.dropLast(line.text.hasSuffix(":") ? 1 : 0)).trimmingCharacters(in: " "), []))
            } else if !result.isEmpty {
                result[result.count - 1].1.append(line)
            } else {
                result.append(("", [line]))
            }
        }
        return result.map { name, lines in
            Competency(name: name, items: ListItems.parse(lines))
        }.filter { !$0.items.isEmpty || !$0.name.isEmpty }
    }

    /// A short non-bullet line ending in a colon, or a short capitalised line that a bullet follows.
    private static func isGroupName(_ line: SourceLine, next: SourceLine?) -> Bool {
        guard !line.isBullet else { return false }
        let words = line.text.split(separator: " ")
        guard words.count <= 5, line.text.firstLetterIsUppercase else { return false }
        if line.text.hasSuffix(":") { return true }
        return words.count <= 3 && !line.text.endsClause && next?.isBullet == true
    }
}
