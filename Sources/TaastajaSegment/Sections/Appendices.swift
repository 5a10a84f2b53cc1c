/// A file that holds several job descriptions: a cover order (käskkiri) approving them, then each as an
/// appendix that opens with its marker line ("Lisa 1", "LISA 2 peadirektori … käskkirjale nr …").
enum Appendices {
    struct Appendix {
        /// As printed: "Lisa 1".
        var label: String
        var lines: [SourceLine]
    }

    /// The longest marker line: a marker names its order, never runs on as a sentence.
    private static let maxMarkerWords = 14

    /// The cover and the appendices, or nil when the text has fewer than two appendix markers. A marker repeated as
    /// a running header ("Lisa 1" atop every page of the first appendix) opens nothing new: numbers must rise.
    static func split(_ lines: [SourceLine]) -> (cover: [SourceLine], appendices: [Appendix])? {
        var starts: [(index: Int, number: Int, label: String)] = []
        for (index, line) in lines.enumerated() {
            guard let (number, label) = marker(line) else { continue }
            if let last = starts.last, number <= last.number { continue }
            starts.append((index, number, label))
        }
        guard starts.count >= 2 else { return nil }
        var appendices: [Appendix] = []
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].index : lines.count
            appendices.append(Appendix(label: start.label, lines: Array(lines[start.index..<end])))
        }
        return (Array(lines[..<starts[0].index]), appendices)
    }

    /// "Lisa 2", "LISA 2.", "Lisa 2 Transpordiameti peadirektori 25.01.2026 käskkirjale nr 2.1-2/26/001".
    static func marker(_ line: SourceLine) -> (number: Int, label: String)? {
        guard !line.isBullet, !line.text.hasSuffix(";") else { return nil }
        let words = line.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 2, words.count <= maxMarkerWords, Folding.fold(words[0]) == "lisa" else { return nil }
        let digits = words[1].trimmingPunctuation()
        guard let number = Int(digits), (1...99).contains(number) else { return nil }
        return (number, "\(words[0]) \(digits)")
    }
}
