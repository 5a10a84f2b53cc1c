/// Turns the text of a job description into its fields. Sections are found by what their headings say, not by
/// their numbers or positions; fields within them by their labels. A file that holds several job descriptions
/// (a cover order approving appendices Lisa 1, Lisa 2 …) gives one record each.
public struct Segmenter: Sendable {
    public var association: (any WordAssociation)?

    /// - Parameter association: word statistics that help divide OCR-interleaved table columns and take a title
    ///   printed in the genitive back to its basic form; without them the column width alone decides, and such a
    ///   title is kept with a warning.
    public init(association: (any WordAssociation)? = nil) {
        self.association = association
    }

    /// One job description of a text, and which part of the file it is (nil when the file holds one).
    public struct Segment: Sendable, Equatable {
        public var part: Part?
        public var fields: JobDescription
        /// The part's own lines (the whole text when the file holds one): what an archive indexes for it.
        public var text: String
    }

    /// Every job description in the text, in document order.
    public func segments(_ text: String, file: String = "<text>") throws(SegmentationError) -> [Segment] {
        let lines = LineReader.lines(of: text)
        guard !lines.isEmpty else { throw SegmentationError(.emptyText, file: file) }
        if let split = Appendices.split(lines) {
            let coverApproval = ApprovalParser.coverOrder(split.cover)
            var found: [Segment] = []
            for appendix in split.appendices {
                guard var fields = try? segment(lines: appendix.lines, file: file) else { continue }
                if fields.approval == nil { fields.approval = coverApproval }
                found.append(Segment(part: Part(number: found.count + 1, label: appendix.label), fields: fields,
                                     text: appendix.lines.map(\.raw).joined(separator: "\n")))
            }
            if found.count >= 2 { return found }
        }
        return [Segment(part: nil, fields: try segment(lines: lines, file: file), text: text)]
    }

    /// The first (usually the only) job description in the text.
    public func segment(_ text: String, file: String = "<text>") throws(SegmentationError) -> JobDescription {
        try segments(text, file: file)[0].fields
    }

    func segment(lines: [SourceLine], file: String) throws(SegmentationError) -> JobDescription {
        let layout = SectionLayout(lines, forms: association)
        guard layout.isJobDescription else { throw SegmentationError(.notAJobDescription, file: file) }

        var record = JobDescription()
        var warnings = Warnings()
        record.approval = ApprovalParser.parse(layout.preamble)
        readGeneralPart(layout, into: &record, warnings: &warnings)
        readPurposeAndDuties(layout, into: &record, warnings: &warnings)
        record.otherSections = layout.sections.filter { $0.kind == .other }.compactMap { section in
            Self.text(of: section.lines).map { OtherSection(heading: section.heading, text: $0) }
        }
        readListsAndRequirements(layout, into: &record, warnings: &warnings)
        record.signatures = SignaturesParser.parse(layout.signatureLines)
        warnings.ifMissing(record.signatures.isEmpty, "no signatures found (Poolte allkirjad)")
        record.warnings = warnings.list
        return record
    }

    // MARK: Steps

    private func readGeneralPart(_ layout: SectionLayout, into record: inout JobDescription,
                                 warnings: inout Warnings) {
        if let general = layout.lines(of: .general) {
            let fields = HeaderFields.parse(general)
            record.title = fields.value(.title).map { HeadingTitle.cased(Self.scalar($0), capitals: Self.isCapitals($0)) }
            record.unit = fields.value(.unit).map(Self.scalar)
            record.manager = fields.value(.manager).map(SentenceField.nounPhrase).flatMap { $0.isEmpty ? nil : $0 }
            record.substitutedBy = Self.people(fields.value(.substitutedBy).map(SentenceField.nounPhrase))
            record.substitutes = Self.people(fields.value(.substitutes).map(SentenceField.nounPhrase))
            record.subordinates = Self.people(fields.value(.subordinates))
        }
        // Without a general part, sentences at the top may still name the manager and the stand-ins
        // ("2. Aineõpetaja allub vahetult õppealajuhatajale.").
        if layout.lines(of: .general) == nil {
            for line in layout.preamble {
                guard let (field, value) = SentenceField.parse(line.text) else { continue }
                switch field {
                case .manager where record.manager == nil: record.manager = value
                case .substitutedBy where record.substitutedBy.isEmpty: record.substitutedBy = Self.people(value)
                case .substitutes where record.substitutes.isEmpty: record.substitutes = Self.people(value)
                case .subordinates where record.subordinates.isEmpty: record.subordinates = Self.people(value)
                default: break
                }
            }
        }
        if record.title == nil, let found = HeadingTitle.find(in: layout.preamble + layout.headingArea,
                                                             forms: association) {
            record.title = found.title
            warnings.add("title taken from the document's heading")
            if let doubt = found.doubt { warnings.add(doubt) }
        }
        warnings.ifMissing(record.title == nil, "no job title found (Ametinimetus / Teenistuskoha nimetus)")
        warnings.ifMissing(record.unit == nil, "no structural unit found (Struktuuriüksus)")
        warnings.ifMissing(record.manager == nil, "no manager found (Vahetu juht / Allub)")
    }

