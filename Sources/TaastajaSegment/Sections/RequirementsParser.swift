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

    /// The group a line opens, and any value after the label on the same line.
    private static func label(_ line: SourceLine) -> (Group, String)? {
        guard !line.isBullet else { return nil }
        var words = line.text.split(separator: " ")
        var numbered = false
        if let first = words.first, ListItems.itemNumber(first) != nil {
            words.removeFirst()
            numbered = true
        }
        let folded = words.prefix(4).map(Folding.Key.init)
        guard let (phrase, group) = labels.first(where: { label in
            label.0.count <= folded.count && zip(label.0, folded).allSatisfy { $1.matches($0) }
        }) else { return nil }
        let labelEnd = words[phrase.count - 1]
        var rest = words.dropFirst(phrase.count).joined(separator: " ")
        // "Täiendavad kompetentsid, isikuomadused ja teadmised": the label runs on to the end of its phrase.
        if group == .additionalCompetencies || group == .competencies, labelEnd.hasSuffix(","),
           !rest.contains(":") {
            rest = ""
        }
        if rest.hasPrefix(":") || rest.hasPrefix("–") || rest.hasPrefix("-") {
            rest = String(rest.dropFirst()).trimmingCharacters(in: " ")
        }
        // Unnumbered, a label stands alone or ends in a colon: "Haridusele esitatakse …" is a sentence.
        if !rest.isEmpty && !numbered && !labelEnd.hasSuffix(":") { return nil }
        return (group, rest)
    }

    static func parse(_ lines: [SourceLine]) -> Requirements {
        var requirements = Requirements()
        var groups: [(Group, [SourceLine])] = []
        // A label wrapped in a narrow cell ("Tööks vajalikud" / "kompetentsid", "… isikuomadused ja" / "teadmised"):
        // its unfinished phrase is completed by a short lowercase line, which is not a value.
        var openLabel = false
        for (index, line) in lines.enumerated() {
            let ownLabel = label(line)
            if ownLabel == nil, let next = lines.dropFirst(index + 1).first, !line.isBullet, line.text.count <= 40,
               let (group, inline) = label(SourceLine(text: line.text + " " + next.text, raw: line.raw,
                                                      isBullet: false, blankBefore: line.blankBefore,
                                                      indented: line.indented)),
               inline.isEmpty, next.text.split(separator: " ").count <= 2 {
                groups.append((group, []))
                openLabel = true
                continue
            }
            if openLabel, !line.isBullet, line.text.firstLetterIsLowercase, line.text.split(separator: " ").count <= 3,
               !groups.isEmpty, groups[groups.count - 1].1.isEmpty || line.pageStart || Self.isLabelTail(line.text) {
                openLabel = Self.isLabelTail(line.text)
                continue
            }
            if let (group, inline) = ownLabel {
                openLabel = inline.isEmpty && (line.text.hasSuffix(",") || line.text.hasSuffix(" ja"))
                var first: [SourceLine] = []
                if !inline.isEmpty {
                    var value = line
                    value.text = inline
                    value.blankBefore = false
                    first.append(value)
                }
                groups.append((group, first))
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

    /// The end of a label phrase that goes on: "isikuomadused ja".
    private static func isLabelTail(_ text: String) -> Bool {
        text.hasSuffix(",") || text.hasSuffix(" ja")
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
