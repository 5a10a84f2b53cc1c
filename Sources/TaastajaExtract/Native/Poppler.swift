import CCairo
import CPoppler
import Foundation

/// Owns one `PopplerDocument`. Poppler documents are not safe for concurrent use,
/// so every call goes through `lock`; callers may share the document across threads.
final class PDFDocument: @unchecked Sendable {
    private let document: OpaquePointer
    private let lock = NSLock()

    enum OpenFailure: Error {
        case encrypted
        case damaged(String)
    }

    /// Opens the PDF at `path`. (poppler-glib 22.12 crashes in new_from_bytes and new_from_data when
    /// given a wrong password; new_from_file does not.)
    init(path: String, password: String?) throws(OpenFailure) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var error: UnsafeMutablePointer<GError>?
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            defer { g_error_free(error) }
            throw .damaged(error.map { String(cString: $0.pointee.message) } ?? "bad path")
        }
        defer { g_free(uri) }
        let opened = poppler_document_new_from_file(uri, password, &error)
        guard let opened else {
            defer { g_error_free(error) }
            if let error, error.pointee.domain == poppler_error_quark(),
               error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw .encrypted
            }
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            throw .damaged(message)
        }
        document = opened
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    var pageCount: Int {
        lock.withLock { Int(poppler_document_get_n_pages(pointer)) }
    }

    private var pointer: OpaquePointer { document }

    private func withPage<R>(_ index: Int, _ body: (OpaquePointer) -> R) -> R? {
        lock.withLock { () -> R? in
            guard let page = poppler_document_get_page(pointer, Int32(index)) else { return nil }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            return body(page)
        }
    }

    /// The page's text layer as characters with their boxes (points, origin top left).
    func characters(page index: Int) -> [PositionedCharacter]? {
        withPage(index) { page in
            guard let text = poppler_page_get_text(page) else { return [] }
            defer { g_free(text) }
            var rectangles: UnsafeMutablePointer<PopplerRectangle>?
            var count: guint = 0
            let hasLayout = poppler_page_get_text_layout(page, &rectangles, &count) != 0
            defer { g_free(rectangles) }
            let scalars = Array(String(cString: text).unicodeScalars)
            var result: [PositionedCharacter] = []
            result.reserveCapacity(scalars.count)
            for (i, scalar) in scalars.enumerated() {
                var box: Box?
                if hasLayout, let rectangles, i < Int(count) {
                    let r = rectangles[i]
                    box = Box(x: Int(r.x1.rounded()), y: Int(r.y1.rounded()),
                              width: Int((r.x2 - r.x1).rounded()), height: Int((r.y2 - r.y1).rounded()))
                }
                result.append(PositionedCharacter(scalar: scalar, box: box))
            }
            return result
        }
    }

    /// Whether the page draws any raster image (a scan does; a blank page does not).
    func hasImages(page index: Int) -> Bool {
        withPage(index) { page in
            guard let mapping = poppler_page_get_image_mapping(page) else { return false }
            poppler_page_free_image_mapping(mapping)
            return true
        } ?? false
    }

    /// Renders the page as an 8-bit grey image at `dpi`.
    func render(page index: Int, dpi: Int) -> PixImage? {
        withPage(index) { page -> PixImage? in
            var widthPoints = 0.0, heightPoints = 0.0
            poppler_page_get_size(page, &widthPoints, &heightPoints)
            let scale = Double(dpi) / 72
            let width = Int((widthPoints * scale).rounded(.up))
            let height = Int((heightPoints * scale).rounded(.up))
            guard width > 0, height > 0, width * height < 400_000_000 else { return nil }
            return CairoCanvas.draw(width: width, height: height) { context in
                cairo_scale(context, scale, scale)
                poppler_page_render_for_printing(page, context)
            }.flatMap { $0.grayImage(resolution: dpi) }
        } ?? nil
    }

    static var version: String {
        String(cString: poppler_get_version())
    }
}

struct PositionedCharacter {
    var scalar: Unicode.Scalar
    var box: Box?
}

/// A white RGB24 cairo surface drawn on once and read back as grey pixels.
final class CairoCanvas {
    private let surface: OpaquePointer
    let width: Int
    let height: Int

    private init(surface: OpaquePointer, width: Int, height: Int) {
        self.surface = surface
        self.width = width
        self.height = height
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    static func draw(width: Int, height: Int, _ body: (OpaquePointer) -> Void) -> CairoCanvas? {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            return nil
        }
        let canvas = CairoCanvas(surface: surface, width: width, height: height)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            return nil
        }
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        body(context)
        cairo_surface_flush(surface)
        guard cairo_status(context) == CAIRO_STATUS_SUCCESS else { return nil }
        return canvas
    }

    func grayImage(resolution: Int) -> PixImage? {
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        return PixImage.gray(width: width, height: height, resolution: resolution) { y, row in
            let line = UnsafeRawPointer(data).advanced(by: y * stride)
            for x in 0..<width {
                let pixel = line.load(fromByteOffset: x * 4, as: UInt32.self)
                let red = (pixel >> 16) & 0xFF, green = (pixel >> 8) & 0xFF, blue = pixel & 0xFF
                row[x] = UInt8((red * 77 + green * 150 + blue * 29) >> 8)
            }
        }
    }
}
