import CCairo
import CPoppler
import Foundation

/// Owns one `PopplerDocument`. Poppler documents are not safe for concurrent use,
/// so every call goes through `lock`; callers may share the document across threads.
final class PDFDocument: @unchecked Sendable {
    private let poppler: PopplerFunctions
    private let cairo: CairoFunctions
    private let document: OpaquePointer
    private let lock = NSLock()

    enum OpenFailure: Error {
        case encrypted
        case damaged(String)
        /// poppler-glib or cairo cannot be loaded.
        case unavailable(String)
    }

    /// Opens the PDF at `path`. (poppler-glib 22.12 crashes in new_from_bytes and new_from_data when
    /// given a wrong password; new_from_file does not.)
    init(path: String, password: String?) throws(OpenFailure) {
        let poppler: PopplerFunctions, cairo: CairoFunctions
        do {
            poppler = try PopplerFunctions.load()
            cairo = try CairoFunctions.load()
        } catch {
            throw .unavailable(error.message)
        }
        // The name's bytes as they are (see FilePath): glib escapes any byte in the URI.
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard getcwd(&buffer, buffer.count) != nil else {
                throw .damaged("the current folder cannot be read (\(String(cString: strerror(errno))))")
            }
            let folder = FilePath.string(fromBytes: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
            absolute = folder + "/" + path
        }
        var error: UnsafeMutablePointer<GError>?
        let converted = FilePath.withCString(absolute) { poppler.g_filename_to_uri($0, nil, &error) }
        guard let uri = converted else {
            defer { poppler.g_error_free(error) }
            throw .damaged(error.map { String(cString: $0.pointee.message) } ?? "bad path")
        }
        defer { poppler.g_free(uri) }
        let opened = poppler.poppler_document_new_from_file(uri, password, &error)
        guard let opened else {
            defer { poppler.g_error_free(error) }
            if let error, error.pointee.domain == poppler.poppler_error_quark(),
               error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw .encrypted
            }
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            throw .damaged(message)
        }
        self.poppler = poppler
        self.cairo = cairo
        document = opened
    }

    deinit {
        poppler.g_object_unref(UnsafeMutableRawPointer(document))
    }

    var pageCount: Int {
        lock.withLock { Int(poppler.poppler_document_get_n_pages(pointer)) }
    }

    private var pointer: OpaquePointer { document }

    private func withPage<R>(_ index: Int, _ body: (OpaquePointer) -> R) -> R? {
        lock.withLock { () -> R? in
            guard let page = poppler.poppler_document_get_page(pointer, Int32(index)) else { return nil }
            defer { poppler.g_object_unref(UnsafeMutableRawPointer(page)) }
            return body(page)
        }
    }

    /// The page's text layer as characters with their boxes (points, origin top left).
    func characters(page index: Int) -> [PositionedCharacter]? {
        withPage(index) { page in
            guard let text = poppler.poppler_page_get_text(page) else { return [] }
            defer { poppler.g_free(text) }
            var rectangles: UnsafeMutablePointer<PopplerRectangle>?
            var count: UInt32 = 0
            let hasLayout = poppler.poppler_page_get_text_layout(page, &rectangles, &count) != 0
            defer { poppler.g_free(rectangles) }
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
            guard let mapping = poppler.poppler_page_get_image_mapping(page) else { return false }
            poppler.poppler_page_free_image_mapping(mapping)
            return true
        } ?? false
    }

    /// Renders the page as an 8-bit grey image at `dpi`.
    /// A page larger than `maximumPixels` at `dpi` (a plan in A0, or a page that claims to be kilometres wide) is
    /// rendered at the resolution that fits, decided from its size before anything is drawn.
    func render(page index: Int, dpi: Int, maximumPixels: Double) -> PixImage? {
        withPage(index) { page -> PixImage? in
            var widthPoints = 0.0, heightPoints = 0.0
            poppler.poppler_page_get_size(page, &widthPoints, &heightPoints)
            guard widthPoints.isFinite, heightPoints.isFinite, widthPoints > 0, heightPoints > 0 else { return nil }
            var resolution = Double(dpi)
            let pixels = widthPoints * heightPoints * (resolution / 72) * (resolution / 72)
            if pixels > maximumPixels { resolution *= (maximumPixels / pixels).squareRoot() }
            let scale = resolution / 72
            let width = Int((widthPoints * scale).rounded(.up))
            let height = Int((heightPoints * scale).rounded(.up))
            guard width > 0, height > 0, width <= 32_767, height <= 32_767 else { return nil }  // cairo's limit
            return CairoCanvas.draw(with: cairo, width: width, height: height) { context in
                cairo.cairo_scale(context, scale, scale)
                poppler.poppler_page_render_for_printing(page, context)
            }.flatMap { $0.grayImage(resolution: max(1, Int(resolution.rounded()))) }
        } ?? nil
    }

    /// The library's version, or why it cannot be loaded.
    static var version: String {
        do throws(SharedLibraryError) {
            return try PopplerFunctions.load().poppler_get_version().map { String(cString: $0) } ?? "unknown"
        } catch {
            return "unavailable: \(error.message)"
        }
    }
}

