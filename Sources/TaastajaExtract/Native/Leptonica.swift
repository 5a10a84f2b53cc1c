import CLeptonica

/// Owns one leptonica `PIX`. The raw pointer is reachable only through `withPix`.
final class PixImage {
    private let lept: LeptonicaFunctions
    private var pix: UnsafeMutablePointer<PIX>?

    private init(taking pix: UnsafeMutablePointer<PIX>, from lept: LeptonicaFunctions) {
        self.lept = lept
        self.pix = pix
    }

    deinit {
        lept.pixDestroy(&pix)
    }

    var width: Int { Int(lept.pixGetWidth(pix)) }
    var height: Int { Int(lept.pixGetHeight(pix)) }
    var depth: Int { Int(lept.pixGetDepth(pix)) }
    var resolution: Int { Int(lept.pixGetXRes(pix)) }

    func withPix<R>(_ body: (UnsafeMutablePointer<PIX>) throws -> R) rethrows -> R {
        try body(pix!)
    }

    /// Decodes one image (PNG, JPEG, TIFF page, ...) from memory; nil when leptonica cannot (or cannot be
    /// loaded: see `Leptonica.loadFailure`).
    static func decode(_ bytes: [UInt8]) -> PixImage? {
        guard let lept = try? LeptonicaFunctions.load() else { return nil }
        let pix = bytes.withUnsafeBufferPointer { lept.pixReadMem($0.baseAddress, $0.count) }
        return pix.map { PixImage(taking: $0, from: lept) }
    }

    /// Page `index` (from 0) of a TIFF in memory; nil past the last page or when unreadable.
    static func decodeTIFFPage(_ bytes: [UInt8], index: Int) -> PixImage? {
        guard let lept = try? LeptonicaFunctions.load() else { return nil }
        let pix = bytes.withUnsafeBufferPointer { lept.pixReadMemTiff($0.baseAddress, $0.count, Int32(index)) }
        return pix.map { PixImage(taking: $0, from: lept) }
    }

    /// An 8-bit grey image filled row by row from `fill(row, bytes)`, where `bytes` has `width` pixels.
    static func gray(width: Int, height: Int, resolution: Int,
                     fill: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void) -> PixImage? {
        guard let lept = try? LeptonicaFunctions.load(),
              let pix = lept.pixCreateNoInit(Int32(width), Int32(height), 8) else { return nil }
        _ = lept.pixSetResolution(pix, Int32(resolution), Int32(resolution))
        let wordsPerLine = Int(lept.pixGetWpl(pix))
        let data = UnsafeMutableRawPointer(lept.pixGetData(pix)!)
        let row = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: width)
        defer { row.deallocate() }
        for y in 0..<height {
            fill(y, row)
            // Leptonica keeps bytes big-endian inside each 32-bit word.
            let line = data.advanced(by: y * wordsPerLine * 4).assumingMemoryBound(to: UInt8.self)
            for x in 0..<width {
                line[x ^ 3] = row[x]
            }
        }
        return PixImage(taking: pix, from: lept)
    }
}

enum Leptonica {
    /// Why leptonica cannot be used, or nil when it can.
    static var loadFailure: String? {
        do throws(SharedLibraryError) {
            _ = try LeptonicaFunctions.load()
            return nil
        } catch {
            return error.message
        }
    }

    static var version: String {
        do throws(SharedLibraryError) {
            let lept = try LeptonicaFunctions.load()
            guard let text = lept.getLeptonicaVersion() else { return "unknown" }
            defer { lept.lept_free(text) }
            return String(cString: text)
        } catch {
            return "unavailable: \(error.message)"
        }
    }
}

/// leptonica's C functions, found when first needed (see `SharedLibrary`); named as in `allheaders.h`.
struct LeptonicaFunctions: @unchecked Sendable {
    let getLeptonicaVersion: getLeptonicaVersion_function
    let lept_free: lept_free_function
    let setMsgSeverity: setMsgSeverity_function
    let leptSetStderrHandler: leptSetStderrHandler_function
    let pixDestroy: pixDestroy_function
    let pixGetWidth: pixGetWidth_function
    let pixGetHeight: pixGetHeight_function
    let pixGetDepth: pixGetDepth_function
    let pixGetXRes: pixGetXRes_function
    let pixGetWpl: pixGetWpl_function
    let pixGetData: pixGetData_function
    let pixSetResolution: pixSetResolution_function
    let pixCreateNoInit: pixCreateNoInit_function
    let pixReadMem: pixReadMem_function
    let pixReadMemTiff: pixReadMemTiff_function

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        getLeptonicaVersion = try library.function("getLeptonicaVersion", as: getLeptonicaVersion_function.self)
        lept_free = try library.function("lept_free", as: lept_free_function.self)
        setMsgSeverity = try library.function("setMsgSeverity", as: setMsgSeverity_function.self)
        leptSetStderrHandler = try library.function("leptSetStderrHandler", as: leptSetStderrHandler_function.self)
        pixDestroy = try library.function("pixDestroy", as: pixDestroy_function.self)
        pixGetWidth = try library.function("pixGetWidth", as: pixGetWidth_function.self)
        pixGetHeight = try library.function("pixGetHeight", as: pixGetHeight_function.self)
        pixGetDepth = try library.function("pixGetDepth", as: pixGetDepth_function.self)
        pixGetXRes = try library.function("pixGetXRes", as: pixGetXRes_function.self)
        pixGetWpl = try library.function("pixGetWpl", as: pixGetWpl_function.self)
        pixGetData = try library.function("pixGetData", as: pixGetData_function.self)
        pixSetResolution = try library.function("pixSetResolution", as: pixSetResolution_function.self)
        pixCreateNoInit = try library.function("pixCreateNoInit", as: pixCreateNoInit_function.self)
        pixReadMem = try library.function("pixReadMem", as: pixReadMem_function.self)
        pixReadMemTiff = try library.function("pixReadMemTiff", as: pixReadMemTiff_function.self)
    }

    private static let loaded = Result { () throws(SharedLibraryError) in
        // Leptonica 1.83 renamed its library (Debian 12 has 1.82's liblept.so.5; newer distributions
        // libleptonica.so.6); the functions called are the same in both.
        let library = try SharedLibrary.open(["liblept.so.5", "libleptonica.so.6", "liblept.so", "libleptonica.so"])
        let functions = try LeptonicaFunctions(library)
        functions.silence(library)
        return functions
    }

    static func load() throws(SharedLibraryError) -> LeptonicaFunctions {
        try loaded.get()
    }

    /// Leptonica prints its own errors to stderr; ours are reported as typed errors instead.
    private func silence(_ library: SharedLibrary) {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        leptSetStderrHandler { _ in }
        // libtiff, under leptonica, prints warnings such as "amount too big" itself. Found through leptonica,
        // which loaded it; no header of it is needed for two setters.
        typealias SetHandler = @convention(c) (UnsafeRawPointer?) -> UnsafeRawPointer?
        for name in ["TIFFSetErrorHandler", "TIFFSetWarningHandler"] {
            if let setHandler = try? library.function(name, as: SetHandler.self) {
                _ = setHandler(nil)
            }
        }
    }
}
