import Testing

@Suite("taastaja itself")
struct TopLevelCommandTests {
    @Test func helpNamesTheToolAndExitsZero() throws {
        let result = try BinaryRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: taastaja"))
        #expect(result.stdout.contains("Estonian"))
    }

    @Test func versionPrintsOurVersionAndTheCLibraries() throws {
        let result = try BinaryRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("taastaja 0."))
        #expect(result.stdout.contains("tesseract 5."))
        #expect(result.stdout.contains("poppler"))
    }

    @Test func anUnknownFlagIsAUsageError() throws {
        let result = try BinaryRunner.run(["--no-such-flag"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no-such-flag"))
    }
}
