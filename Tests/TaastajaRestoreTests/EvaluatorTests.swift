import Testing
@testable import TaastajaRestore

@Suite("eval against hand-computed cases")
struct EvaluatorTests {
    @Test func identicalTextsScorePerfectly() {
        let result = Evaluator.evaluate(reference: "Töö on tehtud.", candidate: "Töö  on\ntehtud.")
        #expect(result.alignedWordAccuracy == 1)
        #expect(result.bagOfWordsAccuracy == 1)
        #expect(result.diacriticWordAccuracy == 1)
        #expect(result.characterErrorRate == 0)
    }

    @Test func oneWrongWordOfFourCostsAQuarter() {
        // Reference: Töö | on | tehtud | hästi. One substitution (Töö → Too), nothing else.
        let result = Evaluator.evaluate(reference: "Töö on tehtud hästi", candidate: "Too on tehtud hästi", showErrors: 5)
        #expect(result.referenceWords == 4)
        #expect(result.alignedWordAccuracy == 0.75)
        #expect(result.bagOfWordsAccuracy == 0.75)
        // Two diacritic words (Töö, hästi); one found.
        #expect(result.diacriticWords == 2)
        #expect(result.diacriticWordAccuracy == 0.5)
        // 19 letters and spaces; two substitutions (ö → o twice).
        #expect(abs(result.characterErrorRate - 2.0 / 19.0) < 1e-9)
        #expect(result.commonestErrors == [Evaluation.ErrorCount(expected: "Töö", found: "Too", count: 1)])
    }

    @Test func bagOfWordsIgnoresOrderButAlignmentDoesNot() {
        let result = Evaluator.evaluate(reference: "üks kaks kolm", candidate: "kolm üks kaks")
        #expect(result.bagOfWordsAccuracy == 1)
        // Best alignment: insert kolm, keep üks kaks, delete kolm: 2 edits of 3 words.
        #expect(abs(result.alignedWordAccuracy - 1.0 / 3.0) < 1e-9)
    }

    @Test func caseFoldingForgivesCapitalsOnly() {
        let result = Evaluator.evaluate(reference: "Ülesanded on TÄIDETUD", candidate: "ülesanded on täidetud")
        #expect(result.bagOfWordsAccuracy == 1.0 / 3.0)
        #expect(result.bagOfWordsAccuracyCaseFolded == 1)
        #expect(result.alignedWordAccuracyCaseFolded == 1)
    }

    @Test func missingAndExtraWordsAreListedAsErrors() {
        let missing = Evaluator.evaluate(reference: "a b c d", candidate: "a c d", showErrors: 10)
        #expect(missing.commonestErrors == [Evaluation.ErrorCount(expected: "b", found: "", count: 1)])
        let extra = Evaluator.evaluate(reference: "a c", candidate: "a c e", showErrors: 10)
        #expect(extra.commonestErrors == [Evaluation.ErrorCount(expected: "", found: "e", count: 1)])
    }
}

@Suite("The dictionary")
struct LexiconTests {
    @Test func itLoadsAndKnowsInflectedFormsAndCompounds() {
        #expect(Shared.lexicon.wordCount > 500_000)
        for word in ["töökoha", "koostööpartneritega", "ülesannete", "täidab", "õiguse"] {
            #expect(Shared.lexicon.contains(word), "\(word)")
        }
        #expect(!Shared.lexicon.contains("susteemi"))
    }

    @Test func wordKeysDropTheLettersOCRGarbles() {
        // The same function as scripts/dictionaries/pack.py: lowercase, õ ö ü ä l i dropped, š ž folded.
        #expect(WordKey.of("Töökoha") == "tkoha")
        #expect(WordKey.of("õiguse") == "guse")
        #expect(WordKey.of("Šveits") == "svets")
    }

    @Test func aMissingOrForeignFileIsATypedError() {
        #expect(throws: RestorationError.self) { try Lexicon(path: "/no/such/estonian.lex") }
        #expect(throws: RestorationError.self) {
            try Lexicon(path: Shared.root.appendingPathComponent("Fixtures/seeds/koordinaator.clean.txt").path)
        }
    }
}
