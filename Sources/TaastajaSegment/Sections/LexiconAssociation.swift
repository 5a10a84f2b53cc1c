import TaastajaRestore

extension Lexicon: WordAssociation {
    public func isKnownForm(_ word: String) -> Bool { contains(word) }
}