struct PositionedCharacter {
    var scalar: Unicode.Scalar
    var box: Box?
}

/// A white RGB24 cairo surface drawn on once and read back as grey pixels.
final class CairoCanvas {
    private let cairo: CairoFunctions
    private let surface: OpaquePointer
    let width: Int
    let height: Int

    private init(cairo: CairoFunctions, surface: OpaquePointer, width: Int, height: Int) {
        self.cairo = cairo
        self.surface = surface
        self.width = width
        self.height = height
    }

    deinit {
        cairo.cairo_surface_destroy(surface)
    }

    static func draw(with cairo: CairoFunctions, width: Int, height: Int, _ body: (OpaquePointer) -> Void)
        -> CairoCanvas? {
        guard let surface = cairo.cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            return nil
        }
        let canvas = CairoCanvas(cairo: cairo, surface: surface, width: width, height: height)
        guard cairo.cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo.cairo_create(surface) else {
            return nil
        }
        defer { cairo.cairo_destroy(context) }
        cairo.cairo_set_source_rgb(context, 1, 1, 1)
        cairo.cairo_paint(context)
        body(context)
        cairo.cairo_surface_flush(surface)
        guard cairo.cairo_status(context) == CAIRO_STATUS_SUCCESS else { return nil }
        return canvas
    }

    func grayImage(resolution: Int) -> PixImage? {
        guard let data = cairo.cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo.cairo_image_surface_get_stride(surface))
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

