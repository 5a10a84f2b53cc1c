import ArgumentParser
import Foundation
import TaastajaExtract
import TaastajaRestore

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restores Estonian diacritics and OCR misreadings in text; prints the restored text.",
        discussion: """
            Reads a text file (or standard input with - or no file); any file `extract` reads also works \
            (it is extracted first). Line layout, numbers, codes, names and words that are already Estonian are \
            kept. Exit status: 0 done; 64 usage error; 74 dictionary or user lexicon missing or unreadable; \
            78 standard output cannot be written; extraction failures as for `extract`.
            """)

    @Argument(help: "Input file; - or nothing for standard input.")
    var file: String?

    @Flag(help: "Print word-level changes instead of the text (coloured on a terminal).")
    var diff = false

    @Flag(help: "Print one JSON object per changed or uncertain word: original, restored, confidence, offset, length.")
    var json = false

    @Option(help: "Leave a word unchanged when the restoration's confidence is below this (0–1).")
    var minConfidence: Double = 0

    @OptionGroup var words: DictionaryOptions

    @Flag(help: "Pass the C libraries' own messages (libpng, libtiff, tesseract …) on to standard error, marked 'taastaja: library:'.")
    var verbose = false

    func validate() throws {
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be between 0 and 1") }
        guard !(diff && json) else { throw ValidationError("--diff and --json cannot be combined") }
    }

    func run() throws {
        if verbose { LibraryOutput.setVerbose(true) }
        let document = try InputText.document(file)
        let restorer = try RestorerFactory.make(dictionary: words.dictionary, userLexicons: words.lexicon,
                                                minConfidence: minConfidence)
        let restoration = restorer.restore(document)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for change in restoration.changes {
                try Output.write(try encoder.encode(change) + Data("\n".utf8))
            }
        } else if diff {
            let colour = isatty(STDOUT_FILENO) != 0
            for change in restoration.changes {
                let restored = colour ? "\u{1B}[32m\(change.restored)\u{1B}[0m" : change.restored
                let original = colour ? "\u{1B}[31m\(change.original)\u{1B}[0m" : change.original
                let note = change.uncertain ? " (uncertain)" : String(format: " (%.2f)", change.confidence)
                try Output.write("\(change.offset)\t\(original) → \(restored)\(note)\n")
            }
        } else {
            try Output.write(restoration.text)
        }
    }
}
