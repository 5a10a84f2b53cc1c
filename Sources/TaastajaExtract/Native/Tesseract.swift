import CLeptonica
import CTesseract
#if canImport(Glibc)
import Glibc
#endif

/// The only file that touches `TessBaseAPI*`. One engine is used by one thread at a time: it is not Sendable.
final class TesseractEngine {
    private let tess: TesseractFunctions
    private let handle: OpaquePointer
    let languages: String

    /// Loads `languages` (e.g. `est` or `est+eng`) from `dataPath` (nil: tesseract's default).
    init(languages: String, dataPath: String?) throws(TesseractError) {
        // Init's return tells whether the languages loaded; what tesseract prints about a missing one goes to the
        // libraries' log (see LibraryOutput). Only then are the installed languages listed, for the message.
        let tess = try TesseractFunctions.load()
        guard !languages.isEmpty, !languages.split(separator: "+").contains(where: { $0.isEmpty || $0.contains("/") })
        else { throw TesseractError("language '\(languages)' is not a tesseract language name") }
        guard let handle = tess.TessBaseAPICreate() else {
            throw TesseractError("could not create an engine")
        }
        let status = tess.TessBaseAPIInit2(handle, dataPath, languages, OEM_LSTM_ONLY)
        guard status == 0 else {
            tess.TessBaseAPIDelete(handle)
            let available = (try? TesseractEngine.availableLanguages(dataPath: dataPath)) ?? []
            let missing = languages.split(separator: "+").map(String.init).filter { !available.contains($0) }
            if !missing.isEmpty {
                throw TesseractError("language '\(languages)' is not installed (available: \(available.joined(separator: ", ")))")
            }
            throw TesseractError("language data for '\(languages)' cannot be loaded")
        }
        self.tess = tess
        self.handle = handle
        self.languages = languages
        _ = tess.TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
    }

    deinit {
        tess.TessBaseAPIEnd(handle)
        tess.TessBaseAPIDelete(handle)
    }

    /// The library's version, or why it cannot be loaded.
    static var version: String {
        do throws(TesseractError) {
            return try TesseractFunctions.load().TessVersion().map { String(cString: $0) } ?? "unknown"
        } catch {
            return "unavailable: \(error.message)"
        }
    }

