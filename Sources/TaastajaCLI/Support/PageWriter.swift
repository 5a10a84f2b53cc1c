import Foundation
import TaastajaExtract

/// Writes extracted pages to stdout: plain text with form feeds between pages, or JSON Lines.
struct PageWriter {
    var json: Bool

    private struct PageRecord: Encodable {
        var file: String
        var format: Document.Format
        var number: Int
        var method: Page.Method
        var ocrLanguages: String?
        var meanConfidence: Double?
        var lines: [Line]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(format, forKey: .format)
            try container.encode(number, forKey: .number)
            try container.encode(method, forKey: .method)
            try container.encode(ocrLanguages, forKey: .ocrLanguages)
            try container.encode(meanConfidence, forKey: .meanConfidence)
            try container.encode(lines, forKey: .lines)
        }

        enum CodingKeys: String, CodingKey {
            case file, format, number, method, ocrLanguages, meanConfidence, lines
        }
    }

    /// Writes the document's pages; a page that cannot be encoded is a page failure (returned), output that cannot
    /// be written ends the command (see Output).
    func write(_ document: Document) throws -> [ExtractionError] {
        guard json else {
            try Output.write(document.text)
            return []
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var failures: [ExtractionError] = []
        for page in document.pages {
            let record = PageRecord(file: document.file, format: document.format, number: page.number,
                                    method: page.method, ocrLanguages: page.ocrLanguages,
                                    meanConfidence: page.meanConfidence, lines: page.lines)
            do {
                try Output.write(try encoder.encode(record) + Data("\n".utf8))
            } catch let error as EncodingError {
                failures.append(ExtractionError(.pageFailed, "the page cannot be written as JSON (\(error))",
                                                file: document.file, page: page.number))
            }
        }
        return failures
    }
}
