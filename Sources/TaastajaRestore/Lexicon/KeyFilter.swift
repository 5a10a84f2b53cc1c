/// One bit per key of the key index, set at a position its hash picks: a probe whose bit is clear names no key
/// and is answered without reading the index. The index's slots take 8 MB, which no core's cache holds, while
/// these 256 KB stay in one; most of the key variants the candidate search probes are no key. A view into memory
/// the dictionary image owns, built once per dictionary and kept in the cache file.
struct KeyFilter: @unchecked Sendable {
    static let bitCount = 1 << 21
    static let byteCount = bitCount / 8
    /// `bitCount` bits, 64 to a word.
    private let bits: UnsafeBufferPointer<UInt64>

    /// `bits` must hold `byteCount` bytes.
    init(bits: UnsafeBufferPointer<UInt64>) {
        precondition(bits.count * 8 == Self.byteCount)
        self.bits = bits
    }

    /// Hash bits the key index uses for neither the slot (the low bits) nor the tag (the top ones).
    private static func bit(of hash: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(bitPattern: Int64(hash)) >> 31) & (bitCount - 1)
    }

    /// False only when no key has this `StringHashIndex.hash`.
    func mayContain(hash: Int) -> Bool {
        let bit = Self.bit(of: hash)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Fills `bits` (`byteCount` bytes) with a filter over `table`.
    static func fill(_ bits: UnsafeMutableBufferPointer<UInt64>, over table: StringTable) {
        bits.initialize(repeating: 0)
        table.forEachEntry { _, bytes in
            let bit = bit(of: StringHashIndex.hash(bytes))
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }
}
