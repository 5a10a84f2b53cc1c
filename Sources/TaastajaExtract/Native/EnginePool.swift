import Foundation

/// Tesseract engines shared by OCR worker threads. An engine is checked out by one thread at a time,
/// which is the only way a `TesseractEngine` is reached from concurrent code.
final class EnginePool: @unchecked Sendable {
    private let languages: String
    private let dataPath: String?
    private let lock = NSLock()
    private var idle: [TesseractEngine] = []
    private var loadFailure: TesseractError?

    init(languages: String, dataPath: String?) {
        self.languages = languages
        self.dataPath = dataPath
    }

    /// Loads one engine now, so that a missing language fails once, before any page is rendered.
    func checkAvailable() throws(TesseractError) {
        let engine = try checkOut()
        checkIn(engine)
    }

    func withEngine<R>(_ body: (TesseractEngine) throws(TesseractError) -> R) throws(TesseractError) -> R {
        let engine = try checkOut()
        defer { checkIn(engine) }
        return try body(engine)
    }

    private func checkOut() throws(TesseractError) -> TesseractEngine {
        let (engine, failure) = lock.withLock { () -> (TesseractEngine?, TesseractError?) in
            (idle.popLast(), loadFailure)
        }
        if let engine { return engine }
        if let failure { throw failure }
        do {
            return try TesseractEngine(languages: languages, dataPath: dataPath)
        } catch {
            lock.withLock { loadFailure = error }
            throw error
        }
    }

    private func checkIn(_ engine: TesseractEngine) {
        lock.withLock { idle.append(engine) }
    }
}
