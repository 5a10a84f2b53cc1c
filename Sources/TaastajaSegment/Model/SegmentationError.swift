/// Why a text could not be turned into a job-description record.
public struct SegmentationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No title heading, no header labels and none of the sections.
        case notAJobDescription
        /// Nothing but whitespace.
        case emptyText
    }

    public var kind: Kind
    public var file: String

    public init(_ kind: Kind, file: String) {
        self.kind = kind
        self.file = file
    }

    public var description: String {
        switch kind {
        case .notAJobDescription:
            "segment: not a job description (no AMETIJUHEND title, no header fields and none of its sections) in \(file)"
        case .emptyText:
            "segment: no text to segment in \(file)"
        }
    }
}