    private func readPurposeAndDuties(_ layout: SectionLayout, into record: inout JobDescription,
                                      warnings: inout Warnings) {
        record.purpose = layout.lines(of: .purpose).flatMap(Self.paragraph).map { purpose in
            // "Teenistuskoha eesmärk / on … juhtimine": the heading is the sentence's subject.
            guard purpose.hasPrefix("on "), let heading = layout.sections.first(where: { $0.kind == .purpose })?.heading,
                  !heading.isEmpty else { return purpose }
            return HeadingTitle.cased(heading, capitals: Self.isCapitals(heading)).capitalizedFirst + " " + purpose
        }
        warnings.ifMissing(record.purpose == nil, "no purpose section found (Töökoha / Ametikoha eesmärk)")

        if let duties = layout.lines(of: .duties) {
            record.duties = DutiesParser(association: association).parse(duties)
            if record.duties.isEmpty {
                // No numbered rows: the list items are the duties, numbered in order.
                record.duties = ListItems.parse(duties).enumerated().map {
                    Duty(number: "\($0.offset + 1)", task: $0.element)
                }
                if !record.duties.isEmpty { warnings.add("duties are not numbered; numbered in order of appearance") }
            }
            if record.duties.contains(where: { !$0.results.isEmpty }) {
                for duty in record.duties where duty.results.isEmpty {
                    warnings.add("duty \(duty.number) has no expected results")
                }
            }
        }
        warnings.ifMissing(record.duties.isEmpty, "no duties found (Tööülesanded / Teenistusülesanded)")
    }

    private func readListsAndRequirements(_ layout: SectionLayout, into record: inout JobDescription,
                                          warnings: inout Warnings) {
        record.rights = layout.lines(of: .rights).map(ListItems.parse) ?? []
        warnings.ifMissing(record.rights.isEmpty, "no rights section found (Õigused)")
        record.responsibilities = layout.lines(of: .responsibilities).map(ListItems.parse) ?? []
        warnings.ifMissing(record.responsibilities.isEmpty, "no responsibilities section found (Vastutus)")
        record.workTools = layout.lines(of: .workTools).flatMap(Self.paragraph)
        warnings.ifMissing(record.workTools == nil, "no work tools section found (Töövahendid)")
        if let requirements = layout.lines(of: .requirements) {
            record.requirements = RequirementsParser.parse(requirements)
        }
        if record.requirements.isEmpty, let lines = layout.lines(of: .requirements), let text = Self.text(of: lines) {
            // Requirements without the labels the parser knows (Haridus, Töökogemus …) are kept as they stand.
            let heading = layout.sections.first { $0.kind == .requirements }?.heading ?? "Nõuded"
            record.otherSections.append(OtherSection(heading: heading, text: text))
            warnings.add("requirements not divided into education, experience and skills; kept in otherSections")
        } else if record.requirements.isEmpty {
            warnings.add("no requirements found (Töökohale / Ametikohale esitatavad nõuded)")
        } else {
            let requirements = record.requirements
            for (value, name) in [(requirements.education, "Haridus"), (requirements.experience, "Töökogemus"),
                                  (requirements.languageSkills, "Keeleoskus"),
                                  (requirements.computerSkills, "Arvutikasutamise oskus")] where value == nil {
                warnings.add("requirements: no \(name)")
            }
        }
        record.revision = layout.lines(of: .revision).flatMap(Self.paragraph)
        warnings.ifMissing(record.revision == nil, "no revision section found (Ametijuhendi muutmine)")
    }

    // MARK: Values

