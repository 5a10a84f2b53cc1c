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
