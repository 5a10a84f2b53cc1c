/// An axis-aligned rectangle in page units: pixels for OCR pages, PDF points for text-layer pages.
public struct Box: Codable, Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The smallest box holding all of `boxes`.
    public static func union<S: Sequence>(_ boxes: S) -> Box? where S.Element == Box {
        var iterator = boxes.makeIterator()
        guard var result = iterator.next() else { return nil }
        while let box = iterator.next() {
            let minX = min(result.x, box.x), minY = min(result.y, box.y)
            let maxX = max(result.maxX, box.maxX), maxY = max(result.maxY, box.maxY)
            result = Box(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
        }
        return result
    }
}

public struct Word: Codable, Sendable, Equatable {
    public var text: String
    public var box: Box
    /// Tesseract's confidence, 0–100; nil for text-layer words.
    public var confidence: Double?

    public init(text: String, box: Box, confidence: Double? = nil) {
        self.text = text
        self.box = box
        self.confidence = confidence
    }
}

public struct Line: Codable, Sendable, Equatable {
    public var text: String
    public var box: Box?
    /// Lines sharing a block number belong to one paragraph or table cell, in reading order.
    public var block: Int
    public var words: [Word]

    public init(text: String, box: Box?, block: Int, words: [Word]) {
        self.text = text
        self.box = box
        self.block = block
        self.words = words
    }
}

public struct Page: Codable, Sendable, Equatable {
    public enum Method: String, Codable, Sendable {
        case textLayer = "text-layer"
        case ocr
        case text
    }

    /// From 1, as in the record schema.
    public var number: Int
    public var method: Method
    public var ocrLanguages: String?
    public var meanConfidence: Double?
    public var lines: [Line]

    public init(number: Int, method: Method, ocrLanguages: String? = nil, meanConfidence: Double? = nil,
                lines: [Line]) {
        self.number = number
        self.method = method
        self.ocrLanguages = ocrLanguages
        self.meanConfidence = meanConfidence
        self.lines = lines
    }

    /// The page's text in reading order, a blank line between blocks.
    public var text: String {
        var out = ""
        var previousBlock: Int?
        for line in lines {
            if let previousBlock, previousBlock != line.block { out += "\n" }
            out += line.text + "\n"
            previousBlock = line.block
        }
        return out
    }
}

/// One input file turned into pages; failed pages are listed, the others still come out.
public struct Document: Sendable {
    public enum Format: String, Codable, Sendable {
        case pdf, image, text
    }

    public var file: String
    public var format: Format
    public var pages: [Page]
    public var pageErrors: [ExtractionError]

    public init(file: String, format: Format, pages: [Page], pageErrors: [ExtractionError]) {
        self.file = file
        self.format = format
        self.pages = pages
        self.pageErrors = pageErrors
    }

    public var text: String {
        pages.map(\.text).joined(separator: "\u{0C}")
    }

    /// Where each OCR word with a confidence stands in `text`: start offset in Unicode scalars → confidence.
    public var wordConfidences: [Int: Double] {
        var result: [Int: Double] = [:]
        // Text files and text layers have none: no need to count the scalars of every line.
        guard pages.contains(where: { $0.lines.contains { $0.words.contains { $0.confidence != nil } } }) else {
            return result
        }
        var offset = 0
        for (pageIndex, page) in pages.enumerated() {
            if pageIndex > 0 { offset += 1 }  // the form feed
            var previousBlock: Int?
            for line in page.lines {
                if let previousBlock, previousBlock != line.block { offset += 1 }
                var lineOffset = offset
                for (wordIndex, word) in line.words.enumerated() {
                    if wordIndex > 0 { lineOffset += 1 }
                    if let confidence = word.confidence { result[lineOffset] = confidence }
                    lineOffset += word.text.unicodeScalars.count
                }
                offset += line.text.unicodeScalars.count + 1
                previousBlock = line.block
            }
        }
        return result
    }
}
