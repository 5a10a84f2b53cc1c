import ArgumentParser

/// Where restoration's words come from: shared by `restore` and `parse`.
struct DictionaryOptions: ParsableArguments {
    @Option(help: "A word list (one word per line) to accept as correct: names, domain terms. Repeatable.")
    var lexicon: [String] = []

    @Option(help: "The dictionary file (default: found next to the binary or in the source tree). Its derived tables are cached in $TAASTAJA_CACHE_DIR, else ~/.cache/taastaja (empty: no cache).")
    var dictionary: String?
}
