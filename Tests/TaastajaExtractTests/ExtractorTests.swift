import Foundation
import Testing
@testable import TaastajaExtract

@Suite("Extraction of every input kind")
struct ExtractorTests {
    static let extractor = Extractor()

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Share of the reference's words found in the candidate, each used at most once (bag of words).
    static func recall(of reference: String, in candidate: String) -> Double {
        var available = Dictionary(words(candidate).map { ($0, 1) }, uniquingKeysWith: +)
        let expected = words(TextNormalizer.normalize(reference)).filter { $0 != "•" }
        var found = 0
        for word in expected where (available[word] ?? 0) > 0 {
            available[word]! -= 1
            found += 1
        }
        return Double(found) / Double(expected.count)
    }

    @Test func aBornDigitalPDFIsReadFromItsTextLayerOnEveryPage() throws {
        let document = try Self.extractor.extract(path: Paths.fixture("born-digital/projektijuht.pdf").path)
        #expect(document.format == .pdf)
        // LibreOffice left the last page blank: no text and no image, so it is not sent to OCR.
        #expect(document.pages.filter { !$0.lines.isEmpty }.count >= 4)
        #expect(document.pages.last?.lines.isEmpty == true)
        #expect(document.pages.allSatisfy { $0.method == .textLayer && $0.meanConfidence == nil })
        #expect(document.pages.map(\.number) == Array(1...document.pages.count))
        let seed = try String(contentsOf: Paths.fixture("seeds/projektijuht.clean.txt"), encoding: .utf8)
        #expect(Self.recall(of: seed, in: document.text) > 0.98)
    }

    @Test func aMixedPDFUsesTheTextLayerOrOCRPageByPageAndComesOutWhole() throws {
        let document = try Self.extractor.extract(path: Paths.fixture("mixed/koordinaator.pdf").path)
        let methods = document.pages.map(\.method)
        #expect(methods.count >= 4)
        for (index, method) in methods.enumerated() {
            #expect(method == (index % 2 == 0 ? .textLayer : .ocr), "page \(index + 1)")
        }
        #expect(document.pages.filter { $0.method == .ocr }.allSatisfy { $0.ocrLanguages == "est" })
        let seed = try String(contentsOf: Paths.fixture("seeds/koordinaator.clean.txt"), encoding: .utf8)
        #expect(Self.recall(of: seed, in: document.text) > 0.95)
    }

    @Test func aPNGPageIsReadByTesseractWithWordBoxesAndConfidences() throws {
        let document = try Self.extractor.extract(path: Paths.fixture("scanned/png/koordinaator-1.png").path)
        #expect(document.format == .image)
        let page = try #require(document.pages.first)
        #expect(page.method == .ocr)
        #expect((page.meanConfidence ?? 0) > 80)
        let word = try #require(page.lines.first?.words.first)
        #expect(word.text == "AMETIJUHEND")
        #expect((word.confidence ?? 0) > 80)
        #expect(word.box.width > 100 && word.box.y > 0)
        #expect(page.text.contains("ennetustalituse taastava õiguse tiim"))
    }

    @Test func aJPEGPageIsReadByTesseract() throws {
        let document = try Self.extractor.extract(path: Paths.fixture("scanned/koordinaator-5.jpg").path)
        #expect(document.format == .image)
        #expect(document.pages.map(\.method) == [.ocr])
        let seed = try String(contentsOf: Paths.fixture("seeds/koordinaator.clean.txt"), encoding: .utf8)
        #expect(document.text.contains("(allkirjastatud digitaalselt)"))
        #expect(seed.contains("Maret Maripuu") && document.text.contains("Maret Maripuu"))
    }

    @Test func everyPageOfAMultiPageTIFFIsRead() throws {
        let document = try Self.extractor.extract(path: Paths.fixture("scanned/projektijuht.tiff").path)
        let pdf = try Self.extractor.extract(path: Paths.fixture("born-digital/projektijuht.pdf").path)
        #expect(document.pages.count == pdf.pages.count)
        #expect(document.pages.allSatisfy { $0.method == .ocr })
    }

