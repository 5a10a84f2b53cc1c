import Foundation
import TaastajaExtract
#if canImport(Glibc)
import Glibc
#endif

/// Output that could not be written: standard output, a JSON Lines file, a restored text. Exit status 78.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// What was being written: `standard output`, or a path.
    public var target: String
    public var reason: String

    public init(target: String, reason: String) {
        self.target = target
        self.reason = reason
    }

    init(target: String, errno code: Int32) {
        self.init(target: target, reason: String(cString: strerror(code)))
    }

    public var description: String { "cannot write \(target) (\(reason))" }
}

/// A file descriptor written with every return code checked. Each `write` is whole or nothing for a regular file:
/// a write that fails part-way (a full disk) is cut back to where it began, so no reader ever sees half a line.
public final class OutputChannel: @unchecked Sendable {
    public let target: String
    private let descriptor: Int32
    private let owned: Bool
    private let regularFile: Bool
    private let lock = NSLock()
    private var failure: OutputError?

    /// Standard output; errors name it `standard output`.
    public static let standardOutput = OutputChannel(descriptor: STDOUT_FILENO, target: "standard output", owned: false)

    private init(descriptor: Int32, target: String, owned: Bool) {
        self.descriptor = descriptor
        self.target = target
        self.owned = owned
        var status = stat()
        regularFile = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Creates (or empties) the file at `path` (a path as `FilePath` spells it).
    public convenience init(creating path: String) throws(OutputError) {
        let descriptor = FilePath.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputError(target: FilePath.display(path), errno: errno) }
        self.init(descriptor: descriptor, target: FilePath.display(path), owned: true)
    }

    deinit {
        if owned { _ = Glibc.close(descriptor) }
    }

    public func write(_ text: String) throws(OutputError) {
        try write(Array(text.utf8))
    }

    public func write(_ data: Data) throws(OutputError) {
        try write([UInt8](data))
    }

    /// Writes all of `bytes` or, on a regular file, nothing. After a failure every later write fails the same way.
    public func write(_ bytes: [UInt8]) throws(OutputError) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        let start = regularFile ? lseek(descriptor, 0, SEEK_CUR) : -1
        var code: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written < 0 { code = errno; return }
                if written == 0 { code = EIO; return }
                offset += written
            }
        }
        guard code != 0 else { return }
        if start >= 0 {
            _ = ftruncate(descriptor, start)
            _ = lseek(descriptor, start, SEEK_SET)
        }
        let error = OutputError(target: target, errno: code)
        failure = error
        throw error
    }

    /// Flushes a file to the disk (a pipe or a terminal needs nothing) and checks that it got there.
    public func synchronize() throws(OutputError) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        guard regularFile else { return }
        if fsync(descriptor) != 0 && errno != EINVAL {
            let error = OutputError(target: target, errno: errno)
            failure = error
            throw error
        }
    }
}

/// Files written whole: into a temporary file beside the target, synchronised, then renamed over it. A reader (or a
/// run killed half-way) sees the old file or the new one, never a part.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let temporary = path + ".partial-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let channel = try OutputChannel(creating: temporary)
        do {
            try channel.write(bytes)
            try channel.synchronize()
        } catch {
            _ = FilePath.unlink(temporary)
            throw OutputError(target: FilePath.display(path), reason: error.reason)
        }
        try replace(path, with: temporary)
    }

    /// Renames `temporary` over `path`; on failure removes `temporary`.
    public static func replace(_ path: String, with temporary: String) throws(OutputError) {
        guard FilePath.rename(temporary, to: path) == 0 else {
            let code = errno
            _ = FilePath.unlink(temporary)
            throw OutputError(target: FilePath.display(path), errno: code)
        }
    }
}
