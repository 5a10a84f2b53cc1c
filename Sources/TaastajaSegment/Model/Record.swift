import TaastajaExtract
import TaastajaRestore

/// One document's record, as `record.schema.json` (schema version 2) describes it.
public struct Record: Sendable, Encodable, Equatable {
    public static let schemaVersion = "2"

    public var source: Source
    public var restoration: RestorationSummary?
    public var jobDescription: JobDescription

    public init(source: Source, restoration: RestorationSummary?, jobDescription: JobDescription) {
        self.source = source
        self.restoration = restoration
        self.jobDescription = jobDescription
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, source, restoration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(restoration, forKey: .restoration)
        // The fields sit at the top level of the same object.
        try jobDescription.encode(to: encoder)
    }
}

public struct Source: Sendable, Codable, Equatable {
    public var file: String
    public var sha256: String
    public var format: String
    public var pages: [SourcePage]
    /// Which job description of a file that holds several (appendices of a cover order); nil when it holds one.
    public var part: Part?

    public init(file: String, sha256: String, format: String, pages: [SourcePage], part: Part? = nil) {
        self.file = file
        self.sha256 = sha256
        self.format = format
        self.pages = pages
        self.part = part
    }

    // `part` is written as null when absent: the schema requires the key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(format, forKey: .format)
        try container.encode(pages, forKey: .pages)
        try container.encode(part, forKey: .part)
    }

    public init(document: Document, sha256: String) {
        self.init(file: document.file, sha256: sha256, format: document.format.rawValue,
                  pages: document.pages.map {
                      SourcePage(number: $0.number, method: $0.method.rawValue, ocrLanguages: $0.ocrLanguages,
                                 meanConfidence: $0.meanConfidence.map { ($0 * 10).rounded() / 10 })
                  })
    }
}

/// One job description of a multi-appendix file: its number from 1 in document order, and its label as printed.
public struct Part: Sendable, Codable, Equatable, Hashable {
    public var number: Int
    public var label: String?

    public init(number: Int, label: String?) {
        self.number = number
        self.label = label
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(label, forKey: .label)
    }
}

public struct SourcePage: Sendable, Codable, Equatable {
    public var number: Int
    public var method: String
    public var ocrLanguages: String?
    public var meanConfidence: Double?

    public init(number: Int, method: String, ocrLanguages: String?, meanConfidence: Double?) {
        self.number = number
        self.method = method
        self.ocrLanguages = ocrLanguages
        self.meanConfidence = meanConfidence
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(method, forKey: .method)
        try container.encode(ocrLanguages, forKey: .ocrLanguages)
        try container.encode(meanConfidence, forKey: .meanConfidence)
    }
}

public struct RestorationSummary: Sendable, Codable, Equatable {
    public var tokens: Int
    public var changed: Int
    public var uncertain: Int

    public init(tokens: Int, changed: Int, uncertain: Int) {
        self.tokens = tokens
        self.changed = changed
        self.uncertain = uncertain
    }

    public init(_ restoration: Restoration) {
        self.init(tokens: restoration.tokens, changed: restoration.changed, uncertain: restoration.uncertain)
    }
}
