import Foundation

/// Finds `estonian.lex` wherever taastaja runs from.
public enum DictionaryLocator {
    public static let fileName = "estonian.lex"
    public static let environmentVariable = "TAASTAJA_DICTIONARY"
    public static let cacheEnvironmentVariable = "TAASTAJA_CACHE_DIR"

    /// Where the dictionary's derived tables are cached: `$TAASTAJA_CACHE_DIR` (empty: no cache),
    /// else `$XDG_CACHE_HOME/taastaja`, else `~/.cache/taastaja`.
    public static func cacheDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment[cacheEnvironmentVariable] { return explicit.isEmpty ? nil : explicit }
        if let cacheHome = environment["XDG_CACHE_HOME"], cacheHome.hasPrefix("/") { return cacheHome + "/taastaja" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.cache/taastaja"
    }

    /// In order: `explicit`, `$TAASTAJA_DICTIONARY`, `<binary>/../share/taastaja/`, next to the binary,
    /// and the `dictionaries/` folder of the source tree the binary was built from.
    public static func candidates(explicit: String? = nil) -> [String] {
        var paths: [String] = []
        if let explicit { paths.append(explicit) }
        if let fromEnvironment = ProcessInfo.processInfo.environment[environmentVariable] { paths.append(fromEnvironment) }
        let binary = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        paths.append(binary.appendingPathComponent("../share/taastaja/\(fileName)").standardizedFileURL.path)
        paths.append(binary.appendingPathComponent(fileName).path)
        let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        paths.append(sourceTree.appendingPathComponent("dictionaries/\(fileName)").path)
        return paths
    }

    public static func locate(explicit: String? = nil) throws(RestorationError) -> String {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw RestorationError("dictionary not found", file: explicit)
            }
            return explicit
        }
        let paths = candidates()
        guard let found = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw RestorationError("dictionary not found (looked in \(paths.joined(separator: ", ")))", file: fileName)
        }
        return found
    }

    /// A user word list: one word per line, `#` starts a comment.
    public static func userWords(from path: String) throws(RestorationError) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RestorationError("user lexicon not found or unreadable", file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RestorationError("user lexicon is not UTF-8", file: path)
        }
        var words = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            for word in entry.split(whereSeparator: \.isWhitespace) { words.insert(String(word)) }
        }
        return words
    }
}
