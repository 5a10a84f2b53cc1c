import Foundation
import TaastajaExtract
import TaastajaIngest
import XCTest

/// One bad file, a full disk, a kill or a strange name must never cost the batch its other documents or its output
/// (issue 17), and bad input gives exactly one `taastaja:` line with a documented status.
final class RobustnessTests: XCTestCase {
    private var folder: URL!
    private var mounts: [String] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-robust-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for mount in mounts.reversed() { _ = try? Self.command("/bin/umount", [mount]) }
        try? FileManager.default.removeItem(at: folder)
    }

    private var database: String { folder.appendingPathComponent("archive.sqlite").path }

    /// `count` job descriptions with different contents, in their own folder.
    private func documents(_ count: Int, in name: String = "inputs") throws -> URL {
        let inputs = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let seed = try String(contentsOf: BinaryRunner.root.appendingPathComponent("Fixtures/seeds/projektijuht.clean.txt"),
                              encoding: .utf8)
        for index in 0..<count {
            try (seed + "\nKoopia \(index)\n").write(to: inputs.appendingPathComponent("ametijuhend-\(index).txt"),
                                                     atomically: true, encoding: .utf8)
        }
        return inputs
    }

    private static func command(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A tmpfs of `size` (e.g. `16k`) at a new folder: a disk that fills up. Skips the test, saying so, where
    /// mounting is not allowed (not root, or no mount namespace).
    private func smallDisk(_ size: String) throws -> URL {
        let mount = folder.appendingPathComponent("disk-\(mounts.count)")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        guard FileManager.default.isExecutableFile(atPath: "/bin/mount"),
              (try? Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mount.path])) == 0 else {
            throw XCTSkip("cannot mount a tmpfs of \(size) here (needs root): full-disk test not run")
        }
        mounts.append(mount.path)
        return mount
    }

    private func ourLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("taastaja:") }
    }

    // MARK: - Item 3: every write checked

    func testOutputIntoDevFullIsOneLineAndStatus78ForEveryCommand() throws {
        let commands: [[String]] = [
            ["extract", "Fixtures/born-digital/koordinaator.pdf"],
            ["extract", "--json", "Fixtures/seeds/koordinaator.clean.txt"],
            ["restore", "Fixtures/seeds/koordinaator.ocr-garbled.txt"],
            ["restore", "--json", "Fixtures/seeds/koordinaator.ocr-garbled.txt"],
            ["parse", "Fixtures/seeds/koordinaator.clean.txt"],
            ["eval", "Fixtures/seeds/koordinaator.clean.txt", "Fixtures/seeds/koordinaator.ocr-garbled.txt"],
            ["ingest", "--jsonl", "-", "--quiet", "Fixtures/seeds/koordinaator.clean.txt"],
        ]
        for arguments in commands {
            let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
            let result = try BinaryRunner.run(arguments, output: full)
            XCTAssertEqual(result.status, 78, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr, "taastaja: cannot write standard output (No space left on device)\n",
                           "\(arguments)")
        }
    }

    func testStandardOutputOnAFullDiskKeepsWholeLinesOnly() throws {
        let disk = try smallDisk("12k")
        let file = disk.appendingPathComponent("records.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: file.path))
        // Eight records of ~9 KB to a 12 KB disk: the second cannot be written whole.
        let inputs = try documents(8)
        let result = try BinaryRunner.run(["ingest", "--jsonl", "-", "--quiet", "--jobs", "1", inputs.path],
                                          output: handle)
        try handle.close()
        XCTAssertEqual(result.status, 78, result.stderr)
        XCTAssertEqual(ourLines(result.stderr).count, 1, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        let written = try Data(contentsOf: file)
        XCTAssertTrue(written.isEmpty || written.last == UInt8(ascii: "\n"), "a cut line: \(written.count) bytes")
        for line in written.split(separator: UInt8(ascii: "\n")) {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line)))
        }
    }

    func testJSONLinesOnAFullDiskIs78WithOneLineAndNoPartialFile() throws {
        let disk = try smallDisk("16k")
        let inputs = try documents(3)
        let target = disk.appendingPathComponent("records.jsonl").path
        let result = try BinaryRunner.run(["ingest", "--jsonl", target, "--quiet", inputs.path])
        XCTAssertEqual(result.status, 78, result.stderr)
        XCTAssertEqual(ourLines(result.stderr).count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot write \(target).partial (No space left on device)"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.path), [])
    }

    func testTextDirOnAFullDiskIs78AndEveryTextWrittenIsWhole() throws {
        let disk = try smallDisk("20k")
        let inputs = try documents(4)
        let texts = disk.appendingPathComponent("restored")
        let result = try BinaryRunner.run(["ingest", "--db", database, "--quiet", "--jobs", "1", "--text-dir", texts.path,
                                           inputs.path])
        XCTAssertEqual(result.status, 78, result.stderr)
        XCTAssertEqual(ourLines(result.stderr).count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("No space left on device"), result.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: texts.path)
        XCTAssertFalse(names.contains { $0.contains(".partial") }, "\(names)")
        XCTAssertLessThan(names.count, 4)
        for name in names {
            let text = try String(contentsOf: texts.appendingPathComponent(name), encoding: .utf8)
            XCTAssertTrue(text.contains("Koopia"), "\(name) is cut: \(text.count) characters")
        }
        // The archive holds only documents whose text was written, so a re-run with room redoes the rest.
        let stored = try Archive(path: database).counts().ok
        XCTAssertEqual(stored, names.count)
    }

    // MARK: - Item 4: JSON Lines complete after a kill and a resume

    func testJSONLinesAfterAKillAndAResumeHoldEveryDocumentOnce() throws {
        let inputs = try documents(8)
        let jsonl = folder.appendingPathComponent("records.jsonl").path
        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = ["ingest", "--db", database, "--jsonl", jsonl, "--jobs", "1", "--quiet", inputs.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
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
        // The killed run left no JSON Lines file, and no half line anywhere.
        XCTAssertFalse(FileManager.default.fileExists(atPath: jsonl))

        let resumed = try BinaryRunner.run(["ingest", "--db", database, "--jsonl", jsonl, "--jobs", "2", inputs.path])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("\(8 - partial) ingested, \(partial) already done"), resumed.stderr)
        try assertEveryDocumentOnce(jsonl, count: 8)
        // A run with nothing left to do writes them all too, from the archive.
        XCTAssertEqual(try BinaryRunner.run(["ingest", "--db", database, "--jsonl", jsonl, "--quiet", inputs.path]).status, 0)
        try assertEveryDocumentOnce(jsonl, count: 8)
        XCTAssertFalse(FileManager.default.fileExists(atPath: jsonl + ".partial"))
    }

    private func assertEveryDocumentOnce(_ jsonl: String, count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: jsonl))
        XCTAssertEqual(data.last, UInt8(ascii: "\n"), file: file, line: line)
        let records = try data.split(separator: UInt8(ascii: "\n")).map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
        let hashes = records.compactMap { ($0["source"] as? [String: Any])?["sha256"] as? String }
        XCTAssertEqual(hashes.count, count, file: file, line: line)
        XCTAssertEqual(Set(hashes).count, count, "duplicates", file: file, line: line)
    }

    // MARK: - Items 9 and 10

    func testARerunTriesFailedFilesAgainAndItsStatusSaysSo() throws {
        let inputs = try documents(2)
        try FileManager.default.copyItem(atPath: BinaryRunner.root.appendingPathComponent("Fixtures/bad/truncated.pdf").path,
                                         toPath: inputs.appendingPathComponent("truncated.pdf").path)
        let first = try BinaryRunner.run(["ingest", "--db", database, inputs.path])
        XCTAssertEqual(first.status, 76, first.stderr)
        let again = try BinaryRunner.run(["ingest", "--db", database, inputs.path])
        XCTAssertEqual(again.status, 76, again.stderr)
        XCTAssertTrue(again.stderr.contains("0 ingested, 2 already done, 1 failed"), again.stderr)
        XCTAssertEqual(ourLines(again.stderr).count, 1, again.stderr)
        XCTAssertEqual(try Archive(path: database).counts(), Archive.Counts(ok: 2, failed: 1))
    }

    func testIngestOfItsOwnFolderSkipsItsArchiveAndHiddenFilesWithANote() throws {
        let inputs = try documents(2)
        try Data("x".utf8).write(to: inputs.appendingPathComponent(".DS_Store"))
        let archive = inputs.appendingPathComponent("taastaja.sqlite").path
        for run in 0..<2 {
            let result = try BinaryRunner.run(["ingest", "--db", archive, inputs.path])
            XCTAssertEqual(result.status, 0, "run \(run): \(result.stderr)")
            XCTAssertEqual(ourLines(result.stderr), [], "run \(run)")
            XCTAssertTrue(result.stderr.contains("0 failed"), result.stderr)
            XCTAssertTrue(result.stderr.contains("ingest: skipped 1 hidden"), result.stderr)
            if run == 1 { XCTAssertTrue(result.stderr.contains("1 of this run's own output"), result.stderr) }
        }
        XCTAssertEqual(try Archive(path: archive).counts(), Archive.Counts(ok: 2, failed: 0))
    }

    func testSearchWithoutAnArchiveIs78WithOneLineAndNoUsageText() throws {
        let result = try BinaryRunner.run(["search", "--db", folder.appendingPathComponent("none.sqlite").path, "töö"])
        XCTAssertEqual(result.status, 78)
        XCTAssertEqual(ourLines(result.stderr).count, 1, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.sqlite").path))
    }

    func testSearchReadsAnArchiveOnReadOnlyMedia() throws {
        let disk = try smallDisk("4m")
        let archive = disk.appendingPathComponent("archive.sqlite").path
        XCTAssertEqual(try BinaryRunner.run(["ingest", "--db", archive, "--quiet", "Fixtures/seeds/koordinaator.clean.txt"]).status, 0)
        XCTAssertEqual(try Self.command("/bin/mount", ["-o", "remount,ro", disk.path]), 0)
        let result = try BinaryRunner.run(["search", "--db", archive, "koostööpartneritega"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Koordinaator"), result.stdout)
    }

    func testASecondSIGINTQuitsAtOnce() throws {
        // A scanned PDF: its OCR takes many seconds, far longer than the test waits after the second signal.
        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = ["ingest", "--db", database, "--jobs", "1", "--quiet", "Fixtures/scanned/koordinaator.pdf"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, SIGINT)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertTrue(process.isRunning, "the first SIGINT lets the document in flight finish")
        let second = Date()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(second), 1.0)
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 130)
    }

    // MARK: - Item 5: names that are not UTF-8

    func testLatin1NamesAreWalkedOpenedShownEscapedAndStoredLosslessly() throws {
        let inputs = folder.appendingPathComponent("vana")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let seed = BinaryRunner.root.appendingPathComponent("Fixtures/seeds/koordinaator.clean.txt").path
        // ametijuhend-õ.txt with õ as Latin-1's single byte 0xF5.
        let name = "'\(inputs.path)/ametijuhend-'\"$(printf '\\365')\"'.txt'"
        let jsonl = folder.appendingPathComponent("records.jsonl").path
        let made = try BinaryRunner.shell("cp '\(seed)' \(name) && ls '\(inputs.path)' | od -c | head -2")
        XCTAssertTrue(made.stdout.contains("365"), made.stdout + made.stderr)

        let ingest = try BinaryRunner.run(["ingest", "--db", database, "--jsonl", jsonl, inputs.path])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("1 files in"), ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("1 ingested"), ingest.stderr)
        let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonl)))
            as? [String: Any])
        let stored = try XCTUnwrap((record["source"] as? [String: Any])?["file"] as? String)
        XCTAssertEqual(FilePath.bytes(stored), Array((inputs.path + "/ametijuhend-").utf8) + [0xF5] + Array(".txt".utf8))
        XCTAssertEqual(try Archive(path: database).search("Koordinaator", limit: 5).map(\.path), [stored])

        let extract = try BinaryRunner.shell("\"$TAASTAJA\" extract \(name)")
        XCTAssertEqual(extract.status, 0, extract.stderr)
        XCTAssertTrue(extract.stdout.contains("Koordinaator"))
        let parse = try BinaryRunner.shell("\"$TAASTAJA\" parse \(name)")
        XCTAssertEqual(parse.status, 0, parse.stderr)

        let missing = try BinaryRunner.shell("\"$TAASTAJA\" extract \(name.replacingOccurrences(of: ".txt", with: ".pdf"))")
        XCTAssertEqual(missing.status, 66)
        XCTAssertEqual(missing.stderr, "taastaja: file not found or unreadable (No such file or directory) while reading "
                       + "\(inputs.path)/ametijuhend-\\xF5.pdf\n")
    }

    func testNamesRoundTripThroughTheirEscapes() {
        let bytes: [UInt8] = [0x61, 0xF5, 0x2F, 0xC3, 0xB5, 0xFF, 0xC3]  // a, Latin-1 õ, /, UTF-8 õ, junk, a cut sequence
        let name = FilePath.string(fromBytes: bytes)
        XCTAssertEqual(FilePath.bytes(name), bytes)
        XCTAssertEqual(FilePath.display(name), "a\\xF5/õ\\xFF\\xC3")
        // A name that holds the escape characters themselves comes back as it was too.
        let tricky = Array("x\u{10EEF5}".utf8)
        XCTAssertEqual(FilePath.bytes(FilePath.string(fromBytes: tricky)), tricky)
    }
}
