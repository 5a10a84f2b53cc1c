import Dispatch
import Foundation
import Logging

/// Turns any supported input file into pages of text with layout and confidence.
public struct Extractor: Sendable {
    public struct Options: Sendable {
        /// Tesseract language string, e.g. `est` or `est+eng`.
        public var languages = "est"
        /// Resolution at which PDF pages without a text layer are rendered for OCR.
        public var dpi = 300
        /// Page numbers to extract (from 1); nil for all.
        public var pages: Set<Int>?
        public var password: String?
        /// A page taking longer than this in OCR is reported as timed out.
        public var pageTimeout: Double = 120
        /// Pages of one document processed at once.
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// Tesseract's tessdata folder; nil for its default.
        public var tessdataPath: String?
        /// Images above this many million pixels are refused, from their headers, before they are decoded (memory);
        /// PDF pages above it are rendered at the resolution that fits.
        public var maxMegapixels: Double = Extractor.defaultMaxMegapixels

        public init() {}
    }

    /// 100 million pixels: an A4 page at 1,000 dpi, about 100 MB as leptonica's grey image (400 MB in colour).
    public static let defaultMaxMegapixels: Double = 100

    public var options: Options
    private let logger: Logger
    private let engines: EnginePool

    public init(options: Options = Options(), logger: Logger = Logger(label: "taastaja.extract")) {
        self.options = options
        self.logger = logger
        engines = EnginePool(languages: options.languages, dataPath: options.tessdataPath)
    }

    /// Reads and extracts `path`. Throws for whole-file failures; failed pages land in `pageErrors`.
    public func extract(path: String) throws(ExtractionError) -> Document {
        // Read by the name's bytes (see FilePath): a Latin-1 name opens too.
        guard let bytes = FilePath.read(path) else {
            let reason = String(cString: strerror(errno))
            throw ExtractionError(.unreadableFile, "file not found or unreadable (\(reason))", file: path)
        }
        return try extract(bytes: bytes, name: path, path: path)
    }

    /// Extracts a file already in memory; `name` is used in errors and in the document.
    public func extract(bytes: [UInt8], name: String) throws(ExtractionError) -> Document {
        try extract(bytes: bytes, name: name, path: nil)
    }

    private func extract(bytes: [UInt8], name: String, path: String?) throws(ExtractionError) -> Document {
        guard !bytes.isEmpty else { throw ExtractionError(.emptyFile, "empty file", file: name) }
        guard let kind = InputKind.sniff(bytes) else {
            throw ExtractionError(.unsupportedType, "not a PDF, PNG, JPEG, TIFF or text file (binary data)",
                                  file: name)
        }
        logger.debug("extracting", metadata: ["file": "\(name)", "kind": "\(kind)"])
        switch kind {
        case .text:
            _ = try selected(count: 1, name: name)
            return try extractText(bytes, name: name)
        case .pdf:
            if let path { return try extractPDF(path: path, name: name, bytes: bytes) }
            // Poppler is given a file (see PDFDocument.init); a copy in memory goes through a temporary one.
            let temporary = FileManager.default.temporaryDirectory
                .appendingPathComponent("taastaja-\(UUID().uuidString).pdf")
            do {
                try Data(bytes).write(to: temporary)
            } catch {
                throw ExtractionError(.unreadableFile, "cannot write a temporary copy (\(error))", file: name)
            }
            defer { try? FileManager.default.removeItem(at: temporary) }
            return try extractPDF(path: temporary.path, name: name, bytes: bytes)
        case .png, .jpeg, .tiff:
            if let reason = Leptonica.loadFailure {
                throw ExtractionError(.ocrUnavailable, "cannot load the library (\(reason))", file: name,
                                      library: "leptonica")
            }
            return try extractImage(bytes, kind: kind, name: name)
        }
    }

