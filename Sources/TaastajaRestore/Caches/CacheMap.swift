/// A key of a `CacheMap`: hashed by its own function.
protocol CacheKey: Equatable {
    /// Equal keys hash alike; the map spreads the bits itself.
    var cacheHash: UInt64 { get }
}

/// A hash map for the per-document caches, which are asked some hundred thousand times per document: open
/// addressing with linear probing, at most half full. `Dictionary` runs SipHash for every look-up, a few hundred
/// instructions for a short word; the keys here hash in a few dozen. Entries are never removed.
struct CacheMap<Key: CacheKey, Value> {
    /// Entry index + 1 per slot, 0 empty; a power-of-two count.
    private var slots = [Int](repeating: 0, count: 64)
    private var entries: [(hash: UInt64, key: Key, value: Value)] = []

    var count: Int { entries.count }

    subscript(key: Key) -> Value? {
        get {
            let (entry, _) = find(key, hash: key.cacheHash)
            return entry.map { entries[$0].value }
        }
        set {
            guard let newValue else { preconditionFailure("a CacheMap keeps every entry") }
            let hash = key.cacheHash
            let (entry, slot) = find(key, hash: hash)
            if let entry {
                entries[entry].value = newValue
                return
            }
            slots[slot] = entries.count + 1
            entries.append((hash, key, newValue))
            if 2 * entries.count > slots.count { grow() }
        }
    }

    /// The entry equal to `key`, or the empty slot where it would go.
    private func find(_ key: Key, hash: UInt64) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Self.slot(of: hash, mask: mask)
        while slots[slot] != 0 {
            let entry = slots[slot] - 1
            if entries[entry].hash == hash && entries[entry].key == key { return (entry, slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    private static func slot(of hash: UInt64, mask: Int) -> Int {
        // Fibonacci hashing: the product's top bits depend on every bit of the hash.
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        slots = [Int](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Self.slot(of: entry.hash, mask: mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = index + 1
        }
    }
}

enum CacheHash {
    /// Chosen per process, so no fixed set of words collides (one document's words could otherwise be made to).
    static let seed = UInt64.random(in: .min ... .max)

    /// FNV-1a over `text`'s UTF-8 bytes, from the process's seed.
    static func of(_ text: String) -> UInt64 {
        var hash = StringHashIndex.hashStart ^ seed
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { hash = StringHashIndex.hashing(byte, into: hash) }
        }
        if hashed == nil {
            for byte in text.utf8 { hash = StringHashIndex.hashing(byte, into: hash) }
        }
        return hash
    }

    /// Two hashes (or integers) into one; the order counts.
    static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first ^ (second &+ 0x9E37_79B9_7F4A_7C15 &+ (first << 6) &+ (first >> 2))) &* 0x100_0000_01b3
    }
}
