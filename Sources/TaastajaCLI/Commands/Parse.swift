import ArgumentParser
import Foundation
import TaastajaExtract
import TaastajaIngest
import TaastajaRestore
import TaastajaSegment

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reads one job description (PDF, image, text or OCR-mangled text) and prints its JSON record.",
        discussion: """
            Runs extract → restore → segment and prints one record valid against record.schema.json. \
            Exit status: 0 done; 64 usage error; 74 dictionary missing or unreadable; 75 not a job description; \
            extraction failures as for `extract` (65–73).
            """)

    @Argument(help: "Input file; - for standard input.")
    var file: String

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Flag(help: "Segment the extracted text as it is, without restoring diacritics and OCR misreadings.")
    var noRestore = false

    @Option(help: "Tesseract language(s) for pages that need OCR.")
    var lang = "est"

    @Option(help: "Resolution for rendering PDF pages that need OCR.")
    var dpi = 300

    @Option(help: "Password of an encrypted PDF.")
    var password: String?

    @Option(help: "A word list (one word per line) to accept as correct. Repeatable.")
    var lexicon: [String] = []

    @Option(help: "The dictionary file (default: found next to the binary or in the source tree).")
    var dictionary: String?

    func validate() throws {
        guard (72...1200).contains(dpi) else { throw ValidationError("--dpi must be between 72 and 1200") }
    }

    func run() throws {
        var options = Extractor.Options()
        options.languages = lang
        options.dpi = dpi
        options.password = password
        let restorer = noRestore ? nil : try RestorerFactory.make(dictionary: dictionary, userLexicons: lexicon,
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
            throw ExitCode(error.exitCode)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(output.record) + Data("\n".utf8))
    }
}
