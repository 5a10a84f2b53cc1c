/// The lookup key of a word: lowercase, with õ ö ü ä l i removed and š ž folded to s z.
/// OCR and ASCII conversion most often drop, add or swap exactly those letters, so a misread word and
/// the word it stands for usually share a key once the misread letters are deleted.
/// scripts/dictionaries/pack.py computes the same key; the two must agree.
enum WordKey {
    static func of(_ word: some StringProtocol) -> String {
        var lower = word.lowercased()
        return lower.withUTF8 { utf8 in
            String(unsafeUninitializedCapacity: utf8.count) { write(lowercaseUTF8: utf8, into: $0) }
        }
    }

    /// What a lowercase letter is in a key: nil when the key drops it (the mapping `write` applies to UTF-8).
    static func keyed(_ letter: Unicode.Scalar) -> Unicode.Scalar? {
        switch letter {
        case "l", "i", "õ", "ö", "ü", "ä": nil
        case "š": "s"
        case "ž": "z"
        default: letter
        }
    }

    /// The key of a lowercase word, from its UTF-8 into `key` (at least as long); returns the key's length.
    static func write(lowercaseUTF8 word: UnsafeBufferPointer<UInt8>, into key: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var length = 0, index = 0
        while index < word.count {
            let byte = word[index]
            if byte == UInt8(ascii: "l") || byte == UInt8(ascii: "i") {
                index += 1
                continue
            }
            if index + 1 < word.count {
                let next = word[index + 1]
                if byte == 0xC3, next == 0xB5 || next == 0xB6 || next == 0xBC || next == 0xA4 {  // õ ö ü ä
                    index += 2
                    continue
                }
                if byte == 0xC5, next == 0xA1 || next == 0xBE {  // š ž
                    key[length] = next == 0xA1 ? UInt8(ascii: "s") : UInt8(ascii: "z")
                    length += 1
                    index += 2
                    continue
                }
            }
            key[length] = byte
            length += 1
            index += 1
        }
        return length
    }
}
