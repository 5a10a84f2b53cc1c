import Foundation
import Testing

/// The committed fixtures are what their README says they are, checked with poppler's own `pdftotext`.
@Suite("Fixtures")
struct FixtureTests {
    static let cleanSeeds = ["koordinaator", "inimkaubandusohvrite-teenuse-juht", "projektijuht"]

    static func pdftotext(_ relative: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [Paths.fixture(relative).path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Words of a text, bullets and punctuation-only tokens dropped, for comparing differently wrapped text.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
            .filter { $0.unicodeScalars.contains { CharacterSet.letters.contains($0) } }
    }

    @Test(arguments: cleanSeeds)
    func bornDigitalPDFHasTheSeedTextInItsTextLayer(seed: String) throws {
        let layer = Set(Self.words(try Self.pdftotext("born-digital/\(seed).pdf")))
        let seedWords = Self.words(try String(contentsOf: Paths.fixture("seeds/\(seed).clean.txt"), encoding: .utf8))
        // Line-end hyphens of the seed are joined in the PDF, so a few seed halves are not words there.
        let found = seedWords.filter { layer.contains($0) }.count
        #expect(Double(found) / Double(seedWords.count) > 0.99, "found \(found) of \(seedWords.count)")
    }

    @Test(arguments: cleanSeeds.map { "scanned/\($0).pdf" } + [
        "degraded/inimkaubandusohvrite-teenuse-juht.pdf",
    ])
    func scannedPDFHasNoTextLayer(path: String) throws {
        #expect(Self.words(try Self.pdftotext(path)).isEmpty)
    }

    @Test func mixedPDFHasTextOnOddPagesOnly() throws {
        let pages = try Self.pdftotext("mixed/koordinaator.pdf").split(separator: "\u{0C}", omittingEmptySubsequences: false)
        #expect(pages.count >= 4)
        #expect(!Self.words(String(pages[0])).isEmpty)
        #expect(Self.words(String(pages[1])).isEmpty)
        #expect(!Self.words(String(pages[2])).isEmpty)
    }

    @Test func seedsAreByteIdenticalCopies() throws {
        let shared = Paths.root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }  // a user's clone has no shared/
        for name in try FileManager.default.contentsOfDirectory(atPath: shared.path) {
            let original = try Data(contentsOf: shared.appendingPathComponent(name))
            #expect(try Data(contentsOf: Paths.fixture("seeds/\(name)")) == original, "\(name)")
        }
    }
}
