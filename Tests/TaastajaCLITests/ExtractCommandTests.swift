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

    /// libgomp prints its settings when it is loaded if OMP_DISPLAY_ENV is set: how often it was loaded, and
    /// whether with the thread limit of 1. `limit` is the OMP_THREAD_LIMIT the binary is started with. (libgomp's
    /// lines reach stderr because TAASTAJA_VERBOSE passes the C libraries' own lines on.)
    static func openMPLoads(_ arguments: [String], limit: String? = nil)
        throws -> (result: BinaryRunner.Result, loads: Int, limitedToOne: Bool) {
        let result = try BinaryRunner.run(arguments, environment: ["OMP_DISPLAY_ENV": "true", "OMP_THREAD_LIMIT": limit,
                                                                   "TAASTAJA_VERBOSE": "1"])
        let loads = result.stderr.components(separatedBy: "OPENMP DISPLAY ENVIRONMENT BEGIN").count - 1
        return (result, loads, result.stderr.contains("OMP_THREAD_LIMIT = '1'"))
    }

    @Test func ocrRunsWithOneOpenMPThreadInOneProcess() throws {
        let image = try Self.openMPLoads(["extract", "Fixtures/bad/noise.png"])
        #expect(image.result.status == 0)
        #expect(image.loads == 1)
        #expect(image.limitedToOne)
        let scan = try Self.openMPLoads(["restore", "Fixtures/scanned/koordinaator-5.jpg"])
        #expect(scan.result.status == 0)
        #expect(scan.loads == 1)
        #expect(scan.limitedToOne)
    }

    @Test func aThreadLimitTheUserSetIsKept() throws {
        let image = try Self.openMPLoads(["extract", "Fixtures/bad/noise.png"], limit: "2")
        #expect(image.result.status == 0)
        #expect(image.loads == 1)
        #expect(image.result.stderr.contains("OMP_THREAD_LIMIT = '2'"))
    }

    @Test func readingTextNeverLoadsTesseract() throws {
        let restore = try Self.openMPLoads(["restore", "Fixtures/seeds/koordinaator.ocr-garbled.txt"])
        #expect(restore.result.status == 0)
        #expect(restore.result.stdout.contains("TÖÖKOHA"))
        #expect(restore.loads == 0)
        let extract = try Self.openMPLoads(["extract", "Fixtures/bad/not-a-job-description.txt"])
        #expect(extract.result.status == 0)
        #expect(extract.result.stdout.contains("raamatukogu"))
        #expect(extract.loads == 0)
        let bornDigital = try Self.openMPLoads(["extract", "Fixtures/born-digital/projektijuht.pdf"])
        #expect(bornDigital.result.status == 0)
        #expect(bornDigital.loads == 0)
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
