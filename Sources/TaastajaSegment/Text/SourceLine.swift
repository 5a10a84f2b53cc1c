/// One non-blank line of the document, page furniture removed, its bullet glyph taken off.
struct SourceLine: Sendable, Equatable {
    /// Without the bullet glyph and surrounding spaces.
    var text: String
    /// The line as printed (trailing spaces trimmed): used for column gaps inside a line.
    var raw: String
    var isBullet: Bool
    /// A blank line (or a page break) came before it.
    var blankBefore: Bool
    /// Printed with leading spaces: a bullet whose glyph was lost often is.
    var indented: Bool
    /// The first line after a page break: a table row cut by the break continues here.
    var pageStart = false

    /// A line that opens a list item without a glyph: indented capital after a blank line.
    var looksLikeBareBullet: Bool {
        blankBefore && indented && text.firstLetterIsUppercase
    }
}

/// Splits a text into lines, drops page numbers and running headers and footers, and recognises bullets.
enum LineReader {
    /// Real bullet glyphs and what OCR engines make of them, when they open a line and a space follows.
    static let bulletGlyphs: Set<Character> = [
        "•", "▪", "■", "●", "◦", "○", "‣", "⁃", "∙", "·", "◾", "◼", "□", "➢", "➤", "►", "▶", "✓", "✔", "-", "–",
        "—", "*", "¢", "=", "»", "©", "®", "e", "«", "°", "\u{F0A7}", "\u{F0B7}", "\u{F076}", "\u{F0D8}", "\u{F0FC}",
    ]

    /// Symbols OCR makes of a bullet that are not bullets on their own: only before a space and a capital.
    static let junkBulletSymbols: Set<Character> = ["\"", "+", "„", "“", "”", "'", "~", "<", ">", "#", "%", "&", "@"]

    static func lines(of text: String) -> [SourceLine] {
        var result: [SourceLine] = []
        var blank = true
        var pageBreaks: Set<Int> = []
        // Split on scalars: no grapheme breaking needed to find "\n".
        let rawLines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for rawLine in rawLines {
            // A form feed starts a page; whatever follows it on the line is that page's first line.
            var line = Substring(rawLine)
            while line.utf8.contains(0x0C), let feed = line.firstIndex(of: "\u{0C}") {
                let before = line[..<feed]
                if !before.trimmed().isEmpty { result.append(make(before, blankBefore: blank)) }
                pageBreaks.insert(result.count)
                blank = true
                line = line[line.index(after: feed)...]
            }
            if line.trimmed().isEmpty {
                blank = true
                continue
            }
            // A bullet glyph OCR left on a line of its own carries nothing.
            let body = line.trimmed()
            if body.count <= 3, !body.contains(where: { $0.isLetter || $0.isNumber }) {
                continue
            }
            result.append(make(line, blankBefore: blank))
            blank = false
        }
        for index in pageBreaks where index < result.count { result[index].pageStart = true }
        return removingPageFurniture(result, pageBreaks: pageBreaks)
    }

    /// `text` read as a line of its own (bullet glyph recognised) with `line`'s place on the page.
    static func reading(_ text: String, like line: SourceLine) -> SourceLine {
        var read = make(Substring(text), blankBefore: line.blankBefore)
        read.indented = line.indented
        read.pageStart = line.pageStart
        return read
    }

    /// Whether a text opens with a bullet glyph or OCR junk standing for one.
    static func opensWithBulletGlyph(_ text: String) -> Bool {
        make(Substring(text), blankBefore: false).isBullet
    }

    private static func make(_ line: Substring, blankBefore: Bool) -> SourceLine {
        var raw = String(line)
        while let last = raw.last, last.isWhitespace { raw.removeLast() }
        let indented = raw.first?.isWhitespace ?? false
        var body = Substring(raw).trimmed()
        // A table rule OCR glued to the line's first word ("|3.7", "[3.7").
        if let first = body.first, first == "|" || first == "[", body.dropFirst().first?.isNumber == true {
            body = body.dropFirst()
        }
        // A colon glued to the next word ("Tööülesanded:Aednik", "Tööpiirkond:Majahoidja") parts a label or heading
        // from its text.
        if body.contains(":") { body = Substring(spacedAfterGluedColons(body)) }
        // A word letter-spaced for emphasis ("a m e t i j u h e n d") is read as the word.
        if body.utf8.count >= 2 * minLetterSpacedRun { body = Substring(joiningLetterSpacedWords(body)) }
        var isBullet = false
        // OCR junk of one or two symbols before a space and a capital reads a bullet too ("\"= Muud", "+ Vajalikud").
        if let space = body.firstIndex(of: " "), body.distance(from: body.startIndex, to: space) <= 2,
           body[..<space].allSatisfy({ junkBulletSymbols.contains($0) || bulletGlyphs.contains($0) && !$0.isLetter }),
           let next = body[space...].trimmed().first, next.isLetter {
            return SourceLine(text: String(body[space...].trimmed()), raw: raw, isBullet: true,
                              blankBefore: blankBefore, indented: indented)
        }
        if let first = body.first, bulletGlyphs.contains(first) {
            let rest = body.dropFirst()
            // "-" and "e" only count with a space after them; a hyphen glued to a word is a word.
            if let next = rest.first, next == " " || next == "\t" || (first != "-" && first != "e" && first != "–"
                                                                      && first != "—" && !next.isLetter) {
                let text = rest.trimmed()
                if !text.isEmpty {
                    isBullet = true
                    body = text
                }
            }
        }
        return SourceLine(text: String(body), raw: raw, isBullet: isBullet, blankBefore: blankBefore,
                          indented: indented)
    }

