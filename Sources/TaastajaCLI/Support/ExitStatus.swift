import ArgumentParser
import TaastajaExtract

/// Every exit status of `taastaja`, in one table: each command ends through it, the README's table lists the same
/// (a test compares them), and `extract`'s failure kinds map into it.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case nothingFound = 1
    case usage = 64
    case emptyFile = 65
    case unreadableFile = 66
    case unsupportedType = 67
    case corruptDocument = 68
    case encrypted = 69
    case noPages = 70
    case undecodableText = 71
    case ocrUnavailable = 72
    case pagesFailed = 73
    case dictionary = 74
    case notAJobDescription = 75
    case someFilesFailed = 76
    case noFileProcessed = 77
    case output = 78
    case interrupted = 130

    /// The README's wording.
    var meaning: String {
        switch self {
        case .success: "done (every page extracted, every file ingested or already done)"
        case .nothingFound: "`search` found nothing"
        case .usage: "usage error, or `--pages` selects no page"
        case .emptyFile: "empty file"
        case .unreadableFile: "file missing or unreadable"
        case .unsupportedType: "not a PDF, image or text file (binary junk)"
        case .corruptDocument: "corrupt or truncated document, or an image larger than the pixel limit"
        case .encrypted: "encrypted PDF without `--password`, or with a wrong one"
        case .noPages: "PDF or TIFF with no pages"
        case .undecodableText: "text in no known encoding"
        case .ocrUnavailable: "OCR language not installed"
        case .pagesFailed: "some pages failed or exceeded `--page-timeout` (the other pages are still printed)"
        case .dictionary: "dictionary or `--lexicon` file missing or unreadable"
        case .notAJobDescription: "`parse`: the text is not a job description"
        case .someFilesFailed: "`ingest`: some files failed"
        case .noFileProcessed: "`ingest`: no file could be processed"
        case .output: "output cannot be written (standard output, `--jsonl`, `--text-dir`, the archive), or the archive cannot be opened"
        case .interrupted: "`ingest` stopped by SIGINT or SIGTERM"
        }
    }

    /// The status of an extraction failure.
    init(_ kind: ExtractionError.Kind) {
        self = ExitStatus(code: kind.exitCode)
    }

    /// The entry for a code the libraries below the CLI chose (they document theirs through this table).
    init(code: Int32) {
        guard let status = ExitStatus(rawValue: code) else { preconditionFailure("exit status \(code) is not in the table") }
        self = status
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}
