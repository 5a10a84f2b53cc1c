import ArgumentParser
import Dispatch
import Foundation
import TaastajaExtract
import TaastajaIngest
import TaastajaRestore
import TaastajaSegment

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Reads one job description (PDF, image, text or OCR-mangled text) and prints its JSON record.",
        discussion: """
            Runs extract → restore → segment and prints one record per job description, valid against \
            record.schema.json, one JSON object per line: a file with one job description prints one line, a cover \
            order with appendices (Lisa 1, Lisa 2 …) one per appendix, each with source.part set. \
            Exit status: 0 done; 64 usage error; 65 empty or blank input; 74 dictionary missing or unreadable; \
            75 not a job description; 78 standard output cannot be written; \
            extraction failures as for `extract` (65–73).
            """)

    @Argument(help: "Input file; - for standard input.")
    var file: String

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Flag(help: "Segment the extracted text as it is, without restoring diacritics and OCR misreadings.")
    var noRestore = false

    @Flag(help: "Print the time each stage took to standard error.")
    var timings = false

    @Option(help: ArgumentHelp("Segment the restored text this many more times and report the mean (benchmarks).",
                               visibility: .hidden))
    var repeatSegment = 0

    @Option(help: "Tesseract language(s) for pages that need OCR.")
    var lang = "est"

    @Option(help: "Resolution for rendering PDF pages that need OCR.")
    var dpi = 300

    @Option(help: "Password of an encrypted PDF.")
    var password: String?

    @Option(help: "Refuse images above this many million pixels, from their headers, before decoding them (memory).")
    var maxMegapixels: Double = Extractor.defaultMaxMegapixels

    @OptionGroup var words: DictionaryOptions

    @Flag(help: "Pass the C libraries' own messages (libpng, libtiff, tesseract …) on to standard error, marked 'taastaja: library:'.")
    var verbose = false

    func validate() throws {
        guard maxMegapixels > 0 else { throw ValidationError("--max-megapixels must be positive") }
        guard (72...1200).contains(dpi) else { throw ValidationError("--dpi must be between 72 and 1200") }
    }

    func run() throws {
        if verbose { LibraryOutput.setVerbose(true) }
        var options = Extractor.Options()
        options.languages = lang
        options.dpi = dpi
        options.password = password
        options.maxMegapixels = maxMegapixels
        let restorer = noRestore ? nil : try RestorerFactory.make(dictionary: words.dictionary, userLexicons: words.lexicon,
                                                                   minConfidence: 0)
        let pipeline = DocumentPipeline(extractor: Extractor(options: options), restorer: restorer,
                                        segmenter: Segmenter(association: restorer?.lexicon))
        let output: DocumentPipeline.Output
        do {
            if file == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                output = try pipeline.run(bytes: [UInt8](data), name: "<stdin>")
            } else {
                output = try pipeline.run(path: file)
            }
        } catch {
            Diagnostics.report(error)
            throw ExitStatus(code: error.exitCode).exitCode
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        // One line per job description, written together: a failed write leaves no record cut in two.
        try Output.write(try output.records.reduce(into: Data()) { $0 += try encoder.encode($1) + Data("\n".utf8) })
        if timings {
            var time = output.timings
            if repeatSegment > 0 {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<repeatSegment { _ = try? pipeline.segmenter.segments(output.text) }
                time.segment = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(repeatSegment)
            }
            StandardError.write(String(format: "timings: extract %.3f ms, restore %.3f ms, segment %.3f ms\n",
                                       time.extract * 1000, time.restore * 1000, time.segment * 1000))
        }
    }
}
