import XCTest
@testable import TaastajaSegment

/// The structural variants of other employers' job descriptions (Fixtures/templates/CATALOGUE.md), each in a
/// small text of our own.
final class TemplateVariantTests: XCTestCase {
    private let segmenter = Segmenter()

    /// A lexicon stand-in that knows a handful of forms.
    private struct KnownForms: WordAssociation {
        var forms: Set<String>
        func association(_ first: String, _ second: String) -> Double { 0 }
        func isKnownForm(_ word: String) -> Bool { forms.contains(word.lowercased()) }
    }

    func testUnnumberedLabelLinesWithoutColonsAreTheGeneralPart() throws {
        let text = """
            Sihtasutus Näidisasutus
            AMETIJUHEND
            Struktuuriüksus Haldusosakond, varahalduse talitus
            Teenistuskoht Kinnisvaraspetsialist
            Vahetu juht Talituse juhataja
            Asendaja Teine kinnisvaraspetsialist
            Vahetud alluvad puuduvad

            2. TEENISTUSKOHA EESMÄRK
            Asutuse kinnisvara korrashoiu tagamine.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.unit, "Haldusosakond, varahalduse talitus")
        XCTAssertEqual(record.title, "Kinnisvaraspetsialist")
        XCTAssertEqual(record.manager, "Talituse juhataja")
        XCTAssertEqual(record.substitutedBy, ["Teine kinnisvaraspetsialist"])
        XCTAssertEqual(record.subordinates, [])
        XCTAssertEqual(record.purpose, "Asutuse kinnisvara korrashoiu tagamine.")
    }

    func testNumberedColonLinesTakeATitleInCapitalsInLowerCase() throws {
        let text = """
            AMETIJUHEND
            1. Ametinimetus:   ARHIVAAR
            2. Otsene ülem: dokumendihalduse juht
            3. Teda asendab: sekretär
            4. TÖÖ EESMÄRK
            Arhiivi korrastamine.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.title, "arhivaar")
        XCTAssertEqual(record.manager, "dokumendihalduse juht")
        XCTAssertEqual(record.substitutedBy, ["sekretär"])
    }

    func testATitleOnlyInTheHeadingIsTakenToItsBasicFormThroughTheLexicon() throws {
        let segmenter = Segmenter(association: KnownForms(forms: ["metsavaht", "metsa", "vaht", "arhivaar"]))
        let text = """
            METSAVAHI AMETIJUHEND
            I ÜLDSÄTTED
            Metsavaht allub metsaülemale.
            II EESMÄRK
            Metsa kaitse.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.title, "metsavaht")
        XCTAssertEqual(record.manager, "metsaülemale")
        XCTAssertTrue(record.warnings.contains("title taken from the document's heading"), "\(record.warnings)")
    }

    func testAHeadingOfTheEmployerOrTheDocumentKindIsNoTitle() throws {
        for heading in ["Teenistuskoha ametijuhend", "Maksuameti ametijuhend"] {
            let record = try segmenter.segment("\(heading)\n2. EESMÄRK\nMaksude kogumine.\n3. ÕIGUSED\n• küsida.\n")
            XCTAssertNil(record.title, heading)
        }
    }

    func testAHeadingRunIntoItsTextIsSplit() throws {
        let text = """
            1.1. Teenistuskoha nimetus kartograaf
            1.2. Allub osakonna juhatajale
            2. Teenistuskoha eesmärk Kaardiandmete koostamine ja ajakohastamine.
            3. Teenistusülesanded
            3.1. Koostab kaarte.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.purpose, "Kaardiandmete koostamine ja ajakohastamine.")
        XCTAssertEqual(record.duties.first?.task, "Koostab kaarte.")
    }

    func testSentencesNameTheManagerAndTheStandIns() throws {
        let text = """
            AMETIJUHEND
            1. ÜLDOSA
            Ehitusnõunik allub vallavanemale.
            Ametnikku asendab tema äraolekul keskkonnanõunik.
            Ehitusnõunik asendab vajadusel keskkonnanõunikku.
            2. EESMÄRK
            Ehitustegevuse korraldamine.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.manager, "vallavanemale")
        XCTAssertEqual(record.substitutedBy, ["keskkonnanõunik"])
        XCTAssertEqual(record.substitutes, ["keskkonnanõunikku"])
    }

    func testAColumnOfLabelsTakesOneValueLineEach() throws {
        let text = """
            1. Üldosa
            1.1. Teenistuskoha nimetus juhataja
            1.2. Asendaja
            1.3. Asendab
            direktor või osakonna teenistuja
            direktorit või osakonna teenistujat
            2. Teenistuskoha eesmärk
            Osakonna juhtimine.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.substitutedBy, ["direktor", "osakonna teenistuja"])
        XCTAssertEqual(record.substitutes, ["direktorit", "osakonna teenistujat"])
    }

    func testSectionsNoFieldHoldsAreKeptAndANumberedListIsNoHeading() throws {
        let text = """
            AMETIJUHEND
            1. ÜLDOSA
            1.1 Ametinimetus Valvur
            2. EESMÄRK
            Hoone turvalisus.
            3. TÖÖÜLESANDED
            1. Patrullib hoones
            2. Kontrollib uksi
            3. Täidab valvepäevikut
            4. VALVEAJA RAKENDAMINE
            Valveaeg on kokku lepitud töögraafikus.
            5. ÕIGUSED
            • saada töövahendid.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.duties.map(\.task), ["Patrullib hoones", "Kontrollib uksi", "Täidab valvepäevikut"])
        XCTAssertEqual(record.otherSections, [OtherSection(heading: "VALVEAJA RAKENDAMINE",
                                                           text: "Valveaeg on kokku lepitud töögraafikus.")])
        XCTAssertEqual(record.rights, ["saada töövahendid."])
    }

    func testACoverOrderWithTwoAppendicesGivesTwoParts() throws {
        let text = """
            KÄSKKIRI
            14.02.2025 nr 1-2/25/7
            Ametijuhendite kinnitamine
            Kinnitan ametijuhendid vastavalt lisadele 1 kuni 2.
            Lisa 1
            AMETIJUHEND
            1.1 Ametinimetus Raamatukoguhoidja
            1.2 Vahetu juht raamatukogu juhataja
            2. EESMÄRK
            Lugejate teenindamine.
            Lisa 2
            AMETIJUHEND
            1.1 Ametinimetus Infospetsialist
            1.2 Vahetu juht raamatukogu juhataja
            2. EESMÄRK
            Andmebaaside haldamine.
            """
        let parts = try segmenter.segments(text)
        XCTAssertEqual(parts.map(\.part), [Part(number: 1, label: "Lisa 1"), Part(number: 2, label: "Lisa 2")])
        XCTAssertEqual(parts.map(\.fields.title), ["Raamatukoguhoidja", "Infospetsialist"])
        XCTAssertEqual(parts.map(\.fields.purpose), ["Lugejate teenindamine.", "Andmebaaside haldamine."])
        XCTAssertEqual(parts[1].fields.approval, Approval(date: "2025-02-14", number: "1-2/25/7",
                                                          basis: "käskkiri 14.02.2025 nr 1-2/25/7"))
        XCTAssertTrue(parts[1].text.contains("Infospetsialist") && !parts[1].text.contains("Raamatukoguhoidja"))
    }

    func testOneAppendixAfterACoverOrderIsOneRecordWithoutAPart() throws {
        let text = """
            Lisa 1
            AMETIJUHEND
            1.1 Ametinimetus Raamatukoguhoidja
            2. EESMÄRK
            Lugejate teenindamine.
            """
        let parts = try segmenter.segments(text)
        XCTAssertEqual(parts.count, 1)
        XCTAssertNil(parts[0].part)
    }
}

/// Titles in the heading's other layouts.
final class HeadingTitleTests: XCTestCase {
    private struct KnownForms: WordAssociation {
        var forms: Set<String>
        func association(_ first: String, _ second: String) -> Double { 0 }
        func isKnownForm(_ word: String) -> Bool { forms.contains(word.lowercased()) }
    }

    private let segmenter = Segmenter(association: KnownForms(forms: ["vaneminspektor", "vanem", "inspektor",
                                                                       "arhivaar", "juht", "osakonna"]))

    func testAGenitiveLineAboveABareHeadingIsTakenToItsBasicForm() throws {
        let text = """
            KALANDUSAMET
            KALAKAITSE OSAKONNA
            VANEMINSPEKTORI (KKO)
            AMETIJUHEND
            1. ÜLDOSA
            1.1. Vahetu juht osakonna juhataja
            """
        XCTAssertEqual(try segmenter.segment(text).title, "vaneminspektor (KKO)")
    }

    func testALetterSpacedHeadingWordIsRead() throws {
        let text = "Arhiivi arhivaari a m e t i j u h e n d\n1. ÜLDOSA\n1.1. Vahetu juht osakonna juhataja\n"
        XCTAssertEqual(try segmenter.segment(text).title, "Arhiivi arhivaar")
    }

    func testAnUnconfirmedGenitiveIsKeptAsPrintedWithAWarning() throws {
        let record = try segmenter.segment("Koristaja ametijuhend\n1. ÜLDOSA\n1.1. Vahetu juht maja juht\n")
        XCTAssertEqual(record.title, "Koristaja")
        let unknown = try segmenter.segment("Tundmatu ametijuhend\n1. ÜLDOSA\n1.1. Vahetu juht maja juht\n")
        XCTAssertEqual(unknown.title, "Tundmatu")
        XCTAssertTrue(unknown.warnings.contains { $0.contains("unconfirmed") }, "\(unknown.warnings)")
    }
}