    @Test func onlyTheSelectedPagesAreExtracted() throws {
        var options = Extractor.Options()
        options.pages = [2, 99]
        let document = try Extractor(options: options).extract(path: Paths.fixture("born-digital/koordinaator.pdf").path)
        #expect(document.pages.map(\.number) == [2])
    }

    @Test func theDutiesTableComesOutCellByCellWithEachTaskBeforeItsResults() throws {
        for fixture in ["born-digital/koordinaator.pdf", "scanned/png/koordinaator-2.png"] {
            let text = try Self.extractor.extract(path: Paths.fixture(fixture).path).text
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if fixture.hasSuffix(".pdf") {
                // Task 3.2 wraps over four lines; its first result must follow the whole task.
                let task = try #require(flat.range(of: "3.2 Juhendite ja muude materjalide koostamine, kaasajastamine ja ettevalmistamises osalemine oma tegevusvaldkonna piires ning kodulehel oleva info kaasajastamine."),
                                        "task 3.2 not contiguous in \(fixture)")
                let result = try #require(flat.range(of: "Juhendid ja muud informatiivsed materjalid on koostatud asjatundlikult."))
                #expect(task.upperBound <= result.lowerBound)
            } else {
                let task = try #require(flat.range(of: "3.9 Muude pädevusvaldkonda kuuluvate tegevuste korraldamine ja uuenduste algatamine."),
                                        "task 3.9 not contiguous in \(fixture)")
                let result = try #require(flat.range(of: "Muud tööga seotud tegevused ja projektid on omal initsiatiivil"))
                #expect(task.upperBound <= result.lowerBound)
                let nextTask = try #require(flat.range(of: "3.10 Koostöö teiste osakondadega"))
                #expect(result.upperBound <= nextTask.lowerBound)
            }
        }
    }

    @Test func twoTablesStackedOnEachOtherAreReadOneAfterTheOther() throws {
        // The 1.1–1.2 header table sits right above the 1.3–1.5 one; all of the first comes before the second.
        let text = try Self.extractor.extract(path: Paths.fixture("born-digital/koordinaator.pdf").path).text
        let unit = try #require(text.range(of: "ennetustalituse taastava õiguse tiim"))
        let manager = try #require(text.range(of: "1.3 Vahetu juht"))
        #expect(unit.upperBound <= manager.lowerBound)
    }

    @Test func utf16AndLatin9TextAreDecodedToTheSameEstonian() throws {
        let seed = try String(contentsOf: Paths.fixture("seeds/koordinaator.clean.txt"), encoding: .utf8)
        let utf16 = try Self.extractor.extract(path: Paths.fixture("bad/utf16.txt").path)
        #expect(utf16.format == .text)
        #expect(utf16.pages.map(\.method) == [.text])
        #expect(Self.recall(of: seed, in: utf16.text) > 0.999)
        let latin9 = try Self.extractor.extract(path: Paths.fixture("bad/latin9.txt").path)
        #expect(latin9.text.contains("TÖÖÜLESANDED"))
        #expect(latin9.text.contains("Põhiülesanded"))
        #expect(Self.recall(of: seed, in: latin9.text) > 0.97)
    }

    @Test func windows1257IsToldApartByItsEstonianLetters() throws {
        // š is 0xF0 in Windows-1257 but ð in ISO-8859-15; "Šveitsi õiguse" must come out right.
        let bytes: [UInt8] = [0xD0, 0x76, 0x65, 0x69, 0x74, 0x73, 0x69, 0x20, 0xF5, 0x69, 0x67, 0x75, 0x73, 0x65,
                              0x20, 0x84, 0x61, 0xF0, 0xF0]
        let decoded = try #require(TextDecoder.decode(bytes))
        #expect(decoded.encoding == .windows1257)
        #expect(decoded.text == "Šveitsi õiguse „ašš")
    }

    @Test func textLinesSplitAtLineFeedsWithBlankLinesEndingABlock() throws {
        // CRLF and LF mixed, a blank line of spaces, a form feed and a tab, a line of Estonian letters.
        let text = "Töö eesmärk\r\nÕigused\n  \r\nÜlesanded\n\u{0C}\t\nvastutus\r\n"
        let document = try Self.extractor.extract(bytes: Array(text.utf8), name: "lines.txt")
        let lines = document.pages.flatMap(\.lines)
        #expect(lines.map(\.text) == ["Töö eesmärk", "Õigused", "Ülesanded", "vastutus"])
        #expect(lines.map(\.block) == [0, 0, 1, 2])
    }

    @Test func extractionNormalizesBulletsLigaturesAndSoftHyphens() {
        #expect(TextNormalizer.normalize("\u{F0B7} ▪ ﬁnants\u{AD}juht o\u{303}igus") == "• • finantsjuht õigus")
        #expect(!TextNormalizer.isRealText(String(repeating: "\u{F0B7}\u{F0A7} ", count: 40)))
        #expect(!TextNormalizer.isRealText(String(repeating: "(cid:12)(cid:7) ", count: 20)))
        #expect(TextNormalizer.isRealText("Töökoha eesmärk on ohvriabi teenuse arendamine"))
    }
}

