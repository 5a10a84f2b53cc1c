import Dispatch
import Foundation
import TaastajaExtract
import TaastajaIngest

/// The batch's progress on stderr: a live line on a terminal, a plain line every few seconds otherwise.
final class ProgressReporter: @unchecked Sendable {
    private let progress: BatchProgress
    private let terminal = isatty(STDERR_FILENO) != 0
    private let lock = NSLock()
    private var lineShown = false
    /// Made when started: a dispatch source released while suspended (never started, `--quiet`) ends the process.
    private var timer: DispatchSourceTimer?

    init(progress: BatchProgress) {
        self.progress = progress
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        let interval: DispatchTimeInterval = terminal ? .milliseconds(500) : .seconds(5)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.show() }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    func finish() {
        lock.withLock { timer }?.cancel()
        clear()
    }

    /// Prints a line of its own (a failure) without garbling the live line.
    func print(_ text: String) {
        lock.withLock {
            if terminal && lineShown { StandardError.write("\r\u{1B}[K") }
            StandardError.write(FilePath.display(text) + "\n")
            lineShown = false
        }
    }

    private func clear() {
        lock.withLock {
            if terminal && lineShown { StandardError.write("\r\u{1B}[K") }
            lineShown = false
        }
    }

    private func show() {
        let now = progress.snapshot
        let handled = now.done + now.otherShard
        let rate = now.elapsed > 0 ? Double(now.pages) / now.elapsed : 0
        var text = "\(handled)"
        if let total = now.total { text += "/\(total)" }
        text += " files, \(now.pages) pages, " + String(format: "%.1f pages/s", rate)
        text += ", \(now.failed) failed"
        if let total = now.total, handled > 0, handled < total {
            let eta = now.elapsed / Double(handled) * Double(total - handled)
            text += String(format: ", ETA %.0f s", eta)
        }
        lock.withLock {
            if terminal {
                StandardError.write("\r\u{1B}[K\(text)")
                lineShown = true
            } else {
                StandardError.write("progress: \(text)\n")
            }
        }
    }
}
