import Foundation

/// The learned OCR channel: costs (negative log probabilities) of reading an intended letter as another,
/// dropping it, or reading a letter that is not there. Estimated by scripts/dictionaries/learn_channel.py
/// from tesseract's readings of rendered Estonian prose; letters compared in lowercase.
struct Channel: Sendable {
    private var substitution: [Unicode.Scalar: [Unicode.Scalar: Double]] = [:]
    /// Intended letter → observed string of two or three letters → cost.
    private var expansion: [Unicode.Scalar: [String: Double]] = [:]
    private var deletion: [Unicode.Scalar: Double] = [:]
    private var insertion: [Unicode.Scalar: Double] = [:]
    private var keep: [Unicode.Scalar: Double] = [:]
    private var unseenSubstitution: [Unicode.Scalar: Double] = [:]
    private var unseenInsertion = 12.0
    /// Observed letters that often stand for a letter the key drops (õ ö ü ä l i) or for nothing.
    private(set) var suspicious: Set<Unicode.Scalar> = []
    /// Most likely intended letters for an observed letter, outside the key's dropped letters.
    private(set) var alternatives: [Unicode.Scalar: [Unicode.Scalar]] = [:]

    static let keyDropped: Set<Unicode.Scalar> = ["õ", "ö", "ü", "ä", "l", "i"]
    static let diacritics: Set<Unicode.Scalar> = ["õ", "ö", "ü", "ä", "š", "ž"]

    init(table: String) {
        var counts: [Unicode.Scalar?: [Unicode.Scalar?: Double]] = [:]
        var expansions: [Unicode.Scalar: [String: Double]] = [:]
        for line in table.split(separator: "\n", omittingEmptySubsequences: false) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let count = Double(fields[2]) else { continue }
            let intended = fields[0].lowercased().unicodeScalars.first
            let observedText = fields[1].lowercased()
            if observedText.unicodeScalars.count > 1, let intended {
                expansions[intended, default: [:]][observedText, default: 0] += count
                counts[intended, default: [:]][nil, default: 0] += 0  // the letter is known
                continue
            }
            counts[intended, default: [:]][observedText.unicodeScalars.first, default: 0] += count
        }
        let smoothing = 0.5
        var totalLetters = 0.0
        var observedFrom: [Unicode.Scalar: [Unicode.Scalar?: Double]] = [:]
        for (intended, row) in counts {
            let total = row.values.reduce(0, +)
            guard let intended else {
                for (observed, count) in row {
                    if let observed { insertion[observed] = count }
                }
                continue
            }
            totalLetters += total
            let denominator = total + smoothing * 40
            for (observed, count) in row {
                let cost = -log((count + smoothing) / denominator)
                if let observed {
                    observedFrom[observed, default: [:]][intended, default: 0] += count
                    if observed == intended { keep[intended] = cost } else { substitution[intended, default: [:]][observed] = cost }
                } else {
                    deletion[intended] = cost
                }
            }
            unseenSubstitution[intended] = -log(smoothing / denominator)
            for (observed, count) in expansions[intended] ?? [:] {
                expansion[intended, default: [:]][observed] = -log((count + smoothing) / (denominator + count))
                for scalar in observed.unicodeScalars {
                    observedFrom[scalar, default: [:]][intended, default: 0] += count
                }
            }
        }
        let insertionTotal = max(totalLetters, 1)
        for (observed, count) in insertion {
            insertion[observed] = -log((count + smoothing) / insertionTotal)
            observedFrom[observed, default: [:]][nil, default: 0] += count
        }
        unseenInsertion = -log(smoothing / insertionTotal)

