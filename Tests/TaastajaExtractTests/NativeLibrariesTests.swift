import Testing
@testable import TaastajaExtract

@Suite("The C libraries load and work")
struct NativeLibrariesTests {
    @Test func tesseractReportsTheEstonianModelAsInstalled() throws {
        let languages = try NativeLibraries.ocrLanguages()
        #expect(languages.contains("est"))
        #expect(languages.contains("eng"))
    }

    @Test func aLibraryThatIsNotInstalledIsATypedErrorNamingIt() {
        #expect {
            try SharedLibrary.open(["libtaastaja-no-such-library.so.1"])
        } throws: { error in
            (error as? SharedLibraryError)?.message.contains("libtaastaja-no-such-library.so.1") ?? false
        }
    }

    @Test func aFunctionALibraryLacksIsATypedErrorNamingBoth() throws {
        let library = try SharedLibrary.open(["libtaastaja-no-such-library.so.1", "libz.so.1"])
        #expect(library.name == "libz.so.1")
        typealias Version = @convention(c) () -> UnsafePointer<CChar>?
        #expect(try library.function("zlibVersion", as: Version.self)() != nil)
        #expect {
            try library.function("noSuchFunction", as: Version.self)
        } throws: { error in
            (error as? SharedLibraryError)?.message == "libz.so.1 has no function noSuchFunction"
        }
    }

    @Test func tesseractRefusesALanguageThatIsNotInstalled() {
        #expect(throws: TesseractError.self) { try TesseractEngine(languages: "xxx", dataPath: nil) }
    }

    @Test func popplerOpensABornDigitalFixtureAndFindsItsPages() throws {
        let document = try PDFDocument(path: Paths.fixture("born-digital/koordinaator.pdf").path, password: nil)
        #expect(document.pageCount >= 3)
        let text = String(String.UnicodeScalarView(document.characters(page: 0)?.map(\.scalar) ?? []))
        #expect(text.contains("AMETIJUHEND"))
    }

    @Test func popplerSaysAnEncryptedFixtureIsEncrypted() throws {
        #expect(throws: PDFDocument.OpenFailure.self) {
            try PDFDocument(path: Paths.fixture("bad/encrypted.pdf").path, password: nil)
        }
        #expect(throws: PDFDocument.OpenFailure.self) {
            try PDFDocument(path: Paths.fixture("bad/encrypted.pdf").path, password: "vale")
        }
        let opened = try PDFDocument(path: Paths.fixture("bad/encrypted.pdf").path, password: "salasona")
        #expect(opened.pageCount >= 3)
    }

    @Test func leptonicaReadsAScannedPNGPage() throws {
        let image = try #require(PixImage.decode(Paths.bytes("scanned/png/koordinaator-1.png")))
        #expect(image.width == 2481)
        #expect(image.height == 3508)
        #expect(image.depth == 8)
        #expect(image.resolution == 300)
    }

    @Test func leptonicaRejectsRandomBytes() throws {
        #expect(PixImage.decode(try Paths.bytes("bad/random-bytes.pdf")) == nil)
    }

    @Test func cairoRendersAPDFPageToAGreyImageOfTheRightSize() throws {
        let document = try PDFDocument(path: Paths.fixture("born-digital/projektijuht.pdf").path, password: nil)
        let image = try #require(document.render(page: 0, dpi: 100, maximumPixels: 100e6))
        #expect(image.width == 827)  // A4 = 595.3 pt wide
        #expect(image.depth == 8)
    }

    /// A page above the pixel limit at the asked resolution is rendered at the one that fits, not refused.
    @Test func aPageAboveThePixelLimitIsRenderedAtTheResolutionThatFits() throws {
        let document = try PDFDocument(path: Paths.fixture("born-digital/projektijuht.pdf").path, password: nil)
        let image = try #require(document.render(page: 0, dpi: 1200, maximumPixels: 1e6))
        #expect(image.width * image.height <= 1_000_000 + image.width + image.height)
        #expect(image.width * image.height > 900_000)
        #expect((95...105).contains(image.resolution))  // A4 in a million pixels: about 102 dpi
    }
}
