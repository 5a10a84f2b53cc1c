import Testing
@testable import TaastajaRestore

@Suite("Restoration fixes each error class")
struct ErrorClassTests {
    @Test func strippedDiacriticsAreRestoredAndCaseIsKept() {
        #expect(Shared.restore("TOOKOHA EESMARK\nTookoha eesmark on ohvriabi teenuse arendamine.")
            == "TÖÖKOHA EESMÄRK\nTöökoha eesmärk on ohvriabi teenuse arendamine.")
    }

    @Test func ocrConfusionsOfEachDiacriticLetterAreRestored() {
        // õ read as d, ö as 6 and 0, ü as ii, ä as é.
        #expect(Shared.restore("taastava diguse teenus") == "taastava õiguse teenus")
        #expect(Shared.restore("oma t60 eest") == "oma töö eest")
        // Every letter read is kept: the final d is the word's, not noise (a digit read for nothing is rare).
        #expect(Shared.restore("organiseerib oma t60d hästi") == "organiseerib oma tööd hästi")
        #expect(Shared.restore("on siisteemi osa") == "on süsteemi osa")
        #expect(Shared.restore("vélja töötatud") == "välja töötatud")
    }

    @Test func aCompoundWhoseHeadLostItsDiacriticToTwoLettersIsRestored() {
        // ü read as "ii" or "ti" at the head of a compound the lexicon lacks as a whole.
        #expect(Shared.restore("ohvriabisiisteemi arendamine") == "ohvriabisüsteemi arendamine")
        #expect(Shared.restore("teistelt struktuuriiiksustelt") == "teistelt struktuuriüksustelt")
        #expect(Shared.restore("ennetusstisteemi arendamine") == "ennetussüsteemi arendamine")
    }

    @Test func droppedLettersAreRestored() {
        #expect(Shared.restore("taastava iguse tiim") == "taastava õiguse tiim")
        #expect(Shared.restore("ta tidab ülesanded") == "ta täidab ülesanded")
    }

    @Test func thinStrokeConfusionsOfPlainLettersAreRestored() {
        #expect(Shared.restore("tööde korraidamine") == "tööde korraldamine")
        #expect(Shared.restore("tööd on ptaneeritud") == "tööd on planeeritud")
    }

    @Test func aCapitalInsideAWordIsReadAsTheDiacriticLetterOCRPrintsItFor() {
        // OCR prints Õ-like capitals for ö and õ inside a word, almost never for o: not "tooks" (would bring).
        #expect(Shared.restore("TOOks vajalikud kompetentsid") == "Tööks vajalikud kompetentsid")
        // Also when the capitals are read as one letter's pair (ö as "OO") through a channel fitted to the text.
        #expect(Shared.restore("kontrolli allaja säilitab tasakaalu ja valdkonnap histes TOOks")
            == "kontrolli alla ja säilitab tasakaalu ja valdkonnapõhistes Tööks")
        // A name written with an inner capital stays as it is.
        #expect(Shared.restore("programmis LibreOffice ja OpenGL") == "programmis LibreOffice ja OpenGL")
    }

    @Test func aCapitalInventedMidSentenceIsDroppedAndOneAtSentenceStartKept() {
        #expect(Shared.restore("ta täidab Ulesanded õigeaegselt. Ulesanded on selged.")
            == "ta täidab ülesanded õigeaegselt. Ülesanded on selged.")
    }

    @Test func bulletGlyphsAndTheirMisreadingsBecomeOneBullet() {
        #expect(Shared.restore("e Teenus on toimiv\n¢ Juhendid on olemas\n= Ettepanekud on tehtud\n» Info on piisav\n▪ Tulemus")
            == "• Teenus on toimiv\n• Juhendid on olemas\n• Ettepanekud on tehtud\n• Info on piisav\n• Tulemus")
        #expect(Shared.restore("QOrganiseerib oma tööd") == "• Organiseerib oma tööd")
    }

    @Test func aWordOCRSplitAtAMisreadLetterIsJoined() {
        #expect(Shared.restore("valdkonnap histes töörühmades") == "valdkonnapõhistes töörühmades")
        #expect(Shared.restore("koostöö partneritega") == "koostöö partneritega")
    }

    @Test func twoWordsOCRRanTogetherAreSplitAndACompoundIsNot() {
        #expect(Shared.restore("hoiab tundeid kontrolli allaja säilitab tasakaalu") == "hoiab tundeid kontrolli alla ja säilitab tasakaalu")
        // An unknown compound of known parts stays one word and is not joined to the next.
        #expect(Shared.restore("trükitöö korral vali paber") == "trükitöö korral vali paber")
    }

    @Test func aWordBrokenByAHyphenAtALineEndIsRestoredAsOneWordAndKeepsItsBreak() {
        #expect(Shared.restore("isikuandmete ning juurdepéasu-\n\npiiranguga teabe") == "isikuandmete ning juurdepääsu-\n\npiiranguga teabe")
    }

    @Test func theLineLayoutStaysAsTheInputs() {
        let input = "Tookoha eesmark on\nteenuse arendamine  ja\n\n   tegevuste rakendamine.\n"
        let output = Shared.restore(input)
        #expect(output == "Töökoha eesmärk on\nteenuse arendamine  ja\n\n   tegevuste rakendamine.\n")
    }
}

