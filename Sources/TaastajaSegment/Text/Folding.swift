/// Lower case with Estonian diacritics folded (õ ö → o, ä → a, ü → u, š → s, ž → z), so headings and labels
/// match whether or not restoration put every diacritic back.
enum Folding {
    static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                // ASCII capitals by arithmetic: lowercased() is slow for short words.
                out.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
                continue
            }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            guard lower.count == 1, let scalar = lower.first else {
                out.append(contentsOf: lower)
                continue
            }
            switch scalar {
            case "õ", "ö", "ó", "ò": out.append("o")
            case "ä", "á", "à": out.append("a")
            case "ü", "ú": out.append("u")
            case "š": out.append("s")
            case "ž": out.append("z")
            case "é", "è": out.append("e")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A printed word folded for matching against label words.
    struct Key: Equatable {
        var folded: String
        /// The consonants: OCR confusions of Estonian vowels (and l/i) leave them alone.
        var skeleton: String
        var length: Int

        init(_ word: some StringProtocol) {
            folded = String(Folding.fold(word).trimmingPunctuation())
            skeleton = String(String.UnicodeScalarView(folded.unicodeScalars.filter { !Self.vowelLike.contains($0) }))
            length = folded.count
        }

        private static let vowelLike = Set("aeiouyõäöüéó@&06|1l!".unicodeScalars)

        /// The same word, allowing the vowel misreadings OCR leaves when restoration could not settle a word
        /// ("Struktuuriiksus" for "Struktuuriüksus"); short words must match exactly.
        func matches(_ label: Key) -> Bool {
            if folded == label.folded { return true }
            return label.length >= 6 && abs(length - label.length) <= 1 && skeleton == label.skeleton
        }
    }

    /// The folded words of a text, punctuation at either end of a word dropped.
    static func words(_ text: some StringProtocol) -> [String] {
        fold(text).split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word in
            String(word.trimmingPunctuation())
        }.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    func trimmingPunctuation() -> SubSequence {
        let isEdge: (Character) -> Bool = { ":;,.()–—\"„“”'".contains($0) }
        var start = startIndex, end = endIndex
        while start < end, isEdge(self[start]) { start = index(after: start) }
        while end > start, isEdge(self[index(before: end)]) { end = index(before: end) }
        return self[start..<end]
    }

    /// Leading and trailing spaces and tabs removed.
    func trimmed() -> SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}

extension String {
    var firstLetterIsUppercase: Bool {
        guard let letter = first(where: { $0.isLetter || $0.isNumber }) else { return false }
        return letter.isUppercase
    }

    var firstLetterIsLowercase: Bool {
        guard let letter = first(where: { $0.isLetter || $0.isNumber }) else { return false }
        return letter.isLowercase
    }

    /// Ends a sentence or a list item.
    var endsClause: Bool {
        guard let last = last(where: { !$0.isWhitespace && $0 != "\"" && $0 != "”" && $0 != ")" }) else { return false }
        return ".;!?:".contains(last)
    }
}