    private static func paragraph(_ lines: [SourceLine]) -> String? {
        // A paragraph numbered as an item of its section ("8. Linnas elavatele …") keeps its words only.
        var texts = lines.map(\.text)
        if let first = texts.first { texts[0] = ListItems.strippedNumber(first) }
        let text = ValueText.join(texts)
        return text.isEmpty ? nil : text
    }

    /// A section's text: a list an item a line, prose as one paragraph.
    private static func text(of lines: [SourceLine]) -> String? {
        let isList = lines.contains { $0.isBullet || ListItems.numbered($0.text) != nil }
        guard isList else { return paragraph(lines) }
        let items = ListItems.parse(lines)
        return items.isEmpty ? nil : items.joined(separator: "\n")
    }

    /// A one-line value as stored: no short-name definition, no closing full stop ("sotsiaalosakond.").
    private static func scalar(_ value: String) -> String {
        var text = ValueText.withoutShortName(value)
        while text.hasSuffix(".") && !text.hasSuffix("..") { text.removeLast() }
        return text
    }

    private static func isCapitals(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 4 && letters.allSatisfy(\.isUppercase)
    }

    /// "Tiimijuht, koordinaator" → ["Tiimijuht", "koordinaator"]; "direktor või osakonna teenistuja" → two; "-" and
    /// "puuduvad" (none) → []. A conjunction after a hyphen shortens a compound ("haridus- ja kultuurinõunik"): no cut.
    private static func people(_ value: String?) -> [String] {
        guard let value else { return [] }
        let none: Set<String> = ["-", "–", "puuduvad", "puudub", "ei ole", "pole"]
        if none.contains(Folding.fold(value).trimmingPunctuation().description) { return [] }
        var people: [String] = []
        for part in value.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            var current: [Substring] = []
            for word in part.split(separator: " ") {
                if alternatives.contains(word.lowercased()), let previous = current.last, !previous.hasSuffix("-") {
                    people.append(current.joined(separator: " "))
                    current = []
                } else {
                    current.append(word)
                }
            }
            people.append(current.joined(separator: " "))
        }
        return people.map { ValueText.collapse($0) }.filter { !$0.isEmpty }
    }

    /// Words between the persons of a list of stand-ins.
    private static let alternatives: Set<String> = ["või", "ja", "ja/või", "ning"]
}

extension String {
    /// The first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Warnings in the order the steps add them.
struct Warnings {
    private(set) var list: [String] = []

    mutating func add(_ warning: String) { list.append(warning) }

    mutating func ifMissing(_ missing: Bool, _ warning: String) {
        if missing { list.append(warning) }
    }
}

/// The lines of one job description divided into its preamble, sections and signature block.
struct SectionLayout {
    /// Lines before the first heading or label: the approval block and the document's heading.
    var preamble: [SourceLine] = []
    /// The preamble and the first lines after it: where the document's heading stands.
    var headingArea: [SourceLine] = []
    var sections: [Section] = []
    var signatureLines: [SourceLine] = []
    var isJobDescription = false

    func lines(of kind: SectionKind) -> [SourceLine]? {
        let matching = sections.filter { $0.kind == kind }
        return matching.isEmpty ? nil : matching.flatMap(\.lines)
    }

