import Foundation

/// The Estonian lexicon: word forms with corpus counts, a key index for candidate search, word bigrams,
/// compound first parts and the learned OCR channel. Immutable after init; read from `estonian.lex` (written by
/// scripts/dictionaries/pack.py) through `DictionaryImage`; words and keys are found through hash indexes.
public final class Lexicon: @unchecked Sendable {
    private let image: DictionaryImage
    // Views into the image's memory, which lives as long as the lexicon.
    private let sections: [UnsafeRawBufferPointer]
    private let words: StringTable
    private let keys: StringTable
    private let compounds: StringTable
    private let keyIndex: StringHashIndex
    private let keyFilter: KeyFilter
    private let compoundIndex: StringHashIndex
    private let bucketStarts: UnsafeBufferPointer<UInt32>
    /// Words added at run time (`--lexicon`): accepted as correct, never changed.
    private let userWords: Set<String>
    public let path: String
    public let wordCount: Int
    /// Letter trigrams (`^` and `$` mark the edges) that Estonian word forms contain.
    let trigrams: SortedKeys
    /// The same with õ ö ä ü folded to o o a u, to judge text that lost its diacritics.
    let foldedTrigrams: SortedKeys

    /// Three scalars packed into one number, for set look-ups without building strings.
    static func trigramKey(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 42 | UInt64(b.value) << 21 | UInt64(c.value)
    }

    static func trigramKey(_ text: String) -> UInt64? {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 3 ? trigramKey(scalars[0], scalars[1], scalars[2]) : nil
    }
    /// Total corpus tokens behind the counts.
    let corpusTokens: Double
    /// Where the bigrams whose first word falls in each id range start (ids shifted right by
    /// `bigramShift`; one more entry than ranges): a look-up searches a handful of pairs, not all of them.
    private let bigramStarts: [Int]
    private let bigramShift: Int
    let channelTable: String

    /// Whether the dictionary's tables were mapped from the cache file (see `DictionaryImage`).
    public var loadedFromCache: Bool { image.mappedFromCache }

    /// Loads the dictionary at `path`, through a cache file in `cacheDirectory` when one is given.
    public init(path: String, userWords: Set<String> = [],
                cacheDirectory: String? = DictionaryLocator.cacheDirectory()) throws(RestorationError) {
        image = try DictionaryImage(path: path, cacheDirectory: cacheDirectory)
        self.path = path
        let tables = image.tables
        (sections, words, keys, compounds) = (tables.sections, tables.words, tables.keys, tables.compounds)
        (keyIndex, compoundIndex, bucketStarts) = (tables.keyIndex, tables.compoundIndex, tables.bucketStarts)
        keyFilter = tables.keyFilter
        self.userWords = Set(userWords.map { $0.lowercased() })
        wordCount = tables.words.count
        channelTable = String(decoding: sections[12], as: UTF8.self)
        trigrams = SortedKeys(keys: tables.trigramKeys)
        foldedTrigrams = SortedKeys(keys: tables.foldedTrigramKeys)
        corpusTokens = tables.corpusTokens
        (bigramStarts, bigramShift) = Self.bigramDirectory(pairs: sections[7], wordCount: wordCount)
    }

    private static let bigramRanges = 4096

