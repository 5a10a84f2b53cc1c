import TaastajaExtract
import TaastajaSegment

enum TaastajaVersion {
    static let number = "0.1.0"

    /// What a stored document was made with: a new release, record schema or C libraries redo it on the next run.
    static var pipeline: String {
        "\(number)/record \(Record.schemaVersion)/tesseract \(NativeLibraries.tesseractVersion)/poppler \(NativeLibraries.popplerVersion)"
    }

    static var description: String {
        "taastaja \(number) (tesseract \(NativeLibraries.tesseractVersion), "
            + "leptonica \(NativeLibraries.leptonicaVersion), poppler \(NativeLibraries.popplerVersion))"
    }
}