    init(_ lines: [SourceLine], forms: (any WordAssociation)?) {
        var lines = lines
        // A heading with its section's first words on the same line becomes a heading line and a text line.
        var headings: [SectionKind?] = []
        var index = 0
        while index < lines.count {
            if let (before, heading) = SectionHeading.trailing(lines[index]) {
                var paragraph = lines[index]
                paragraph.text = before
                lines[index] = paragraph
                var headingLine = LineReader.reading(heading, like: paragraph)
                headingLine.blankBefore = true
                lines.insert(headingLine, at: index + 1)
            }
            if let kind = SectionHeading.kind(of: lines[index]) {
                headings.append(kind)
            } else if let runIn = SectionHeading.runIn(lines[index]) {
                var rest = LineReader.reading(runIn.rest, like: lines[index])
                rest.blankBefore = false
                var heading = lines[index]
                heading.text = runIn.heading
                lines[index] = heading
                lines.insert(rest, at: index + 1)
                headings.append(runIn.kind)
                headings.append(nil)
                index += 1
            } else {
                headings.append(nil)
            }
            index += 1
        }

        let firstHeading = headings.firstIndex { $0 != nil }
        let firstLabel = Self.firstLabelLine(lines)
        let bodyStart = [firstHeading, firstLabel].compactMap { $0 }.min() ?? lines.count
        preamble = Array(lines[..<bodyStart])
        headingArea = Array(lines[bodyStart..<min(lines.count, bodyStart + 3)])
        let hasTitle = lines.contains(where: SectionHeading.isTitle)

        // The document's heading style, the commonest among the headings it names: other headings must look the same.
        var styleCounts: [(style: HeadingStyle, count: Int)] = []
        for (line, kind) in zip(lines, headings) where kind != nil {
            guard let style = HeadingStyle.of(line)?.style else { continue }
            if let index = styleCounts.firstIndex(where: { $0.style == style }) {
                styleCounts[index].count += 1
            } else {
                styleCounts.append((style, 1))
            }
        }
        let style = styleCounts.max { $0.count < $1.count }?.style
        var lastNumber: Int?
        var listNumber: Int?

        // Sections, in order; everything from the first signature line on is the signature block.
        var inSignatures = false
        for index in bodyStart..<lines.count {
            let line = lines[index]
            if inSignatures {
                signatureLines.append(line)
                continue
            }
            if headings[index] == .signatures || SignaturesParser.isSignatureLine(line) {
                inSignatures = true
                if headings[index] != .signatures { signatureLines.append(line) }
                continue
            }
            if let kind = headings[index] {
                if let number = HeadingStyle.of(line)?.number { lastNumber = number }
                listNumber = nil
                // A repeated heading inside its own section is the table's header row, not a new section.
                if let last = sections.last, last.kind == kind { continue }
                sections.append(Section(kind: kind, heading: Self.headingText(line), lines: []))
                continue
            }
            if let style, !sections.isEmpty, HeaderFields.labels(in: line) == nil, !DutiesParser.namesColumn(line),
               let other = SectionHeading.otherHeading(line, style: style, after: lastNumber, listNumber: listNumber,
                                                       forms: forms) {
                if let number = other.number { lastNumber = number }
                listNumber = nil
                var section = Section(kind: .other, heading: other.heading, lines: [])
                if let text = other.text { section.lines.append(LineReader.reading(text, like: line)) }
                sections.append(section)
                continue
            }
            if let (number, _) = ListItems.numbered(line.text), let value = Int(number) { listNumber = value }
            if sections.isEmpty { sections.append(Section(kind: .general, lines: [])) }
            sections[sections.count - 1].lines.append(line)
        }

        let kinds = Set(sections.map(\.kind)).subtracting([.general, .other])
        isJobDescription = hasTitle || kinds.count >= 2 || lines.reduce(0) { count, line in
            count + (HeaderFields.labels(in: line)?.filter { $0.field != .other }.count ?? 0)
        } >= 2
    }

    /// The general part may come without a heading: numbered label rows, "Ametikoha nimetus: …" lines, or a block
    /// of unnumbered "Label value" lines ("Vahetu juht Talituse juhataja").
    private static func firstLabelLine(_ lines: [SourceLine]) -> Int? {
        func isStrictLabel(_ line: SourceLine) -> Bool {
            guard let first = line.text.split(separator: " ").first else { return false }
            guard HeaderFields.isSubNumber(first) || line.text.utf8.contains(UInt8(ascii: ":")) else { return false }
            return HeaderFields.labels(in: line)?.contains { $0.field != .other } == true
        }
        func isLenientLabel(_ line: SourceLine) -> Bool {
            HeaderFields.labels(in: line, lenient: true)?.contains { $0.field != .other } == true
        }
        for (index, line) in lines.enumerated() {
            if isStrictLabel(line) { return index }
            // Without a number or colon, only a block of such lines is the general part.
            if isLenientLabel(line),
               lines[(index + 1)..<min(lines.count, index + lenientBlockWindow)].contains(where: isLenientLabel) {
                return index
            }
        }
        return nil
    }

    /// How far the next unnumbered label line may stand for two to form a block (a value may wrap onto a line).
    private static let lenientBlockWindow = 4

    private static func headingText(_ line: SourceLine) -> String {
        var words = line.text.split(separator: " ")
        if let first = words.first, SectionHeading.topLevelNumber(first) != nil { words.removeFirst() }
        var text = words.joined(separator: " ")
        if text.hasSuffix(":") { text.removeLast() }
        return text
    }
}
