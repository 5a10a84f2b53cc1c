import ArgumentParser
import TaastajaRestore

enum RestorerFactory {
    static func make(dictionary: String?, userLexicons: [String], minConfidence: Double) throws -> Restorer {
        do {
            var words = Set<String>()
            for path in userLexicons { words.formUnion(try DictionaryLocator.userWords(from: path)) }
            let lexicon = try Lexicon(path: try DictionaryLocator.locate(explicit: dictionary), userWords: words)
            var options = Restorer.Options()
            options.minConfidence = minConfidence
            return Restorer(lexicon: lexicon, options: options)
        } catch {
            Diagnostics.report(error)
            throw ExitStatus.dictionary.exitCode
        }
    }
}
