import Foundation
/// Puts the words of one page into reading order, cell by cell for tables.
///
/// Works on word boxes alone, so text layers and OCR are treated alike:
/// 1. each engine line is cut into segments at gaps too wide to be word spaces;
/// 2. segments at the same height form visual lines;
/// 3. runs of visual lines that share an empty vertical strip are tables; a table row starts where every
///    column resumes after a gap with tops aligned (cells are top-aligned), and each row is read column by column.
struct ReadingOrder {
    /// A segment gap wider than this many median word heights separates columns.
    var columnGapFactor = 0.5
    /// …and wider than this many median word spaces.
    var spaceGapFactor = 2.0
    /// A line pitch this many times the median starts a new block (paragraph or cell).
    var blockGapFactor = 1.35

    private struct Segment {
        var words: [Word]
        var box: Box
        var text: String { words.map(\.text).joined(separator: " ") }
        init(_ words: [Word]) {
            self.words = words
            box = Box.union(words.map(\.box))!
        }
    }

    private struct VisualLine {
        var segments: [Segment]
        var top: Int { segments.map(\.box.y).min()! }
        var bottom: Int { segments.map(\.box.maxY).max()! }
        var center: Double { Double(top + bottom) / 2 }
    }

    /// `engineLines`: words as the engine grouped them into lines, each in left-to-right order.
    func arrange(_ engineLines: [[Word]]) -> [Line] {
        let engineLines = engineLines.map { $0.compactMap(Self.withoutTableRules) }
        let words = engineLines.flatMap { $0 }
        guard !words.isEmpty else { return [] }
        let wordHeight = median(words.map { Double($0.box.height) }) ?? 10
        // Wider than a word space: OCR word boxes are ink-tight, so a space is half their height or more; the
        // page's own median space decides rather than a fixed share of the height.
        var spaces: [Double] = []
        for line in engineLines where line.count >= 2 {
            let sorted = line.sorted { $0.box.x < $1.box.x }
            for (left, right) in zip(sorted, sorted.dropFirst()) where right.box.x > left.box.maxX {
                spaces.append(Double(right.box.x - left.box.maxX))
            }
        }
        let columnGap = max(Int(columnGapFactor * wordHeight), Int(spaceGapFactor * (median(spaces) ?? 0)))

        var segments: [Segment] = []
        for line in engineLines where !line.isEmpty {
            let sorted = line.sorted { $0.box.x < $1.box.x }
            var current: [Word] = [sorted[0]]
            for word in sorted.dropFirst() {
                if word.box.x - current.last!.box.maxX >= columnGap {
                    segments.append(Segment(current))
                    current = []
                }
                current.append(word)
            }
            segments.append(Segment(current))
        }

        let lines = visualLines(segments)
        let pitches = zip(lines, lines.dropFirst()).map { $1.center - $0.center }.filter { $0 > 0 }
        let pitch = median(pitches) ?? wordHeight * 1.2
        let blockGap = pitch * blockGapFactor

        var out: [Line] = []
        var block = 0
        var index = 0
        var previousBottomCenter: Double?
        while index < lines.count {
            if let candidates = separators(of: lines[index], gap: columnGap),
               let (end, separators) = table(lines, from: index, separators: candidates, blockGap: blockGap,
                                             minimumGap: max(1, columnGap / 2)) {
                block += 1
                emitTable(Array(lines[index...end]), separators: separators, blockGap: blockGap,
                          wordHeight: wordHeight, block: &block, into: &out)
                previousBottomCenter = nil
                index = end + 1
                continue
            }
            let line = lines[index]
            if let previous = previousBottomCenter, line.center - previous > blockGap { block += 1 }
            if previousBottomCenter == nil && !out.isEmpty { block += 1 }
            let ordered = line.segments.sorted { $0.box.x < $1.box.x }
            out.append(makeLine(ordered.flatMap(\.words), block: block))
            previousBottomCenter = line.center
            index += 1
        }
        return out
    }