@Suite("Restoration leaves alone what is not broken")
struct LeaveAloneTests {
    @Test func numbersDatesAndCodesAreUntouched() {
        let text = "Keeleoskus C1 ja B1, nr 9-13/1610-1, aastad 2014–2021, KINNITATUD 18.12.2019, 3A ja kuupäev2."
        #expect(Shared.restore(text) == text)
    }

    @Test func namesAndForeignWordsAreUntouched() {
        let text = "programmi \"Local Development and Poverty Reduction\" projekt; peadirektor Maret Maripuu, MS Office, CUMIPMT"
        #expect(Shared.restore(text) == text)
        // Plain letters in an un-Estonian sequence are a foreign word or a name, not a misreading to shorten.
        let foreign = "käsk Assign ja varjutus Phong, funktsiooni argument NPer, 1st ja 2nd"
        #expect(Shared.restore(foreign) == foreign)
    }

    @Test func correctEstonianIsUntouched() {
        let text = "Töötaja vastutab tööülesannete tulemusliku täitmise eest ning koostööpartneritega infovahetuse eest."
        #expect(Shared.restore(text) == text)
    }

    @Test func theCleanSeedsChangeAtMostOneWordInAThousand() throws {
        for seed in ["koordinaator", "projektijuht", "inimkaubandusohvrite-teenuse-juht"] {
            let restoration = Shared.restorer.restore(try Shared.text("seeds/\(seed).clean.txt"))
            #expect(Double(restoration.changed) <= Double(restoration.tokens) * 0.001, "\(seed): \(restoration.changes)")
        }
    }

    @Test func textThatIsNotEstonianIsLeftAsItIs() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let junk = (0..<200).map { _ in String((0..<(3 + Int.random(in: 0..<20, using: &generator))).map { _ in
            alphabet.randomElement(using: &generator)!
        }) }.joined(separator: " ")
        let restoration = Shared.restorer.restore(junk)
        #expect(restoration.text == junk)
        #expect(restoration.changes.isEmpty)
        let english = String(repeating: "The quick brown fox jumps over the lazy dog near the river bank. ", count: 5)
        #expect(Shared.restore(english) == english)
    }

    @Test func aUserLexiconKeepsItsWordsAsTheyAre() throws {
        #expect(Shared.restore("Tookoha asukoht") == "Töökoha asukoht")
        let withUserWord = Restorer(lexicon: try Lexicon(path: Shared.lexicon.path, userWords: ["Tookoha"]))
        #expect(withUserWord.restore("Tookoha asukoht").text == "Tookoha asukoht")
    }

    @Test func belowTheMinimumConfidenceAWordIsLeftAndCountedUncertain() {
        var options = Restorer.Options()
        options.minConfidence = 1.01
        let strict = Restorer(lexicon: Shared.lexicon, options: options)
        let restoration = strict.restore("Tookoha eesmark")
        #expect(restoration.text == "Tookoha eesmark")
        #expect(restoration.changed == 0)
        #expect(restoration.uncertain == 2)
    }
}

@Suite("The quality bar on the seed pair and held-out sets")
struct QualityTests {
    @Test func theGarbledSeedIsRestoredToMostOfItsWordsAndDiacritics() throws {
        let restored = Shared.restore(try Shared.text("seeds/koordinaator.ocr-garbled.txt"))
        let result = Evaluator.evaluate(reference: try Shared.text("seeds/koordinaator.clean.txt"), candidate: restored)
        // The bar: 99% of words and 98% of diacritic words (measured 99.6% and 98.1%).
        #expect(result.bagOfWordsAccuracy >= 0.99)
        #expect(result.diacriticWordAccuracy >= 0.98)
    }

    @Test func strippedHeldOutProseRegainsItsDiacritics() throws {
        let restored = Shared.restore(try Shared.text("restoration/heldout.stripped.txt"))
        let result = Evaluator.evaluate(reference: try Shared.text("restoration/heldout.clean.txt"), candidate: restored)
        #expect(result.bagOfWordsAccuracy >= 0.99)
        #expect(result.diacriticWordAccuracy >= 0.965)
    }

    @Test func seedsReadByAnEngineWithoutEstonianRegainTheirWords() throws {
        for seed in ["koordinaator", "projektijuht", "inimkaubandusohvrite-teenuse-juht"] {
            let restored = Shared.restore(try Shared.text("restoration/\(seed).eng-ocr.txt"))
            let result = Evaluator.evaluate(reference: try Shared.text("seeds/\(seed).clean.txt"), candidate: restored)
            #expect(result.bagOfWordsAccuracy >= 0.985, "\(seed)")
            #expect(result.diacriticWordAccuracy >= 0.95, "\(seed)")
        }
    }
}
