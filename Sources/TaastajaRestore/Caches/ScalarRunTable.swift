import Foundation

/// The distinct runs of a document's scalars (its word tokens), numbered in order of first appearance: the per-token
/// look-up of a word's form. Runs are hashed with FNV-1a over their scalars and compared as they are (no
/// canonical equivalence: the text is NFC already, see `TextNormalizer`). A `Dictionary` keyed by the run fed the
/// hasher four bytes a letter, and cost several times as much per token.
struct ScalarRunTable {
    private let scalars: UnsafeBufferPointer<Unicode.Scalar>
    /// Run number + 1 per slot, 0 empty; a power-of-two count, at most half full.
    private var slots: [Int]
    private var runs: [(range: Range<Int>, hash: UInt64)] = []

    /// A table over `scalars`, valid while they are.
    init(scalars: UnsafeBufferPointer<Unicode.Scalar>) {
        self.scalars = scalars
        slots = [Int](repeating: 0, count: 1024)
    }

    /// The number of the run equal to `range`'s scalars, and whether it is new (then numbered `count` before).
    mutating func number(of range: Range<Int>) -> (number: Int, isNew: Bool) {
        var hash = StringHashIndex.hashStart
        for index in range { hash = (hash ^ UInt64(scalars[index].value)) &* StringHashIndex.hashPrime }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 17) & mask
        while slots[slot] != 0 {
            let number = slots[slot] - 1
            if runs[number].hash == hash, isSame(runs[number].range, range) { return (number, false) }
            slot = (slot + 1) & mask
        }
        slots[slot] = runs.count + 1
        runs.append((range, hash))
        if 2 * runs.count > slots.count { grow() }
        return (runs.count - 1, true)
    }

    private func isSame(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
        left.count == right.count
            && memcmp(scalars.baseAddress! + left.lowerBound, scalars.baseAddress! + right.lowerBound,
                      left.count * MemoryLayout<Unicode.Scalar>.stride) == 0
    }

    private mutating func grow() {
        slots = [Int](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, run) in runs.enumerated() {
            var slot = Int(truncatingIfNeeded: run.hash >> 17) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = number + 1
        }
    }
}