    private func extractImage(_ bytes: [UInt8], kind: InputKind, name: String) throws(ExtractionError) -> Document {
        switch kind {
        case .text, .pdf:
            preconditionFailure("not an image: \(kind)")
        case .png, .jpeg:
            if let size = kind == .png ? ImageHeader.pngSize(bytes) : ImageHeader.jpegSize(bytes) {
                try checkPixels(size, page: nil, name: name)
            }
            guard PixImage.decode(bytes) != nil else {
                throw ExtractionError(.corruptDocument, "image data cannot be decoded", file: name,
                                      library: "leptonica")
            }
            let page = try selected(count: 1, name: name)
            // Decoded again inside the worker: a PixImage never crosses threads.
            return try ocrDocument(name: name, format: .image, pageNumbers: page) { _ in PixImage.decode(bytes) }
        case .tiff:
            // Pages are counted from the directory chain, each directory once: a chain that loops back ends there.
            let layout = ImageHeader.tiffLayout(bytes)
            guard !layout.pages.isEmpty else {
                throw ExtractionError(.noPages, "TIFF has no readable page", file: name, library: "leptonica")
            }
            if layout.loops { logger.debug("tiff directory chain loops", metadata: ["file": "\(name)"]) }
            let numbers = try selected(count: layout.pages.count, name: name)
            for number in numbers {
                if let size = layout.pages[number - 1] {
                    try checkPixels(size, page: layout.pages.count > 1 ? number : nil, name: name)
                }
            }
            let document = try ocrDocument(name: name, format: .image, pageNumbers: numbers) {
                PixImage.decodeTIFFPage(bytes, index: $0 - 1)
            }
            // Directories but no page whose pixels decode: the data is corrupt, not missing.
            if document.pages.isEmpty, !document.pageErrors.isEmpty,
               document.pageErrors.allSatisfy({ $0.message == Self.undecodablePage }) {
                throw ExtractionError(.corruptDocument, "image data cannot be decoded", file: name, library: "leptonica")
            }
            return document
        }
    }

    /// Refuses an image above `options.maxMegapixels`, from the size its header gives.
    private func checkPixels(_ size: ImageHeader.Size, page: Int?, name: String) throws(ExtractionError) {
        guard Double(size.width) * Double(size.height) > options.maxMegapixels * 1_000_000 else { return }
        throw ExtractionError(.tooLarge, String(format: "image is %d × %d pixels, over the limit of %g megapixels "
                                                    + "(--max-megapixels)", size.width, size.height, options.maxMegapixels),
                              file: name, page: page)
    }

    private static let undecodablePage = "page image cannot be decoded or rendered"

    private func selected(count: Int, name: String) throws(ExtractionError) -> [Int] {
        let all = Array(1...count)
        guard let wanted = options.pages else { return all }
        let chosen = all.filter(wanted.contains)
        guard !chosen.isEmpty else {
            throw ExtractionError(.badPageSelection, "--pages selects none of the \(count) page(s)", file: name)
        }
        return chosen
    }