@Suite("Bad input is refused with a reason")
struct BadInputTests {
    static func failure(_ path: String, password: String? = nil) -> ExtractionError? {
        var options = Extractor.Options()
        options.password = password
        do {
            _ = try Extractor(options: options).extract(path: Paths.fixture(path).path)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("bad/empty.pdf", ExtractionError.Kind.emptyFile),
        ("bad/truncated.pdf", .corruptDocument),
        ("bad/encrypted.pdf", .encrypted),
        ("bad/random-bytes.pdf", .unsupportedType),
        ("bad/malformed.tiff", .noPages),
        ("bad/zero-pages.pdf", .noPages),
        ("no/such/file.pdf", .unreadableFile),
    ])
    func aBadFileFailsWithItsKindAndNamesTheFile(path: String, kind: ExtractionError.Kind) throws {
        let error = try #require(Self.failure(path))
        #expect(error.kind == kind)
        #expect(error.description.contains(path))
        #expect(!error.description.contains("\n"))
    }

    @Test func aWrongPasswordIsToldApartFromAMissingOne() throws {
        #expect(Self.failure("bad/encrypted.pdf", password: "vale")?.kind == .wrongPassword)
        #expect(Self.failure("bad/encrypted.pdf", password: "salasona") == nil)
    }

    @Test func aMissingOCRLanguageFailsOnceForTheFile() throws {
        var options = Extractor.Options()
        options.languages = "xxx"
        #expect(throws: ExtractionError.self) {
            try Extractor(options: options).extract(path: Paths.fixture("scanned/png/koordinaator-5.png").path)
        }
    }

    @Test func aPageOverItsTimeIsReportedAndOtherPagesStillComeOut() throws {
        var options = Extractor.Options()
        options.pageTimeout = 0.001
        let document = try Extractor(options: options).extract(path: Paths.fixture("mixed/koordinaator.pdf").path)
        #expect(document.pages.allSatisfy { $0.method == .textLayer })
        #expect(!document.pageErrors.isEmpty)
        #expect(document.pageErrors.allSatisfy { $0.kind == .pageTimeout && $0.page != nil })
    }
}

@Suite("OCR word confidences")
struct WordConfidenceTests {
    @Test func everyConfidenceIsPlacedAtItsWordInTheDocumentText() throws {
        let document = try Extractor().extract(path: Paths.fixture("mixed/koordinaator.pdf").path)
        let scalars = Array(document.text.unicodeScalars)
        let placed = document.wordConfidences
        let ocrWords = document.pages.flatMap { $0.lines.flatMap(\.words) }.filter { $0.confidence != nil }
        #expect(placed.count == ocrWords.count)
        #expect(!placed.isEmpty)
        // Each offset starts the word whose confidence it carries.
        var remaining = ocrWords
        for offset in placed.keys.sorted() {
            let word = remaining.removeFirst()
            let found = String(String.UnicodeScalarView(scalars[offset..<(offset + word.text.unicodeScalars.count)]))
            #expect(found == word.text)
            #expect(placed[offset] == word.confidence)
        }
    }
}
