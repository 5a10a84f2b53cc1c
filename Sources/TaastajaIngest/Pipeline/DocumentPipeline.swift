import Dispatch
import Foundation
import TaastajaExtract
import TaastajaRestore
import TaastajaSegment

/// extract → restore → segment for one file at a time. Shared by `parse` and `ingest`; safe to call from
/// several threads (the extractor checks a tesseract engine out of its pool per page).
public struct DocumentPipeline: Sendable {
    public var extractor: Extractor
    /// Nil skips restoration (`--no-restore`).
    public var restorer: Restorer?
    public var segmenter: Segmenter

    public init(extractor: Extractor, restorer: Restorer?, segmenter: Segmenter) {
        self.extractor = extractor
        self.restorer = restorer
        self.segmenter = segmenter
    }

    /// What one file became.
    public struct Output: Sendable {
        /// One record per job description in the file (appendices of a cover order each give one).
        public var records: [Record]
        /// Each record's own restored text, in the same order.
        public var recordTexts: [String]
        /// The restored text the records were read from.
        public var text: String
        public var document: Document
        public var timings: Timings
    }

    public struct Timings: Sendable, Codable {
        public var extract: Double
        public var restore: Double
        public var segment: Double
    }

    public func run(path: String, sha256 knownHash: String? = nil) throws(PipelineError) -> Output {
        guard let sha256 = knownHash ?? SHA256.hex(ofFile: path) else {
            throw PipelineError(stage: .read, file: path, message: "file not found or unreadable while reading \(path)",
                                exitCode: ExtractionError.Kind.unreadableFile.exitCode)
        }
        var clock = Stopwatch()
        let document: Document
        do {
            document = try extractor.extract(path: path)
        } catch {
            throw PipelineError(error)
        }
        let extractTime = clock.lap()
        return try finish(document, sha256: sha256, extractTime: extractTime, clock: &clock)
    }

    /// For text already in memory (standard input).
    public func run(bytes: [UInt8], name: String) throws(PipelineError) -> Output {
        var clock = Stopwatch()
        let document: Document
        do {
            document = try extractor.extract(bytes: bytes, name: name)
        } catch {
            throw PipelineError(error)
        }
        let extractTime = clock.lap()
        return try finish(document, sha256: SHA256.hex(of: bytes), extractTime: extractTime, clock: &clock)
    }

    private func finish(_ document: Document, sha256: String, extractTime: Double,
                        clock: inout Stopwatch) throws(PipelineError) -> Output {
        let restoration = restorer?.restore(document)
        let text = restoration?.text ?? document.text
        let restoreTime = clock.lap()
        let segments: [Segmenter.Segment]
        do {
            segments = try segmenter.segments(text, file: document.file)
        } catch {
            throw PipelineError(error)
        }
        let records = segments.map { segment in
            var fields = segment.fields
            for error in document.pageErrors {
                fields.warnings.append("page \(error.page.map(String.init) ?? "?") not read: \(error.description)")
            }
            if let restoration, restoration.uncertain > 0 {
                fields.warnings.append("restoration: \(restoration.uncertain) words uncertain")
            }
            var source = Source(document: document, sha256: sha256)
            source.part = segment.part
            return Record(source: source, restoration: restoration.map(RestorationSummary.init), jobDescription: fields)
        }
        let segmentTime = clock.lap()
        return Output(records: records, recordTexts: segments.map(\.text), text: text, document: document,
                      timings: Timings(extract: extractTime, restore: restoreTime, segment: segmentTime))
    }
}

/// Monotonic seconds between laps.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
