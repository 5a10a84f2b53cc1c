import Foundation

/// Lexicon look-ups per word form for one document, shared by both passes.
final class LookupCache {
    var matches: [String: [(String, [Unicode.Scalar])]] = [:]
}
