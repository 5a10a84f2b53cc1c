import Foundation
import XCTest

/// The C libraries' own lines (libpng, libtiff, tesseract) stay off the user's stderr unless asked for (item 7).
final class LibraryOutputTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-chatter-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A PNG whose header's checksum is wrong: libpng prints `libpng error: IHDR: CRC error` itself.
    private func badChecksumPNG() throws -> String {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        bytes += [0, 0, 0, 16, 0, 0, 0, 16, 8, 0, 0, 0, 0, 0, 0, 0, 0]
        let path = folder.appendingPathComponent("bad-crc.png").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testLibpngsOwnLineIsKeptOffStderrAndShownWithVerbose() throws {
        let png = try badChecksumPNG()
        let plain = try BinaryRunner.run(["extract", png])
        XCTAssertEqual(plain.status, 68)
        XCTAssertEqual(plain.stderr, "taastaja: leptonica: image data cannot be decoded while reading \(png)\n")
        let verbose = try BinaryRunner.run(["extract", "--verbose", png])
        XCTAssertEqual(verbose.status, 68)
        XCTAssertTrue(verbose.stderr.contains("taastaja: library: libpng error: IHDR: CRC error"), verbose.stderr)
        XCTAssertTrue(verbose.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("taastaja:") }, verbose.stderr)
    }

    func testAMissingLanguageIsOneLineAndTesseractsComplaintIsOnlyVerbose() throws {
        let plain = try BinaryRunner.run(["extract", "--lang", "xyz", "Fixtures/bad/noise.png"])
        XCTAssertEqual(plain.status, 72)
        XCTAssertEqual(plain.stderr.split(separator: "\n").count, 1, plain.stderr)
        XCTAssertTrue(plain.stderr.hasPrefix("taastaja: tesseract: language 'xyz' is not installed"), plain.stderr)
        let verbose = try BinaryRunner.run(["extract", "--verbose", "--lang", "xyz", "Fixtures/bad/noise.png"])
        XCTAssertTrue(verbose.stderr.contains("taastaja: library: Failed loading language 'xyz'"), verbose.stderr)
    }

    /// OCR needs its language only: not `osd` (Debian ships it apart), not `eng`.
    func testOCRWithOnlyTheEstonianModelInstalledPrintsNothingOnStderr() throws {
        let installed = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"]
            .map { $0 + "/est.traineddata" }.first { FileManager.default.fileExists(atPath: $0) }
        guard let installed else { throw XCTSkip("no est.traineddata in the usual places: OCR-only-est test not run") }
        let tessdata = folder.appendingPathComponent("tessdata")
        try FileManager.default.createDirectory(at: tessdata, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tessdata.appendingPathComponent("est.traineddata").path,
                                                   withDestinationPath: installed)
        let result = try BinaryRunner.run(["extract", "--pages", "1", "Fixtures/scanned/koordinaator.pdf"],
                                          environment: ["TESSDATA_PREFIX": tessdata.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.contains("AMETIJUHEND"), String(result.stdout.prefix(200)))
    }
}
