import Foundation
@testable import TaastajaRestore

enum Shared {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Fixtures/\(relative)"), encoding: .utf8)
    }

    /// Loaded once for all tests: the committed dictionary.
    static let lexicon: Lexicon = {
        do {
            return try Lexicon(path: root.appendingPathComponent("dictionaries/estonian.lex").path)
        } catch {
            fatalError("\(error)")
        }
    }()

    static let restorer = Restorer(lexicon: lexicon)

    static func restore(_ text: String) -> String {
        restorer.restore(text).text
    }
}
