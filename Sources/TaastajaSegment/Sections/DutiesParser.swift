/// The duties table (Põhiülesanded | Oodatavad tulemused) or a numbered list of duties (3.1., 3.2. …).
///
/// A table read as plain text comes in three shapes: cell after cell (the extractor's layout order), a row whose
/// task and result share a line with a gap or a bullet between them, and OCR output where the two cells of a row
/// alternate on the same lines. The last is divided word by word: a left cell's lines wrap at the column width,
/// and the two columns part where adjacent words belong together least.
struct DutiesParser {
    var association: (any WordAssociation)?

    private enum Mode { case task, subtasks, activities, results }

    private struct Row {
        var number: String
        var task: [String] = []
        var subtasks: [[String]] = []
        var activities: [[String]] = []
        var results: [[String]] = []
        var mode = Mode.task
        var interleaved = false

        /// The task cell's last line: how it ends is all the parser asks.
        var taskText: String { task.last ?? "" }
        var lastResult: String? { results.last?.last }
        var leftOpen: Bool { !taskText.endsSentence }
        var rightOpen: Bool { lastResult.map { !$0.endsSentence } ?? false }

        var duty: Duty {
            Duty(number: number, task: ValueText.join(task),
                 subtasks: subtasks.map { ValueText.item(ValueText.join($0)) },
                 activities: activities.map { ValueText.item(ValueText.join($0)) },
                 results: results.map { ValueText.item(ValueText.join($0)) })
        }
    }

    /// Glyphs that, between words, separate the task cell from a result bullet on the same line.
    static let columnGlyphs: Set<String> = ["=", "•", "▪", "¢", "»", "■", "●", "\u{F0A7}", "\u{F0B7}", "©", "*", "+", "«", "+»"]

    func parse(_ lines: [SourceLine]) -> [Duty] {
        // A middle column named in the header row (Põhiülesanne | Tegevused | Oodatavad tulemused): a row's first
        // bullets are its activities, the rest its results.
        let threeColumns = lines.contains { Self.isTableHeader($0) && Folding.words($0.text).contains { $0.hasPrefix("tegevus") } }
        let resultColumn = lines.contains { Self.isTableHeader($0) && Folding.words($0.text).contains { $0.hasPrefix("tulemus") } }
        let lines = lines.filter { !Self.isTableHeader($0) }
        let width = Self.leftColumnWidth(lines)
        // Rows are the least deeply numbered items; deeper ones are a row's subtasks.
        let rowDepth = lines.compactMap { line -> Int? in
            guard !line.isBullet, let (number, _) = Self.rowNumber(line.text) else { return nil }
            return number.split(separator: ".").count
        }.min() ?? 2
        var rows: [Row] = []
        for line in lines {
            if !line.isBullet, let (number, rest) = Self.rowNumber(line.text) {
                if number.split(separator: ".").count > max(rowDepth, 2), !rows.isEmpty {
                    rows[rows.count - 1].subtasks.append([rest])
                    rows[rows.count - 1].mode = .subtasks
                    continue
                }
                var row = Row(number: number)
                if let (left, right, _) = Self.columnSplit(rest) {
                    row.task = [left]
                    row.results = [[right]]
                    row.interleaved = true
                } else {
                    row.task = rest.isEmpty ? [] : [rest]
                }
                rows.append(row)
                continue
            }
            guard !rows.isEmpty else { continue }
            // A cell's own labels in a block per task ("Tegevused:", "Oodatav tulemus:").
            if let mode = Self.cellLabel(line.text) {
                rows[rows.count - 1].mode = mode
                continue
            }
            if rows[rows.count - 1].interleaved {
                continueInterleaved(&rows[rows.count - 1], with: line, width: width)
            } else {
                continueLinear(&rows[rows.count - 1], with: line, threeColumns: threeColumns)
            }
        }
        // A lead-in row ("9. Spetsialist:") whose items follow as deeper rows is no duty of its own.
        rows.removeAll { row in
            row.taskText.hasSuffix(":") && row.results.isEmpty && row.activities.isEmpty && row.subtasks.isEmpty
                && row.task.count == 1 && row.taskText.split(separator: " ").count <= 4
        }
        // A row of a table with a results column that came as one line of sentences ("Koostab kava. Kava on
        // kinnitatud."): the first sentence is the task, the rest its result.
        if resultColumn {
            for index in rows.indices where rows[index].results.isEmpty && rows[index].activities.isEmpty
                && !rows[index].interleaved {
                let task = rows[index].task
                // Cell after cell: the result's first line opens with a capital after the task's sentence ended.
                if let cut = task.indices.dropFirst().first(where: { task[$0 - 1].endsSentence && task[$0].firstLetterIsUppercase }) {
                    rows[index].task = Array(task[..<cut])
                    rows[index].results = [Array(task[cut...])]
                } else if task.count == 1, let (first, rest) = Self.firstSentence(task[0]) {
                    rows[index].task = [first]
                    rows[index].results = [[rest]]
                }
            }
        }
        return rows.map(\.duty)
    }