        for (observed, sources) in observedFrom {
            let total = sources.values.reduce(0, +)
            let fromDropped = sources.filter { $0.key == nil || Self.keyDropped.contains($0.key!) && $0.key != observed }
                .values.reduce(0, +)
            if !Self.keyDropped.contains(observed), fromDropped / total >= 0.004 { suspicious.insert(observed) }
            alternatives[observed] = sources
                .filter { $0.key != nil && $0.key != observed && !Self.keyDropped.contains($0.key!) && $0.value / total >= 0.02 }
                .sorted { $0.value > $1.value }.prefix(2).map { $0.key! }
        }
        // Digits and symbols inside letters are OCR noise for letters whether or not the renders showed them.
        for scalar in "0123456789@&¢§|!".unicodeScalars { suspicious.insert(scalar) }
    }

    func keepCost(_ letter: Unicode.Scalar) -> Double { keep[letter] ?? 0.05 }

    func substitutionCost(intended: Unicode.Scalar, observed: Unicode.Scalar) -> Double {
        if intended == observed { return keepCost(intended) }
        if let cost = substitution[intended]?[observed] { return cost }
        // A digit or symbol read inside a word stands for some letter; which one the renders may not have shown.
        if !observed.properties.isAlphabetic && intended.properties.isAlphabetic { return Self.symbolCost }
        return unseenSubstitution[intended] ?? 12
    }

    static let symbolCost = 6.0

    func deletionCost(_ intended: Unicode.Scalar) -> Double { deletion[intended] ?? unseenSubstitution[intended] ?? 12 }

    func insertionCost(_ observed: Unicode.Scalar) -> Double {
        insertion[observed] ?? (observed.properties.isAlphabetic ? unseenInsertion : Self.symbolCost)
    }

    /// What happened to each intended letter when `intended` was read as `observed`: the letters read for it
    /// (empty when dropped); letters read from nothing are left out.
    func readings(intended: [Unicode.Scalar], observed: [Unicode.Scalar]) -> [(Unicode.Scalar, String)] {
        let n = intended.count, m = observed.count
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: m + 1), count: n + 1)
        var step = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)  // observed letters consumed; -1 insertion
        cost[0][0] = 0
        for j in 0..<m {
            cost[0][j + 1] = cost[0][j] + insertionCost(observed[j])
            step[0][j + 1] = -1
        }
        for i in 0..<n {
            cost[i + 1][0] = cost[i][0] + deletionCost(intended[i])
            let expansions = expansion[intended[i]]
            for j in 0..<m {
                var best = cost[i][j] + substitutionCost(intended: intended[i], observed: observed[j]), move = 1
                if cost[i][j + 1] + deletionCost(intended[i]) < best { best = cost[i][j + 1] + deletionCost(intended[i]); move = 0 }
                if cost[i + 1][j] + insertionCost(observed[j]) < best { best = cost[i + 1][j] + insertionCost(observed[j]); move = -1 }
                if let expansions {
                    for length in 2...3 where j + 1 >= length {
                        if let extra = expansionCost(expansions, observed[(j + 1 - length)...j]),
                           cost[i][j + 1 - length] + extra < best {
                            best = cost[i][j + 1 - length] + extra
                            move = length
                        }
                    }
                }
                cost[i + 1][j + 1] = best
                step[i + 1][j + 1] = move
            }
        }
        var result: [(Unicode.Scalar, String)] = []
        var i = n, j = m
        while i > 0 {
            let move = j == 0 ? 0 : step[i][j]
            if move == -1 { j -= 1; continue }
            result.append((intended[i - 1], String(String.UnicodeScalarView(observed[(j - move)..<j]))))
            i -= 1
            j -= move
        }
        return result.reversed()
    }

    /// This channel fitted to one document: `readings` counts, per intended letter, what the document's
    /// confidently restored words show it read as; `strength` is how many letters the prior is worth.
    func adapted(to readings: [Unicode.Scalar: [String: Double]], strength: Double) -> Channel {
        var channel = self
        for (intended, row) in readings {
            let seen = row.values.reduce(0, +)
            guard seen > 0 else { continue }
            func blend(_ cost: Double?, _ count: Double) -> Double {
                let prior = cost.map { exp(-$0) } ?? 0
                return -log((count + strength * prior) / (seen + strength))
            }
            channel.keep[intended] = blend(keep[intended] ?? 0.05, row[String(intended)] ?? 0)
            channel.deletion[intended] = blend(deletionCost(intended), row[""] ?? 0)
            var substitutions = substitution[intended] ?? [:]
            var expansions = expansion[intended] ?? [:]
            for observed in Set(substitutions.keys.map { String($0) }).union(expansions.keys).union(row.keys)
            where observed != String(intended) && !observed.isEmpty {
                let scalars = Array(observed.unicodeScalars)
                if scalars.count == 1 {
                    substitutions[scalars[0]] = blend(substitutionCost(intended: intended, observed: scalars[0]), row[observed] ?? 0)
                } else {
                    expansions[observed] = blend(expansion[intended]?[observed], row[observed] ?? 0)
                }
            }
            channel.substitution[intended] = substitutions
            channel.expansion[intended] = expansions
            channel.unseenSubstitution[intended] = -log(strength * exp(-(unseenSubstitution[intended] ?? 12)) / (seen + strength))
        }
        return channel
    }

    /// Thin upright glyphs OCR swaps for one another.
    static let strokes: Set<Unicode.Scalar> = ["i", "l", "t", "1", "!", "|", "j", "í", "ì"]

    /// Cost of reading one letter as `read` (two or three letters): learned, or learned for the same
    /// reading with thin strokes swapped (ü as "li" when the renders showed "ii"), one unit per swap.
    private func expansionCost(_ expansions: [String: Double], _ read: ArraySlice<Unicode.Scalar>) -> Double? {
        let text = String(String.UnicodeScalarView(read))
        if let cost = expansions[text] { return cost }
        var swaps = 0
        let normalized = String(String.UnicodeScalarView(read.map { scalar -> Unicode.Scalar in
            if Self.strokes.contains(scalar) && scalar != "i" { swaps += 1; return "i" }
            return scalar
        }))
        guard swaps > 0, let cost = expansions[normalized] else { return nil }
        return cost + Double(swaps)
    }

    /// Cost of reading `intended` as `observed` (both lowercase): a weighted edit distance.
    func cost(intended: [Unicode.Scalar], observed: [Unicode.Scalar]) -> Double {
        let n = intended.count, m = observed.count
        var previous = [Double](repeating: 0, count: m + 1)
        var current = [Double](repeating: 0, count: m + 1)
        for j in 0..<m { previous[j + 1] = previous[j] + insertionCost(observed[j]) }
        for i in 0..<n {
            current[0] = previous[0] + deletionCost(intended[i])
            let expansions = expansion[intended[i]]
            for j in 0..<m {
                let substitute = previous[j] + substitutionCost(intended: intended[i], observed: observed[j])
                let delete = previous[j + 1] + deletionCost(intended[i])
                let insert = current[j] + insertionCost(observed[j])
                var best = min(substitute, delete, insert)
                if let expansions {
                    for length in 2...3 where j + 1 >= length {
                        if let cost = expansionCost(expansions, observed[(j + 1 - length)...j]) {
                            best = min(best, previous[j + 1 - length] + cost)
                        }
                    }
                }
                current[j + 1] = best
            }
            swap(&previous, &current)
        }
        return previous[m]
    }
}
