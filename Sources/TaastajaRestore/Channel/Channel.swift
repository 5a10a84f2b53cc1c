import Foundation
import TaastajaExtract

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
    /// Lowercase intended letter → capital read for it → count; and how many times each lowercase letter was seen.
    private var capitalReadings: [Unicode.Scalar: [Unicode.Scalar: Double]] = [:]
    private var lowercaseTotals: [Unicode.Scalar: Double] = [:]
    /// Observed letters that often stand for a letter the key drops (õ ö ü ä l i) or for nothing.
    private(set) var suspicious = ScalarSet()
    /// Most likely intended letters for an observed letter, outside the key's dropped letters.
    private var alternatives: [Unicode.Scalar: [Unicode.Scalar]] = [:]
    /// The same for Latin-1 letters by scalar value: looked up without hashing.
    private var latinAlternatives: [[Unicode.Scalar]] = []
    /// The costs above as dense tables over letter ids, for the edit-distance inner loop.
    private(set) var compiled = CompiledChannel()
    /// For a channel fitted to a document (see `adapted`), per letter id: the most that any one reading of the
    /// letter got cheaper than under the learned channel. Insertions keep their costs, so a word's cost falls by
    /// at most the sum over its letters; nil for the learned channel itself.
    private(set) var savings: [Double]?

    static let keyDropped: ScalarSet = ["õ", "ö", "ü", "ä", "l", "i"]
    static let diacritics: ScalarSet = ["õ", "ö", "ü", "ä", "š", "ž"]

    init(table: String) {
        var counts: [Unicode.Scalar?: [Unicode.Scalar?: Double]] = [:]
        var expansions: [Unicode.Scalar: [String: Double]] = [:]
        for line in table.split(separator: "\n", omittingEmptySubsequences: false) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let count = Double(fields[2]) else { continue }
            // Kept apart before case is folded: how often a lowercase letter was read as a capital.
            if let intended = fields[0].unicodeScalars.first, fields[0].unicodeScalars.count == 1,
               intended.isLowercase {
                lowercaseTotals[intended, default: 0] += count
                if let observed = fields[1].unicodeScalars.first, fields[1].unicodeScalars.count == 1,
                   observed.isUppercase {
                    capitalReadings[intended, default: [:]][observed, default: 0] += count
                }
            }
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
        latinAlternatives = (0..<0x100).map { value in Unicode.Scalar(UInt32(value)).flatMap { alternatives[$0] } ?? [] }
        compiled = compile()
    }

    /// Most likely intended letters for an observed letter, outside the key's dropped letters.
    func alternatives(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        scalar.value < 0x100 ? latinAlternatives[Int(scalar.value)] : alternatives[scalar] ?? []
    }

    func keepCost(_ letter: Unicode.Scalar) -> Double { keep[letter] ?? 0.05 }

    /// Cost of a lowercase `intended` letter printed as the capital `observed` inside a word, in place of the
    /// case-blind cost: OCR prints Õ-like capitals for õ and ö (vOtta, TOOks) but almost never one for o.
    func innerCapitalCost(intended: Unicode.Scalar, observed: Unicode.Scalar) -> Double {
        let count = capitalReadings[intended]?[observed] ?? 0
        return -log((count + 0.5) / ((lowercaseTotals[intended] ?? 0) + 20))
    }

    func substitutionCost(intended: Unicode.Scalar, observed: Unicode.Scalar) -> Double {
        if intended == observed { return keepCost(intended) }
        if let cost = substitution[intended]?[observed] { return cost }
        // A digit or symbol read inside a word stands for some letter; which one the renders may not have shown.
        if !observed.isAlphabetic && intended.isAlphabetic { return Self.symbolCost }
        return unseenSubstitution[intended] ?? 12
    }

    static let symbolCost = 6.0

    func deletionCost(_ intended: Unicode.Scalar) -> Double { deletion[intended] ?? unseenSubstitution[intended] ?? 12 }

    func insertionCost(_ observed: Unicode.Scalar) -> Double {
        // A symbol read for a letter is cheap (symbolCost); one read for nothing is as rare as any unseen insertion.
        insertion[observed] ?? unseenInsertion
    }

    /// What happened to each intended letter when `intended` was read as `observed`: the letters read for it
    /// (empty when dropped); letters read from nothing are left out.
    func readings(intended: [Unicode.Scalar], observed: [Unicode.Scalar]) -> [(Unicode.Scalar, String)] {
        trace(intended: intended, observed: observed).map { (intended[$0.intended], String(scalars: observed[$0.observed])) }
    }

    /// Per observed letter, the intended letter it was read for, alone or as one of two or three (nil: read
    /// from nothing).
    func intendedLetters(intended: [Unicode.Scalar], observed: [Unicode.Scalar]) -> [Unicode.Scalar?] {
        var result = [Unicode.Scalar?](repeating: nil, count: observed.count)
        for step in trace(intended: intended, observed: observed) {
            for position in step.observed { result[position] = intended[step.intended] }
        }
        return result
    }

    /// The cheapest reading as (intended letter index, observed letters read for it), in order.
    func trace(intended: [Unicode.Scalar], observed: [Unicode.Scalar]) -> [(intended: Int, observed: Range<Int>)] {
        let table = compiled
        let n = intended.count, m = observed.count, width = m + 1
        // The tables on the stack: this runs for every word a decision would change.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: n + m) { ids in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: (n + 1) * width) { cost in
                withUnsafeTemporaryAllocation(of: Int8.self, capacity: (n + 1) * width) { step in  // letters read; -1 insertion
                    let intendedIDs = UnsafeMutableBufferPointer(rebasing: ids[..<n])
                    let observedIDs = UnsafeMutableBufferPointer(rebasing: ids[n...])
                    for (index, scalar) in intended.enumerated() { intendedIDs[index] = table.id(of: scalar) }
                    for (index, scalar) in observed.enumerated() { observedIDs[index] = table.id(of: scalar) }
                    cost[0] = 0
                    step[0] = 0
                    // The tables through raw pointers and the cells without overflow checks (indices stay inside
                    // the tables): a trace per changed word and per confident reading of the document.
                    table.withTables { tables in
                        let cost = cost.baseAddress!, step = step.baseAddress!, observed = observedIDs.baseAddress!
                        for j in 0..<m {
                            cost[j &+ 1] = cost[j] + tables.insertion[observed[j]]
                            step[j &+ 1] = -1
                        }
                        for i in 0..<n {
                            let row = intendedIDs[i] &* tables.size, delete = tables.deletion[intendedIDs[i]]
                            let previous = cost + i &* width, current = previous + width
                            current[0] = previous[0] + delete
                            step[(i &+ 1) &* width] = 0
                            for j in 0..<m {
                                let cell = row &+ observed[j]
                                var best = previous[j] + tables.substitution[cell], move: Int8 = 1
                                if previous[j &+ 1] + delete < best { best = previous[j &+ 1] + delete; move = 0 }
                                let insert = current[j] + tables.insertion[observed[j]]
                                if insert < best { best = insert; move = -1 }
                                var index = tables.expansionStarts[cell]
                                while index < tables.expansionStarts[cell &+ 1] {
                                    let expansion = tables.expansionEntries[index]
                                    index &+= 1
                                    guard let start = expansion.start(endingAt: j, in: observed) else { continue }
                                    if previous[start] + expansion.cost < best {
                                        best = previous[start] + expansion.cost
                                        move = Int8(expansion.extra + 1)
                                    }
                                }
                                current[j &+ 1] = best
                                step[(i &+ 1) &* width &+ j &+ 1] = move
                            }
                        }
                    }
                    var result: [(intended: Int, observed: Range<Int>)] = []
                    result.reserveCapacity(n)
                    var i = n, j = m
                    while i > 0 {
                        let move = j == 0 ? 0 : Int(step[i * width + j])
                        if move == -1 { j -= 1; continue }
                        result.append((i - 1, (j - move)..<j))
                        i -= 1
                        j -= move
                    }
                    result.reverse()
                    return result
                }
            }
        }
    }

    /// This channel fitted to one document: `readings` counts, per intended letter, what the document's
    /// confidently restored words show it read as; `strength` is how many letters the prior is worth.
    func adapted(to readings: [Unicode.Scalar: [String: Double]], strength: Double) -> Channel {
        var channel = self
        for (intended, row) in readings {
            let seen = row.values.reduce(0, +)
            guard seen > 0 else { continue }
            // A document can show a misreading to be common; one it has not shown keeps its learned cost
            // (a few pages are too little evidence to call a misreading rare).
            func blend(_ cost: Double?, _ count: Double) -> Double {
                let prior = cost.map { exp(-$0) } ?? 0
                return min(cost ?? .infinity, -log((count + strength * prior) / (seen + strength)))
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
        }
        channel.compiled = channel.compile()
        channel.savings = channel.compiled.savings(comparedWith: compiled)
        return channel
    }

    private func compile() -> CompiledChannel {
        var letters = Set("abcdefghijklmnopqrstuvwxyzõäöüšžé0123456789@&¢§|![".unicodeScalars)
        letters.formUnion(substitution.keys)
        letters.formUnion(keep.keys)
        letters.formUnion(insertion.keys)
        for row in substitution.values { letters.formUnion(row.keys) }
        let alphabet = Array(letters).sorted { $0.value < $1.value }
        let size = alphabet.count + 1
        var letterIDs: [Unicode.Scalar: Int] = [:]
        for (id, scalar) in alphabet.enumerated() { letterIDs[scalar] = id }
        let smallIDs = (0..<CompiledChannel.smallScalars).map { value in
            Unicode.Scalar(UInt32(value)).flatMap { letterIDs[$0] } ?? alphabet.count
        }
        let other = alphabet.count
        var substitution = [Double](repeating: 12, count: size * size)
        var deletion = [Double](repeating: 12, count: size)
        var insertion = [Double](repeating: unseenInsertion, count: size)
        var expansionsByLastLetter = [[(ids: [Int], cost: Double)]](repeating: [], count: size * size)
        func addExpansion(_ intended: Int, _ read: [Unicode.Scalar], _ cost: Double) {
            let ids = read.map { letterIDs[$0] ?? other }
            expansionsByLastLetter[intended * size + ids.last!].append((ids, cost))
        }
        // Row by row as `substitutionCost` would answer, from the row's default and its few learned readings: a
        // look-up per cell would hash two letters a few ten thousand times per channel.
        let observedIsSymbol = alphabet.map { !$0.isAlphabetic }
        for (i, intended) in alphabet.enumerated() {
            let unseen = unseenSubstitution[intended] ?? 12
            let symbol = intended.isAlphabetic ? Self.symbolCost : unseen
            for j in alphabet.indices {
                substitution[i * size + j] = observedIsSymbol[j] ? symbol : unseen
            }
            for (observed, cost) in self.substitution[intended] ?? [:] {
                if let j = letterIDs[observed] { substitution[i * size + j] = cost }
            }
            substitution[i * size + i] = keepCost(intended)
            substitution[i * size + other] = Self.symbolCost
            deletion[i] = deletionCost(intended)
            for (read, cost) in expansion[intended] ?? [:] {
                let scalars = Array(read.unicodeScalars)
                addExpansion(i, scalars, cost)
                // The same reading with thin strokes swapped for i, one unit per swap.
                for (index, scalar) in scalars.enumerated() where scalar == "i" {
                    for stroke in Self.strokes where stroke != "i" {
                        var swapped = scalars
                        swapped[index] = stroke
                        addExpansion(i, swapped, cost + 1)
                    }
                }
            }
        }
        for (j, observed) in alphabet.enumerated() { insertion[j] = insertionCost(observed) }
        substitution[other * size + other] = 0.05
        insertion[other] = unseenInsertion
        deletion[other] = 12
        return CompiledChannel(ids: letterIDs, alphabet: alphabet, smallIDs: smallIDs, substitution: substitution,
                               deletion: deletion, insertion: insertion, expansionsByLastLetter: expansionsByLastLetter)
    }

    /// Thin upright glyphs OCR swaps for one another.
    static let strokes: Set<Unicode.Scalar> = ["i", "l", "t", "1", "!", "|", "j", "í", "ì"]

    /// Cost of reading `intended` as `observed` (both lowercase): a weighted edit distance.
    func cost(intended: [Unicode.Scalar], observed: [Unicode.Scalar]) -> Double {
        compiled.cost(intended: compiled.encode(intended), observed: compiled.encode(observed))
    }
}

