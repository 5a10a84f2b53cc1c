import Foundation
import TaastajaIngest
import XCTest

/// Inputs made to hang or exhaust the pipeline (issue 17, items 1, 2 and 10): each ends in bounded time with one
/// `taastaja:` line and a documented status, and a batch holding them keeps its good files.
final class PathologicalInputTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func file(_ name: String, _ data: Data) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// Runs the binary, killing it past `seconds` (then the test fails: the input hung it).
    private func run(_ arguments: [String], within seconds: Double, file: StaticString = #filePath,
                     line: UInt = #line) throws -> BinaryRunner.Result {
        let started = Date()
        let watchdog = DispatchWorkItem {
            let pids = try? String(contentsOfFile: "/proc/self/task/\(getpid())/children", encoding: .utf8)
            for pid in (pids ?? "").split(separator: " ").compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
        let result = try BinaryRunner.run(arguments)
        watchdog.cancel()
        XCTAssertLessThan(Date().timeIntervalSince(started), seconds, "\(arguments) hung", file: file, line: line)
        return result
    }

    private func ourLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("taastaja:") }
    }

    func testImagesAboveThePixelLimitAreRefusedFromTheirHeaders() throws {
        let inputs = [
            try file("huge.png", PathologicalInputs.png(width: 30_000, height: 30_000)),
            try file("huge.jpg", PathologicalInputs.jpeg(width: 60_000, height: 60_000)),
            try file("huge.tiff", PathologicalInputs.tiff(width: 30_000, height: 30_000, pixels: [0])),
        ]
        for input in inputs {
            let result = try run(["extract", input], within: 10)
            XCTAssertEqual(result.status, 68, result.stderr)
            XCTAssertEqual(ourLines(result.stderr).count, 1, result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("over the limit of 100 megapixels (--max-megapixels)"), result.stderr)
        }
        // The limit is what refused them: raised, the PNG reaches the decoder (which finds its data short).
        let raised = try run(["extract", "--max-megapixels", "1000", inputs[0]], within: 30)
        XCTAssertFalse(raised.stderr.contains("over the limit"), raised.stderr)
    }

    func testAPDFWhoseImageClaimsATrillionPixelsIsRefusedBeforeRendering() throws {
        let pdf = try file("image.pdf", PathologicalInputs.pdfWithImage(width: 1_000_000, height: 1_000_000))
        let result = try run(["extract", pdf], within: 10)
        XCTAssertEqual(result.status, 68, result.stderr)
        XCTAssertEqual(ourLines(result.stderr).count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("1000000 × 1000000 pixels"), result.stderr)
        // An image within the limit is rendered and read as before.
        let small = try file("small.pdf", PathologicalInputs.pdfWithImage(width: 100, height: 100))
        XCTAssertFalse(try run(["extract", small], within: 60).stderr.contains("over the limit"))
    }

    func testATIFFWhoseDirectoryChainLoopsIsReadOnce() throws {
        let tiff = try file("loop.tiff", PathologicalInputs.tiff(width: 100, height: 100,
                                                                 pixels: [UInt8](repeating: 255, count: 10_000), loop: true))
        let result = try run(["extract", "--json", tiff], within: 30)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 1, "one page: \(result.stdout)")
    }

    func testATIFFWithCorruptPixelDataIsCorrupt() throws {
        let junk = (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 7_919) }
        let tiff = try file("corrupt.tiff", PathologicalInputs.tiff(width: 100, height: 100, pixels: junk, compression: 5))
        let result = try run(["extract", tiff], within: 30)
        XCTAssertEqual(result.status, 68, result.stderr)
        XCTAssertEqual(result.stderr, "taastaja: leptonica: image data cannot be decoded while reading \(tiff)\n")
    }

    func testABatchOfGoodFilesAndEveryHostileKindFinishesWithEachGoodFileStored() throws {
        let inputs = folder.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let seed = try String(contentsOf: BinaryRunner.root.appendingPathComponent("Fixtures/seeds/projektijuht.clean.txt"),
                              encoding: .utf8)
        for index in 0..<3 {
            try (seed + "\nKoopia \(index)\n").write(to: inputs.appendingPathComponent("good-\(index).txt"),
                                                     atomically: true, encoding: .utf8)
        }
        let hostile: [(String, Data)] = [
            ("huge.png", PathologicalInputs.png(width: 30_000, height: 30_000)),
            ("huge.tiff", PathologicalInputs.tiff(width: 30_000, height: 30_000, pixels: [0])),
            ("loop.tiff", PathologicalInputs.tiff(width: 100, height: 100, pixels: [UInt8](repeating: 255, count: 10_000),
                                                  loop: true)),
            ("corrupt.tiff", PathologicalInputs.tiff(width: 100, height: 100,
                                                     pixels: (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 7_919) },
                                                     compression: 5)),
            ("image.pdf", PathologicalInputs.pdfWithImage(width: 1_000_000, height: 1_000_000)),
        ]
        for (name, data) in hostile { try data.write(to: inputs.appendingPathComponent(name)) }
        let database = folder.appendingPathComponent("archive.sqlite").path
        let jsonl = folder.appendingPathComponent("records.jsonl").path
        let result = try run(["ingest", "--db", database, "--jsonl", jsonl, "--quiet", inputs.path], within: 120)
        XCTAssertEqual(result.status, 76, result.stderr)
        XCTAssertEqual(ourLines(result.stderr).count, hostile.count, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, hostile.count, result.stderr)
        XCTAssertEqual(try Archive(path: database).counts(), Archive.Counts(ok: 3, failed: hostile.count))
        let records = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(records.count, 3)
        for (name, _) in hostile {
            XCTAssertEqual(ourLines(result.stderr).filter { $0.contains(name) }.count, 1, "\(name): \(result.stderr)")
        }
    }
}
