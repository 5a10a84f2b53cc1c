import CLeptonica
#if canImport(Glibc)
import Glibc
#endif

/// Owns one leptonica `PIX`. The raw pointer is reachable only through `withPix`.
final class PixImage {
    private var pix: UnsafeMutablePointer<PIX>?

    private init(taking pix: UnsafeMutablePointer<PIX>) {
        self.pix = pix
    }

    deinit {
        pixDestroy(&pix)
    }

    var width: Int { Int(pixGetWidth(pix)) }
    var height: Int { Int(pixGetHeight(pix)) }
    var depth: Int { Int(pixGetDepth(pix)) }
    var resolution: Int { Int(pixGetXRes(pix)) }

    func withPix<R>(_ body: (UnsafeMutablePointer<PIX>) throws -> R) rethrows -> R {
        try body(pix!)
    }

    /// Decodes one image (PNG, JPEG, TIFF page, ...) from memory; nil when leptonica cannot.
    static func decode(_ bytes: [UInt8]) -> PixImage? {
        Leptonica.silence()
        let pix = bytes.withUnsafeBufferPointer { pixReadMem($0.baseAddress, $0.count) }
        return pix.map(PixImage.init(taking:))
    }

    /// Page `index` (from 0) of a TIFF in memory; nil past the last page or when unreadable.
    static func decodeTIFFPage(_ bytes: [UInt8], index: Int) -> PixImage? {
        Leptonica.silence()
        let pix = bytes.withUnsafeBufferPointer { pixReadMemTiff($0.baseAddress, $0.count, Int32(index)) }
        return pix.map(PixImage.init(taking:))
    }

    /// Number of pages of a TIFF in memory, walking its directories without decoding pixels.
    static func tiffPageCount(_ bytes: [UInt8]) -> Int {
        Leptonica.silence()
        var count = 0
        var offset = 0
        bytes.withUnsafeBufferPointer { buffer in
            repeat {
                guard let pix = pixReadMemFromMultipageTiff(buffer.baseAddress, buffer.count, &offset) else { break }
                var owned: UnsafeMutablePointer<PIX>? = pix
                pixDestroy(&owned)
                count += 1
            } while offset != 0
        }
        return count
    }

    /// An 8-bit grey image filled row by row from `fill(row, bytes)`, where `bytes` has `width` pixels.
    static func gray(width: Int, height: Int, resolution: Int,
                     fill: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void) -> PixImage? {
        guard let pix = pixCreateNoInit(Int32(width), Int32(height), 8) else { return nil }
        pixSetResolution(pix, Int32(resolution), Int32(resolution))
        let wordsPerLine = Int(pixGetWpl(pix))
        let data = UnsafeMutableRawPointer(pixGetData(pix)!)
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
        return PixImage(taking: pix)
    }
}

enum Leptonica {
    /// Leptonica prints its own errors to stderr; ours are reported as typed errors instead.
    static func silence() {
        _ = silenced
    }

    private static let silenced: Void = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        leptSetStderrHandler { _ in }
        // libtiff, under leptonica, prints warnings such as "amount too big" itself. Found at run time
        // because the binary does not link libtiff directly.
        typealias SetHandler = @convention(c) (UnsafeRawPointer?) -> UnsafeRawPointer?
        for name in ["TIFFSetErrorHandler", "TIFFSetWarningHandler"] {
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) {
                _ = unsafeBitCast(symbol, to: SetHandler.self)(nil)
            }
        }
    }()

    static var version: String {
        guard let text = getLeptonicaVersion() else { return "unknown" }
        defer { lept_free(text) }
        return String(cString: text)
    }
}