/// poppler-glib's C functions and the glib ones it needs, found when first needed (see `SharedLibrary`); named as in `poppler.h` and glib's headers.
struct PopplerFunctions: @unchecked Sendable {
    let poppler_get_version: poppler_get_version_function
    let poppler_error_quark: poppler_error_quark_function
    let poppler_document_new_from_file: poppler_document_new_from_file_function
    let poppler_document_get_n_pages: poppler_document_get_n_pages_function
    let poppler_document_get_page: poppler_document_get_page_function
    let poppler_page_get_text: poppler_page_get_text_function
    let poppler_page_get_text_layout: poppler_page_get_text_layout_function
    let poppler_page_get_image_mapping: poppler_page_get_image_mapping_function
    let poppler_page_free_image_mapping: poppler_page_free_image_mapping_function
    let poppler_page_get_size: poppler_page_get_size_function
    let poppler_page_render_for_printing: poppler_page_render_for_printing_function
    let g_filename_to_uri: g_filename_to_uri_function
    let g_free: g_free_function
    let g_error_free: g_error_free_function
    let g_object_unref: g_object_unref_function

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        poppler_get_version = try library.function("poppler_get_version", as: poppler_get_version_function.self)
        poppler_error_quark = try library.function("poppler_error_quark", as: poppler_error_quark_function.self)
        poppler_document_new_from_file = try library.function("poppler_document_new_from_file", as: poppler_document_new_from_file_function.self)
        poppler_document_get_n_pages = try library.function("poppler_document_get_n_pages", as: poppler_document_get_n_pages_function.self)
        poppler_document_get_page = try library.function("poppler_document_get_page", as: poppler_document_get_page_function.self)
        poppler_page_get_text = try library.function("poppler_page_get_text", as: poppler_page_get_text_function.self)
        poppler_page_get_text_layout = try library.function("poppler_page_get_text_layout", as: poppler_page_get_text_layout_function.self)
        poppler_page_get_image_mapping = try library.function("poppler_page_get_image_mapping", as: poppler_page_get_image_mapping_function.self)
        poppler_page_free_image_mapping = try library.function("poppler_page_free_image_mapping", as: poppler_page_free_image_mapping_function.self)
        poppler_page_get_size = try library.function("poppler_page_get_size", as: poppler_page_get_size_function.self)
        poppler_page_render_for_printing = try library.function("poppler_page_render_for_printing", as: poppler_page_render_for_printing_function.self)
        g_filename_to_uri = try library.function("g_filename_to_uri", as: g_filename_to_uri_function.self)
        g_free = try library.function("g_free", as: g_free_function.self)
        g_error_free = try library.function("g_error_free", as: g_error_free_function.self)
        g_object_unref = try library.function("g_object_unref", as: g_object_unref_function.self)
    }

    private static let loaded = Result { () throws(SharedLibraryError) in
        try PopplerFunctions(SharedLibrary.open(["libpoppler-glib.so.8", "libpoppler-glib.so"]))
    }

    static func load() throws(SharedLibraryError) -> PopplerFunctions {
        try loaded.get()
    }
}

/// cairo's C functions, found when first needed (see `SharedLibrary`); named as in `cairo.h`.
struct CairoFunctions: @unchecked Sendable {
    let cairo_image_surface_create: cairo_image_surface_create_function
    let cairo_image_surface_get_data: cairo_image_surface_get_data_function
    let cairo_image_surface_get_stride: cairo_image_surface_get_stride_function
    let cairo_surface_status: cairo_surface_status_function
    let cairo_surface_flush: cairo_surface_flush_function
    let cairo_surface_destroy: cairo_surface_destroy_function
    let cairo_create: cairo_create_function
    let cairo_destroy: cairo_destroy_function
    let cairo_status: cairo_status_function
    let cairo_set_source_rgb: cairo_set_source_rgb_function
    let cairo_scale: cairo_scale_function
    let cairo_paint: cairo_paint_function

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        cairo_image_surface_create = try library.function("cairo_image_surface_create", as: cairo_image_surface_create_function.self)
        cairo_image_surface_get_data = try library.function("cairo_image_surface_get_data", as: cairo_image_surface_get_data_function.self)
        cairo_image_surface_get_stride = try library.function("cairo_image_surface_get_stride", as: cairo_image_surface_get_stride_function.self)
        cairo_surface_status = try library.function("cairo_surface_status", as: cairo_surface_status_function.self)
        cairo_surface_flush = try library.function("cairo_surface_flush", as: cairo_surface_flush_function.self)
        cairo_surface_destroy = try library.function("cairo_surface_destroy", as: cairo_surface_destroy_function.self)
        cairo_create = try library.function("cairo_create", as: cairo_create_function.self)
        cairo_destroy = try library.function("cairo_destroy", as: cairo_destroy_function.self)
        cairo_status = try library.function("cairo_status", as: cairo_status_function.self)
        cairo_set_source_rgb = try library.function("cairo_set_source_rgb", as: cairo_set_source_rgb_function.self)
        cairo_scale = try library.function("cairo_scale", as: cairo_scale_function.self)
        cairo_paint = try library.function("cairo_paint", as: cairo_paint_function.self)
    }

    private static let loaded = Result { () throws(SharedLibraryError) in
        try CairoFunctions(SharedLibrary.open(["libcairo.so.2", "libcairo.so"]))
    }

    static func load() throws(SharedLibraryError) -> CairoFunctions {
        try loaded.get()
    }
}
