import TaastajaRestore

extension Lexicon: WordAssociation {}