/// Channel costs as dense tables indexed by letter id; the last id stands for any other character. A class of
/// constants: the search passes it around constantly, and a copy of a struct would retain every table.
final class CompiledChannel: Sendable {
    let ids: [Unicode.Scalar: Int]
    /// The letter of each id but the last.
    let alphabet: [Unicode.Scalar]
    let size: Int
    let substitution: [Double]
    let deletion: [Double]
    let insertion: [Double]
    /// Readings of one intended letter as two or three observed ones, per cell (intended letter, last observed
    /// letter): the edit-distance loop only tries readings that end in the letter at hand. Cell c's are
    /// `expansionEntries[expansionStarts[c]..<expansionStarts[c + 1]]`, flat: no array to retain per cell.
    let expansionStarts: [Int]
    let expansionEntries: [ExpansionEntry]

    /// A reading of one letter as two or three, whose last observed letter is its cell's.
    struct ExpansionEntry {
        /// Observed letters before the last: 1 or 2.
        var extra: Int
        /// Those letters' ids, in order (`second` unused when `extra` is 1).
        var first: Int
        var second: Int
        var cost: Double

        /// Where the reading starts in `observed` if the letters before `end` are its own (the letter at `end`
        /// is the cell's).
        @inline(__always)
        func start(endingAt end: Int, in observed: UnsafePointer<Int>) -> Int? {
            guard end >= extra else { return nil }
            let start = end &- extra
            return observed[start] == first && (extra == 1 || observed[start &+ 1] == second) ? start : nil
        }