    /// Languages whose traineddata is installed under `dataPath` (nil: tesseract's default).
    static func availableLanguages(dataPath: String?) throws(TesseractError) -> [String] {
        let tess = try TesseractFunctions.load()
        guard let handle = tess.TessBaseAPICreate() else { throw TesseractError("could not create an engine") }
        defer { tess.TessBaseAPIDelete(handle) }
        // Only the data path is needed to list languages, and tesseract finds it only when some language loads:
        // the first that does, of those commonly installed (`osd` is not: Debian ships it apart).
        let candidates: [String] = ["eng", "est", "osd"]
        let loaded = candidates.contains { tess.TessBaseAPIInit3(handle, dataPath, $0) == 0 }
        defer { tess.TessBaseAPIEnd(handle) }
        guard loaded else {
            throw TesseractError("no language data found in \(dataPath ?? "tesseract's tessdata folder")")
        }
        guard let vector = tess.TessBaseAPIGetAvailableLanguagesAsVector(handle) else { return [] }
        defer { tess.TessDeleteTextArray(vector) }
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
            tess.TessBaseAPISetImage2(handle, pix)
            tess.TessBaseAPISetSourceResolution(handle, Int32(max(image.resolution, 70)))
        }
        defer { tess.TessBaseAPIClear(handle) }
        guard let monitor = tess.TessMonitorCreate() else { throw TesseractError("could not create a monitor") }
        defer { tess.TessMonitorDelete(monitor) }
        tess.TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: Int(timeout * 1000)))
        let started = ContinuousClock.now
        let status = tess.TessBaseAPIRecognize(handle, monitor)
        if started.duration(to: .now) >= .milliseconds(Int(timeout * 1000)) {
            throw TesseractError("recognition timed out", timedOut: true)
        }
        guard status == 0 else {
            throw TesseractError("recognition failed")
        }
        guard let iterator = tess.TessBaseAPIGetIterator(handle) else {
            return OCRPage(width: image.width, height: image.height, blocks: [], meanConfidence: nil)
        }
        defer { tess.TessResultIteratorDelete(iterator) }
        let pageIterator = tess.TessResultIteratorGetPageIterator(iterator)

        var blocks: [OCRPage.Block] = []
        repeat {
            guard let text = tess.TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let word = String(cString: text)
            tess.TessDeleteText(text)
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            _ = tess.TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom)
            let box = Box(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top))
            let confidence = Double(tess.TessResultIteratorConfidence(iterator, RIL_WORD))

            if blocks.isEmpty || tess.TessPageIteratorIsAtBeginningOf(pageIterator, RIL_BLOCK) != 0 {
                blocks.append(OCRPage.Block(paragraphs: []))
            }
            if blocks[blocks.count - 1].paragraphs.isEmpty
                || tess.TessPageIteratorIsAtBeginningOf(pageIterator, RIL_PARA) != 0 {
                blocks[blocks.count - 1].paragraphs.append(OCRPage.Paragraph(lines: []))
            }
            let b = blocks.count - 1
            if blocks[b].paragraphs[blocks[b].paragraphs.count - 1].lines.isEmpty
                || tess.TessPageIteratorIsAtBeginningOf(pageIterator, RIL_TEXTLINE) != 0 {
                var lineBox = box
                var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, bt: Int32 = 0
                if tess.TessPageIteratorBoundingBox(pageIterator, RIL_TEXTLINE, &l, &t, &r, &bt) != 0 {
                    lineBox = Box(x: Int(l), y: Int(t), width: Int(r - l), height: Int(bt - t))
                }
                blocks[b].paragraphs[blocks[b].paragraphs.count - 1].lines.append(
                    OCRPage.Line(box: lineBox, words: []))
            }
            let p = blocks[b].paragraphs.count - 1
            let l = blocks[b].paragraphs[p].lines.count - 1
            blocks[b].paragraphs[p].lines[l].words.append(Word(text: word, box: box, confidence: confidence))
        } while tess.TessResultIteratorNext(iterator, RIL_WORD) != 0

        let mean = Int(tess.TessBaseAPIMeanTextConf(handle))
        return OCRPage(width: image.width, height: image.height, blocks: blocks,
                       meanConfidence: blocks.isEmpty ? nil : Double(mean))
    }
}

