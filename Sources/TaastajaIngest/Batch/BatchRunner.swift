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

    /// Where finished records go besides the archive: called on worker threads, one document at a time.
    public typealias RecordSink = @Sendable (_ recordJSON: String) -> Void
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
    private var archiveFailure: ArchiveError?

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
    /// done or a stop was requested. Throws only when the archive itself fails.
    public func run(next: @escaping @Sendable () -> String?, progress: BatchProgress) throws(ArchiveError) {
        let workers = max(1, options.jobs)
        let group = DispatchGroup()
        for index in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while !isStopping, lock.withLock({ archiveFailure == nil }), let path = next() {
                    process(path, progress: progress)
                }
            }
            thread.name = "taastaja-ingest-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let archiveFailure = lock.withLock({ archiveFailure }) { throw archiveFailure }
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
                progress.update { $0.done += 1; $0.skipped += 1 }
                return
            }
        } catch {
            lock.withLock { archiveFailure = error }
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
        let jsons = output.records.map { record in
            (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        do {
            try archive?.store(output, recordJSONs: jsons, pipelineVersion: options.pipelineVersion)
        } catch {
            lock.withLock { archiveFailure = error }
            return
        }
        if let folder = options.textDirectory {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let target = URL(fileURLWithPath: folder).appendingPathComponent("\(name).\(sha256.prefix(12)).txt")
            try? Data(output.text.utf8).write(to: target, options: .atomic)
        }
        for json in jsons { onRecord?(json) }
        logger.debug("ingested", metadata: ["file": "\(path)", "pages": "\(output.document.pages.count)"])
        progress.update {
            $0.done += 1
            $0.succeeded += 1
            $0.pages += output.document.pages.count
        }
    }

    private func fail(_ failure: PipelineError, sha256: String?, progress: BatchProgress) {
        if let sha256, let archive {
            do {
                try archive.storeFailure(failure, sha256: sha256, pipelineVersion: options.pipelineVersion)
            } catch {
                lock.withLock { archiveFailure = error }
            }
        }
        onFailure?(failure)
        progress.recordFailure(failure)
    }
}