    private func extractText(_ bytes: [UInt8], name: String) throws(ExtractionError) -> Document {
        guard let (text, encoding) = TextDecoder.decode(bytes) else {
            throw ExtractionError(.undecodableText, "text is neither UTF-8, UTF-16 nor a known Estonian encoding",
                                  file: name)
        }
        logger.debug("decoded text", metadata: ["file": "\(name)", "encoding": "\(encoding.rawValue)"])
        var normalized = TextNormalizer.normalize(text)
        var block = 0
        var lines: [Line] = []
        // Split on UTF-8 bytes: "\r\n" is one Character, so a Character split would not see its "\n"; and no
        // byte of a multi-byte letter is ASCII, so a line break or a blank is never part of one.
        normalized.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                if raw.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") || $0 == 0x0C }) {
                    if lines.last?.block == block { block += 1 }
                    continue
                }
                let line = raw.contains(UInt8(ascii: "\r"))
                    ? String(decoding: raw.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
                    : String(decoding: raw, as: UTF8.self)
                lines.append(Line(text: line, box: nil, block: block, words: []))
            }
        }
        return Document(file: name, format: .text, pages: [Page(number: 1, method: .text, lines: lines)],
                        pageErrors: [])
    }

    private func extractPDF(path: String, name: String, bytes: [UInt8]) throws(ExtractionError) -> Document {
        let document: PDFDocument
        do {
            document = try PDFDocument(path: path, password: options.password)
        } catch {
            switch error {
            case .encrypted:
                throw options.password == nil
                    ? ExtractionError(.encrypted, "PDF is encrypted; pass --password", file: name, library: "poppler")
                    : ExtractionError(.wrongPassword, "wrong password for encrypted PDF", file: name,
                                      library: "poppler")
            case .damaged(let reason):
                throw ExtractionError(.corruptDocument, "damaged or not a PDF (\(reason))", file: name,
                                      library: "poppler")
            case .unavailable(let reason):
                throw ExtractionError(.ocrUnavailable, "cannot load the library (\(reason))", file: name,
                                      library: "poppler")
            }
        }
        let count = document.pageCount
        guard count > 0 else { throw ExtractionError(.noPages, "PDF has no pages", file: name, library: "poppler") }
        let numbers = try selected(count: count, name: name)

        var pages: [Int: Page] = [:]
        var needOCR: [Int] = []
        for number in numbers {
            let characters = document.characters(page: number - 1) ?? []
            let text = String(String.UnicodeScalarView(characters.map(\.scalar)))
            // A short page (a signature, a page number) has real text too when nothing on it is an image.
            if TextNormalizer.isRealText(text)
                || TextNormalizer.isRealText(text, minimumLetters: 2) && !document.hasImages(page: number - 1) {
                pages[number] = Page(number: number, method: .textLayer, lines: textLayerLines(characters))
            } else if text.allSatisfy(\.isWhitespace) && !document.hasImages(page: number - 1) {
                // Nothing drawn but, at most, rules: a blank page, not worth a 300-dpi OCR pass.
                pages[number] = Page(number: number, method: .textLayer, lines: [])
            } else {
                needOCR.append(number)
            }
        }
        logger.debug("pdf pages", metadata: ["file": "\(name)", "textLayer": "\(pages.count)", "ocr": "\(needOCR.count)"])
        var errors: [ExtractionError] = []
        // Poppler reads every pixel of an image it draws, at whatever size the image claims (a few bytes may claim
        // 10¹² pixels and take hours): pages are not rendered when the file holds an image above the limit.
        if !needOCR.isEmpty, let size = ImageHeader.pdfImageSizes(bytes).max(by: { $0.pixels < $1.pixels }),
           Double(size.width) * Double(size.height) > options.maxMegapixels * 1_000_000 {
            let message = String(format: "holds an image of %d × %d pixels, over the limit of %g megapixels "
                                     + "(--max-megapixels): pages without a text layer are not rendered",
                                 size.width, size.height, options.maxMegapixels)
            guard !pages.isEmpty else { throw ExtractionError(.tooLarge, message, file: name, library: "poppler") }
            errors = needOCR.map { ExtractionError(.tooLarge, message, file: name, page: $0, library: "poppler") }
            needOCR = []
        }
        if !needOCR.isEmpty {
            let scanned = try ocrDocument(name: name, format: .pdf, pageNumbers: needOCR) { number in
                document.render(page: number - 1, dpi: options.dpi, maximumPixels: options.maxMegapixels * 1_000_000)
            }
            for page in scanned.pages { pages[page.number] = page }
            errors = scanned.pageErrors
        }
        return Document(file: name, format: .pdf, pages: numbers.compactMap { pages[$0] }, pageErrors: errors)
    }

    /// Words of a text layer, grouped into the lines poppler found, then put into reading order.
    private func textLayerLines(_ characters: [PositionedCharacter]) -> [Line] {
        var engineLines: [[Word]] = [[]]
        var word = String.UnicodeScalarView()
        var boxes: [Box] = []
        func closeWord() {
            if !word.isEmpty, let box = Box.union(boxes) {
                engineLines[engineLines.count - 1].append(Word(text: TextNormalizer.normalize(String(word)), box: box))
            }
            word = String.UnicodeScalarView()
            boxes = []
        }
        var previous: Box?
        for character in characters {
            // Poppler sometimes joins table cells without a space or line break; the glyph boxes tell.
            if let box = character.box, let last = previous, !character.scalar.properties.isWhitespace {
                let height = max(1, min(box.height, last.height))
                if abs(box.y - last.y) * 2 > height || box.x < last.x {
                    closeWord()
                    engineLines.append([])
                } else if box.x - last.maxX > height / 3 {
                    closeWord()
                }
            }
            if !character.scalar.properties.isWhitespace, character.box != nil { previous = character.box }
            if character.scalar == "\n" {
                closeWord()
                engineLines.append([])
            } else if character.scalar.properties.isWhitespace {
                closeWord()
            } else {
                word.append(character.scalar)
                if let box = character.box { boxes.append(box) }
            }
        }
        closeWord()
        return ReadingOrder().arrange(engineLines)
    }

    /// OCRs the given pages, up to `options.jobs` at once; `image(number)` renders or decodes one page.
    private func ocrDocument(name: String, format: Document.Format, pageNumbers: [Int],
                             image: @escaping @Sendable (Int) -> PixImage?) throws(ExtractionError) -> Document {
        // Fail once for the whole file when the language data is missing, not once per page.
        do {
            try engines.checkAvailable()
        } catch {
            throw ExtractionError(.ocrUnavailable, error.message, file: name, library: "tesseract")
        }
        let results = PageResults(count: pageNumbers.count)
        let options = self.options
        let engines = self.engines
        let queue = DispatchQueue(label: "taastaja.ocr", attributes: .concurrent)
        let slots = DispatchSemaphore(value: max(1, options.jobs))
        let group = DispatchGroup()
        for (index, number) in pageNumbers.enumerated() {
            slots.wait()
            queue.async(group: group) {
                defer { slots.signal() }
                results.set(index, Extractor.ocrPage(number: number, name: name, options: options,
                                                     engines: engines, image: image))
            }
        }
        group.wait()
        var pages: [Page] = []
        var errors: [ExtractionError] = []
        for result in results.all {
            switch result {
            case .success(let page): pages.append(page)
            case .failure(let error): errors.append(error)
            case nil: break
            }
        }
        return Document(file: name, format: format, pages: pages, pageErrors: errors)
    }

    private static func ocrPage(number: Int, name: String, options: Options, engines: EnginePool,
                                image: (Int) -> PixImage?) -> Result<Page, ExtractionError> {
        guard let pix = image(number) else {
            return .failure(ExtractionError(.pageFailed, undecodablePage, file: name,
                                            page: number, library: "leptonica"))
        }
        let started = DispatchTime.now()
        do {
            let ocr = try engines.withEngine { engine throws(TesseractError) in
                try engine.recognize(pix, timeout: options.pageTimeout)
            }
            let engineLines = ocr.blocks.flatMap { $0.paragraphs.flatMap { $0.lines.map { line in
                line.words.map { Word(text: TextNormalizer.normalize($0.text), box: $0.box, confidence: $0.confidence) }
            } } }
            let lines = ReadingOrder().arrange(engineLines.map { $0.filter(isWord) })
            return .success(Page(number: number, method: .ocr, ocrLanguages: options.languages,
                                 meanConfidence: ocr.meanConfidence, lines: lines))
        } catch let error where error.timedOut {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            return .failure(ExtractionError(.pageTimeout, String(format: "OCR exceeded --page-timeout (%.0f s)", seconds),
                                            file: name, page: number, library: "tesseract"))
        } catch {
            return .failure(ExtractionError(.pageFailed, error.message, file: name, page: number, library: "tesseract"))
        }
    }

    /// Table rules read as `|` and similar are ink, not words.
    private static func isWord(_ word: Word) -> Bool {
        !word.text.isEmpty && !word.text.unicodeScalars.allSatisfy { "|¦[]_—-–".unicodeScalars.contains($0) }
    }
}

/// Results of pages processed concurrently, stored by index.
private final class PageResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Page, ExtractionError>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Page, ExtractionError>) {
        lock.withLock { results[index] = result }
    }

    var all: [Result<Page, ExtractionError>?] { lock.withLock { results } }
}
