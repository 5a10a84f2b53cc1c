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
            74 dictionary missing; 76 some files failed; 77 no file could be processed; 78 the archive cannot be \
            written; 130 stopped by SIGINT/SIGTERM after finishing the documents in flight.
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

    @OptionGroup var words: DictionaryOptions

    static let someFailedExitCode: Int32 = 76
    static let noneProcessedExitCode: Int32 = 77
    static let archiveExitCode: Int32 = 78
    static let interruptedExitCode: Int32 = 130

    func validate() throws {
        guard !paths.isEmpty || stdin else { throw ValidationError("give files or folders, or --stdin") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be K/N with 0 ≤ K < N, e.g. 0/4") }
    }

    func run() throws {
        let (listed, missing) = FileWalker.files(under: paths)
        var options = Extractor.Options()
        options.languages = lang
        options.dpi = dpi
        // Documents are spread over the workers; when there are fewer documents than workers, their pages are too.
        let workers = stdin ? jobs : max(1, min(jobs, listed.count))
        options.jobs = max(1, jobs / workers)
        let restorer = try RestorerFactory.make(dictionary: words.dictionary, userLexicons: words.lexicon,
                                                minConfidence: 0)
        let pipeline = DocumentPipeline(extractor: Extractor(options: options), restorer: restorer,
                                        segmenter: Segmenter(association: restorer.lexicon))
        let archivePath = db ?? (jsonl == nil ? "taastaja.sqlite" : nil)
        let archive: Archive?
        do {
            archive = try archivePath.map { path throws(ArchiveError) in try Archive(path: path) }
        } catch {
            Diagnostics.report(error)
            throw ExitCode(Self.archiveExitCode)
        }
        if let textDir {
            try? FileManager.default.createDirectory(atPath: textDir, withIntermediateDirectories: true)
        }
        let sink = try jsonl.map(JSONLinesSink.init)

        let input = PathSource(listed: listed, readStandardInput: stdin)
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
        if let sink { onRecord = { json in sink.write(json) } }
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
            try? archive?.close()
            throw ExitCode(Self.archiveExitCode)
        }
        reporter.finish()
        // Closed here, not at exit: the signal trap keeps the runner (and so the archive) alive to the end.
        do {
            try archive?.close()
        } catch {
            Diagnostics.report(error)
            throw ExitCode(Self.archiveExitCode)
        }
        let summary = progress.snapshot
        if !quiet { printSummary(summary, archive: archivePath) }
        if trap.wasInterrupted { throw ExitCode(Self.interruptedExitCode) }
        if summary.failed > 0 && !allowFailures {
            throw ExitCode(summary.succeeded + summary.skipped + summary.duplicates == 0
                           ? Self.noneProcessedExitCode : Self.someFailedExitCode)
        }
    }

    private func printSummary(_ summary: BatchProgress.Snapshot, archive: String?) {
        var lines = [String(format: "ingest: %d files in %.1f s: %d ingested, %d already done, %d failed",
                            summary.done, summary.elapsed, summary.succeeded, summary.skipped, summary.failed)]
        if summary.duplicates > 0 { lines[0] += ", \(summary.duplicates) duplicate content" }
        if summary.otherShard > 0 { lines[0] += ", \(summary.otherShard) in other shards" }
        lines.append(String(format: "ingest: %d pages, %.2f pages/s", summary.pages,
                            summary.elapsed > 0 ? Double(summary.pages) / summary.elapsed : 0))
        if !summary.failures.isEmpty {
            lines.append("ingest: failed files" + (archive.map { " (also in the errors table of \($0))" } ?? "") + ":")
            for failure in summary.failures.prefix(20) { lines.append("  \(failure.path): \(failure.message)") }
            if summary.failures.count > 20 { lines.append("  … and \(summary.failures.count - 20) more") }
        }
        if let archive { lines.append("ingest: archive \(archive)") }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// Paths from the command line, then from standard input when asked; handed out one at a time to workers.
final class PathSource: @unchecked Sendable {
    private let lock = NSLock()
    private var listed: IndexingIterator<[String]>
    private let readStandardInput: Bool
    private var standardInputDone = false

    init(listed: [String], readStandardInput: Bool) {
        self.listed = listed.makeIterator()
        self.readStandardInput = readStandardInput
    }

    var next: @Sendable () -> String? {
        { [self] in
            lock.withLock {
                if let path = listed.next() { return path }
                guard readStandardInput, !standardInputDone else { return nil }
                while let line = readLine() {
                    let path = line.trimmingCharacters(in: .whitespaces)
                    if !path.isEmpty { return path }
                }
                standardInputDone = true
                return nil
            }
        }
    }
}

/// JSON Lines output: one record per line, written whole under a lock, flushed as it is written.
final class JSONLinesSink: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    init(_ target: String) throws {
        if target == "-" {
            handle = FileHandle.standardOutput
        } else {
            guard FileManager.default.createFile(atPath: target, contents: nil),
                  let handle = FileHandle(forWritingAtPath: target) else {
                throw ValidationError("cannot write --jsonl \(target)")
            }
            self.handle = handle
        }
    }

    func write(_ json: String) {
        lock.withLock { handle.write(Data((json + "\n").utf8)) }
    }
}
