import ArgumentParser
import Foundation
import Logging
import TaastajaExtract

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Turns PDFs, page images and text files into text, one page after another.",
        discussion: """
            Input types are sniffed from the bytes. PDF pages with a real text layer are read directly; \
            others are rendered and read by tesseract. Plain output separates pages with a form feed; \
            --json writes one JSON object per page per line.

            Exit status: 0 all pages extracted; 64 bad --pages selection; 65 empty file; 66 unreadable file; \
            67 unsupported type; 68 corrupt document; 69 encrypted PDF (no or wrong --password); 70 no pages; \
            71 undecodable text; 72 OCR language not installed; 73 some pages failed or timed out \
            (the others are still printed); 78 standard output cannot be written. With several files, the first \
            failing file's status.
            """)

    @Argument(help: "Files to extract (PDF, PNG, JPEG, TIFF or text).")
    var files: [String]

    @Option(help: "Tesseract language(s), e.g. est or est+eng.")
    var lang = "est"

    @Option(help: "Resolution for rendering PDF pages that need OCR.")
    var dpi = 300

    @Option(help: ArgumentHelp("Pages to extract, e.g. 1-3,7.", valueName: "ranges"))
    var pages: PageSelection?

    @Option(help: "Password of an encrypted PDF.")
    var password: String?

    @Option(help: "Seconds one page may spend in OCR before it is reported as timed out.")
    var pageTimeout: Double = 120

    @Option(help: "Pages processed at once (default: number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Refuse images above this many million pixels, from their headers, before decoding them (memory).")
    var maxMegapixels: Double = Extractor.defaultMaxMegapixels

    @Flag(help: "One JSON object per page (number, method, ocrLanguages, meanConfidence, lines with boxes and words).")
    var json = false

    @Flag(help: "Pass the C libraries' own messages (libpng, libtiff, tesseract …) on to standard error, marked 'taastaja: library:'.")
    var verbose = false

    func validate() throws {
        guard maxMegapixels > 0 else { throw ValidationError("--max-megapixels must be positive") }
        guard (50...1200).contains(dpi) else { throw ValidationError("--dpi must be between 50 and 1200") }
        guard pageTimeout > 0 else { throw ValidationError("--page-timeout must be positive") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        if verbose { LibraryOutput.setVerbose(true) }
        var options = Extractor.Options()
        options.languages = lang
        options.dpi = dpi
        options.pages = pages?.numbers
        options.password = password
        options.pageTimeout = pageTimeout
        options.jobs = jobs
        options.maxMegapixels = maxMegapixels
        let extractor = Extractor(options: options)
        let output = PageWriter(json: json)
        var status = ExitStatus.success
        for file in files {
            let document: Document
            do {
                document = try extractor.extract(path: file)
            } catch {
                Diagnostics.report(error)
                if status == .success { status = ExitStatus(error.kind) }
                continue
            }
            // Output that cannot be written ends the command here (status 78).
            for error in document.pageErrors + (try output.write(document)) {
                Diagnostics.report(error)
                if status == .success { status = ExitStatus(error.kind) }
            }
        }
        if status != .success { throw status.exitCode }
    }
}
