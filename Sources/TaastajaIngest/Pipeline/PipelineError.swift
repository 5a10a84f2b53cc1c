import TaastajaExtract
import TaastajaSegment

/// A file the pipeline could not turn into a record, with the stage that failed.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public enum Stage: String, Sendable, Codable {
        case read, extract, restore, segment
    }

    public var stage: Stage
    public var file: String
    public var message: String
    /// The documented exit status for this failure (that of `extract`, or 75 for not a job description).
    public var exitCode: Int32

    public init(stage: Stage, file: String, message: String, exitCode: Int32) {
        self.stage = stage
        self.file = file
        self.message = message
        self.exitCode = exitCode
    }

    public init(_ error: ExtractionError) {
        self.init(stage: .extract, file: error.file, message: error.description, exitCode: error.kind.exitCode)
    }

    public init(_ error: SegmentationError) {
        // Only whitespace is an empty file, as for extraction.
        self.init(stage: .segment, file: error.file, message: error.description,
                  exitCode: error.kind == .emptyText ? ExtractionError.Kind.emptyFile.exitCode
                      : Self.notAJobDescriptionExitCode)
    }

    /// Exit status when the text is read but is not a job description.
    public static let notAJobDescriptionExitCode: Int32 = 75

    public var description: String { message }
}
