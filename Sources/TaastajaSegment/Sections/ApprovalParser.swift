/// The approval block above the title: "KINNITATUD", a date, "nr …", the act that approved it, "Kehtiv alates …";
/// or the annex line of a cover order ("Lisa 1 … peadirektori 15.03.2021 käskkirjaga nr 1-3/45 kinnitatud").
enum ApprovalParser {
    static func parse(_ preamble: [SourceLine]) -> Approval? {
        guard let anchor = preamble.lastIndex(where: { line in
            Folding.words(line.text).contains { $0 == "kinnitatud" }
        }) else { return nil }
        // The block is the anchor's paragraph and what follows it up to the title.
        var start = anchor
        while start > 0, !preamble[start].blankBefore, !isAnnexMarker(preamble[start - 1]) { start -= 1 }
        let block = preamble[start...].filter { !SectionHeading.isTitle($0) && !isAnnexMarker($0) }

        var approval = Approval()
        var basis: [String] = []
        for line in block {
            let folded = Folding.fold(line.text)
            if folded.contains("kehtiv alates") || folded.contains("joustub") || folded.contains("kehtib alates") {
                approval.validFrom = approval.validFrom ?? DateText.firstDate(in: line.text)
                continue
            }
            if approval.number == nil, let number = documentNumber(in: line.text) { approval.number = number }
            if approval.date == nil, let date = DateText.firstDate(in: line.text) { approval.date = date }
            let words = line.text.split(separator: " ")
            let meaningful = words.filter { word in
                let folded = Folding.fold(word).trimmingPunctuation()
                return folded != "kinnitatud" && DateText.date(from: String(word.trimmingPunctuation())) == nil
            }
            // What is left, if it is more than a number, names the act.
            let isOnlyNumber = meaningful.count <= 2 && meaningful.first.map { Folding.fold($0).hasPrefix("nr") } == true
            if !meaningful.isEmpty && !isOnlyNumber {
                basis.append(line.text.split(separator: " ").filter {
                    Folding.fold($0).trimmingPunctuation() != "kinnitatud"
                }.joined(separator: " "))
            }
        }
        if !basis.isEmpty { approval.basis = ValueText.join(basis) }
        return approval
    }

    /// The approval a cover order gives its appendices: its date and number ("KÄSKKIRI 25.01.2026 nr 2.1-2/26/001"),
    /// read from its first lines, and the order as the basis. Nil when the cover is no order.
    static func coverOrder(_ cover: [SourceLine]) -> Approval? {
        let head = cover.prefix(coverHeadLines)
        guard let orderLine = head.firstIndex(where: { line in
            Folding.words(line.text).contains { orderWords.contains($0) }
        }) else { return nil }
        var approval = Approval()
        for line in head[orderLine...] {
            if approval.date == nil { approval.date = DateText.firstDate(in: line.text) }
            if approval.number == nil { approval.number = documentNumber(in: line.text) }
        }
        guard approval.date != nil || approval.number != nil else { return nil }
        let kind = Folding.words(head[orderLine].text).first { orderWords.contains($0) } ?? "kaskkiri"
        let printedDate = head[orderLine...].lazy.flatMap { $0.text.split(separator: " ") }
            .map { String($0.trimmingPunctuation()) }.first { DateText.date(from: $0) != nil }
        approval.basis = [kindNames[kind] ?? kind, printedDate, approval.number.map { "nr \($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        return approval
    }

    /// How many lines of a cover order its date and number may stand in.
    private static let coverHeadLines = 8
    private static let orderWords: Set<String> = ["kaskkiri", "otsus", "korraldus", "maarus"]
    private static let kindNames = ["kaskkiri": "käskkiri", "otsus": "otsus", "korraldus": "korraldus",
                                    "maarus": "määrus"]

    /// "Lisa", "Lisa 1", "LISA 2".
    static func isAnnexMarker(_ line: SourceLine) -> Bool {
        let words = Folding.words(line.text)
        return (1...2).contains(words.count) && words[0] == "lisa"
    }

    /// The token after "nr" / "Nr." (joined if the number was printed with a space after "nr").
    static func documentNumber(in text: String) -> String? {
        let words = text.split(separator: " ")
        for (index, word) in words.enumerated() {
            let folded = Folding.fold(word)
            if folded == "nr" || folded == "nr." || folded == "nr:", index + 1 < words.count {
                return String(words[index + 1].trimmingCharacters(in: ",;"))
            }
            if folded.hasPrefix("nr"), folded.count > 2, word.dropFirst(2).first?.isNumber == true {
                return String(word.dropFirst(2)).trimmingCharacters(in: ",;")
            }
        }
        return nil
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}

/// Estonian dates to ISO 8601: "18.12.2019", "18. detsember 2019", "1.01.2020".
enum DateText {
    private static let months = [
        "jaanuar": 1, "veebruar": 2, "marts": 3, "aprill": 4, "mai": 5, "juuni": 6, "juuli": 7, "august": 8,
        "september": 9, "oktoober": 10, "november": 11, "detsember": 12,
    ]

    static func date(from word: String) -> String? {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              parts[2].count == 4, (1...31).contains(day), (1...12).contains(month) else { return nil }
        return iso(year, month, day)
    }

    static func firstDate(in text: String) -> String? {
        let words = text.split(separator: " ").map { String($0.trimmingPunctuation()) }
        for (index, word) in words.enumerated() {
            if let date = date(from: word) { return date }
            // "18. detsember 2019" (the day's dot was trimmed with the punctuation)
            if let day = Int(word), (1...31).contains(day), index + 2 < words.count,
               let month = months.first(where: { Folding.fold(words[index + 1]).hasPrefix($0.key) })?.value,
               let year = Int(words[index + 2]), (1900...2100).contains(year) {
                return iso(year, month, day)
            }
        }
        return nil
    }

    private static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
