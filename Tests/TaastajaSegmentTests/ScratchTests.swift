import XCTest
import TaastajaRestore
@testable import TaastajaSegment

final class ScratchTests: XCTestCase {
    func testScratch() throws {
        let lexicon = try Lexicon(path: try DictionaryLocator.locate())
        for (a, b) in [("korraldamine", "ja"), ("seotud", "ürituste"), ("ürituste", "võimalustest"), ("omal", "initsiatiivil"), ("uuenduste", "omal"), ("oma", "töö"), ("ja", "uuenduste")] {
            print("ASSOC", a, b, lexicon.association(a, b))
        }
    }
}
