import ArgumentParser
import Foundation
import TaastajaRestore

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measures a candidate text against its reference: word accuracy, diacritics, character error rate.",
        discussion: """
            Word accuracy is given aligned (1 − word edit distance / reference words) and as a bag of words \
            (reference words found in the candidate, in any order), each case-sensitive and case-folded. \
            Diacritic-word accuracy is the bag-of-words accuracy over reference words with õ ä ö ü š ž. \
            Both files may be any input `extract` reads.
            """)

    @Argument(help: "The correct text.")
    var reference: String

    @Argument(help: "The text to measure.")
    var candidate: String

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Option(help: "Also list the N commonest remaining word errors.")
    var show = 0

    func validate() throws {
        guard show >= 0 else { throw ValidationError("--show must not be negative") }
    }

    func run() throws {
        let result = Evaluator.evaluate(reference: try InputText.read(reference), candidate: try InputText.read(candidate),
                                        showErrors: show)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try Output.write(try encoder.encode(result) + Data("\n".utf8))
            return
        }
        func percent(_ value: Double) -> String { String(format: "%6.2f%%", value * 100) }
        var lines = [
            "reference words            \(result.referenceWords)",
            "candidate words            \(result.candidateWords)",
            "word accuracy (aligned)    \(percent(result.alignedWordAccuracy))   case-folded \(percent(result.alignedWordAccuracyCaseFolded))",
            "word accuracy (bag)        \(percent(result.bagOfWordsAccuracy))   case-folded \(percent(result.bagOfWordsAccuracyCaseFolded))",
            "diacritic-word accuracy    \(percent(result.diacriticWordAccuracy))   (\(result.diacriticWords) words)",
            "character error rate       \(percent(result.characterErrorRate))",
        ]
        if !result.commonestErrors.isEmpty {
            lines.append("commonest errors (expected → found):")
            for error in result.commonestErrors {
                lines.append(String(format: "%5d  ", error.count) + "\(error.expected.isEmpty ? "∅" : error.expected) → \(error.found.isEmpty ? "∅" : error.found)")
            }
        }
        try Output.write(lines.joined(separator: "\n") + "\n")
    }
}