    /// The fewest single letters in a row read as one letter-spaced word: initials come with dots, and Estonian
    /// has no run of one-letter words this long.
    static let minLetterSpacedRun = 5

    private static func joiningLetterSpacedWords(_ text: Substring) -> String {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false)
        var out: [String] = []
        var run: [Substring] = []
        func flush() {
            if run.count >= minLetterSpacedRun { out.append(run.joined()) } else { out.append(contentsOf: run.map(String.init)) }
            run = []
        }
        for token in tokens {
            if token.count == 1, token.first?.isLetter == true {
                run.append(token)
            } else {
                flush()
                out.append(String(token))
            }
        }
        flush()
        return out.joined(separator: " ")
    }

    /// "a:B" → "a: B" for a letter before the colon and a capital after it (times and URLs have neither).
    private static func spacedAfterGluedColons(_ text: Substring) -> String {
        var out = ""
        var previous: Character?
        var pendingColon = false
        for character in text {
            if pendingColon {
                if character.isUppercase { out.append(" ") }
                pendingColon = false
            }
            if character == ":", previous?.isLetter == true { pendingColon = true }
            out.append(character)
            previous = character
        }
        return out
    }

    // MARK: Page furniture

    /// Whether a whole line is a page number: "3", "3 (7)", "Lk 3/7", "lehekülg 3", "- 3 -", "3/7", "Page 3 of 7".
    static func isPageNumber(_ text: String) -> Bool {
        guard text.utf8.count <= 40, text.contains(where: \.isNumber) else { return false }
        var words = Folding.fold(text).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty, words.count <= 5 else { return false }
        if ["lk", "lk.", "lehekulg", "leht", "page", "lehek."].contains(words[0]) { words.removeFirst() }
        words.removeAll { ["of", "st", "kokku", "/"].contains($0) }
        var numbers: [Int] = []
        var current = 0
        for character in words.joined(separator: " ") + " " {
            if character.isNumber {
                current += 1
            } else if " ()/-–".contains(character) {
                if current > 0 { numbers.append(current) }
                current = 0
            } else {
                return false
            }
        }
        return (1...2).contains(numbers.count) && numbers.allSatisfy { $0 <= 3 }
    }

    /// Page numbers, and lines repeated next to page boundaries (running headers and footers), are dropped.
    private static func removingPageFurniture(_ lines: [SourceLine], pageBreaks: Set<Int>) -> [SourceLine] {
        var boundaries = pageBreaks
        var furniture = Set<Int>()
        for (index, line) in lines.enumerated() where isPageNumber(line.text) && !line.isBullet {
            furniture.insert(index)
            boundaries.insert(index)
            boundaries.insert(index + 1)
        }
        // Lines within two lines of a boundary, that occur there more than once, repeat on every page.
        var nearBoundary: [String: [Int]] = [:]
        for boundary in boundaries {
            for index in max(0, boundary - 2)..<min(lines.count, boundary + 2) where !furniture.contains(index) {
                nearBoundary[lines[index].raw.trimmed().description, default: []].append(index)
            }
        }
        for (_, indices) in nearBoundary where Set(indices).count >= 2 {
            furniture.formUnion(indices)
        }
        guard !furniture.isEmpty else { return lines }
        var kept: [SourceLine] = []
        var blankPending = false
        for (index, line) in lines.enumerated() {
            if furniture.contains(index) {
                blankPending = true
                continue
            }
            var line = line
            // A value that runs over a page break continues: the break is not a paragraph end.
            if blankPending && line.text.firstLetterIsLowercase && !line.isBullet { line.blankBefore = false }
            if blankPending { line.pageStart = true }
            kept.append(line)
            blankPending = false
        }
        return kept
    }
}