        func ids(last: Int) -> [Int] { extra == 1 ? [first, last] : [first, second, last] }
    }

    /// The tables as raw pointers, for the edit-distance loops, which index them per cell.
    struct Tables {
        let size: Int
        let substitution: UnsafePointer<Double>
        let deletion: UnsafePointer<Double>
        let insertion: UnsafePointer<Double>
        let expansionStarts: UnsafePointer<Int>
        let expansionEntries: UnsafePointer<ExpansionEntry>
    }

    /// Calls `body` with the tables, valid for the call only.
    func withTables<Result>(_ body: (Tables) -> Result) -> Result {
        substitution.withUnsafeBufferPointer { substitution in
            deletion.withUnsafeBufferPointer { deletion in
                insertion.withUnsafeBufferPointer { insertion in
                    expansionStarts.withUnsafeBufferPointer { expansionStarts in
                        expansionEntries.withUnsafeBufferPointer { expansionEntries in
                            body(Tables(size: size, substitution: substitution.baseAddress!, deletion: deletion.baseAddress!,
                                        insertion: insertion.baseAddress!, expansionStarts: expansionStarts.baseAddress!,
                                        expansionEntries: expansionEntries.baseAddress!))
                        }
                    }
                }
            }
        }
    }

    /// Tables over `alphabet` and one more id for any other character (the defaults: that id alone).
    init(ids: [Unicode.Scalar: Int] = [:], alphabet: [Unicode.Scalar] = [], smallIDs: [Int] = [],
         substitution: [Double] = [0], deletion: [Double] = [0], insertion: [Double] = [0],
         expansionsByLastLetter: [[(ids: [Int], cost: Double)]] = [[]]) {
        self.ids = ids
        self.alphabet = alphabet
        size = alphabet.count + 1
        self.smallIDs = smallIDs
        self.substitution = substitution
        self.deletion = deletion
        self.insertion = insertion
        var starts = [0], entries: [ExpansionEntry] = []
        for cell in expansionsByLastLetter {
            for expansion in cell {
                let ids = expansion.ids
                precondition((2...3).contains(ids.count), "an expansion reads a letter as two or three")
                entries.append(ExpansionEntry(extra: ids.count - 1, first: ids[0], second: ids.count == 3 ? ids[1] : -1,
                                              cost: expansion.cost))
            }
            starts.append(entries.count)
        }
        expansionStarts = starts
        expansionEntries = entries
    }


