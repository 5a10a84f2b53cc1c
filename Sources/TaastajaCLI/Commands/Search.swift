import ArgumentParser
import Foundation
import TaastajaIngest

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Finds documents in the archive by words of their restored text and main fields.",
        discussion: """
            Every word must occur; diacritics are optional (oigused finds õigused). Prints one document per line: \
            path (with the appendix, "Lisa 2", for one of several in a file), title, unit and a snippet with the matches in [brackets]. Exit status: 0 found; 1 nothing \
            found; 78 the archive cannot be read.
            """)

    @Argument(help: "Words to look for.")
    var query: [String]

    @Option(help: "The SQLite archive.")
    var db = "taastaja.sqlite"

    @Option(help: "At most this many documents.")
    var limit = 20

    func validate() throws {
        guard !query.isEmpty else { throw ValidationError("give at least one word") }
    }

    func run() throws {
        let hits: [Archive.SearchHit]
        do {
            hits = try Archive(readingFrom: db).search(query.joined(separator: " "), limit: limit)
        } catch {
            Diagnostics.report(error)
            throw ExitStatus.output.exitCode
        }
        for hit in hits {
            let document = hit.partLabel.map { "\(hit.path) (\($0))" } ?? hit.path
            let line = [document, hit.title ?? "-", hit.unit ?? "-", hit.snippet.replacingOccurrences(of: "\n", with: " ")]
                .joined(separator: "\t")
            try Output.write(line + "\n")
        }
        if hits.isEmpty { throw ExitStatus.nothingFound.exitCode }
    }
}
