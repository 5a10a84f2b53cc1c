/// A set of Unicode scalars whose Latin-1 members are answered from a bitmap: the per-letter loops of a search
/// ask millions of times, and `Set<Unicode.Scalar>` hashes every question.
struct ScalarSet: Sendable, ExpressibleByArrayLiteral {
    /// Bit `v` of the four words: scalar `v` (below U+0100) is a member.
    private var latin: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var others: Set<Unicode.Scalar> = []

    init() {}

    init(arrayLiteral scalars: Unicode.Scalar...) {
        for scalar in scalars { insert(scalar) }
    }

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars { insert(scalar) }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value < 0x100 else { return !others.isEmpty && others.contains(scalar) }
        let bit = UInt64(1) << (value & 63)
        switch value >> 6 {
        case 0: return latin.0 & bit != 0
        case 1: return latin.1 & bit != 0
        case 2: return latin.2 & bit != 0
        default: return latin.3 & bit != 0
        }
    }

    mutating func insert(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        guard value < 0x100 else {
            others.insert(scalar)
            return
        }
        let bit = UInt64(1) << (value & 63)
        switch value >> 6 {
        case 0: latin.0 |= bit
        case 1: latin.1 |= bit
        case 2: latin.2 |= bit
        default: latin.3 |= bit
        }
    }
}