    /// Letter ids of the scalars below this value (ASCII, Latin-1 and Latin Extended-A: every Estonian letter),
    /// looked up without hashing.
    static let smallScalars = 0x180
    let smallIDs: [Int]

    func id(of scalar: Unicode.Scalar) -> Int {
        scalar.value < Self.smallScalars ? smallIDs[Int(scalar.value)] : ids[scalar] ?? (size - 1)
    }

    func encode(_ scalars: [Unicode.Scalar]) -> [Int] {
        // A loop, not `map(id(of:))`: no closure context per call.
        var ids: [Int] = []
        ids.reserveCapacity(scalars.count)
        for scalar in scalars { ids.append(id(of: scalar)) }
        return ids
    }

    /// Letter ids of a UTF-8 word (valid UTF-8, as the lexicon stores it) into `buffer`; returns how many, or nil
    /// when the buffer is too short.
    func encode(utf8: UnsafeRawBufferPointer, into buffer: UnsafeMutableBufferPointer<Int>) -> Int? {
        // Every lexicon word's letters are below `smallScalars`: looked up in `smallIDs` through a raw pointer
        // (this runs for every candidate of every word).
        smallIDs.withUnsafeBufferPointer { smallIDs in
            guard let bytes = utf8.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
            let smallIDs = smallIDs.baseAddress!, end = utf8.count
            var count = 0, index = 0
            while index < end {
                guard count < buffer.count else { return nil }
                let lead = bytes[index]
                let value: UInt32
                // One and two bytes inline (every Estonian letter); longer sequences decoded in full.
                if lead < 0x80 {
                    value = UInt32(lead)
                    index &+= 1
                } else if lead < 0xE0, index &+ 1 < end {
                    value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index &+ 1] & 0x3F)
                    index &+= 2
                } else {
                    let (decoded, length) = utf8.utf8Scalar(at: index)
                    value = decoded
                    index += length
                }
                buffer[count] = value < Self.smallScalars ? smallIDs[Int(value)]
                    : Unicode.Scalar(value).map(id(of:)) ?? (size - 1)
                count &+= 1
            }
            return count
        }
    }

    /// Per letter id, how much cheaper any one reading of that letter (a substitution, deletion or reading as two
    /// or three letters) is here than under `base`. What `base` pays is its own edit distance from the letter to
    /// the same observed letters, so a reading only this channel lists is compared fairly. Any reading of a word
    /// here maps step by step onto one under `base` costing at most this much more per intended letter.
    func savings(comparedWith base: CompiledChannel) -> [Double] {
        let baseIDs = (0..<size).map { $0 < alphabet.count ? base.id(of: alphabet[$0]) : base.size - 1 }
        var result = [Double](repeating: 0, count: size)
        for letter in 0..<size {
            let intended = [baseIDs[letter]]
            var most = 0.0
            func compare(_ observed: [Int], _ cost: Double) {
                most = max(most, base.cost(intended: intended, observed: observed.map { baseIDs[$0] }) - cost)
            }
            for observed in 0..<size { compare([observed], substitution[letter * size + observed]) }
            compare([], deletion[letter])
            for last in 0..<size {
                let cell = letter * size + last
                for expansion in expansionEntries[expansionStarts[cell]..<expansionStarts[cell + 1]] {
                    compare(expansion.ids(last: last), expansion.cost)
                }
            }
            result[letter] = most
        }
        return result
    }

    /// The weighted edit distance. Once every reading of a prefix costs more than `limit`, the least of those
    /// costs: a lower bound of the distance, above `limit`.
    func cost(intended: [Int], observed: [Int], limit: Double = .infinity) -> Double {
        intended.withUnsafeBufferPointer { intended in
            observed.withUnsafeBufferPointer { observed in cost(intended: intended, observed: observed, limit: limit) }
        }
    }

    func cost(intended: UnsafeBufferPointer<Int>, observed: UnsafeBufferPointer<Int>, limit: Double = .infinity) -> Double {
        PrefixSharingDistance.with(self, observed: observed, capacity: intended.count) {
            $0.cost(intended: intended, limit: limit)
        }
    }
}

