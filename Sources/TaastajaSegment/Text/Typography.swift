/// Punctuation that a value may carry in several typographic forms, written one way, so that the same document
/// read from a PDF, a scan or OCR-garbled text gives the same record. Only forms that mean the same are merged.
enum Typography {
    static func canonical(_ text: String) -> String {
        // Most values have neither a dash nor a quote: '-', '"' or the lead byte of – — “ ” „ ‐ ‑ in UTF-8.
        guard text.utf8.contains(where: { $0 == 0x2D || $0 == 0x22 || $0 == 0xE2 }) else { return text }
        var scalars = Array(text.unicodeScalars)
        var changed = yearRangesWithDash(&scalars)
        changed = uniformQuotes(&scalars) || changed
        return changed ? String(String.UnicodeScalarView(scalars)) : text
    }

    /// A range of years is written with an en dash in Estonian (2014–2021); OCR and plain-text exports give a
    /// hyphen or an em dash. Only two four-digit years in order, standing alone, so codes like 9-13/1610-1 are
    /// left alone.
    private static func yearRangesWithDash(_ scalars: inout [Unicode.Scalar]) -> Bool {
        var changed = false
        var index = 4
        while index + 4 < scalars.count {
            defer { index += 1 }
            guard Self.dashes.contains(scalars[index]),
                  let first = year(scalars, at: index - 4), let second = year(scalars, at: index + 1), first <= second
            else { continue }
            let before = index - 5 >= 0 ? scalars[index - 5] : " "
            var after = index + 5 < scalars.count ? scalars[index + 5] : " "
            // A full stop after the range ends the sentence unless a digit follows it (2014-2021.1).
            if after == ".", index + 6 >= scalars.count || !("0"..."9").contains(scalars[index + 6]) { after = " " }
            guard !isCodeCharacter(before), !isCodeCharacter(after) else { continue }
            scalars[index] = "\u{2013}"
            changed = true
        }
        return changed
    }

    /// Hyphen-minus, hyphen, non-breaking hyphen, em dash.
    private static let dashes: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}", "\u{2014}"]

    private static func year(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        var value = 0
        for scalar in scalars[start..<(start + 4)] {
            guard ("0"..."9").contains(scalar) else { return nil }
            value = value * 10 + Int(scalar.value - 0x30)
        }
        return (1800...2199).contains(value) ? value : nil
    }

    private static func isCodeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/-.\u{2010}\u{2011}".unicodeScalars.contains(scalar)
    }

    /// A value that mixes straight and typographic double quotes (OCR reads one straight quote as ”) gets
    /// straight ones throughout; a value in one style keeps it.
    private static func uniformQuotes(_ scalars: inout [Unicode.Scalar]) -> Bool {
        let typographic: Set<Unicode.Scalar> = ["\u{201C}", "\u{201D}", "\u{201E}"]
        guard scalars.contains("\""), scalars.contains(where: typographic.contains) else { return false }
        for index in scalars.indices where typographic.contains(scalars[index]) { scalars[index] = "\"" }
        return true
    }
}