    private func visualLines(_ segments: [Segment]) -> [VisualLine] {
        var lines: [VisualLine] = []
        for segment in segments.sorted(by: { $0.box.y + $0.box.maxY < $1.box.y + $1.box.maxY }) {
            let center = Double(segment.box.y + segment.box.maxY) / 2
            // Segments arrive top to bottom, so only the last few lines can share this one's height.
            if let i = lines.indices.suffix(6).last(where: { index in
                let line = lines[index]
                let overlap = min(line.bottom, segment.box.maxY) - max(line.top, segment.box.y)
                let shorter = min(line.bottom - line.top, segment.box.height)
                return Double(overlap) >= 0.5 * Double(max(shorter, 1)) && abs(line.center - center) < Double(shorter)
            }), !lines[i].segments.contains(where: { overlapsHorizontally($0.box, segment.box) }) {
                lines[i].segments.append(segment)
            } else {
                lines.append(VisualLine(segments: [segment]))
            }
        }
        return lines.sorted { $0.center < $1.center }
    }

    private func overlapsHorizontally(_ a: Box, _ b: Box) -> Bool {
        a.x < b.maxX && b.x < a.maxX
    }

    /// Empty vertical strips between the segments of a line with two or more columns.
    private func separators(of line: VisualLine, gap: Int) -> [ClosedRange<Int>]? {
        let sorted = line.segments.sorted { $0.box.x < $1.box.x }
        guard sorted.count >= 2 else { return nil }
        var result: [ClosedRange<Int>] = []
        for (left, right) in zip(sorted, sorted.dropFirst()) where right.box.x - left.box.maxX >= gap {
            result.append(left.box.maxX...right.box.x)
        }
        return result.isEmpty ? nil : result
    }

    /// The last line of the table that starts at `start` and its whitespace columns narrowed to fit every
    /// line; nil when no second line shares the columns.
    private func table(_ lines: [VisualLine], from start: Int, separators initial: [ClosedRange<Int>],
                       blockGap: Double, minimumGap: Int) -> (end: Int, separators: [ClosedRange<Int>])? {
        var separators = initial
        var lastMultiColumn = start
        var lastInside = start
        var index = start + 1
        while index < lines.count, let narrowed = fit(lines[index], separators, minimumGap: minimumGap) {
            // A line with more columns than the table after a gap opens the next table (1.1–1.2 stacked on 1.3–1.5).
            // So does one whose own gaps fall inside the table's columns (row 1.3–1.5 under row 1.1–1.2, read
            // by OCR with little space between them).
            if let own = self.separators(of: lines[index], gap: minimumGap * 2), own.count > separators.count,
               lines[index].center - lines[index - 1].center > blockGap
                || own.contains(where: { gap in !separators.contains { $0.overlaps(gap) } }) {
                break
            }
            let columns = Set(lines[index].segments.map { column(of: $0, narrowed) })
            if columns.count >= 2 {
                lastMultiColumn = index
            } else if lines[index].center - lines[index - 1].center > blockGap {
                // A one-column line after a gap belongs to the table only if more table lines follow.
                var probe = narrowed
                var rest = index + 1
                var continues = false
                while rest < lines.count, let next = fit(lines[rest], probe, minimumGap: minimumGap) {
                    if Set(lines[rest].segments.map { column(of: $0, next) }).count >= 2 {
                        continues = true
                        break
                    }
                    probe = next
                    rest += 1
                }
                if !continues { break }
            }
            separators = narrowed
            lastInside = index
            index += 1
        }
        // At the top of a page, one two-column line with lines under it in its columns is a table too: the rest
        // of a row a page break cut off ("teadmised" | "täpselt. Põhjendab …").
        guard lastMultiColumn > start || start == 0 && lastInside > start else { return nil }
        return (lastInside, separators)
    }

