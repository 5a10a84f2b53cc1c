import ArgumentParser
import TaastajaExtract

struct Taastaja: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taastaja",
        abstract: "Restores Estonian job descriptions (ametijuhend) from PDFs, scans and OCR-mangled text.",
        // The C libraries' versions load them (see SharedLibrary), which a run that is not asked for them skips.
        version: CommandLine.arguments.contains("--version") ? TaastajaVersion.description : TaastajaVersion.number,
        subcommands: [Extract.self, Restore.self, Parse.self, Ingest.self, Search.self, Eval.self])
}
