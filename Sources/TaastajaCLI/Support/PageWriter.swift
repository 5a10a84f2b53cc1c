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

    func write(_ document: Document) {
        let out = FileHandle.standardOutput
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for page in document.pages {
                let record = PageRecord(file: document.file, format: document.format, number: page.number,
                                        method: page.method, ocrLanguages: page.ocrLanguages,
                                        meanConfidence: page.meanConfidence, lines: page.lines)
                if let data = try? encoder.encode(record) {
                    out.write(data + Data("\n".utf8))
                }
            }
        } else {
            out.write(Data(document.text.utf8))
        }
    }
}