    /// The first sentence and the rest, when the rest opens a new sentence with a capital.
    static func firstSentence(_ text: String) -> (String, String)? {
        let words = text.split(separator: " ")
        for index in 1..<max(1, words.count) where words[index - 1].hasSuffix(".") && words[index].first?.isUppercase == true
            && words[index - 1].count > 3 {
            return (words[..<index].joined(separator: " "), words[index...].joined(separator: " "))
        }
        return nil
    }

    /// A row's number: "3.1", "3.", or a task block's "Ülesanne 2." / "2. ülesanne".
    static func rowNumber(_ text: String) -> (number: String, rest: String)? {
        if let numbered = ListItems.numbered(text) { return numbered }
        let words = text.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count >= 2, taskBlockWords.contains(Folding.fold(words[0])) else { return nil }
        let digits = words[1].trimmingCharacters(in: ".:)")
        guard !digits.isEmpty, digits.count <= 2, digits.allSatisfy(\.isNumber) else { return nil }
        return (digits, words.count > 2 ? words[2] : "")
    }

    private static let taskBlockWords: Set<String> = ["ulesanne", "pohiulesanne", "tooulesanne"]

    /// The labels inside a task's block, and the cell each opens.
    /// A duty table's column header or a task block's cell label: never a section heading.
    static func namesColumn(_ line: SourceLine) -> Bool {
        isTableHeader(line) || cellLabel(line.text) != nil
            || Folding.words(line.text).count == 1 && columnNames.contains(Folding.words(line.text)[0])
    }

    private static func cellLabel(_ text: String) -> Mode? {
        guard text.hasSuffix(":"), text.split(separator: " ").count <= 4 else { return nil }
        let words = Folding.words(text)
        if words.first?.hasPrefix("tegevus") == true { return .activities }
        if words.contains(where: { $0.hasPrefix("tulemus") }) { return .results }
        return nil
    }

    // MARK: Cell after cell

    private func continueLinear(_ row: inout Row, with line: SourceLine, threeColumns: Bool) {
        switch row.mode {
        case .task:
            if line.isBullet && threeColumns {
                row.activities.append([line.text])
                row.mode = .activities
            } else if line.isBullet {
                if Self.opensSubtasks(row.taskText) && line.text.firstLetterIsLowercase {
                    row.subtasks.append([line.text])
                    row.mode = .subtasks
                } else {
                    row.results.append([line.text])
                    row.mode = .results
                }
            } else if line.blankBefore && line.text.firstLetterIsUppercase && (line.indented || row.taskText.endsSentence) {
                row.results.append([line.text])
                row.mode = .results
            } else if let (left, right, _) = Self.columnSplit(line.text) {
                row.task.append(left)
                row.results.append([right])
                row.interleaved = true
            } else {
                row.task.append(line.text)
            }
        case .subtasks:
            if line.isBullet && line.text.firstLetterIsLowercase {
                row.subtasks.append([line.text])
            } else if line.isBullet || line.blankBefore && line.text.firstLetterIsUppercase {
                row.results.append([line.text])
                row.mode = .results
            } else {
                row.subtasks[row.subtasks.count - 1].append(line.text)
            }
        case .activities:
            let last = row.activities.last?.last ?? ""
            if line.isBullet {
                // The results column opens where the activities' case changes or their last one ended a sentence.
                let caseChanged = line.text.firstLetterIsUppercase && (row.activities.first?.first?.firstLetterIsLowercase ?? false)
                if threeColumns && (caseChanged || last.endsSentence && !last.hasSuffix(";")) {
                    row.results.append([line.text])
                    row.mode = .results
                } else {
                    row.activities.append([line.text])
                }
            } else if line.text.firstLetterIsUppercase && last.endsSentence && threeColumns {
                row.results.append([line.text])
                row.mode = .results
            } else if row.activities.isEmpty {
                row.activities.append([line.text])
            } else {
                row.activities[row.activities.count - 1].append(line.text)
            }
        case .results:
            // A row cut by a page break: the task cell's last lines open the next page.
            if line.pageStart, !line.isBullet, line.text.firstLetterIsLowercase, row.leftOpen,
               row.lastResult?.endsSentence == true {
                row.task.append(line.text)
                return
            }
            appendResult(&row, line.text, opens: ListItems.opensItem(line, after: row.lastResult))
        }
    }

