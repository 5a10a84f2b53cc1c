import Foundation
import Logging
import TaastajaExtract
import TaastajaSegment

/// Runs the pipeline over many files: documents spread over worker threads, each written as soon as it is done,
/// one transaction per document. A stop request (SIGINT) lets the documents in flight finish and takes no more.
public final class BatchRunner: @unchecked Sendable {
    public struct Options: Sendable {
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// Redo documents already in the archive.
        public var force = false
        public var shard: Shard?
        /// Folder for each document's restored text.
        public var textDirectory: String?
        public var pipelineVersion: String

        public init(pipelineVersion: String) {
            self.pipelineVersion = pipelineVersion
        }
    }

    /// Where finished records go besides the archive: called on worker threads, one document at a time. With an
    /// archive, the records of documents it already holds (skipped) are passed on too, so that this output has every
    /// document of the inputs. A failure stops the batch.
    public typealias RecordSink = @Sendable (_ recordJSON: String) throws(OutputError) -> Void
    /// Called once per failed file with its one-line reason.
    public typealias FailureSink = @Sendable (_ failure: PipelineError) -> Void

    private let pipeline: DocumentPipeline
    private let archive: Archive?
    private let options: Options
    private let onRecord: RecordSink?
    private let onFailure: FailureSink?
    private let logger: Logger
    private let lock = NSLock()
    private var stopRequested = false
    private var claimed = Set<String>()
    private var fatal: BatchError?

    public init(pipeline: DocumentPipeline, archive: Archive?, options: Options, onRecord: RecordSink?,
                onFailure: FailureSink?, logger: Logger = Logger(label: "taastaja.ingest")) {
        self.pipeline = pipeline
        self.archive = archive
        self.options = options
        self.onRecord = onRecord
        self.onFailure = onFailure
        self.logger = logger
    }

    /// Takes no new files; those in flight finish.
    public func stop() {
        lock.withLock { stopRequested = true }
    }

    public var isStopping: Bool { lock.withLock { stopRequested } }

    /// Processes every path `next` yields (nil ends the input) on `options.jobs` threads and returns when all are
    /// done or a stop was requested. Throws only when the archive itself or an output (records, texts) fails.
    public func run(next: @escaping @Sendable () -> String?, progress: BatchProgress) throws(BatchError) {
        let workers = max(1, options.jobs)
        let group = DispatchGroup()
        for index in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while !isStopping, lock.withLock({ fatal == nil }), let path = next() {
                    process(path, progress: progress)
                }
            }
            thread.name = "taastaja-ingest-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let fatal = lock.withLock({ fatal }) { throw fatal }
    }

    private func process(_ path: String, progress: BatchProgress) {
        guard let sha256 = SHA256.hex(ofFile: path) else {
            fail(PipelineError(stage: .read, file: path, message: "file not found or unreadable while reading \(path)",
                               exitCode: ExtractionError.Kind.unreadableFile.exitCode), sha256: nil, progress: progress)
            return
        }
        if let shard = options.shard, !shard.contains(sha256: sha256) {
            progress.update { $0.otherShard += 1 }
            return
        }
        // The same content under two names is one document.
        guard lock.withLock({ claimed.insert(sha256).inserted }) else {
            progress.update { $0.done += 1; $0.duplicates += 1 }
            return
        }
        do {
            if !options.force, let archive, try archive.isDone(sha256: sha256, pipelineVersion: options.pipelineVersion) {
                if let onRecord {
                    for json in try archive.records(sha256: sha256) { try onRecord(json) }
                }
                progress.update { $0.done += 1; $0.skipped += 1 }
                return
            }
        } catch {
            stopBatch(error)
            return
        }
        progress.update { $0.inFlight += 1 }
        defer { progress.update { $0.inFlight -= 1 } }
        let output: DocumentPipeline.Output
        do {
            output = try pipeline.run(path: path, sha256: sha256)
        } catch {
            fail(error, sha256: sha256, progress: progress)
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let jsons: [String]
        do {
            jsons = try output.records.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        } catch {
            fail(PipelineError(stage: .segment, file: path, message: "the record cannot be encoded (\(error)) while "
                                   + "reading \(path)", exitCode: PipelineError.notAJobDescriptionExitCode),
                 sha256: sha256, progress: progress)
            return
        }
        // The text first, the archive after: a document the archive holds has its text, and a run killed between
        // the two redoes it.
        do throws(BatchError) {
            if let folder = options.textDirectory {
                do throws(OutputError) {
                    try AtomicFile.write(Array(output.text.utf8), to: Self.textPath(for: path, sha256: sha256, in: folder))
                } catch { throw .output(error) }
            }
            do throws(ArchiveError) {
                try archive?.store(output, recordJSONs: jsons, pipelineVersion: options.pipelineVersion)
            } catch { throw .archive(error) }
            do throws(OutputError) {
                for json in jsons { try onRecord?(json) }
            } catch { throw .output(error) }
        } catch {
            stopBatch(error)
            return
        }
        logger.debug("ingested", metadata: ["file": "\(path)", "pages": "\(output.document.pages.count)"])
        progress.update {
            $0.done += 1
            $0.succeeded += 1
            $0.pages += output.document.pages.count
        }
    }

    /// `name.<hash>.txt` in `folder`, `name` the file's name without its extension (bytes kept, see FilePath).
    static func textPath(for path: String, sha256: String, in folder: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return (folder.hasSuffix("/") ? folder : folder + "/") + "\(name).\(sha256.prefix(12)).txt"
    }

    /// The first fatal failure stops the batch (later ones are its consequences).
    private func stopBatch(_ error: BatchError) {
        lock.withLock { if fatal == nil { fatal = error } }
    }

    private func stopBatch(_ error: ArchiveError) { stopBatch(.archive(error)) }

    private func stopBatch(_ error: any Error) {
        switch error {
        case let error as ArchiveError: stopBatch(.archive(error))
        case let error as OutputError: stopBatch(.output(error))
        case let error as BatchError: stopBatch(error)
        default: stopBatch(.output(OutputError(target: "output", reason: "\(error)")))
        }
    }

    private func fail(_ failure: PipelineError, sha256: String?, progress: BatchProgress) {
        if let sha256, let archive {
            do {
                try archive.storeFailure(failure, sha256: sha256, pipelineVersion: options.pipelineVersion)
            } catch {
                stopBatch(error)
            }
        }
        onFailure?(failure)
        progress.recordFailure(failure)
    }
}

/// What stops a batch: the archive or an output cannot be written. Exit status 78.
public enum BatchError: Error, Sendable, CustomStringConvertible {
    case archive(ArchiveError)
    case output(OutputError)

    public var description: String {
        switch self {
        case .archive(let error): error.description
        case .output(let error): error.description
        }
    }
}
