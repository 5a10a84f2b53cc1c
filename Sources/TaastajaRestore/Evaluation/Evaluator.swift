import Foundation

/// How close a candidate text is to its reference, word by word and letter by letter.
public struct Evaluation: Codable, Sendable, Equatable {
    public struct ErrorCount: Codable, Sendable, Equatable {
        public var expected: String
        public var found: String
        public var count: Int
    }

    public var referenceWords: Int
    public var candidateWords: Int
    /// 1 − word edit distance / reference words, after aligning the two word sequences.
    public var alignedWordAccuracy: Double
    public var alignedWordAccuracyCaseFolded: Double
    /// Share of the reference's words found in the candidate, each used once, in any order.
    public var bagOfWordsAccuracy: Double
    public var bagOfWordsAccuracyCaseFolded: Double
    /// The bag-of-words accuracy over reference words that carry õ ä ö ü š ž.
    public var diacriticWordAccuracy: Double
    public var diacriticWords: Int
    /// Letter edit distance / reference letters, white space folded.
    public var characterErrorRate: Double
    public var commonestErrors: [ErrorCount]
}

public enum Evaluator {
    /// Words as Taastaja counts them: runs of letters and digits that hold a letter.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if current.contains(where: { $0.properties.isAlphabetic }) { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return words
    }

    static let diacritics = Set("õäöüšžÕÄÖÜŠŽ".unicodeScalars)

    public static func evaluate(reference: String, candidate: String, showErrors: Int = 0) -> Evaluation {
        let expected = words(reference), found = words(candidate)
        let foldedExpected = expected.map { $0.lowercased() }, foldedFound = found.map { $0.lowercased() }
        let total = max(expected.count, 1)
        let diacriticWords = expected.filter { $0.unicodeScalars.contains { diacritics.contains($0) } }
        let referenceLetters = Array(reference.split(whereSeparator: \.isWhitespace).joined(separator: " ").unicodeScalars)
        let candidateLetters = Array(candidate.split(whereSeparator: \.isWhitespace).joined(separator: " ").unicodeScalars)
        return Evaluation(
            referenceWords: expected.count,
            candidateWords: found.count,
            alignedWordAccuracy: 1 - Double(editDistance(expected, found)) / Double(total),
            alignedWordAccuracyCaseFolded: 1 - Double(editDistance(foldedExpected, foldedFound)) / Double(total),
            bagOfWordsAccuracy: Double(bagMatches(expected, found)) / Double(total),
            bagOfWordsAccuracyCaseFolded: Double(bagMatches(foldedExpected, foldedFound)) / Double(total),
            diacriticWordAccuracy: diacriticWords.isEmpty ? 1
                : Double(bagMatches(diacriticWords, found)) / Double(diacriticWords.count),
            diacriticWords: diacriticWords.count,
            characterErrorRate: Double(editDistance(referenceLetters, candidateLetters)) / Double(max(referenceLetters.count, 1)),
            commonestErrors: showErrors > 0 ? commonestErrors(expected, found, limit: showErrors) : [])
    }

    static func bagMatches(_ expected: [String], _ found: [String]) -> Int {
        var available: [String: Int] = [:]
        for word in found { available[word, default: 0] += 1 }
        var matches = 0
        for word in expected where (available[word] ?? 0) > 0 {
            available[word]! -= 1
            matches += 1
        }
        return matches
    }

    /// Levenshtein distance between two sequences, in two rows of memory.
    static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The word pairs the alignment most often gets wrong (`expected → found`; an empty side is a missing word).
    static func commonestErrors(_ expected: [String], _ found: [String], limit: Int) -> [Evaluation.ErrorCount] {
        let n = expected.count, m = found.count
        guard n > 0, m > 0, n * m <= 40_000_000 else { return [] }
        // 0 diagonal, 1 up (deletion), 2 left (insertion)
        var moves = [UInt8](repeating: 0, count: (n + 1) * (m + 1))
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for j in 1...m { moves[j] = 2 }
        for i in 1...n {
            current[0] = i
            moves[i * (m + 1)] = 1
            for j in 1...m {
                let diagonal = previous[j - 1] + (expected[i - 1] == found[j - 1] ? 0 : 1)
                let up = previous[j] + 1, left = current[j - 1] + 1
                if diagonal <= up && diagonal <= left {
                    current[j] = diagonal
                    moves[i * (m + 1) + j] = 0
                } else if up <= left {
                    current[j] = up
                    moves[i * (m + 1) + j] = 1
                } else {
                    current[j] = left
                    moves[i * (m + 1) + j] = 2
                }
            }
            swap(&previous, &current)
        }
        var counts: [String: Int] = [:]
        var i = n, j = m
        while i > 0 || j > 0 {
            let move = moves[i * (m + 1) + j]
            if i > 0 && j > 0 && move == 0 {
                if expected[i - 1] != found[j - 1] { counts["\(expected[i - 1])\t\(found[j - 1])", default: 0] += 1 }
                i -= 1
                j -= 1
            } else if i > 0 && (move == 1 || j == 0) {
                counts["\(expected[i - 1])\t", default: 0] += 1
                i -= 1
            } else {
                counts["\t\(found[j - 1])", default: 0] += 1
                j -= 1
            }
        }
        return counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit).map {
            let parts = $0.key.split(separator: "\t", omittingEmptySubsequences: false)
            return Evaluation.ErrorCount(expected: String(parts[0]), found: String(parts[1]), count: $0.value)
        }
    }
}
