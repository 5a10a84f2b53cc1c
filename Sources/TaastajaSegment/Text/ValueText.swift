/// Joins the printed lines of one value into a single string: spaces collapsed, hyphenated breaks rejoined,
/// punctuation in one typographic form.
enum ValueText {
    /// Words that follow a hyphen in Estonian shortened compounds ("teksti- ja andmetöötlus"), so the hyphen stays.
    private static let conjunctions: Set<String> = ["ja", "või", "ning", "ega", "kui", "nii", "ehk", "and", "or"]

    /// Symbols OCR leaves between words (table rules, bullet junk): never words of a value.
    private static let strayTokens: Set<String> = ["=", "»", "«", "¢", "©", "®", "|", "+»", "¦"]
    private static func isStray(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "=", "»", "«", "¢", "©", "®", "|", "¦": true
        default: false
        }
    }

    static func join<S: Sequence>(_ parts: S) -> String where S.Element: StringProtocol {
        var out = ""
        for part in parts {
            var piece = collapse(part)
            if piece.unicodeScalars.contains(where: isStray) {
                piece = piece.split(separator: " ").filter { !strayTokens.contains(String($0)) }.joined(separator: " ")
            }
            guard !piece.isEmpty else { continue }
            if out.isEmpty {
                out = piece
                continue
            }
            if out.hasSuffix("-"), out.count >= 2,
               out[out.index(out.endIndex, offsetBy: -2)].isLetter,
               let first = piece.first, first.isLowercase {
                let firstWord = piece.prefix { $0.isLetter }
                if conjunctions.contains(String(firstWord)) {
                    out += " " + piece
                } else {
                    out.removeLast()
                    out += piece
                }
            } else {
                out += " " + piece
            }
        }
        return Typography.canonical(out)
    }

    /// Runs of spaces, tabs and no-break spaces as one space, ends trimmed.
    static func collapse(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        var iterator = text.utf8.makeIterator()
        var pending: UInt8?
        while let byte = pending ?? iterator.next() {
            pending = nil
            var isSpace = byte == 0x20 || byte == 0x09
            if byte == 0xC2 {  // U+00A0 is C2 A0
                let next = iterator.next()
                if next == 0xA0 { isSpace = true } else { pending = next }
            }
            if isSpace {
                space = !bytes.isEmpty
                continue
            }
            if space { bytes.append(0x20) }
            space = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "(edaspidi osakond)" defines a short name for what precedes it: no part of the value. An unclosed one (a value
    /// cut at a line end) goes to the end.
    static func withoutShortName(_ text: String) -> String {
        guard let open = text.range(of: "(edaspidi") else { return text }
        var text = text
        let close = text[open.upperBound...].firstIndex(of: ")")
        text.removeSubrange(open.lowerBound..<(close.map { text.index(after: $0) } ?? text.endIndex))
        return collapse(text)
    }

    /// A list item as stored: the separator that ends it in the list (";" or ",") dropped.
    static func item(_ text: String) -> String {
        var text = text
        while let last = text.last, last == ";" || last == "," || last == " " { text.removeLast() }
        return text
    }
}
