import ArgumentParser
import TaastajaExtract

struct Taastaja: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taastaja",
        abstract: "Restores Estonian job descriptions (ametijuhend) from PDFs, scans and OCR-mangled text.",
        version: TaastajaVersion.description,
        subcommands: [Extract.self, Restore.self, Parse.self, Ingest.self, Search.self, Eval.self])
}
