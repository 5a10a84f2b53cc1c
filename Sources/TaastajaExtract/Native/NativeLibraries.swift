/// Versions and capabilities of the C libraries behind extraction, for `--version` and health checks.
public enum NativeLibraries {
    public static var tesseractVersion: String { TesseractEngine.version }
    public static var leptonicaVersion: String { Leptonica.version }
    public static var popplerVersion: String { PDFDocument.version }

    /// OCR languages installed for tesseract (e.g. `["eng", "est", "osd"]`).
    public static func ocrLanguages(dataPath: String? = nil) throws -> [String] {
        do {
            return try TesseractEngine.availableLanguages(dataPath: dataPath)
        } catch {
            throw ExtractionError(.ocrUnavailable, error.message, file: dataPath ?? "tessdata", library: "tesseract")
        }
    }
}
