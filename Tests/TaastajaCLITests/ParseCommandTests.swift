import Foundation
import XCTest

/// `taastaja parse`, run as a user runs it; records compared with the hand-checked ones in Fixtures/expected.
final class ParseCommandTests: XCTestCase {
    private func record(_ arguments: [String]) throws -> [String: Any] {
        let result = try BinaryRunner.run(["parse"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func expected(_ name: String) throws -> [String: Any] {
        let url = BinaryRunner.root.appendingPathComponent("Fixtures/expected/\(name).json")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The record without what depends on the input's form (source, restoration counts, warnings).
    private func fields(_ record: [String: Any]) -> NSDictionary {
        var record = record
        for key in ["source", "restoration", "warnings", "schemaVersion"] { record[key] = nil }
        return record as NSDictionary
    }

    private func assertSameFields(_ actual: [String: Any], _ expected: [String: Any], _ what: String,
                                  file: StaticString = #filePath, line: UInt = #line) {
        let actual = fields(actual), expected = fields(expected)
        for key in Set(expected.allKeys as! [String]).union(actual.allKeys as! [String]).sorted() {
            XCTAssertEqual(actual[key] as? NSObject, expected[key] as? NSObject, "\(what): field \(key)",
                           file: file, line: line)
        }
    }

    func testEachCleanSeedGivesItsHandCheckedRecord() throws {
        for name in ["koordinaator", "inimkaubandusohvrite-teenuse-juht", "projektijuht"] {
            assertSameFields(try record(["Fixtures/seeds/\(name).clean.txt"]), try expected(name), name)
        }
    }

    func testTheOtherAgencyTemplateGivesItsRecordAsTextAndAsPDF() throws {
        let expected = try expected("teenistuskoha-ametijuhend")
        for input in ["Fixtures/templates/teenistuskoha-ametijuhend.txt",
                      "Fixtures/templates/teenistuskoha-ametijuhend.pdf"] {
            let record = try record([input])
            assertSameFields(record, expected, input)
            // Page numbers and running headers never reach a value.
            let text = String(decoding: try JSONSerialization.data(withJSONObject: fields(record)), as: UTF8.self)
            XCTAssertFalse(text.contains("Lk 2"), input)
            XCTAssertFalse(text.contains("Peaspetsialisti ametijuhend"), input)
            let warnings = try XCTUnwrap(record["warnings"] as? [String])
            XCTAssertTrue(warnings.contains { $0.contains("Töövahendid") }, "\(warnings)")
        }
    }

    func testBornDigitalPDFsGiveTheRecordOfTheirCleanText() throws {
        for name in ["koordinaator", "inimkaubandusohvrite-teenuse-juht", "projektijuht"] {
            assertSameFields(try record(["Fixtures/born-digital/\(name).pdf"]), try expected(name), name)
        }
    }

    /// Scans read by tesseract: the header, purpose, every duty, the lists and the signers equal the clean record's;
    /// the competency prose is restoration's and OCR's to get right.
    func testScannedPDFsGiveTheCleanRecordsFields() throws {
        for name in ["koordinaator", "projektijuht"] {
            let scanned = try record(["Fixtures/scanned/\(name).pdf"])
            let clean = try expected(name)
            for key in ["title", "unit", "manager", "substitutedBy", "substitutes", "subordinates", "duties", "rights",
                        "responsibilities", "workTools", "revision", "signatures", "approval"] {
                XCTAssertEqual(scanned[key] as? NSObject, clean[key] as? NSObject, "\(name): \(key)")
            }
            XCTAssertEqual(scanned["purpose"] as? String, clean["purpose"] as? String, name)
            let scannedRequirements = try XCTUnwrap(scanned["requirements"] as? [String: Any])
            let cleanRequirements = try XCTUnwrap(clean["requirements"] as? [String: Any])
            for key in ["education", "experience", "languageSkills", "computerSkills"] where name == "koordinaator" {
                XCTAssertEqual(scannedRequirements[key] as? String, cleanRequirements[key] as? String, "\(name): \(key)")
            }
        }
    }

    /// A blurred, skewed 200-dpi scan whose OCR lost the title and glued speckle noise to the headings is still a
    /// job description: a record with what could be read and warnings for the rest.
    func testADegradedScanStillGivesARecordWithWarnings() throws {
        let degraded = try record(["Fixtures/degraded/inimkaubandusohvrite-teenuse-juht.pdf"])
        XCTAssertEqual((degraded["rights"] as? [String])?.count, 9)
        XCTAssertFalse((degraded["warnings"] as? [String] ?? []).isEmpty)
    }

    /// The OCR-mangled seed gives the clean seed's record: every field but source, restoration and warnings.
    func testTheGarbledSeedGivesTheCleanRecord() throws {
        let input = "Fixtures/seeds/koordinaator.ocr-garbled.txt"
        assertSameFields(try record([input]), try expected("koordinaator"), input)
    }

    func testTextThatIsNotAJobDescriptionExitsWith75AndPrintsNoRecord() throws {
        let result = try BinaryRunner.run(["parse", "Fixtures/bad/not-a-job-description.txt"])
        XCTAssertEqual(result.status, 75)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("not a job description"), result.stderr)
        XCTAssertTrue(result.stderr.contains("not-a-job-description.txt"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
    }

    func testBlankTextExitsAsAnEmptyFile() throws {
        let result = try BinaryRunner.run(["parse", "-"], stdin: Data("\n  \n\n".utf8))
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    func testACorruptPDFExitsWithTheExtractionStatus() throws {
        let result = try BinaryRunner.run(["parse", "Fixtures/bad/truncated.pdf"])
        XCTAssertEqual(result.status, 68)
        XCTAssertEqual(result.stdout, "")
    }

    /// A third template: "Label: value" lines before any heading, a numbered duty list, "LÕPPSÄTTED", and the
    /// employee's acknowledgement line as the only signature.
    func testACityGovernmentTemplateGivesItsRecord() throws {
        let input = "Fixtures/templates/linnavalitsuse-ametijuhend.txt"
        let record = try record([input])
        assertSameFields(record, try expected("linnavalitsuse-ametijuhend"), input)
        XCTAssertEqual(record["warnings"] as? [String], ["no work tools section found (Töövahendid)"])
    }

    func testEveryRecordIsValidAgainstTheSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-records-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for input in ["Fixtures/seeds/koordinaator.clean.txt", "Fixtures/seeds/koordinaator.ocr-garbled.txt",
                      "Fixtures/seeds/projektijuht.clean.txt", "Fixtures/seeds/inimkaubandusohvrite-teenuse-juht.clean.txt",
                      "Fixtures/templates/teenistuskoha-ametijuhend.txt", "Fixtures/templates/teenistuskoha-ametijuhend.pdf",
                      "Fixtures/templates/linnavalitsuse-ametijuhend.txt",
                      "Fixtures/born-digital/inimkaubandusohvrite-teenuse-juht.pdf"] {
            let result = try BinaryRunner.run(["parse", input])
            XCTAssertEqual(result.status, 0, result.stderr)
            let file = folder.appendingPathComponent("\(files.count).json")
            try Data(result.stdout.utf8).write(to: file)
            files.append(file.path)
        }
        let outcome = try SchemaValidator.validate(files)
        XCTAssertEqual(outcome.status, 0, outcome.output)
        XCTAssertTrue(outcome.output.contains("\(files.count) record(s), 0 error(s)"), outcome.output)
    }
}