    private func appendResult(_ row: inout Row, _ text: String, opens: Bool) {
        if opens || row.results.isEmpty {
            row.results.append([text])
        } else {
            row.results[row.results.count - 1].append(text)
        }
        row.mode = .results
    }

    // MARK: Interleaved cells

    private func continueInterleaved(_ row: inout Row, with line: SourceLine, width: Int) {
        if line.isBullet {
            appendResult(&row, line.text, opens: true)
            return
        }
        if let (left, right, glyph) = Self.columnSplit(line.text) {
            if row.leftOpen { row.task.append(left) } else { appendResult(&row, left, opens: false) }
            appendResult(&row, right, opens: glyph || !row.rightOpen)
            return
        }
        let words = line.text.split(separator: " ").map(String.init)
        switch (row.leftOpen, row.rightOpen) {
        case (false, _):
            appendResult(&row, line.text, opens: ListItems.opensItem(line, after: row.lastResult))
        case (true, false) where line.text.count <= width + 3 || words.count < 2:
            row.task.append(line.text)
        default:
            guard words.count >= 2 else {
                row.task.append(line.text)
                return
            }
            let cut = bestCut(words, width: width, rightOpen: row.rightOpen)
            row.task.append(words[..<cut].joined(separator: " "))
            appendResult(&row, words[cut...].joined(separator: " "), opens: !row.rightOpen)
        }
    }

    /// Where a line holding a left-cell line and a right-cell line parts.
    private func bestCut(_ words: [String], width: Int, rightOpen: Bool) -> Int {
        var best = 1
        var bestScore = Double.infinity
        var leftLength = -1
        for cut in 1..<words.count {
            leftLength += words[cut - 1].count + 1
            if leftLength > width + 4 && cut > 1 { break }
            // Word wrap fills a line: had the next word fitted, a left-cell line would have taken it.
            let slack = width - (leftLength + 1 + words[cut].count)
            var score = slack >= 0 ? 1 + Double(slack) * 0.1 : 0
            score += Self.cohesion(words[cut - 1], words[cut], association: association)
            // A task cell's last line ends its sentence; the result column goes on after it.
            if words[cut - 1].hasSuffix(".") { score -= 2.5 }
            if score < bestScore {
                bestScore = score
                best = cut
            }
        }
        return best
    }

    /// How strongly two adjacent words belong to one phrase: corpus association, and Estonian case agreement
    /// (a determiner or adjective takes its noun's case ending: "omal initsiatiivil", "uutes projektides").
    static func cohesion(_ first: String, _ second: String, association: (any WordAssociation)?) -> Double {
        var score = association?.association(first, second) ?? 0
        if let ending = caseEnding(first), ending == caseEnding(second) { score += 1.5 }
        return score
    }

    private static let caseEndings = ["sse", "tes", "lt", "le", "ga", "ks", "st", "ni", "na", "ta", "l", "s"]

    /// The case ending of an inflected word (after a stem vowel for one-letter endings), nil if none.
    static func caseEnding(_ word: String) -> String? {
        guard word.count >= 3, word.allSatisfy(\.isLetter) else { return nil }
        let lower = word.lowercased()
        for ending in caseEndings where lower.hasSuffix(ending) {
            if ending.count == 1 {
                let beforeEnding = lower.dropLast().last
                guard let beforeEnding, "aeiouõäöü".contains(beforeEnding) else { continue }
            }
            return ending
        }
        return nil
    }

    // MARK: Line shapes

