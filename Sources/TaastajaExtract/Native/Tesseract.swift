import CLeptonica
import CTesseract

/// The only file that touches `TessBaseAPI*`. One engine is used by one thread at a time: it is not Sendable.
final class TesseractEngine {
    private let handle: OpaquePointer
    let languages: String

    /// Loads `languages` (e.g. `est` or `est+eng`) from `dataPath` (nil: tesseract's default).
    init(languages: String, dataPath: String?) throws(TesseractError) {
        // Checked first: tesseract's Init prints its own complaint to stderr for a missing language.
        let available = try TesseractEngine.availableLanguages(dataPath: dataPath)
        let missing = languages.split(separator: "+").map(String.init).filter { !available.contains($0) }
        guard missing.isEmpty, !languages.isEmpty else {
            throw TesseractError("language '\(languages)' is not installed (available: \(available.joined(separator: ", ")))")
        }
        guard let handle = TessBaseAPICreate() else {
            throw TesseractError("could not create an engine")
        }
        let status = TessBaseAPIInit2(handle, dataPath, languages, OEM_LSTM_ONLY)
        guard status == 0 else {
            TessBaseAPIDelete(handle)
            throw TesseractError("language data for '\(languages)' cannot be loaded")
        }
        self.handle = handle
        self.languages = languages
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    static var version: String {
        String(cString: TessVersion())
    }

    /// Languages whose traineddata is installed under `dataPath` (nil: tesseract's default).
    static func availableLanguages(dataPath: String?) throws(TesseractError) -> [String] {
        guard let handle = TessBaseAPICreate() else { throw TesseractError("could not create an engine") }
        defer { TessBaseAPIDelete(handle) }
        // Only the data path is needed to list languages; "osd" is shipped by tesseract-ocr itself.
        _ = TessBaseAPIInit3(handle, dataPath, "osd")
        defer { TessBaseAPIEnd(handle) }
        guard let vector = TessBaseAPIGetAvailableLanguagesAsVector(handle) else { return [] }
        defer { TessDeleteTextArray(vector) }
        var result: [String] = []
        var index = 0
        while let entry = vector[index] {
            result.append(String(cString: entry))
            index += 1
        }
        return result.sorted()
    }

    /// Recognises one page image and returns its words grouped into blocks, paragraphs and lines.
    func recognize(_ image: PixImage, timeout: Double) throws(TesseractError) -> OCRPage {
        image.withPix { pix in
            TessBaseAPISetImage2(handle, pix)
            TessBaseAPISetSourceResolution(handle, Int32(max(image.resolution, 70)))
        }
        defer { TessBaseAPIClear(handle) }
        guard let monitor = TessMonitorCreate() else { throw TesseractError("could not create a monitor") }
        defer { TessMonitorDelete(monitor) }
        TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: Int(timeout * 1000)))
        let started = ContinuousClock.now
        let status = TessBaseAPIRecognize(handle, monitor)
        if started.duration(to: .now) >= .milliseconds(Int(timeout * 1000)) {
            throw TesseractError("recognition timed out", timedOut: true)
        }
        guard status == 0 else {
            throw TesseractError("recognition failed")
        }
        guard let iterator = TessBaseAPIGetIterator(handle) else {
            return OCRPage(width: image.width, height: image.height, blocks: [], meanConfidence: nil)
        }
        defer { TessResultIteratorDelete(iterator) }
        let pageIterator = TessResultIteratorGetPageIterator(iterator)

        var blocks: [OCRPage.Block] = []
        repeat {
            guard let text = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let word = String(cString: text)
            TessDeleteText(text)
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            _ = TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom)
            let box = Box(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top))
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))

            if blocks.isEmpty || TessPageIteratorIsAtBeginningOf(pageIterator, RIL_BLOCK) != 0 {
                blocks.append(OCRPage.Block(paragraphs: []))
            }
            if blocks[blocks.count - 1].paragraphs.isEmpty
                || TessPageIteratorIsAtBeginningOf(pageIterator, RIL_PARA) != 0 {
                blocks[blocks.count - 1].paragraphs.append(OCRPage.Paragraph(lines: []))
            }
            let b = blocks.count - 1
            if blocks[b].paragraphs[blocks[b].paragraphs.count - 1].lines.isEmpty
                || TessPageIteratorIsAtBeginningOf(pageIterator, RIL_TEXTLINE) != 0 {
                var lineBox = box
                var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, bt: Int32 = 0
                if TessPageIteratorBoundingBox(pageIterator, RIL_TEXTLINE, &l, &t, &r, &bt) != 0 {
                    lineBox = Box(x: Int(l), y: Int(t), width: Int(r - l), height: Int(bt - t))
                }
                blocks[b].paragraphs[blocks[b].paragraphs.count - 1].lines.append(
                    OCRPage.Line(box: lineBox, words: []))
            }
            let p = blocks[b].paragraphs.count - 1
            let l = blocks[b].paragraphs[p].lines.count - 1
            blocks[b].paragraphs[p].lines[l].words.append(Word(text: word, box: box, confidence: confidence))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0

        let mean = Int(TessBaseAPIMeanTextConf(handle))
        return OCRPage(width: image.width, height: image.height, blocks: blocks,
                       meanConfidence: blocks.isEmpty ? nil : Double(mean))
    }
}

/// A failure reported by tesseract.
struct TesseractError: Error {
    var message: String
    var timedOut = false
    init(_ message: String, timedOut: Bool = false) {
        self.message = message
        self.timedOut = timedOut
    }
}

/// What tesseract found on one page, in its own reading order.
struct OCRPage {
    struct Line {
        var box: Box
        var words: [Word]
    }
    struct Paragraph {
        var lines: [Line]
    }
    struct Block {
        var paragraphs: [Paragraph]
    }
    var width: Int
    var height: Int
    var blocks: [Block]
    var meanConfidence: Double?
}
