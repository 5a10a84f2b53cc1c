import Testing
@testable import TaastajaRestore

@Suite("Scalars and strings")
struct ScalarTests {
    /// One-, two-, three- and four-byte UTF-8, a combining mark and the empty string.
    static let samples = ["", "töökoha eesmärk", "ÕIGUSED • Šveits", "e\u{301}", "„ašš“ – 2014–2021", "漢字 𝄞 🙂"]

    @Test(arguments: samples)
    func scalarArrayDecodesEveryScalarAsTheScalarViewDoes(_ text: String) {
        #expect(text.scalarArray == Array(text.unicodeScalars))
    }

    @Test(arguments: samples)
    func aStringBuiltFromScalarsRoundTrips(_ text: String) {
        #expect(String(scalars: text.scalarArray) == text)
    }
}

@Suite("Numbering a document's words")
struct ScalarRunTableTests {
    @Test func equalRunsAnywhereGetOneNumberInOrderOfFirstAppearance() {
        // 3,000 distinct words (the table grows several times), each written twice, then all again.
        let words = (0..<3000).map { "sõna\($0)" } + ["õ", "ö", "õõ"]
        let text = (words + words.reversed() + words).joined(separator: " ")
        let scalars = text.scalarArray
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, scalar) in scalars.enumerated() where scalar == " " {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<scalars.count)
        let numbers = scalars.withUnsafeBufferPointer { scalars in
            var table = ScalarRunTable(scalars: scalars)
            return ranges.map { table.number(of: $0) }
        }
        let expected = Array(words.indices)
        #expect(numbers[..<words.count].map(\.number) == expected)
        let firstTimes = numbers[..<words.count].map(\.isNew), laterTimes = numbers[words.count...].map(\.isNew)
        #expect(!firstTimes.contains(false))
        #expect(numbers[words.count..<(2 * words.count)].map(\.number) == expected.reversed())
        #expect(numbers[(2 * words.count)...].map(\.number) == expected)
        #expect(!laterTimes.contains(true))
    }
}

@Suite("The per-document cache map")
struct CacheMapTests {
    /// A key whose hash is one of a few values: most keys share their hash with hundreds of others.
    struct CrowdedKey: CacheKey {
        var number: Int
        var cacheHash: UInt64 { UInt64(number % 7) }
    }

    @Test func everyKeyIsFoundThroughTheMapsGrowthAndKeepsItsLastValue() {
        var map = SpellingMap<Int>()
        let words = (0..<3000).map { "sõna\($0)" } + ["õ", "ö", "õõ", ""]
        for (index, word) in words.enumerated() { map[word] = index }
        for (index, word) in words.enumerated() where index.isMultiple(of: 3) { map[word] = -index }
        for (index, word) in words.enumerated() {
            #expect(map[word] == (index.isMultiple(of: 3) ? -index : index), "\(word)")
        }
        #expect(map["sõna3000"] == nil)
        // Told apart by bytes: "õ" precomposed is not "o" with a combining tilde.
        #expect(map["o\u{303}"] == nil)
    }

    @Test func keysWhoseHashesCollideAreToldApart() {
        var map = CacheMap<CrowdedKey, String>()
        for number in 0..<500 { map[CrowdedKey(number: number)] = "\(number)" }
        #expect(map.count == 500)
        for number in 0..<500 { #expect(map[CrowdedKey(number: number)] == "\(number)") }
        #expect(map[CrowdedKey(number: 500)] == nil)
    }
}

@Suite("The key filter")
struct KeyFilterTests {
    /// A string table over `strings`, and the filter filled from it.
    private func filter(over strings: [String], _ body: (KeyFilter) -> Void) {
        var bytes: [UInt8] = [], offsets: [UInt32] = [0]
        for string in strings {
            bytes += Array(string.utf8)
            offsets.append(UInt32(bytes.count))
        }
        var words = [UInt64](repeating: 0, count: KeyFilter.byteCount / 8)
        bytes.withUnsafeBytes { bytes in
            offsets.withUnsafeBufferPointer { offsets in
                words.withUnsafeMutableBufferPointer { words in
                    KeyFilter.fill(words, over: StringTable(bytes: bytes, offsets: offsets))
                    body(KeyFilter(bits: UnsafeBufferPointer(words)))
                }
            }
        }
    }

    private func hash(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { StringHashIndex.hash(UnsafeRawBufferPointer($0)) }
    }

    @Test func everyKeyPassesAndMostOtherStringsDoNot() {
        let keys = (0..<5000).map { "vti\($0)" }, others = (0..<5000).map { "vtj\($0)" }
        filter(over: keys) { filter in
            #expect(keys.allSatisfy { filter.mayContain(hash: hash($0)) })
            // 5,000 bits of two million set: about one string in 400 passes by chance.
            #expect(others.filter { filter.mayContain(hash: hash($0)) }.count < 50)
        }
    }
}
