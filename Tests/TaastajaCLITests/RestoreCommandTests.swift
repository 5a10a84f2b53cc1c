import Foundation
import Testing

@Suite("taastaja restore and eval")
struct RestoreCommandTests {
    @Test func restorePrintsTheRestoredTextFromAFileOrStandardInput() throws {
        let fromStdin = try BinaryRunner.run(["restore", "-"], stdin: Data("TOOKOHA EESMARK\nt60 ja diguse kaitse\n".utf8))
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout == "TÖÖKOHA EESMÄRK\ntöö ja õiguse kaitse\n")
        let fromFile = try BinaryRunner.run(["restore", "Fixtures/seeds/koordinaator.ocr-garbled.txt"])
        #expect(fromFile.status == 0)
        #expect(fromFile.stdout.contains("2. TÖÖKOHA EESMÄRK"))
    }

    @Test func jsonListsEachChangedWordWithOffsetsAndConfidence() throws {
        let result = try BinaryRunner.run(["restore", "--json", "-"], stdin: Data("see on t60\n".utf8))
        #expect(result.status == 0)
        let change = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(change["original"] as? String == "t60")
        #expect(change["restored"] as? String == "töö")
        #expect(change["offset"] as? Int == 7)
        #expect(change["length"] as? Int == 3)
        #expect((change["confidence"] as? Double ?? 0) > 0.5)
    }

    @Test func diffShowsWordChangesWithoutColourWhenNotATerminal() throws {
        let result = try BinaryRunner.run(["restore", "--diff", "-"], stdin: Data("Tookoha eesmark\n".utf8))
        #expect(result.stdout.contains("Tookoha → Töökoha"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func aUserLexiconKeepsItsWords() throws {
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-user-\(UUID()).txt")
        try "# names\nTookoha\n".write(to: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: list) }
        let result = try BinaryRunner.run(["restore", "--lexicon", list.path, "-"], stdin: Data("Tookoha eesmark\n".utf8))
        #expect(result.stdout == "Tookoha eesmärk\n")
    }

    @Test func aMissingDictionaryOrLexiconIsOneLineAndExit74() throws {
        let result = try BinaryRunner.run(["restore", "--dictionary", "/no/such.lex", "-"], stdin: Data("tekst\n".utf8))
        #expect(result.status == 74)
        #expect(result.stderr == "taastaja: restore: dictionary not found while reading /no/such.lex\n")
        let lexicon = try BinaryRunner.run(["restore", "--lexicon", "/no/such.txt", "-"], stdin: Data("tekst\n".utf8))
        #expect(lexicon.status == 74)
        #expect(lexicon.stderr.contains("/no/such.txt"))
    }

    @Test func restoreRefusesBinaryInputLikeExtract() throws {
        let result = try BinaryRunner.run(["restore", "Fixtures/bad/random-bytes.pdf"])
        #expect(result.status == 67)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func evalPrintsEveryFigureAndTheCommonestErrors() throws {
        let result = try BinaryRunner.run(["eval", "--show", "3", "Fixtures/seeds/koordinaator.clean.txt",
                                           "Fixtures/seeds/koordinaator.ocr-garbled.txt"])
        #expect(result.status == 0)
        for label in ["word accuracy (aligned)", "word accuracy (bag)", "case-folded", "diacritic-word accuracy",
                      "character error rate", "commonest errors"] {
            #expect(result.stdout.contains(label), "\(label)")
        }
        let json = try BinaryRunner.run(["eval", "--json", "Fixtures/seeds/koordinaator.clean.txt",
                                         "Fixtures/seeds/koordinaator.ocr-garbled.txt"])
        let figures = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        // The garbled seed as it is: every diacritic word is wrong, about three words in four are right.
        #expect(figures["diacriticWordAccuracy"] as? Double == 0)
        let bag = try #require(figures["bagOfWordsAccuracy"] as? Double)
        #expect(bag > 0.7 && bag < 0.8)
    }
}
