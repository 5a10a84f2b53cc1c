/// An intended word and the word read for it (both lowercase where the caller says so).
struct ReadingPair: Hashable {
    var intended: String
    var observed: String

    static func == (left: ReadingPair, right: ReadingPair) -> Bool {
        Spelling.same(left.intended, right.intended) && Spelling.same(left.observed, right.observed)
    }

    func hash(into hasher: inout Hasher) {
        Spelling.hash(intended, into: &hasher)
        Spelling.hash(observed, into: &hasher)
    }
}
