/// The lookup key of a word: lowercase, with õ ö ü ä l i removed and š ž folded to s z.
/// OCR and ASCII conversion most often drop, add or swap exactly those letters, so a misread word and
/// the word it stands for usually share a key once the misread letters are deleted.
/// scripts/dictionaries/pack.py computes the same key; the two must agree.
enum WordKey {
    static func of(_ word: some StringProtocol) -> String {
        var key: [Unicode.Scalar] = []
        for scalar in word.lowercased().unicodeScalars {
            switch scalar {
            case "õ", "ö", "ü", "ä", "l", "i": continue
            case "š": key.append("s")
            case "ž": key.append("z")
            default: key.append(scalar)
            }
        }
        return String(scalars: key)
    }
}
