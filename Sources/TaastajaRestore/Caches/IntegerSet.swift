/// A set of integers for the candidate search's inner loops: open addressing with a multiplicative hash, where
/// `Set<Int>` would run SipHash on every insert (a tenth of all instructions on garbled text).
struct IntegerSet {
    /// Value + 1 per slot, 0 is empty; a power-of-two count, at most half full. The one value whose slot form is
    /// 0 (−1) is kept aside.
    private var slots: [Int]
    private var containsMinusOne = false
    private(set) var count = 0

    init(minimumCapacity: Int = 32) {
        var capacity = 16
        while capacity < 2 * minimumCapacity { capacity <<= 1 }
        slots = [Int](repeating: 0, count: capacity)
    }

    /// Inserts `value`; whether it was new.
    @discardableResult
    mutating func insert(_ value: Int) -> Bool {
        let stored = value &+ 1
        if stored == 0 {
            guard !containsMinusOne else { return false }
            containsMinusOne = true
            count += 1
            return true
        }
        if 2 * (count + 1) > slots.count { grow() }
        // Through the buffer: one uniqueness check per insert, not one per slot read and write.
        let inserted = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.slot(of: value, mask: mask)
            while slots[slot] != 0 {
                if slots[slot] == stored { return false }
                slot = (slot + 1) & mask
            }
            slots[slot] = stored
            return true
        }
        if inserted { count += 1 }
        return inserted
    }

    private static func slot(of value: Int, mask: Int) -> Int {
        // Fibonacci hashing: the top bits of the product spread consecutive ids and similar hashes alike.
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(value)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let old = slots
        slots = [Int](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for stored in old where stored != 0 {
            var slot = Self.slot(of: stored &- 1, mask: mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = stored
        }
    }
}