    /// Three spaces in a row (bytes, not Foundation's substring search: this runs on every line).
    private static func hasWideGap(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            run = byte == 0x20 ? run + 1 : 0
            if run == 3 { return true }
        }
        return false
    }

    /// A task and a result on one line: split at a bullet glyph between words, a "|" rule, or a gap of three
    /// or more spaces. `glyph` tells a bullet opened the right part.
    static func columnSplit(_ text: String) -> (left: String, right: String, glyph: Bool)? {
        // Most lines have neither a gap nor a glyph between words: a cheap look first.
        guard hasWideGap(text) || text.unicodeScalars.contains(where: columnScalars.contains)
                || text.contains("; - ") || text.contains(". - ") || text.contains("; – ") else { return nil }
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false)
        var index = 1
        var gap = 0
        var left: [Substring] = tokens.isEmpty ? [] : [tokens[0]]
        while index < tokens.count {
            let token = tokens[index]
            if token.isEmpty {
                gap += 1
                index += 1
                continue
            }
            // A hyphen opens the result column only after the task's clause ended ("…materjale; - materjalid …").
            let hyphenAfterClause = (token == "-" || token == "–") && (left.last.map { $0.hasSuffix(";") || $0.hasSuffix(".") } ?? false)
            if columnGlyphs.contains(String(token)) || token == "|" || hyphenAfterClause {
                var rest = tokens[(index + 1)...].filter { !$0.isEmpty }
                if let first = rest.first, columnGlyphs.contains(String(first)) || first == "|" { rest.removeFirst() }
                let leftText = left.filter { !$0.isEmpty && $0 != "|" }.joined(separator: " ")
                let rightText = rest.filter { $0 != "|" }.joined(separator: " ")
                guard !leftText.isEmpty, !rightText.isEmpty else { return nil }
                return (leftText, rightText, true)
            }
            if gap >= 2 {
                let leftText = left.filter { !$0.isEmpty }.joined(separator: " ")
                let rightText = tokens[index...].filter { !$0.isEmpty }.joined(separator: " ")
                return (leftText, rightText, false)
            }
            gap = 0
            left.append(token)
            index += 1
        }
        return nil
    }

    private static let columnScalars = Set(columnGlyphs.flatMap(\.unicodeScalars)).union(["|"])

    /// The column header row, in any of its printed forms ("Põhiülesanded Oodatavad tulemused", "3.1 ÜLESANNE 3.1
    /// SOOVITUD TULEMUS", "Põhiülesanne Tegevused ülesande täitmiseks Oodatav tulemus").
    static func isTableHeader(_ line: SourceLine) -> Bool {
        // A header row names columns; a label ending in a colon ("Oodatav tulemus:") opens a cell instead.
        guard !line.isBullet, line.text.utf8.count <= 80, !line.text.hasSuffix(":") else { return false }
        let words = line.text.split(separator: " ").filter { word in !word.allSatisfy { $0.isNumber || $0 == "." } }
        guard let first = words.first, first.first?.isUppercase == true, (1...8).contains(words.count) else { return false }
        let folded = words.map { String(Folding.fold($0.trimmingPunctuation())) }
        guard folded.contains(where: columnNames.contains) else { return false }
        // With a number, it is a header only in capitals ("3.1 ÜLESANNE 3.1 SOOVITUD TULEMUS"), not a duty or a task
        // block ("Ülesanne 1. Haiglanakkuste seire").
        if line.text.contains(where: \.isNumber) {
            return words.allSatisfy { word in word.filter(\.isLetter).allSatisfy(\.isUppercase) }
        }
        return folded.count <= 6 || folded.contains { $0.hasPrefix("tegevus") }
    }

    /// Words that name a duty table's columns, folded.
    private static let columnNames: Set<String> = [
        "pohiulesanded", "pohiulesanne", "ulesanne", "ulesanded", "tooulesanded", "tulemused", "tulemus", "naitaja",
        "naitajad", "kriteeriumid",
    ]

    /// A task that introduces a list of subtasks ("…, sh", "järgmised:").
    static func opensSubtasks(_ task: String) -> Bool {
        let lower = " " + task.lowercased()
        return lower.hasSuffix(" sh") || lower.hasSuffix(" sh.") || lower.hasSuffix(":") || lower.hasSuffix("sealhulgas")
    }

    /// The widest left-cell line seen: first lines of tasks and the left parts of split lines.
    static func leftColumnWidth(_ lines: [SourceLine]) -> Int {
        var widths: [Int] = []
        for line in lines where !line.isBullet {
            if let (left, _, _) = columnSplit(line.text) {
                widths.append(left.count)
            } else if ListItems.numbered(line.text) != nil {
                widths.append(ValueText.collapse(line.text).count)
            }
        }
        return widths.max() ?? 40
    }
}

extension String {
    /// Ends with a full stop, question or exclamation mark (a sentence, not a list item).
    var endsSentence: Bool {
        guard let last = last(where: { !$0.isWhitespace && $0 != "\"" && $0 != "”" && $0 != ")" }) else { return false }
        return ".!?;".contains(last)
    }
}
