/// Why a file, or one page of it, could not be turned into text.
///
/// The description names the library, what failed and where, e.g.
/// `tesseract: recognition failed while reading page 3 of x.pdf`.
public struct ExtractionError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case unreadableFile = "unreadable-file"
        case emptyFile = "empty-file"
        case unsupportedType = "unsupported-type"
        case corruptDocument = "corrupt-document"
        /// An image above the pixel limit (`Extractor.Options.maxMegapixels`), refused before decoding.
        case tooLarge = "too-large"
        case encrypted = "encrypted"
        case wrongPassword = "wrong-password"
        case noPages = "no-pages"
        case undecodableText = "undecodable-text"
        case ocrUnavailable = "ocr-unavailable"
        case pageFailed = "page-failed"
        case pageTimeout = "page-timeout"
        case badPageSelection = "bad-page-selection"

        /// Exit status of `taastaja extract` for this failure; documented in the README.
        public var exitCode: Int32 {
            switch self {
            case .unreadableFile: 66
            case .emptyFile: 65
            case .unsupportedType: 67
            case .corruptDocument, .tooLarge: 68
            case .encrypted, .wrongPassword: 69
            case .noPages: 70
            case .undecodableText: 71
            case .ocrUnavailable: 72
            case .pageFailed, .pageTimeout: 73
            case .badPageSelection: 64
            }
        }
    }

    public var kind: Kind
    /// The C library that reported it (`poppler`, `tesseract`, `leptonica`), if any.
    public var library: String?
    public var message: String
    public var file: String
    public var page: Int?

    public init(_ kind: Kind, _ message: String, file: String, page: Int? = nil, library: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.page = page
        self.library = library
    }

    public var description: String {
        let prefix = library.map { "\($0): " } ?? ""
        let shown = FilePath.display(file)
        let place = page.map { "page \($0) of \(shown)" } ?? shown
        return "\(prefix)\(message) while reading \(place)"
    }
}
