import ArgumentParser
import Foundation
import TaastajaExtract
import TaastajaIngest
import TaastajaSegment

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Runs the whole pipeline over files and folders into an SQLite archive and/or JSON Lines.",
        discussion: """
            Walks folders recursively, sniffs each file's type from its bytes, runs extract → restore → segment \
            per file and writes each result as soon as it is done: by default into the SQLite archive \
            (taastaja.sqlite, WAL mode, one transaction per document, FTS5 search), with --jsonl into JSON Lines \
            (- for standard output; --jsonl alone writes no archive unless --db is given too). A re-run skips \
            documents whose content hash and pipeline version are stored (--force redoes them); a run killed at \
            any moment and re-run processes every file exactly once. Failed files are recorded with their reason \
            and the batch goes on. Exit status: 0 every file succeeded (or was already done); 64 usage error; \
            74 dictionary missing; 76 some files failed; 77 no file could be processed; 78 the archive or an output \
            (--jsonl, --text-dir, standard output) cannot be written; 130 stopped by SIGINT/SIGTERM after finishing \
            the documents in flight (a second one quits at once).
            """)

    @Argument(help: "Files and folders (walked recursively).")
    var paths: [String] = []

    @Option(help: "The SQLite archive (default: taastaja.sqlite, unless only --jsonl is given).")
    var db: String?

    @Option(help: "Also write one record per line to this file; - for standard output.")
    var jsonl: String?

    @Option(help: "Write each document's restored text into this folder.")
    var textDir: String?

    @Option(help: "Documents processed at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Redo documents the archive already holds.")
    var force = false

    @Flag(help: "Read the paths to process from standard input, one per line (after any given as arguments).")
    var stdin = false

    @Option(help: "Take only the files whose content hash falls in shard K (from 0) of N, e.g. 0/4.")
    var shard: String?

    @Flag(help: "Exit 0 when some files failed (they are still reported): for filters under Spark or Hadoop.")
    var allowFailures = false

    @Flag(help: "No progress line and no summary on standard error (failures are still reported).")
    var quiet = false

    @Option(help: "Tesseract language(s) for pages that need OCR.")
    var lang = "est"

    @Option(help: "Resolution for rendering PDF pages that need OCR.")
    var dpi = 300

    @Option(help: "Refuse images above this many million pixels, from their headers, before decoding them (memory).")
    var maxMegapixels: Double = Extractor.defaultMaxMegapixels

    @OptionGroup var words: DictionaryOptions

    @Flag(help: "Pass the C libraries' own messages (libpng, libtiff, tesseract …) on to standard error, marked 'taastaja: library:'.")
    var verbose = false

    func validate() throws {
        guard maxMegapixels > 0 else { throw ValidationError("--max-megapixels must be positive") }
        guard !paths.isEmpty || stdin else { throw ValidationError("give files or folders, or --stdin") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be K/N with 0 ≤ K < N, e.g. 0/4") }
    }

    func run() throws {
        if verbose { LibraryOutput.setVerbose(true) }
        let archivePath = db ?? (jsonl == nil ? "taastaja.sqlite" : nil)
        if let textDir {
            do {
                try FileManager.default.createDirectory(atPath: textDir, withIntermediateDirectories: true)
            } catch {
                Diagnostics.report(OutputError(target: textDir, reason: (error as NSError).localizedDescription))
                throw ExitStatus.output.exitCode
            }
        }
        // The run's own output is never an input (`ingest .` next to its archive).
        let outputs = FileWalker.Outputs(files: [archivePath, jsonl].compactMap { $0 }.filter { $0 != "-" },
                                         folders: [textDir].compactMap { $0 })
        let listing = FileWalker.files(under: paths, excluding: outputs)
        let (listed, missing) = (listing.files, listing.missing)
        var options = Extractor.Options()
        options.languages = lang
        options.dpi = dpi
        options.maxMegapixels = maxMegapixels
        // Documents are spread over the workers; when there are fewer documents than workers, their pages are too.
        let workers = stdin ? jobs : max(1, min(jobs, listed.count))
        options.jobs = max(1, jobs / workers)
        let restorer = try RestorerFactory.make(dictionary: words.dictionary, userLexicons: words.lexicon,
                                                minConfidence: 0)
        let pipeline = DocumentPipeline(extractor: Extractor(options: options), restorer: restorer,
                                        segmenter: Segmenter(association: restorer.lexicon))
        let archive: Archive?
        do {
            archive = try archivePath.map { path throws(ArchiveError) in try Archive(path: path) }
        } catch {
            Diagnostics.report(error)
            throw ExitStatus.output.exitCode
        }
        let sink: JSONLinesSink?
        do {
            sink = try jsonl.map { target throws(OutputError) in try JSONLinesSink(target) }
        } catch {
            Diagnostics.report(error)
            try? archive?.close()
            throw ExitStatus.output.exitCode
        }

        let input = PathSource(listed: listed, readStandardInput: stdin, outputs: outputs)
        let progress = BatchProgress(total: stdin ? nil : listed.count + missing.count)
        let reporter = ProgressReporter(progress: progress)
        // A new dictionary restores differently: documents made with another one are redone.
        let dictionary = SHA256.hex(of: Array(restorer.lexicon.metadata.utf8)).prefix(12)
        var runnerOptions = BatchRunner.Options(pipelineVersion: "\(TaastajaVersion.pipeline)/lexicon \(dictionary)")
        runnerOptions.jobs = workers
        runnerOptions.force = force
        runnerOptions.shard = shard.flatMap(Shard.init)
        runnerOptions.textDirectory = textDir
        var onRecord: BatchRunner.RecordSink?
        if let sink { onRecord = { json throws(OutputError) in try sink.write(json) } }
        let onFailure: BatchRunner.FailureSink = { failure in reporter.print("taastaja: \(failure.message)") }
        let runner = BatchRunner(pipeline: pipeline, archive: archive, options: runnerOptions,
                                 onRecord: onRecord, onFailure: onFailure)
        for path in missing {
            let failure = PipelineError(stage: .read, file: path, message: "file not found while reading \(path)",
                                        exitCode: ExtractionError.Kind.unreadableFile.exitCode)
            reporter.print("taastaja: \(failure.message)")
            progress.recordFailure(failure)
        }
        let trap = InterruptTrap { runner.stop() }
        if !quiet { reporter.start() }
        do {
            try runner.run(next: input.next, progress: progress)
        } catch {
            reporter.finish()
            Diagnostics.report(error)
            sink?.abandon()
            try? archive?.close()
            throw ExitStatus.output.exitCode
        }
        reporter.finish()
        // Closed here, not at exit: the signal trap keeps the runner (and so the archive) alive to the end.
        do {
            try archive?.close()
        } catch {
            Diagnostics.report(error)
            sink?.abandon()
            throw ExitStatus.output.exitCode
        }
        // The JSON Lines file replaces the old one only when the run went through all its inputs.
        do {
            if trap.wasInterrupted { try sink?.keepPartial() } else { try sink?.finish() }
        } catch {
            Diagnostics.report(error)
            throw ExitStatus.output.exitCode
        }
        var summary = progress.snapshot
        summary.skippedHidden = listing.hidden
        summary.skippedOutput = listing.output + input.skippedOutputs
        if !quiet { printSummary(summary, archive: archivePath, partial: trap.wasInterrupted ? sink?.partialPath : nil) }
        if trap.wasInterrupted { throw ExitStatus.interrupted.exitCode }
        if summary.failed > 0 && !allowFailures {
            throw (summary.succeeded + summary.skipped + summary.duplicates == 0
                   ? ExitStatus.noFileProcessed : ExitStatus.someFilesFailed).exitCode
        }
    }

    private func printSummary(_ summary: BatchProgress.Snapshot, archive: String?, partial: String?) {
        var lines = [String(format: "ingest: %d files in %.1f s: %d ingested, %d already done, %d failed",
                            summary.done, summary.elapsed, summary.succeeded, summary.skipped, summary.failed)]
        if summary.duplicates > 0 { lines[0] += ", \(summary.duplicates) duplicate content" }
        if summary.otherShard > 0 { lines[0] += ", \(summary.otherShard) in other shards" }
        var skipped: [String] = []
        if summary.skippedHidden > 0 { skipped.append("\(summary.skippedHidden) hidden") }
        if summary.skippedOutput > 0 { skipped.append("\(summary.skippedOutput) of this run's own output (archive, JSON Lines, texts)") }
        if !skipped.isEmpty { lines.append("ingest: skipped " + skipped.joined(separator: " and ")) }
        lines.append(String(format: "ingest: %d pages, %.2f pages/s", summary.pages,
                            summary.elapsed > 0 ? Double(summary.pages) / summary.elapsed : 0))
        if !summary.failures.isEmpty {
            lines.append("ingest: failed files" + (archive.map { " (also in the errors table of \($0))" } ?? "") + ":")
            for failure in summary.failures.prefix(20) { lines.append("  \(failure.path): \(failure.message)") }
            if summary.failures.count > 20 { lines.append("  … and \(summary.failures.count - 20) more") }
        }
        if let archive { lines.append("ingest: archive \(archive)") }
        if let partial { lines.append("ingest: stopped: the records written so far are in \(partial)") }
        StandardError.write(FilePath.display(lines.joined(separator: "\n") + "\n"))
    }
}

