/// The fields of one job description, as the record schema names them.
public struct JobDescription: Sendable, Equatable, Codable {
    public var approval: Approval?
    public var title: String?
    public var unit: String?
    public var manager: String?
    public var substitutedBy: [String] = []
    public var substitutes: [String] = []
    public var subordinates: [String] = []
    public var purpose: String?
    public var duties: [Duty] = []
    public var rights: [String] = []
    public var responsibilities: [String] = []
    public var workTools: String?
    public var requirements = Requirements()
    public var revision: String?
    /// Sections no field above holds, in document order, so that nothing the document says is lost.
    public var otherSections: [OtherSection] = []
    public var signatures: [Signature] = []
    public var warnings: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case approval, title, unit, manager, substitutedBy, substitutes, subordinates, purpose, duties, rights,
             responsibilities, workTools, requirements, revision, otherSections, signatures, warnings
    }

    // Absent scalars are written as null: the schema requires every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(approval, forKey: .approval)
        try container.encode(title, forKey: .title)
        try container.encode(unit, forKey: .unit)
        try container.encode(manager, forKey: .manager)
        try container.encode(substitutedBy, forKey: .substitutedBy)
        try container.encode(substitutes, forKey: .substitutes)
        try container.encode(subordinates, forKey: .subordinates)
        try container.encode(purpose, forKey: .purpose)
        try container.encode(duties, forKey: .duties)
        try container.encode(rights, forKey: .rights)
        try container.encode(responsibilities, forKey: .responsibilities)
        try container.encode(workTools, forKey: .workTools)
        try container.encode(requirements, forKey: .requirements)
        try container.encode(revision, forKey: .revision)
        try container.encode(otherSections, forKey: .otherSections)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(warnings, forKey: .warnings)
    }
}

public struct Approval: Sendable, Equatable, Codable {
    /// ISO 8601.
    public var date: String?
    public var number: String?
    public var basis: String?
    /// ISO 8601.
    public var validFrom: String?

    public init(date: String? = nil, number: String? = nil, basis: String? = nil, validFrom: String? = nil) {
        self.date = date
        self.number = number
        self.basis = basis
        self.validFrom = validFrom
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(number, forKey: .number)
        try container.encode(basis, forKey: .basis)
        try container.encode(validFrom, forKey: .validFrom)
    }
}

public struct Duty: Sendable, Equatable, Codable {
    /// As printed, without a trailing dot: "3.1".
    public var number: String
    public var task: String
    public var subtasks: [String]
    /// The middle column of a three-column table (Tegevused ülesannete täitmiseks), one item per bullet.
    public var activities: [String]
    public var results: [String]

    public init(number: String, task: String, subtasks: [String] = [], activities: [String] = [],
                results: [String] = []) {
        self.number = number
        self.task = task
        self.subtasks = subtasks
        self.activities = activities
        self.results = results
    }
}

/// A section no field holds: its heading as printed without numbering, and its text.
public struct OtherSection: Sendable, Equatable, Codable {
    public var heading: String
    public var text: String

    public init(heading: String, text: String) {
        self.heading = heading
        self.text = text
    }
}

public struct Requirements: Sendable, Equatable, Codable {
    public var education: String?
    public var experience: String?
    public var languageSkills: String?
    public var computerSkills: String?
    public var competencies: [Competency] = []
    public var additionalCompetencies: [String] = []

    public init() {}

    public var isEmpty: Bool {
        education == nil && experience == nil && languageSkills == nil && computerSkills == nil
            && competencies.isEmpty && additionalCompetencies.isEmpty
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(education, forKey: .education)
        try container.encode(experience, forKey: .experience)
        try container.encode(languageSkills, forKey: .languageSkills)
        try container.encode(computerSkills, forKey: .computerSkills)
        try container.encode(competencies, forKey: .competencies)
        try container.encode(additionalCompetencies, forKey: .additionalCompetencies)
    }
}

public struct Competency: Sendable, Equatable, Codable {
    public var name: String
    public var items: [String]

    public init(name: String, items: [String]) {
        self.name = name
        self.items = items
    }
}

public struct Signature: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable {
        case employer, employee, unknown
    }

    public var role: Role
    public var name: String?
    public var position: String?
    public var digitallySigned: Bool

    public init(role: Role, name: String? = nil, position: String? = nil, digitallySigned: Bool = false) {
        self.role = role
        self.name = name
        self.position = position
        self.digitallySigned = digitallySigned
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(name, forKey: .name)
        try container.encode(position, forKey: .position)
        try container.encode(digitallySigned, forKey: .digitallySigned)
    }
}