/// Weighted edit distances from one observed word to many intended ones. A row of the table depends only on the
/// intended letters up to it, so a word that shares its first letters with the word before reuses their rows;
/// every value is the one `CompiledChannel.cost` gives, computed by the same steps.
struct PrefixSharingDistance {
    /// The channel's tables, borrowed for the life of `with`'s call (no reference counting in the loop).
    private let tables: CompiledChannel.Tables
    private let observed: UnsafeBufferPointer<Int>
    /// Rows 0 through `validRows`, each `observed.count + 1` wide, for the intended letters `letters[..<validRows]`.
    private let table: UnsafeMutableBufferPointer<Double>
    private let rowMinima: UnsafeMutableBufferPointer<Double>
    private let letters: UnsafeMutableBufferPointer<Int>
    private let inserted: UnsafeMutableBufferPointer<Double>
    private var validRows = 0
    /// The longest intended word measured.
    let capacity: Int

    /// Calls `body` with a distance to `observed` for intended words of up to `capacity` letters; the table lives
    /// only as long as the call.
    static func with<Result>(_ channel: CompiledChannel, observed: UnsafeBufferPointer<Int>, capacity: Int,
                             _ body: (inout PrefixSharingDistance) -> Result) -> Result {
        let width = observed.count + 1
        let tableCount = (capacity + 1) * width
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: tableCount + capacity + 1 + width) { doubles in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity + 1) { letters in
                channel.withTables { tables in
                    let inserted = UnsafeMutableBufferPointer(rebasing: doubles[(tableCount + capacity + 1)...])
                    for j in 0..<observed.count { inserted[j] = tables.insertion[observed[j]] }
                    var distance = PrefixSharingDistance(
                        tables: tables, observed: observed,
                        table: UnsafeMutableBufferPointer(rebasing: doubles[..<tableCount]),
                        rowMinima: UnsafeMutableBufferPointer(rebasing: doubles[tableCount..<(tableCount + capacity + 1)]),
                        letters: letters, inserted: inserted, capacity: capacity)
                    distance.table[0] = 0
                    for j in 0..<observed.count { distance.table[j + 1] = distance.table[j] + inserted[j] }
                    return body(&distance)
                }
            }
        }
    }

    /// As `CompiledChannel.cost(intended:observed:limit:)`; `intended` has at most `capacity` letters.
    mutating func cost(intended: UnsafeBufferPointer<Int>, limit: Double) -> Double {
        precondition(intended.count <= capacity)
        let n = intended.count, m = observed.count, width = m + 1
        var shared = 0
        while shared < validRows, shared < n, letters[shared] == intended[shared] { shared += 1 }
        validRows = shared
        // The shared rows stand; the first of them over the limit ends the word as it would have before.
        if shared > 0 {
            for row in 1...shared where rowMinima[row] > limit { return rowMinima[row] }
        }
        // The tables as local pointers and the cell index without an overflow check (ids are below the table's
        // size): this loop runs for every cell of every candidate.
        let substitution = tables.substitution, expansionStarts = tables.expansionStarts
        let expansionEntries = tables.expansionEntries
        let observedIDs = observed.baseAddress!, inserted = inserted.baseAddress!
        for i in shared..<n {
            letters[i] = intended[i]
            let previous = table.baseAddress! + i * width
            let current = previous + width
            let row = intended[i] * tables.size
            let delete = tables.deletion[intended[i]]
            current[0] = previous[0] + delete
            var rowMinimum = current[0]
            for j in 0..<m {
                let cell = row &+ observedIDs[j]
                var best = min(previous[j] + substitution[cell], previous[j &+ 1] + delete, current[j] + inserted[j])
                let firstExpansion = expansionStarts[cell], endOfExpansions = expansionStarts[cell &+ 1]
                if firstExpansion != endOfExpansions {
                    for index in firstExpansion..<endOfExpansions {
                        let expansion = expansionEntries[index]
                        if let start = expansion.start(endingAt: j, in: observedIDs) {
                            best = min(best, previous[start] + expansion.cost)
                        }
                    }
                }
                current[j + 1] = best
                rowMinimum = min(rowMinimum, best)
            }
            rowMinima[i + 1] = rowMinimum
            validRows = i + 1
            // Costs only grow down the table: no cell of a later row can come back under the limit.
            if rowMinimum > limit { return rowMinimum }
        }
        return table[n * width + m]
    }
}
