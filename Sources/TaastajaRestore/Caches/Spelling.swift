import Foundation

/// A word's spelling as a key: hashed and compared as UTF-8 bytes. String's own hashing and `==` normalise
/// non-ASCII text for canonical equivalence at every call; restored text is NFC already (see `TextNormalizer`)
/// and lexicon words are too, so equal bytes are the same test.
struct Spelling: Hashable, CacheKey {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (left: Spelling, right: Spelling) -> Bool {
        same(left.text, right.text)
    }

    func hash(into hasher: inout Hasher) {
        Self.hash(text, into: &hasher)
    }

    /// Whether two words are spelt with the same bytes.
    static func same(_ left: String, _ right: String) -> Bool {
        guard left.utf8.count == right.utf8.count else { return false }
        // Native strings are contiguous; a bridged one is compared letter by letter.
        let compared = left.utf8.withContiguousStorageIfAvailable { leftBytes in
            right.utf8.withContiguousStorageIfAvailable { rightBytes in
                leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0
            }
        }
        if let result = compared ?? nil { return result }
        return left.utf8.elementsEqual(right.utf8)
    }

    var cacheHash: UInt64 { CacheHash.of(text) }

    static func hash(_ text: String, into hasher: inout Hasher) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }
}

/// A dictionary keyed by spellings (see `Spelling`), read and written with strings.
struct SpellingMap<Value> {
    private var storage = CacheMap<Spelling, Value>()

    subscript(word: String) -> Value? {
        get { storage[Spelling(word)] }
        set { storage[Spelling(word)] = newValue }
    }
}
