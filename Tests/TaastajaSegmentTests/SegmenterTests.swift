import XCTest
@testable import TaastajaSegment

final class SegmenterTests: XCTestCase {
    private let segmenter = Segmenter()

    func testATableRowOfLabelsTakesItsValuesFromTheNextLines() throws {
        let text = """
            AMETIJUHEND
            1. ÜLDOSA
            1.3 Vahetu juht 1.4 Kes asendab 1.5 Keda asendab

            Osakonna juhataja Nõunik, peaspetsialist Peaspetsialist
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.manager, "Osakonna juhataja")
        XCTAssertEqual(record.substitutedBy, ["Nõunik", "peaspetsialist"])
        XCTAssertEqual(record.substitutes, ["Peaspetsialist"])
    }

    func testNumberedLabelLinesCarryTheirValueAfterTheLabel() throws {
        let text = """
            1. Üldosa
            1.1. Struktuuriüksuse nimetus Õigusosakond
            1.2. Teenistuskoha nimetus Jurist
            1.4. Allub osakonna juhataja
            2. Teenistuskoha eesmärk
            Õigusalane nõustamine.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.unit, "Õigusosakond")
        XCTAssertEqual(record.title, "Jurist")
        XCTAssertEqual(record.manager, "osakonna juhataja")
        XCTAssertEqual(record.purpose, "Õigusalane nõustamine.")
    }

    func testATaskAndItsResultOnOneLineSplitAtAWideGap() throws {
        let text = """
            3. TÖÖÜLESANDED
            3.10 Lepitusteenuste pakkumine.   Osutatud teenus vastab nõuetele.
            4. ÕIGUSED
            • teha ettepanekuid.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.duties, [Duty(number: "3.10", task: "Lepitusteenuste pakkumine.",
                                            results: ["Osutatud teenus vastab nõuetele."])])
    }

    func testInterleavedCellsPartWhereTheTaskSentenceEnds() throws {
        let text = """
            3. TÖÖÜLESANDED
            3.1 Teenuse arendamine ja tegevuste = Teenus on toimiv ja tegevused on
            rakendamine ning hindamine. ellu viidud.
            3.2 Aruannete koostamine.
            • Aruanded on esitatud.
            4. ÕIGUSED
            • saada infot.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.duties.first?.task, "Teenuse arendamine ja tegevuste rakendamine ning hindamine.")
        XCTAssertEqual(record.duties.first?.results, ["Teenus on toimiv ja tegevused on ellu viidud."])
        XCTAssertEqual(record.duties.last?.results, ["Aruanded on esitatud."])
    }

    func testBulletsWithoutGlyphsAndWrappedBulletsAreItems() throws {
        let text = """
            4. ÕIGUSED
            Töötajal on õigus:
            = saada infot teistelt
            üksustelt;

             teha kaugtööd;
            ¢ osaleda koolitustel.
            5. VASTUTUS
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.rights, ["saada infot teistelt üksustelt", "teha kaugtööd", "osaleda koolitustel."])
    }

    func testPageNumbersAndRunningHeadersDoNotReachValues() throws {
        let text = """
            AMETIJUHEND
            2. Eesmärk
            Teenistuskoha eesmärk on
            Lk 1 (2)
            Keskkonnaamet · Ametijuhend
            keskkonna kaitsmine.
            Lk 2 (2)
            Keskkonnaamet · Ametijuhend
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.purpose, "Teenistuskoha eesmärk on keskkonna kaitsmine.")
    }

    func testAnApprovalBlockGivesISODatesAndTheNumber() throws {
        let text = """
            KINNITATUD
            direktori 18.12.2019
            käskkirjaga nr 9-13/1610-1
            Kehtiv alates 01.01.2020

            AMETIJUHEND
            1. ÜLDOSA
            """
        let approval = try XCTUnwrap(try segmenter.segment(text).approval)
        XCTAssertEqual(approval.date, "2019-12-18")
        XCTAssertEqual(approval.number, "9-13/1610-1")
        XCTAssertEqual(approval.validFrom, "2020-01-01")
        XCTAssertEqual(approval.basis, "direktori 18.12.2019 käskkirjaga nr 9-13/1610-1")
    }

    func testSideBySideSignersAreSplitByRole() throws {
        let text = """
            AMETIJUHEND
            Poolte allkirjad:
            Tööandja: Töötaja:
            (allkirjastatud digitaalselt) (allkirjastatud digitaalselt)
            Mari Mets Jaan Tamm
            peadirektor
            """
        let signatures = try segmenter.segment(text).signatures
        XCTAssertEqual(signatures, [
            Signature(role: .employer, name: "Mari Mets", position: "peadirektor", digitallySigned: true),
            Signature(role: .employee, name: "Jaan Tamm", position: nil, digitallySigned: true),
        ])
    }

    func testRomanNumberedHeadingsAndCombinedRightsHeadingsAreFound() throws {
        let text = """
            II TEENISTUSKOHA EESMÄRK
            Õigusalane nõustamine.
            III ÕIGUSED JA KOHUSTUSED
            • saada infot;
            • osaleda koolitustel.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.purpose, "Õigusalane nõustamine.")
        XCTAssertEqual(record.rights, ["saada infot", "osaleda koolitustel."])
        XCTAssertTrue(record.duties.isEmpty)
    }

    func testTheAcknowledgementLineNamesTheEmployee() throws {
        let text = """
            AMETIJUHEND
            8. AMETIJUHENDI MUUTMINE
            Ametijuhend vaadatakse üle kord aastas.
            Ametijuhendiga tutvunud: Jaan Tamm
            """
        XCTAssertEqual(try segmenter.segment(text).signatures, [Signature(role: .employee, name: "Jaan Tamm")])
    }

    func testColonLabelsBeforeAnyHeadingAndSingleNumberedListsAreRead() throws {
        let text = """
            AMETIJUHEND
            Ametikoha nimetus: Vanemspetsialist
            Vahetu juht: osakonna juhataja
            Asendab: teist vanemspetsialisti

            I ÜLDSÄTTED
            1. Vanemspetsialist juhindub õigusaktidest.
            III TEENISTUSÜLESANDED
            1. Koostab arengukava eelnõu.
            2. Korraldab koolide
            andmete kogumist.
            IV ÕIGUSED
            1) Saada teavet.
            2) Osaleda koolitustel.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.title, "Vanemspetsialist")
        XCTAssertEqual(record.manager, "osakonna juhataja")
        XCTAssertEqual(record.substitutes, ["teist vanemspetsialisti"])
        XCTAssertEqual(record.duties, [Duty(number: "1", task: "Koostab arengukava eelnõu."),
                                       Duty(number: "2", task: "Korraldab koolide andmete kogumist.")])
        XCTAssertEqual(record.rights, ["Saada teavet.", "Osaleda koolitustel."])
    }

    func testTextWithoutTitleLabelsOrSectionsIsNotAJobDescription() {
        XCTAssertThrowsError(try segmenter.segment("Raamatukogu on avatud esmaspäevast reedeni.\n", file: "x.txt")) {
            XCTAssertEqual($0 as? SegmentationError, SegmentationError(.notAJobDescription, file: "x.txt"))
        }
    }

    func testAMissingSectionIsNullWithAWarning() throws {
        let record = try segmenter.segment("AMETIJUHEND\n4. ÕIGUSED\n• saada infot.\n")
        XCTAssertNil(record.purpose)
        XCTAssertTrue(record.warnings.contains { $0.contains("eesmärk") })
    }

    func testYearRangesTakeAnEnDashAndMixedQuotesBecomeStraight() throws {
        let text = """
            AMETIJUHEND
            2. TÖÖKOHA EESMÄRK
            Programmi "Kohalik areng” elluviimine aastatel 2014-2021 käskkirja nr 9-13/1610-1 alusel, „Eesti 2035“
            eesmärkide täitmiseks perioodil 1995-1990 ja 2021—2027.
            """
        let record = try segmenter.segment(text)
        XCTAssertEqual(record.purpose, "Programmi \"Kohalik areng\" elluviimine aastatel 2014–2021 käskkirja nr "
                       + "9-13/1610-1 alusel, \"Eesti 2035\" eesmärkide täitmiseks perioodil 1995-1990 ja 2021–2027.")
    }

    func testAValueInOneQuoteStyleKeepsIt() throws {
        let text = "AMETIJUHEND\n2. TÖÖKOHA EESMÄRK\nStrateegia „Eesti 2035“ eesmärkide täitmine.\n"
        XCTAssertEqual(try segmenter.segment(text).purpose, "Strateegia „Eesti 2035“ eesmärkide täitmine.")
    }
}
