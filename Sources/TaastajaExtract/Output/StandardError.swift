import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Taastaja's own lines on standard error. They are written straight to the descriptor, with no buffer and no
/// `try!`: a standard error that cannot be written (a full disk, a closed pipe) loses the line, never the process.
public enum StandardError {
    /// Writes `text` as it is (add the newline yourself).
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        let descriptor = Descriptors.shared.ours
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// Where our lines go: descriptor 2 until the C libraries' output is captured (see `LibraryOutput`).
final class Descriptors: @unchecked Sendable {
    static let shared = Descriptors()
    private let lock = NSLock()
    private var oursValue: Int32 = STDERR_FILENO

    var ours: Int32 { lock.withLock { oursValue } }

    func setOurs(_ descriptor: Int32) { lock.withLock { oursValue = descriptor } }
}

/// What the C libraries print themselves (libpng's `libpng error: IHDR: CRC error`, libtiff's warnings, tesseract's
/// complaints, cairo's and poppler's notes) never reaches the user's terminal: when the first of them is loaded,
/// descriptor 2 is pointed at a pipe that a thread of ours drains, and our own lines go to a duplicate of the real
/// standard error. With `--verbose` (or `TAASTAJA_VERBOSE=1`) the libraries' lines are passed on, marked
/// `taastaja: library:`; otherwise they are dropped. The pipe's write end does not block: a library that writes
/// faster than it is drained loses lines, never time.
public enum LibraryOutput {
    /// Pass the libraries' lines on (set before any library is loaded, or at any time).
    public static func setVerbose(_ verbose: Bool) {
        Capture.shared.setVerbose(verbose)
    }

    /// Lets the first C library loaded point descriptor 2 at the drain. A program opts in (the `taastaja` binary
    /// does): a library must not take over its host's standard error, which a test runner, for one, writes to.
    public static func captureWhenLibrariesLoad() {
        Capture.shared.enable()
    }

    /// Points descriptor 2 at the drain, if the program opted in; idempotent. Called when a C library is first opened.
    static func capture() {
        Capture.shared.start()
    }
}

private final class Capture: @unchecked Sendable {
    static let shared = Capture()
    private let lock = NSLock()
    private var started = false
    private var verbose = ProcessInfo.processInfo.environment["TAASTAJA_VERBOSE"].map { !$0.isEmpty && $0 != "0" } ?? false

    private var enabled = false

    func setVerbose(_ value: Bool) { lock.withLock { verbose = value } }

    func enable() { lock.withLock { enabled = true } }

    private var isVerbose: Bool { lock.withLock { verbose } }

    func start() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, !started else { return }
        started = true
        var ends: [Int32] = [0, 0]
        let ours = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
        guard ours >= 0, pipe(&ends) == 0 else {
            if ours >= 0 { _ = close(ours) }
            return
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        let flags = fcntl(ends[1], F_GETFL)
        guard flags >= 0, fcntl(ends[1], F_SETFL, flags | O_NONBLOCK) == 0,
              dup2(ends[1], STDERR_FILENO) == STDERR_FILENO else {
            _ = close(ends[0]); _ = close(ends[1]); _ = close(ours)
            return
        }
        _ = close(ends[1])
        Descriptors.shared.setOurs(ours)
        reader = ends[0]
        let thread = Thread { [self] in drain() }
        thread.name = "taastaja-library-output"
        thread.start()
        // What is still in the pipe when the process exits is passed on too (verbose).
        atexit { Capture.shared.flush() }
    }

    private var reader: Int32 = -1
    private let passing = NSLock()
    private var pending: [UInt8] = []

    private func drain() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            pass(chunk[0..<count], final: false)
        }
    }

    private func flush() {
        let descriptor = lock.withLock { reader }
        guard descriptor >= 0 else { return }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            pass(chunk[0..<count], final: false)
        }
        pass([], final: true)
    }

    private func pass(_ bytes: ArraySlice<UInt8>, final: Bool) {
        guard isVerbose else { return }
        passing.withLock {
            pending += bytes
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                StandardError.write("taastaja: library: \(line)\n")
            }
            if final, !pending.isEmpty {
                StandardError.write("taastaja: library: \(String(decoding: pending, as: UTF8.self))\n")
                pending = []
            }
        }
    }
}