/// Paths from the command line, then from standard input when asked (one per line, bytes kept: see FilePath);
/// handed out one at a time to workers. The run's own output is left out.
final class PathSource: @unchecked Sendable {
    private let lock = NSLock()
    private var listed: IndexingIterator<[String]>
    private let readStandardInput: Bool
    private let outputs: FileWalker.Outputs
    private var standardInputDone = false
    private var skipped = 0

    init(listed: [String], readStandardInput: Bool, outputs: FileWalker.Outputs) {
        self.listed = listed.makeIterator()
        self.readStandardInput = readStandardInput
        self.outputs = outputs
    }

    var skippedOutputs: Int { lock.withLock { skipped } }

    var next: @Sendable () -> String? {
        { [self] in
            lock.withLock {
                if let path = listed.next() { return path }
                guard readStandardInput, !standardInputDone else { return nil }
                while let line = readLine() {
                    let path = line.trimmingCharacters(in: .whitespaces)
                    if path.isEmpty { continue }
                    if outputs.contains(path) {
                        skipped += 1
                        continue
                    }
                    return path
                }
                standardInputDone = true
                return nil
            }
        }
    }

    private var pending: [UInt8] = []
    private var endOfInput = false

    /// One line of standard input without its line break; nil at the end (or on a read error). Read from the
    /// descriptor, not through stdio: bytes as they are, and no shared C stream.
    private func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                var bytes = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                while bytes.last == 0x0D { bytes.removeLast() }
                return FilePath.string(fromBytes: bytes)
            }
            if endOfInput {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return FilePath.string(fromBytes: pending)
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { endOfInput = true } else { pending += chunk[0..<count] }
        }
    }
}

