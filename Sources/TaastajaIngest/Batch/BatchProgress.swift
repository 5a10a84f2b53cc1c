import Dispatch
import Foundation

/// Counters a batch updates as files finish; read from another thread for the progress line.
public final class BatchProgress: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public var total: Int?
        public var done: Int
        public var succeeded: Int
        public var failed: Int
        public var skipped: Int
        public var duplicates: Int
        public var otherShard: Int
        public var pages: Int
        public var inFlight: Int
        public var elapsed: Double
        /// Hidden files skipped under the folders given (the walk counts them, for the summary).
        public var skippedHidden = 0
        /// The run's own output files met among the inputs and skipped.
        public var skippedOutput = 0
        /// Failed files and their one-line reasons, in order.
        public var failures: [(path: String, message: String)]
    }

    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var snapshotValue: Snapshot

    public init(total: Int?) {
        snapshotValue = Snapshot(total: total, done: 0, succeeded: 0, failed: 0, skipped: 0, duplicates: 0,
                                 otherShard: 0, pages: 0, inFlight: 0, elapsed: 0, failures: [])
    }

    public var snapshot: Snapshot {
        lock.withLock {
            var copy = snapshotValue
            copy.elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return copy
        }
    }

    func update(_ change: (inout Snapshot) -> Void) {
        lock.withLock { change(&snapshotValue) }
    }

    /// A file that could not be processed.
    public func recordFailure(_ failure: PipelineError) {
        update {
            $0.done += 1
            $0.failed += 1
            $0.failures.append((failure.file, failure.message))
        }
    }
}
