import TaastajaExtract

enum TaastajaVersion {
    static let number = "0.1.0"

    static var description: String {
        "taastaja \(number) (tesseract \(NativeLibraries.tesseractVersion), "
            + "leptonica \(NativeLibraries.leptonicaVersion), poppler \(NativeLibraries.popplerVersion))"
    }
}
