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