/// tesseract's C functions, found when first needed (see `SharedLibrary`); named as in `capi.h`.
private struct TesseractFunctions: @unchecked Sendable {
    let TessVersion: TessVersion_function
    let TessBaseAPICreate: TessBaseAPICreate_function
    let TessBaseAPIDelete: TessBaseAPIDelete_function
    let TessBaseAPIInit2: TessBaseAPIInit2_function
    let TessBaseAPIInit3: TessBaseAPIInit3_function
    let TessBaseAPIEnd: TessBaseAPIEnd_function
    let TessBaseAPISetVariable: TessBaseAPISetVariable_function
    let TessBaseAPIGetAvailableLanguagesAsVector: TessBaseAPIGetAvailableLanguagesAsVector_function
    let TessDeleteTextArray: TessDeleteTextArray_function
    let TessDeleteText: TessDeleteText_function
    let TessBaseAPISetImage2: TessBaseAPISetImage2_function
    let TessBaseAPISetSourceResolution: TessBaseAPISetSourceResolution_function
    let TessBaseAPIClear: TessBaseAPIClear_function
    let TessMonitorCreate: TessMonitorCreate_function
    let TessMonitorDelete: TessMonitorDelete_function
    let TessMonitorSetDeadlineMSecs: TessMonitorSetDeadlineMSecs_function
    let TessBaseAPIRecognize: TessBaseAPIRecognize_function
    let TessBaseAPIGetIterator: TessBaseAPIGetIterator_function
    let TessBaseAPIMeanTextConf: TessBaseAPIMeanTextConf_function
    let TessResultIteratorDelete: TessResultIteratorDelete_function
    let TessResultIteratorGetPageIterator: TessResultIteratorGetPageIterator_function
    let TessResultIteratorGetUTF8Text: TessResultIteratorGetUTF8Text_function
    let TessResultIteratorConfidence: TessResultIteratorConfidence_function
    let TessResultIteratorNext: TessResultIteratorNext_function
    let TessPageIteratorBoundingBox: TessPageIteratorBoundingBox_function
    let TessPageIteratorIsAtBeginningOf: TessPageIteratorIsAtBeginningOf_function

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        TessVersion = try library.function("TessVersion", as: TessVersion_function.self)
        TessBaseAPICreate = try library.function("TessBaseAPICreate", as: TessBaseAPICreate_function.self)
        TessBaseAPIDelete = try library.function("TessBaseAPIDelete", as: TessBaseAPIDelete_function.self)
        TessBaseAPIInit2 = try library.function("TessBaseAPIInit2", as: TessBaseAPIInit2_function.self)
        TessBaseAPIInit3 = try library.function("TessBaseAPIInit3", as: TessBaseAPIInit3_function.self)
        TessBaseAPIEnd = try library.function("TessBaseAPIEnd", as: TessBaseAPIEnd_function.self)
        TessBaseAPISetVariable = try library.function("TessBaseAPISetVariable", as: TessBaseAPISetVariable_function.self)
        TessBaseAPIGetAvailableLanguagesAsVector = try library.function("TessBaseAPIGetAvailableLanguagesAsVector", as: TessBaseAPIGetAvailableLanguagesAsVector_function.self)
        TessDeleteTextArray = try library.function("TessDeleteTextArray", as: TessDeleteTextArray_function.self)
        TessDeleteText = try library.function("TessDeleteText", as: TessDeleteText_function.self)
        TessBaseAPISetImage2 = try library.function("TessBaseAPISetImage2", as: TessBaseAPISetImage2_function.self)
        TessBaseAPISetSourceResolution = try library.function("TessBaseAPISetSourceResolution", as: TessBaseAPISetSourceResolution_function.self)
        TessBaseAPIClear = try library.function("TessBaseAPIClear", as: TessBaseAPIClear_function.self)
        TessMonitorCreate = try library.function("TessMonitorCreate", as: TessMonitorCreate_function.self)
        TessMonitorDelete = try library.function("TessMonitorDelete", as: TessMonitorDelete_function.self)
        TessMonitorSetDeadlineMSecs = try library.function("TessMonitorSetDeadlineMSecs", as: TessMonitorSetDeadlineMSecs_function.self)
        TessBaseAPIRecognize = try library.function("TessBaseAPIRecognize", as: TessBaseAPIRecognize_function.self)
        TessBaseAPIGetIterator = try library.function("TessBaseAPIGetIterator", as: TessBaseAPIGetIterator_function.self)
        TessBaseAPIMeanTextConf = try library.function("TessBaseAPIMeanTextConf", as: TessBaseAPIMeanTextConf_function.self)
        TessResultIteratorDelete = try library.function("TessResultIteratorDelete", as: TessResultIteratorDelete_function.self)
        TessResultIteratorGetPageIterator = try library.function("TessResultIteratorGetPageIterator", as: TessResultIteratorGetPageIterator_function.self)
        TessResultIteratorGetUTF8Text = try library.function("TessResultIteratorGetUTF8Text", as: TessResultIteratorGetUTF8Text_function.self)
        TessResultIteratorConfidence = try library.function("TessResultIteratorConfidence", as: TessResultIteratorConfidence_function.self)
        TessResultIteratorNext = try library.function("TessResultIteratorNext", as: TessResultIteratorNext_function.self)
        TessPageIteratorBoundingBox = try library.function("TessPageIteratorBoundingBox", as: TessPageIteratorBoundingBox_function.self)
        TessPageIteratorIsAtBeginningOf = try library.function("TessPageIteratorIsAtBeginningOf", as: TessPageIteratorIsAtBeginningOf_function.self)
    }

    private static let loaded = Result { () throws(SharedLibraryError) in
        // libtesseract's OpenMP threads make a page 3–5× slower on small machines, and pages are spread over
        // cores already (Extractor's jobs). OpenMP reads its thread limit once, when libgomp is loaded: here,
        // with tesseract. A limit the user set is kept.
        setenv("OMP_THREAD_LIMIT", "1", 0)
        return try TesseractFunctions(SharedLibrary.open(["libtesseract.so.5", "libtesseract.so"]))
    }

    static func load() throws(TesseractError) -> TesseractFunctions {
        do {
            return try loaded.get()
        } catch {
            throw TesseractError("cannot load the library (\(error.message))")
        }
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
