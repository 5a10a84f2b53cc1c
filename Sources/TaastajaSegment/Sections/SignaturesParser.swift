import Foundation

/// Poolte allkirjad: role labels ("Tööandja:", "Töötaja:"), "(allkirjastatud digitaalselt)", names and positions,
/// printed one signer after the other or side by side.
enum SignaturesParser {
    static let digitalMark = "allkirjastatud digitaalselt"

    /// The role a label names ("Tööandja", "Töötaja", "Teenistuja" …), nil when the word is not a role.
    static func role(_ word: some StringProtocol) -> Signature.Role? {
        let folded = Folding.fold(word).trimmingPunctuation()
        // "Ametijuhendiga tutvunud", "Olen ametijuhendiga tutvunud": the employee's line.
        if folded.hasSuffix("tutvunud") || folded.hasSuffix("tutvunud ja noustun") { return .employee }
        switch folded {
        case "tooandja", "tooandja esindaja", "asutuse juht", "ametiasutus": return .employer
        case "tootaja", "teenistuja", "ametnik", "tootaja/teenistuja": return .employee
        case "allkirjastaja", "allkirjastajad": return .unknown
        default: return nil
        }
    }

    /// Whether a line belongs to the signature block: a role label with a colon, or the digital-signature mark.
    static func isSignatureLine(_ line: SourceLine) -> Bool {
        if line.text.contains("igitaal"), Folding.fold(line.text).contains(digitalMark) { return true }
        guard line.text.contains(":"), line.text.utf8.count <= 120 else { return false }
        let labels = roleLabels(line.text)
        return !labels.isEmpty
    }

    /// Role labels of a line made of them ("Tööandja: Töötaja:"), with what follows each.
    private static func roleLabels(_ text: String) -> [(Signature.Role, String)] {
        var result: [(Signature.Role, String)] = []
        // Walk words: a label ending in ":" ("Tööandja:", "Tööandja esindaja:", "Ametijuhendiga tutvunud:") opens a
        // signer; the words after it, up to the next label, are that signer's text.
        var pending: [Substring] = []
        for word in text.split(separator: " ") {
            guard word.hasSuffix(":") else {
                pending.append(word)
                continue
            }
            let phrase = pending + [word.dropLast()]
            // The role is named by the last one to three words before the colon ("Tööandja esindaja:") or, for a
            // short line, by all of them; a line's opening words all belong to its first label
            // ("Ametijuhendiga tutvunud:").
            let suffixLabel = (1...min(3, phrase.count)).lazy.compactMap { count in
                role(phrase.suffix(count).joined(separator: " ")).map { (words: count, role: $0) }
            }.first
            let wholeRole = phrase.count <= 4 ? role(phrase.joined(separator: " ")) : nil
            guard let role = suffixLabel?.role ?? wholeRole else {
                if result.isEmpty { return [] }
                pending.append(word)
                continue
            }
            let labelWords = result.isEmpty && wholeRole != nil ? phrase.count : suffixLabel?.words ?? phrase.count
            // Words before the label belong to the previous signer.
            let before = phrase.dropLast(labelWords)
            if !before.isEmpty {
                if result.isEmpty { return [] }
                result[result.count - 1].1 = before.joined(separator: " ")
            }
            result.append((role, ""))
            pending = []
        }
        if !pending.isEmpty {
            if result.isEmpty { return [] }
            result[result.count - 1].1 = pending.joined(separator: " ")
        }
        return result
    }

    static func parse(_ lines: [SourceLine]) -> [Signature] {
        var signers: [Signature] = []
        var roles: [Signature.Role] = []
        var current = -1
        var sideBySide = false
        var namesDone = false

        func signer(_ index: Int) -> Int {
            while signers.count <= index {
                let role = signers.count < roles.count ? roles[signers.count] : .unknown
                signers.append(Signature(role: role))
            }
            return index
        }

        for line in lines {
            let text = line.text
            let labels = roleLabels(text)
            if !labels.isEmpty {
                for (role, rest) in labels {
                    roles.append(role)
                    let index = signer(roles.count - 1)
                    signers[index].role = role
                    if isName(rest) { signers[index].name = rest }
                }
                continue
            }
            let marks = Folding.fold(text).components(of: digitalMark)
            if marks > 0 {
                if marks >= 2 || (roles.count >= 2 && marks == roles.count && current < 0) {
                    sideBySide = true
                    for index in 0..<max(marks, roles.count) { signers[signer(index)].digitallySigned = true }
                    current = 0
                } else {
                    // One signer after the other: a mark opens the next signer's block.
                    current = signers.indices.contains(current) && signers[current].name == nil
                        && !signers[current].digitallySigned ? current : current + 1
                    signers[signer(current)].digitallySigned = true
                }
                continue
            }
            if text.contains(where: \.isNumber) { continue }  // dates, phone numbers
            let words = text.split(separator: " ")
            if sideBySide {
                let count = max(roles.count, signers.count)
                if !namesDone, isName(text) {
                    let names = splitNames(line, into: count)
                    for (index, name) in names.enumerated() where !name.isEmpty { signers[signer(index)].name = name }
                    namesDone = true
                } else if words.count <= 5 {
                    let pieces = ValueSplitter.gapSeparatedPieces(line.raw)
                    if pieces.count == count {
                        for (index, piece) in pieces.enumerated() { signers[signer(index)].position = piece }
                    } else if let index = signers.firstIndex(where: { $0.position == nil }) {
                        signers[index].position = ValueText.collapse(text)
                    }
                }
                continue
            }
            if current < 0 { current = signer(0) }
            if isName(text) && words.count <= 4 {
                if signers[signer(current)].name != nil { current += 1 }
                signers[signer(current)].name = ValueText.collapse(text)
            } else if words.count <= 5, signers[signer(current)].name != nil, signers[current].position == nil {
                signers[current].position = ValueText.collapse(text)
            }
        }
        return signers
    }

    /// Two to four capitalised words of letters and hyphens: "Maret Maripuu", "Mari-Liis Kask".
    static func isName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard words.count >= 2, words.count <= 8 else { return false }
        return words.allSatisfy { word in
            word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "." }
                && !word.allSatisfy(\.isUppercase)
        }
    }

    /// Side-by-side names split into `count` people: at a wide gap if printed, else in equal runs of words.
    private static func splitNames(_ line: SourceLine, into count: Int) -> [String] {
        let pieces = ValueSplitter.gapSeparatedPieces(line.raw)
        if pieces.count == count { return pieces }
        let words = line.text.split(separator: " ").map(String.init)
        guard count > 1, words.count >= count * 2 else { return [words.joined(separator: " ")] }
        let per = words.count / count
        var result: [String] = []
        for index in 0..<count {
            let start = index * per
            let end = index == count - 1 ? words.count : start + per
            result.append(words[start..<end].joined(separator: " "))
        }
        return result
    }
}

extension String {
    /// How often `needle` occurs.
    func components(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