    /// Counted, not searched: a damaged table gives wrong counts, never a range outside it.
    private static func bigramDirectory(pairs: UnsafeRawBufferPointer, wordCount: Int) -> ([Int], Int) {
        let shift = max(0, Int.bitWidth - wordCount.leadingZeroBitCount - bigramRanges.trailingZeroBitCount)
        var starts = [Int](repeating: 0, count: bigramRanges + 1)
        for index in 0..<(pairs.count / 8) {
            let first = Int(pairs.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self) >> 32)
            starts[min(first >> shift, bigramRanges - 1) + 1] += 1
        }
        for range in 0..<bigramRanges { starts[range + 1] += starts[range] }
        return (starts, shift)
    }

    // MARK: Words

    /// Index of `word` (lowercase) in the word table: found in the run of words sharing its key.
    func index(of word: String) -> Int? {
        var word = word
        return word.withUTF8 { index(ofUTF8: UnsafeRawBufferPointer($0)) }
    }

    /// The same for a word's UTF-8 (a slice of a longer word's, say), with no string built.
    func index(ofUTF8 utf8: UnsafeRawBufferPointer) -> Int? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { key in
            let keyLength = WordKey.write(lowercaseUTF8: utf8.assumingMemoryBound(to: UInt8.self), into: key)
            return words(withKey: UnsafeRawBufferPointer(start: key.baseAddress, count: keyLength)).first {
                Self.compare(words[$0], utf8) == 0
            }
        }
    }

    func word(at index: Int) -> String {
        String(decoding: words[index], as: UTF8.self)
    }

    /// The word's UTF-8, valid while the lexicon lives.
    func utf8(at index: Int) -> UnsafeRawBufferPointer {
        words[index]
    }

    /// How many of the word's letters are õ ö ü ä š ž: the letters OCR and ASCII conversion drop or read as two.
    func diacriticLetters(at index: Int) -> Int {
        let bytes = words[index]
        var count = 0
        for offset in bytes.indices.dropLast() {
            switch (bytes[offset], bytes[offset + 1]) {
            case (0xC3, 0xB5), (0xC3, 0xB6), (0xC3, 0xBC), (0xC3, 0xA4), (0xC5, 0xA1), (0xC5, 0xBE): count += 1
            default: break
            }
        }
        return count
    }

    /// Letters (Unicode scalars) in the word.
    func length(at index: Int) -> Int {
        words[index].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    func count(at index: Int) -> Int {
        Int(Self.u32(sections[2], index) & 0x7FFF_FFFF)
    }

    /// Whether the morphological analyser knows the form (the others come from tesseract's word list only).
    func isValidated(at index: Int) -> Bool {
        Self.u32(sections[2], index) & 0x8000_0000 == 0
    }

    /// Whether `word` (any case) is a known form or a user word.
    public func contains(_ word: String) -> Bool {
        let lower = word.lowercased()
        return userWords.contains(lower) || index(of: lower) != nil
    }

    func isUserWord(_ word: String) -> Bool {
        userWords.contains(word.lowercased())
    }

    /// Corpus count of a lowercase word; nil when the lexicon does not know it.
    func frequency(of word: String) -> Int? {
        entry(of: word).frequency
    }

    /// The same for a lowercase word's UTF-8.
    func frequency(ofUTF8 utf8: UnsafeRawBufferPointer) -> Int? {
        entry(ofUTF8: utf8).frequency
    }

    /// The word's corpus count (as `frequency(of:)`) and its index, from one look-up.
    func entry(of word: String) -> (frequency: Int?, index: Int?) {
        var word = word
        return word.withUTF8 { entry(ofUTF8: UnsafeRawBufferPointer($0)) }
    }

    /// The same for a lowercase word's UTF-8; a string is built only to ask the user words.
    func entry(ofUTF8 utf8: UnsafeRawBufferPointer) -> (frequency: Int?, index: Int?) {
        if let index = index(ofUTF8: utf8) { return (count(at: index), index) }
        return (!userWords.isEmpty && userWords.contains(String(decoding: utf8, as: UTF8.self)) ? 0 : nil, nil)
    }

    /// õ ö ä ü (and capitals) folded to o o a u.
    static func fold(_ text: String) -> String {
        String(scalars: text.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar {
            case "õ", "ö": "o"
            case "ä": "a"
            case "ü": "u"
            case "Õ", "Ö": "O"
            case "Ä": "A"
            case "Ü": "U"
            default: scalar
            }
        })
    }

    // MARK: Keys

    /// Word ids whose key (UTF-8) is `key`.
    func words(withKey key: UnsafeRawBufferPointer, hash: Int? = nil) -> Range<Int> {
        let hash = hash ?? StringHashIndex.hash(key)
        guard keyFilter.mayContain(hash: hash), let found = keyIndex.find(key, hash: hash, in: keys) else { return 0..<0 }
        return Int(bucketStarts[found])..<Int(bucketStarts[found + 1])
    }

    // MARK: Bigrams and compounds

    func bigramCount(_ first: Int, _ second: Int) -> Int {
        let pairs = sections[7]
        let target = UInt64(first) << 32 | UInt64(second)
        let range = min(first >> bigramShift, Self.bigramRanges - 1)
        var low = bigramStarts[range], high = bigramStarts[range + 1]
        while low < high {
            let middle = (low + high) / 2
            let value = pairs.loadUnaligned(fromByteOffset: middle * 8, as: UInt64.self)
            if value == target { return Int(Self.u32(sections[8], middle)) }
            if value < target { low = middle + 1 } else { high = middle }
        }
        return 0
    }

    /// Pointwise mutual information of a word pair in the corpus, in bits: above 0 for pairs seen together more
    /// often than chance; below 0 when the pair was expected but never seen; 0 when a word is unknown.
    public func association(_ first: String, _ second: String) -> Double {
        let a = first.trimmingCharacters(in: .punctuationCharacters).lowercased()
        let b = second.trimmingCharacters(in: .punctuationCharacters).lowercased()
        guard let i = index(of: a), let j = index(of: b) else { return 0 }
        let countA = Double(count(at: i)) + 1, countB = Double(count(at: j)) + 1
        let pair = Double(bigramCount(i, j))
        if pair > 0 { return min(8, max(-3, log2((pair + 0.5) * corpusTokens / (countA * countB)))) }
        let expected = countA * countB / corpusTokens
        return -min(2, log2(1 + expected))
    }

    /// How often `part` (lowercase) opens a compound in the corpus analyses; nil if never.
    func compoundPartCount(_ part: String) -> Int? {
        var part = part
        return part.withUTF8 { compoundPartCount(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// The same for a part's UTF-8.
    func compoundPartCount(utf8 part: UnsafeRawBufferPointer) -> Int? {
        guard let index = compoundIndex.find(part, in: compounds) else { return nil }
        return Int(Self.u32(sections[11], index))
    }

    /// The same for the word at `index`.
    func compoundPartCount(at index: Int) -> Int? {
        guard let found = compoundIndex.find(words[index], in: compounds) else { return nil }
        return Int(Self.u32(sections[11], found))
    }

    public var metadata: String { String(decoding: sections[13], as: UTF8.self) }

    // MARK: Table access

    private static func u32(_ section: UnsafeRawBufferPointer, _ index: Int) -> UInt32 {
        section.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
    }

    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let shared = min(a.count, b.count)
        if shared > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, shared)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}

/// Keys in ascending order, as the dictionary image stores them (checked when it is read), searched in place: no
/// set to build at every start.
struct SortedKeys: @unchecked Sendable {
    let keys: UnsafeBufferPointer<UInt64>

    func contains(_ key: UInt64) -> Bool {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key
    }
}
