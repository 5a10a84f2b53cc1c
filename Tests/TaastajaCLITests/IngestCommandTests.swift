import Foundation
import TaastajaIngest
import XCTest

/// `taastaja ingest` and `taastaja search`, run as an archivist runs them.
final class IngestCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-ingest-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var database: String { folder.appendingPathComponent("archive.sqlite").path }

    /// `count` job descriptions with different contents (a line added to a clean seed), in their own folder.
    private func documents(_ count: Int) throws -> URL {
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let seed = try String(contentsOf: BinaryRunner.root.appendingPathComponent("Fixtures/seeds/projektijuht.clean.txt"),
                              encoding: .utf8)
        for index in 0..<count {
            try (seed + "\nKoopia \(index)\n").write(to: inputs.appendingPathComponent("ametijuhend-\(index).txt"),
                                                     atomically: true, encoding: .utf8)
        }
        return inputs
    }

    func testGoodAndBadFilesInOneRunAreRecordedAndTheBatchGoesOn() throws {
        let result = try BinaryRunner.run(["ingest", "--db", database, "--quiet", "Fixtures/seeds", "Fixtures/bad"])
        XCTAssertEqual(result.status, 76, result.stderr)  // some failed
        let counts = try Archive(path: database).counts()
        XCTAssertEqual(counts.ok, 4 + 2)  // the four seeds, and the Latin-9 and UTF-16 excerpts in bad/
        XCTAssertEqual(counts.failed, 8)
        for name in ["empty.pdf", "encrypted.pdf", "truncated.pdf", "random-bytes.pdf", "not-a-job-description.txt"] {
            XCTAssertTrue(result.stderr.contains("Fixtures/bad/\(name)"), name)
        }
        // One line per failure.
        XCTAssertEqual(result.stderr.split(separator: "\n").filter { $0.hasPrefix("taastaja:") }.count, 8)
    }

    /// A cover order with two appendices is two documents: each stored as its own row (file hash and part), each
    /// found by search with its appendix named, and both in the JSON Lines.
    func testEachAppendixOfAFileIsItsOwnDocument() throws {
        let jsonl = folder.appendingPathComponent("records.jsonl").path
        let input = "Fixtures/templates/cover-order-two-appendices.txt"
        let result = try BinaryRunner.run(["ingest", "--db", database, "--jsonl", jsonl, "--quiet", input])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try Archive(path: database).counts(), Archive.Counts(ok: 2, failed: 0))
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        let parts = try lines.map { line -> Int? in
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return ((record["source"] as? [String: Any])?["part"] as? [String: Any])?["number"] as? Int
        }
        XCTAssertEqual(parts.sorted { ($0 ?? 0) < ($1 ?? 0) }, [1, 2])

        // A word of the second appendix only finds the second appendix, named.
        let second = try BinaryRunner.run(["search", "--db", database, "truupide"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout.split(separator: "\n").count, 1, second.stdout)
        XCTAssertTrue(second.stdout.contains("(Lisa 2)"), second.stdout)
        let first = try BinaryRunner.run(["search", "--db", database, "arenguvestluste"])
        XCTAssertTrue(first.stdout.contains("(Lisa 1)") && !first.stdout.contains("(Lisa 2)"), first.stdout)

        // A re-run skips the file: both parts are stored.
        let again = try BinaryRunner.run(["ingest", "--db", database, input])
        XCTAssertTrue(again.stderr.contains("0 ingested, 1 already done"), again.stderr)
    }

    func testTheArchiveFileAloneHoldsEveryDocumentAfterARun() throws {
        let inputs = try documents(3)
        XCTAssertEqual(try BinaryRunner.run(["ingest", "--db", database, "--quiet", inputs.path]).status, 0)
        // The write-ahead log is folded in at the end: no side files, and a copy of the one file is complete.
        for suffix in ["-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: database + suffix), suffix)
        }
        let copy = folder.appendingPathComponent("copied").appendingPathComponent("archive.sqlite")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: database, toPath: copy.path)
        XCTAssertEqual(try Archive(path: copy.path).counts(), Archive.Counts(ok: 3, failed: 0))
    }

    func testARerunSkipsDocumentsAlreadyStoredAndForceRedoesThem() throws {
        let inputs = try documents(3)
        XCTAssertEqual(try BinaryRunner.run(["ingest", "--db", database, "--quiet", inputs.path]).status, 0)
        let again = try BinaryRunner.run(["ingest", "--db", database, inputs.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("3 files in"), again.stderr)
        XCTAssertTrue(again.stderr.contains("0 ingested, 3 already done"), again.stderr)
        let forced = try BinaryRunner.run(["ingest", "--db", database, "--force", inputs.path])
        XCTAssertTrue(forced.stderr.contains("3 ingested, 0 already done"), forced.stderr)
        XCTAssertEqual(try Archive(path: database).counts(), Archive.Counts(ok: 3, failed: 0))
    }

    func testARunKilledPartWayAndResumedHasEveryDocumentOnce() throws {
        let inputs = try documents(8)
        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = ["ingest", "--db", database, "--jobs", "1", "--quiet", inputs.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it, without warning, once some documents are in.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            if FileManager.default.fileExists(atPath: database),
               let counts = try? Archive(path: database).counts(), counts.ok >= 2 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = try Archive(path: database).counts().ok
        XCTAssertLessThan(partial, 8, "the run should have been killed before the end")
        let resumed = try BinaryRunner.run(["ingest", "--db", database, "--jobs", "2", inputs.path])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("\(8 - partial) ingested, \(partial) already done"), resumed.stderr)
        XCTAssertEqual(try Archive(path: database).counts(), Archive.Counts(ok: 8, failed: 0))
        // Each document once in the search index too.
        let hits = try Archive(path: database).search("Koopia", limit: 100)
        XCTAssertEqual(Set(hits.map(\.path)).count, 8)
        XCTAssertEqual(hits.count, 8)
    }

    /// Two shards of one batch may start together on a new archive: both must be able to create it.
    func testANewArchiveOpenedByManyWritersAtOnceOpensForEach() throws {
        for round in 0..<20 {
            let path = folder.appendingPathComponent("race-\(round).sqlite").path
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let archive = try Archive(path: path)
                    _ = try archive.counts()
                } catch {
                    failures.append("\(error)")
                }
            }
            XCTAssertEqual(failures.all, [], "round \(round)")
        }
    }

    func testSIGINTFinishesTheDocumentsInFlightAndExits130() throws {
        let inputs = try documents(8)
        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = ["ingest", "--db", database, "--jobs", "1", "--quiet", inputs.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            if FileManager.default.fileExists(atPath: database),
               let counts = try? Archive(path: database).counts(), counts.ok >= 1 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, said)
        let stored = try Archive(path: database).counts().ok
        XCTAssertGreaterThanOrEqual(stored, 1)
        XCTAssertLessThan(stored, 8)
    }

    func testShardsPartitionTheFilesAndEachShardStreamsValidRecords() throws {
        let inputs = try documents(6)
        let defaultArchive = BinaryRunner.root.appendingPathComponent("taastaja.sqlite").path
        let before = try? FileManager.default.attributesOfItem(atPath: defaultArchive)[.modificationDate] as? Date
        var seen: [String] = []
        var files: [String] = []
        for shard in 0..<3 {
            let result = try BinaryRunner.run(["ingest", "--jsonl", "-", "--quiet", "--shard", "\(shard)/3", inputs.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let lines = result.stdout.split(separator: "\n")
            for line in lines {
                let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                seen.append(try XCTUnwrap((record["source"] as? [String: Any])?["file"] as? String))
            }
            let file = folder.appendingPathComponent("shard-\(shard).jsonl")
            try Data(result.stdout.utf8).write(to: file)
            files.append(file.path)
        }
        XCTAssertEqual(seen.count, 6, "every file in exactly one shard: \(seen)")
        XCTAssertEqual(Set(seen).count, 6)
        let after = try? FileManager.default.attributesOfItem(atPath: defaultArchive)[.modificationDate] as? Date
        XCTAssertEqual(before, after, "--jsonl alone writes no archive")
        let outcome = try SchemaValidator.validate(files)
        XCTAssertEqual(outcome.status, 0, outcome.output)
        XCTAssertTrue(outcome.output.contains("6 record(s), 0 error(s)"), outcome.output)
    }

    func testPathsFromStandardInputStreamRecordsToStandardOutput() throws {
        let inputs = try documents(2)
        let paths = (0..<2).map { inputs.appendingPathComponent("ametijuhend-\($0).txt").path }.joined(separator: "\n")
        let result = try BinaryRunner.run(["ingest", "--stdin", "--jsonl", "-", "--quiet"], stdin: Data((paths + "\n").utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 2)
    }

    func testTextDirGetsEachDocumentsRestoredText() throws {
        let texts = folder.appendingPathComponent("restored")
        let result = try BinaryRunner.run(["ingest", "--db", database, "--quiet", "--text-dir", texts.path,
                                           "Fixtures/seeds/koordinaator.ocr-garbled.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: texts.path)
        XCTAssertEqual(files.count, 1)
        let text = try String(contentsOf: texts.appendingPathComponent(files[0]), encoding: .utf8)
        XCTAssertTrue(files[0].hasPrefix("koordinaator.ocr-garbled."), files[0])
        XCTAssertTrue(text.contains("TÖÖKOHA EESMÄRK"), String(text.prefix(300)))
    }

    func testNoFileThatCouldBeProcessedExits77() throws {
        let result = try BinaryRunner.run(["ingest", "--db", database, "--quiet", "Fixtures/bad/empty.pdf",
                                           "Fixtures/bad/truncated.pdf"])
        XCTAssertEqual(result.status, 77, result.stderr)
    }

    func testSearchFindsADocumentByARestoredWordThatWasGarbledInItsInput() throws {
        let garbled = "Fixtures/seeds/koordinaator.ocr-garbled.txt"
        let input = try String(contentsOf: BinaryRunner.root.appendingPathComponent(garbled), encoding: .utf8)
        XCTAssertFalse(input.contains("koostööpartneritega"))
        XCTAssertTrue(input.contains("koostdopartneritega"))
        XCTAssertEqual(try BinaryRunner.run(["ingest", "--db", database, "--quiet", garbled]).status, 0)
        let result = try BinaryRunner.run(["search", "--db", database, "koostööpartneritega"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix(garbled + "\tKoordinaator\t"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[koostööpartneritega]"), result.stdout)
        let nothing = try BinaryRunner.run(["search", "--db", database, "raamatukogu"])
        XCTAssertEqual(nothing.status, 1)
        XCTAssertEqual(nothing.stdout, "")
    }
}

/// Errors gathered from concurrent openers.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
