import Foundation
import XCTest

/// Job descriptions in the structures other employers use (Fixtures/templates/CATALOGUE.md), each written in our own
/// words with its expected fields beside it (`<name>.expected.json`: one object per job description the file holds,
/// with the fields that were checked by hand; `knownGaps` names what the segmenter does not read yet).
final class TemplateFixtureTests: XCTestCase {
    private struct Expectation {
        var name: String
        var records: [[String: Any]]
    }

    private func expectations() throws -> [Expectation] {
        let folder = BinaryRunner.root.appendingPathComponent("Fixtures/templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".expected.json") }.sorted()
        return try names.map { file in
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            return Expectation(name: String(file.dropLast(".expected.json".count)),
                               records: try XCTUnwrap(object["records"] as? [[String: Any]]))
        }
    }

    private func records(_ input: String) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["parse", input])
        XCTAssertEqual(result.status, 0, "\(input): \(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// The record's value for an expected key: duties compared by number, task, activities and results only.
    private func value(_ key: String, of record: [String: Any]) -> NSObject? {
        switch key {
        case "part":
            return ((record["source"] as? [String: Any])?["part"] as? NSObject) ?? NSNull()
        case "duties":
            return (record["duties"] as? [[String: Any]])?.map { duty in
                ["number", "task", "activities", "results"].reduce(into: [String: Any]()) { $0[$1] = duty[$1] }
            } as NSObject?
        default:
            return record[key] as? NSObject
        }
    }

    func testEveryTemplateVariantGivesItsExpectedFields() throws {
        let all = try expectations()
        XCTAssertGreaterThanOrEqual(all.count, 15, "the catalogue's variants each have a fixture")
        for expectation in all {
            let input = "Fixtures/templates/\(expectation.name).txt"
            let actual = try records(input)
            XCTAssertEqual(actual.count, expectation.records.count, "\(input): job descriptions in the file")
            for (expected, record) in zip(expectation.records, actual) {
                for (key, want) in expected {
                    XCTAssertEqual(value(key, of: record), want as? NSObject, "\(input): \(key)")
                }
            }
        }
    }

    func testEveryTemplateRecordIsValidAgainstTheSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for expectation in try expectations() {
            let result = try BinaryRunner.run(["parse", "Fixtures/templates/\(expectation.name).txt"])
            let file = folder.appendingPathComponent("\(expectation.name).jsonl")
            try Data(result.stdout.utf8).write(to: file)
            files.append(file.path)
        }
        let outcome = try SchemaValidator.validate(files)
        XCTAssertEqual(outcome.status, 0, outcome.output)
        XCTAssertTrue(outcome.output.contains(" 0 error(s)"), outcome.output)
    }

    /// The same structures as born-digital PDFs and as scans give the records of their text.
    func testPDFVersionsGiveTheRecordsOfTheirText() throws {
        let folder = BinaryRunner.root.appendingPathComponent("Fixtures/templates")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".pdf") && !$0.hasPrefix("teenistuskoha") }.sorted()
        guard !pdfs.isEmpty else { throw XCTSkip("no template PDFs in Fixtures/templates (scripts/make-fixtures makes them)") }
        let expected = Dictionary(uniqueKeysWithValues: try expectations().map { ($0.name, $0.records) })
        for pdf in pdfs {
            // "extra-sections.pdf" (born-digital) and "extra-sections.scan.pdf" (scanned) are both extra-sections.
            let name = String(pdf.dropLast(4)).replacingOccurrences(of: ".scan", with: "")
            let wanted = try XCTUnwrap(expected[name], pdf)
            let actual = try records("Fixtures/templates/\(pdf)")
            XCTAssertEqual(actual.count, wanted.count, pdf)
            for (want, record) in zip(wanted, actual) {
                for key in ["title", "unit", "manager", "substitutedBy", "substitutes", "purpose", "duties", "part"]
                where want[key] != nil {
                    XCTAssertEqual(value(key, of: record), want[key] as? NSObject, "\(pdf): \(key)")
                }
            }
        }
    }
}
