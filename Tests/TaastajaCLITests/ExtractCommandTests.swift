import Foundation
import Testing

@Suite("taastaja extract")
struct ExtractCommandTests {
    @Test func plainOutputSeparatesPagesWithFormFeeds() throws {
        let result = try BinaryRunner.run(["extract", "Fixtures/born-digital/koordinaator.pdf"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("AMETIJUHEND"))
        #expect(result.stdout.components(separatedBy: "\u{0C}").count >= 4)
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonGivesOneObjectPerPageWithLinesBoxesAndWords() throws {
        let result = try BinaryRunner.run(["extract", "--json", "--pages", "1-2", "Fixtures/mixed/koordinaator.pdf"])
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 2)
        #expect(objects.map { $0["number"] as? Int } == [1, 2])
        #expect(objects.map { $0["method"] as? String } == ["text-layer", "ocr"])
        #expect(objects[0]["meanConfidence"] is NSNull)
        #expect(objects[1]["ocrLanguages"] as? String == "est")
        #expect((objects[1]["meanConfidence"] as? Double ?? 0) > 50)
        let line = try #require((objects[1]["lines"] as? [[String: Any]])?.first)
        let box = try #require(line["box"] as? [String: Int])
        #expect(Set(box.keys) == ["x", "y", "width", "height"])
        let word = try #require((line["words"] as? [[String: Any]])?.first)
        #expect(word["confidence"] is Double)
        #expect(word["text"] is String)
    }

    @Test func aBatchWithBadFilesReportsEachOnOneLineAndKeepsTheGoodOutput() throws {
        let result = try BinaryRunner.run(["extract", "Fixtures/bad/empty.pdf", "Fixtures/bad/latin9.txt",
                                           "Fixtures/bad/random-bytes.pdf", "Fixtures/bad/encrypted.pdf"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("TÖÖÜLESANDED"))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "taastaja: empty file while reading Fixtures/bad/empty.pdf")
        #expect(lines[1].contains("binary data") && lines[1].contains("random-bytes.pdf"))
        #expect(lines[2].contains("--password") && lines[2].contains("encrypted.pdf"))
    }

    @Test func theEncryptedFixtureOpensWithItsPasswordAndNotWithAWrongOne() throws {
        #expect(try BinaryRunner.run(["extract", "--password", "salasona", "Fixtures/bad/encrypted.pdf"]).status == 0)
        let wrong = try BinaryRunner.run(["extract", "--password", "vale", "Fixtures/bad/encrypted.pdf"])
        #expect(wrong.status == 69)
        #expect(wrong.stderr == "taastaja: poppler: wrong password for encrypted PDF while reading Fixtures/bad/encrypted.pdf\n")
    }

    @Test func badFlagsAreUsageErrors() throws {
        #expect(try BinaryRunner.run(["extract", "--pages", "3-1", "Fixtures/bad/latin9.txt"]).status == 64)
        #expect(try BinaryRunner.run(["extract", "--dpi", "5", "Fixtures/bad/latin9.txt"]).status == 64)
        let none = try BinaryRunner.run(["extract", "--pages", "7", "Fixtures/bad/latin9.txt"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("--pages selects none"))
    }

    /// libgomp prints its settings at every start when OMP_DISPLAY_ENV is set: how many starts there were, and
    /// whether the last had the thread limit of 1.
    static func openMPStarts(_ arguments: [String]) throws -> (result: BinaryRunner.Result, starts: Int, limited: Bool) {
        let result = try BinaryRunner.run(arguments, environment: ["OMP_DISPLAY_ENV": "true", "OMP_THREAD_LIMIT": nil])
        let starts = result.stderr.components(separatedBy: "OPENMP DISPLAY ENVIRONMENT BEGIN").count - 1
        return (result, starts, result.stderr.contains("OMP_THREAD_LIMIT = '1'"))
    }

    @Test func aCommandThatMayRunOCRRestartsOnceWithOneOpenMPThread() throws {
        let extract = try Self.openMPStarts(["extract", "Fixtures/bad/not-a-job-description.txt"])
        #expect(extract.result.status == 0)
        #expect(extract.result.stdout.contains("raamatukogu"))
        #expect(extract.starts == 2)
        #expect(extract.limited)
        let pdf = try Self.openMPStarts(["restore", "Fixtures/born-digital/projektijuht.pdf"])
        #expect(pdf.result.status == 0)
        #expect(pdf.starts == 2)
        #expect(pdf.limited)
    }

    @Test func restoringOrEvaluatingATextFileStartsOnlyOnce() throws {
        let restore = try Self.openMPStarts(["restore", "Fixtures/seeds/koordinaator.ocr-garbled.txt"])
        #expect(restore.result.status == 0)
        #expect(restore.result.stdout.contains("TÖÖKOHA"))
        let (starts, limited) = (restore.starts, restore.limited)
        #expect(starts == 1)
        #expect(!limited)
        let eval = try Self.openMPStarts(["eval", "Fixtures/seeds/koordinaator.clean.txt",
                                          "Fixtures/seeds/koordinaator.ocr-garbled.txt"])
        #expect(eval.result.status == 0)
        #expect(eval.starts == 1)
    }
}

@Suite("Schema copy")
struct SchemaCopyTests {
    @Test func thePackagedSchemaIsByteIdenticalToTheSharedContract() throws {
        let packaged = BinaryRunner.root.appendingPathComponent("Sources/Schema/record.schema.json")
        let shared = BinaryRunner.root.deletingLastPathComponent().appendingPathComponent("shared/record.schema.json")
        let copy = try Data(contentsOf: packaged)
        #expect(copy.count > 1000)
        guard FileManager.default.fileExists(atPath: shared.path) else { return }  // a user's clone has no shared/
        #expect(copy == (try Data(contentsOf: shared)))
    }
}
