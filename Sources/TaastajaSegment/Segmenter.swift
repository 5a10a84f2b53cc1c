/// Turns the text of a job description into its fields. Sections are found by what their headings say, not by
/// their numbers or positions; fields within them by their labels.
public struct Segmenter: Sendable {
    public var association: (any WordAssociation)?

    /// - Parameter association: word-pair statistics that help divide OCR-interleaved table columns; without
    ///   them the column width alone decides.
    public init(association: (any WordAssociation)? = nil) {
        self.association = association
    }

    public func segment(_ text: String, file: String = "<text>") throws(SegmentationError) -> JobDescription {
        let lines = LineReader.lines(of: text)
        guard !lines.isEmpty else { throw SegmentationError(.emptyText, file: file) }

        let headings = lines.map(SectionHeading.kind(of:))
        let firstHeading = headings.firstIndex { $0 != nil }
        // The general part may come without a heading: numbered label rows, or "Ametikoha nimetus: …" lines.
        let firstLabel = lines.firstIndex { line in
            guard let first = line.text.split(separator: " ").first else { return false }
            guard HeaderFields.isSubNumber(first) || line.text.utf8.contains(UInt8(ascii: ":")) else { return false }
            return HeaderFields.labels(in: line)?.contains { $0.field != .other } == true
        }
        let bodyStart = [firstHeading, firstLabel].compactMap { $0 }.min() ?? lines.count
        let preamble = Array(lines[..<bodyStart])
        let hasTitle = lines.contains(where: SectionHeading.isTitle)

        // Sections, in order; everything from the first signature line on is the signature block.
        var sections: [Section] = []
        var signatureLines: [SourceLine] = []
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
                // A repeated heading inside its own section is the table's header row, not a new section.
                if let last = sections.last, last.kind == kind { continue }
                sections.append(Section(kind: kind, lines: []))
                continue
            }
            if sections.isEmpty { sections.append(Section(kind: .general, lines: [])) }
            sections[sections.count - 1].lines.append(line)
        }

        let kinds = Set(sections.map(\.kind)).subtracting([.general])
        let labelCount = { lines.reduce(0) { count, line in
            count + (HeaderFields.labels(in: line)?.filter { $0.field != .other }.count ?? 0)
        } }
        guard hasTitle || kinds.count >= 2 || labelCount() >= 2 else {
            throw SegmentationError(.notAJobDescription, file: file)
        }

        var record = JobDescription()
        var warnings: [String] = []
        record.approval = ApprovalParser.parse(preamble)

        func sectionLines(_ kind: SectionKind) -> [SourceLine]? {
            let matching = sections.filter { $0.kind == kind }
            return matching.isEmpty ? nil : matching.flatMap(\.lines)
        }

        if let general = sectionLines(.general) {
            let fields = HeaderFields.parse(general)
            record.title = fields.value(.title)
            record.unit = fields.value(.unit)
            record.manager = fields.value(.manager)
            record.substitutedBy = Self.people(fields.value(.substitutedBy))
            record.substitutes = Self.people(fields.value(.substitutes))
            record.subordinates = Self.people(fields.value(.subordinates))
        }
        if record.title == nil { warnings.append("no job title found (Ametinimetus / Teenistuskoha nimetus)") }
        if record.unit == nil { warnings.append("no structural unit found (Struktuuriüksus)") }
        if record.manager == nil { warnings.append("no manager found (Vahetu juht / Allub)") }

        record.purpose = sectionLines(.purpose).flatMap(Self.paragraph)
        if record.purpose == nil { warnings.append("no purpose section found (Töökoha / Ametikoha eesmärk)") }

        if let duties = sectionLines(.duties) {
            record.duties = DutiesParser(association: association).parse(duties)
            if record.duties.isEmpty {
                // No numbered rows: the list items are the duties, numbered in order.
                record.duties = ListItems.parse(duties).enumerated().map { Duty(number: "\($0.offset + 1)", task: $0.element) }
                if !record.duties.isEmpty { warnings.append("duties are not numbered; numbered in order of appearance") }
            }
            let withResults = record.duties.filter { !$0.results.isEmpty }.count
            if withResults > 0 {
                for duty in record.duties where duty.results.isEmpty {
                    warnings.append("duty \(duty.number) has no expected results")
                }
            }
        }
        if record.duties.isEmpty { warnings.append("no duties found (Tööülesanded / Teenistusülesanded)") }

        record.rights = sectionLines(.rights).map(ListItems.parse) ?? []
        if record.rights.isEmpty { warnings.append("no rights section found (Õigused)") }
        record.responsibilities = sectionLines(.responsibilities).map(ListItems.parse) ?? []
        if record.responsibilities.isEmpty { warnings.append("no responsibilities section found (Vastutus)") }
        record.workTools = sectionLines(.workTools).flatMap(Self.paragraph)
        if record.workTools == nil { warnings.append("no work tools section found (Töövahendid)") }
        if let requirements = sectionLines(.requirements) {
            record.requirements = RequirementsParser.parse(requirements)
        }
        if record.requirements.isEmpty {
            warnings.append("no requirements found (Töökohale / Ametikohale esitatavad nõuded)")
        } else {
            let requirements = record.requirements
            for (value, name) in [(requirements.education, "Haridus"), (requirements.experience, "Töökogemus"),
                                  (requirements.languageSkills, "Keeleoskus"),
                                  (requirements.computerSkills, "Arvutikasutamise oskus")] where value == nil {
                warnings.append("requirements: no \(name)")
            }
        }
        record.revision = sectionLines(.revision).flatMap(Self.paragraph)
        if record.revision == nil { warnings.append("no revision section found (Ametijuhendi muutmine)") }
        record.signatures = SignaturesParser.parse(signatureLines)
        if record.signatures.isEmpty { warnings.append("no signatures found (Poolte allkirjad)") }
        record.warnings = warnings
        return record
    }

    private static func paragraph(_ lines: [SourceLine]) -> String? {
        let text = ValueText.join(lines.map(\.text))
        return text.isEmpty ? nil : text
    }

    /// "Tiimijuht, koordinaator" → ["Tiimijuht", "koordinaator"].
    private static func people(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { ValueText.collapse($0) }
            .filter { !$0.isEmpty }
    }
}