/// JSON Lines output: one record per line, each written whole (see OutputChannel). A file is written as
/// `FILE.partial` and renamed to FILE when the run went through all its inputs, so a run that is killed, stopped or
/// cannot write leaves FILE as it was, and FILE never holds half a line. Standard output is written as it goes.
final class JSONLinesSink: @unchecked Sendable {
    private let channel: OutputChannel
    private let target: String?
    let partialPath: String?

    init(_ target: String) throws(OutputError) {
        if target == "-" {
            channel = .standardOutput
            self.target = nil
            partialPath = nil
        } else {
            let partial = target + ".partial"
            channel = try OutputChannel(creating: partial)
            self.target = target
            partialPath = partial
        }
    }

    func write(_ json: String) throws(OutputError) {
        try channel.write(json + "\n")
    }

    /// Puts the file in place of the old one.
    func finish() throws(OutputError) {
        guard let target, let partialPath else { return }
        do {
            try channel.synchronize()
        } catch {
            abandon()
            throw OutputError(target: FilePath.display(target), reason: error.reason)
        }
        try AtomicFile.replace(target, with: partialPath)
    }

    /// Leaves what was written as `FILE.partial`, on the disk.
    func keepPartial() throws(OutputError) {
        try channel.synchronize()
    }

    /// Removes the partial file: the run failed.
    func abandon() {
        if let partialPath { _ = FilePath.unlink(partialPath) }
    }
}
