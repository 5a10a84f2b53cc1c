/// A list as printed: bullets (any glyph, or none), numbered items (4.1., 4.2.), wrapped lines joined.
enum ListItems {
    /// "4.1", "4.1.", "3.1.2." — the number of an item, or nil.
    static func itemNumber(_ word: some StringProtocol) -> String? {
        var body = Substring(word)
        let closed = body.last == "." || body.last == ")"
        if closed { body = body.dropLast() }
        // "1." or "2)" on their own number a list item too (a year such as "2021." does not).
        if closed, (1...2).contains(body.count), body.allSatisfy(\.isNumber) { return String(body) }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 4,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }) else { return nil }
        return String(body)
    }

    /// Splits "3.1. Text" into ("3.1", "Text").
    static func numbered(_ text: String) -> (number: String, rest: String)? {
        guard text.first?.isNumber == true else { return nil }
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? Optional(text.endIndex),
              let number = itemNumber(text[..<space]) else { return nil }
        return (number, String(text[space...].trimmed()))
    }

    /// Whether a line opens a new item after `previous` (the item's last line so far).
    static func opensItem(_ line: SourceLine, after previous: String?) -> Bool {
        if line.isBullet || numbered(line.text) != nil { return true }
        guard let previous else { return false }
        if previous.hasSuffix(";") { return true }
        // A lost glyph: a capital after a blank line, once the previous item ended its sentence.
        return line.blankBefore && line.text.firstLetterIsUppercase && (previous.endsClause || line.indented)
    }

    /// The items of a list section; lead-in lines ending in a colon ("Töötajal on õigus:") are dropped.
    static func parse(_ lines: [SourceLine]) -> [String] {
        var items: [[String]] = []
        var started = false
        for line in lines {
            if !started {
                let opens = line.isBullet || numbered(line.text) != nil || line.looksLikeBareBullet
                if !opens && line.text.hasSuffix(":") { continue }
                started = true
                items.append([strippedNumber(line.text)])
                continue
            }
            if opensItem(line, after: items.last?.last) {
                items.append([strippedNumber(line.text)])
            } else {
                items[items.count - 1].append(line.text)
            }
        }
        return items.map { ValueText.item(ValueText.join($0)) }.filter { !$0.isEmpty }
    }

    static func strippedNumber(_ text: String) -> String {
        numbered(text)?.rest ?? text
    }
}
