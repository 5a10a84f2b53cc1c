/// An intended word and the word read for it (both lowercase where the caller says so).
struct ReadingPair: Hashable {
    var intended: String
    var observed: String
}