    /// The separators narrowed to the free space of `line`, or nil when a segment leaves too little room.
    private func fit(_ line: VisualLine, _ separators: [ClosedRange<Int>], minimumGap: Int) -> [ClosedRange<Int>]? {
        var result: [ClosedRange<Int>] = []
        for separator in separators {
            let middle = (separator.lowerBound + separator.upperBound) / 2
            var lower = separator.lowerBound, upper = separator.upperBound
            for segment in line.segments {
                if (segment.box.x + segment.box.maxX) / 2 < middle {
                    lower = max(lower, segment.box.maxX)
                } else {
                    upper = min(upper, segment.box.x)
                }
            }
            guard upper - lower >= minimumGap else { return nil }
            result.append(lower...upper)
        }
        return result
    }

    private func column(of segment: Segment, _ separators: [ClosedRange<Int>]) -> Int {
        separators.filter { $0.upperBound <= segment.box.x }.count
    }

    private func emitTable(_ lines: [VisualLine], separators: [ClosedRange<Int>], blockGap: Double,
                           wordHeight: Double, block: inout Int, into out: inout [Line]) {
        let columnCount = separators.count + 1
        // Cells are padded: a row starts after any gap wider than plain line spacing.
        let rowGap = blockGap / blockGapFactor * 1.12
        // Rows: a new row where every column resumes after a gap with aligned tops and no bullet continues.
        var rows: [[VisualLine]] = [[lines[0]]]
        for (previous, line) in zip(lines, lines.dropFirst()) {
            let columns = Dictionary(grouping: line.segments) { column(of: $0, separators) }
            let resumesTogether = columns.count == columnCount
                && line.center - previous.center > rowGap
                && (columns.values.map { $0.map(\.box.y).min()! }.max()!
                    - columns.values.map { $0.map(\.box.y).min()! }.min()!) < Int(wordHeight * 0.6)
                && !(columns[0]?.min { $0.box.x < $1.box.x }?.words.first.map(looksLikeBullet) ?? false)
            if resumesTogether {
                rows.append([line])
            } else {
                rows[rows.count - 1].append(line)
            }
        }
        for row in rows {
            for columnIndex in 0..<columnCount {
                var previousCenter: Double?
                var wroteAny = false
                for line in row {
                    let cells = line.segments.filter { column(of: $0, separators) == columnIndex }
                    guard !cells.isEmpty else { continue }
                    let center = line.center
                    if let previousCenter, center - previousCenter > blockGap { block += 1 }
                    out.append(makeLine(cells.sorted { $0.box.x < $1.box.x }.flatMap(\.words), block: block))
                    previousCenter = center
                    wroteAny = true
                }
                if wroteAny { block += 1 }
            }
        }
    }

    /// A table's vertical rule read as "|" is no text: dropped alone, cut off a word it touches
    /// ("kompetentsid,|"), so the gap between the cells shows again.
    static func withoutTableRules(_ word: Word) -> Word? {
        let rules: Set<Character> = ["|", "¦", "│"]
        guard word.text.contains(where: rules.contains) else { return word }
        // A rule with a dash OCR read beside it ("-|kompetentsid") goes too.
        let edge: Set<Character> = rules.union(["-", "–", "_"])
        var text = Substring(word.text)
        var box = word.box
        let glyphWidth = box.width / max(1, word.text.count)
        let leading = text.prefix { edge.contains($0) }
        if leading.contains(where: rules.contains) {
            text = text.dropFirst(leading.count)
            box.x += glyphWidth * leading.count
            box.width -= glyphWidth * leading.count
        }
        while let last = text.last, rules.contains(last) {
            text = text.dropLast()
            box.width -= glyphWidth
        }
        guard !text.isEmpty else { return nil }
        return Word(text: String(text), box: box, confidence: word.confidence)
    }

    private func makeLine(_ words: [Word], block: Int) -> Line {
        Line(text: words.map(\.text).joined(separator: " "), box: Box.union(words.map(\.box)), block: block,
             words: words)
    }
}

/// A bullet glyph, or what OCR makes of one (`e`, `»`, `=`, `¢`, ...), opening a line.
func looksLikeBullet(_ word: Word) -> Bool {
    if word.text == "•" || word.text == "e" || word.text == "o" { return true }
    return word.text.count <= 2 && !word.text.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
}

func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}
