import TaastajaExtract

/// A command that reads documents, and may therefore run tesseract (see `OpenMPThreadLimit`).
protocol MayRunOCR {
    /// Whether this run could OCR a page; when in doubt (standard input, folders, batches), true.
    var mayRunOCR: Bool { get }
}

extension MayRunOCR {
    /// Whether reading `file` (nil or - for standard input) could OCR a page.
    static func mayRunOCR(reading file: String?) -> Bool {
        guard let file, file != "-" else { return true }  // standard input cannot be looked at and still be read
        return Extractor.mayRunOCR(path: file)
    }
}
