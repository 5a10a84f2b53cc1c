import TaastajaExtract

enum TaastajaVersion {
    static let number = "0.1.0"

    /// What a stored document was made with: a new release, or other C libraries, redo it on the next run.
    static var pipeline: String {
        "\(number)/tesseract \(NativeLibraries.tesseractVersion)/poppler \(NativeLibraries.popplerVersion)"
    }

    static var description: String {
        "taastaja \(number) (tesseract \(NativeLibraries.tesseractVersion), "
            + "leptonica \(NativeLibraries.leptonicaVersion), poppler \(NativeLibraries.popplerVersion))"
    }
}
