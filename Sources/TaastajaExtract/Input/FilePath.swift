import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File names are bytes, and old Estonian archives hold names in Latin-1 (`õ` as the byte 0xF5), which are not UTF-8.
/// A Swift String holds Unicode only, so a name's bytes that are not UTF-8 are carried as the private-use scalars
/// U+10EE80…U+10EEFF (byte 0x80…0xFF), as Python's `surrogateescape` carries them in lone surrogates (which a Swift
/// String cannot hold). The String gives back the exact bytes to open the file, is stored as it is in the archive
/// and the records (lossless), and is shown with those bytes escaped, `\xF5`, in messages.
public enum FilePath {
    private static let escapeBase: UInt32 = 0x10EE00

    /// The name for these bytes: their UTF-8, with each byte that is not part of valid UTF-8 escaped.
    public static func string<Bytes: Collection>(fromBytes bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let array = Array(bytes)
        if let text = String(validating: array, as: UTF8.self), !text.unicodeScalars.contains(where: isEscape) {
            return text
        }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < array.count {
            let lead = array[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, index + length <= array.count,
               let text = String(validating: array[index..<index + length], as: UTF8.self),
               let scalar = text.unicodeScalars.first, !isEscape(scalar) {
                scalars.append(scalar)
                index += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(lead))!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// The bytes the name stands for (without a terminating NUL).
    public static func bytes(_ path: String) -> [UInt8] {
        guard path.unicodeScalars.contains(where: isEscape) else { return Array(path.utf8) }
        var result: [UInt8] = []
        for scalar in path.unicodeScalars {
            if isEscape(scalar) {
                result.append(UInt8(scalar.value - escapeBase))
            } else {
                result.append(contentsOf: String(scalar).utf8)
            }
        }
        return result
    }

    /// `text` with each escaped byte shown as `\xF5`: for messages on a terminal.
    public static func display(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isEscape(scalar) {
                result += String(format: "\\x%02X", scalar.value - escapeBase)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= escapeBase + 0x80 && scalar.value <= escapeBase + 0xFF
    }

    /// The process's arguments (without the program's name), their bytes kept as above.
    public static var arguments: [String] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            return string(fromBytes: UnsafeBufferPointer(start: argument, count: strlen(argument))
                .lazy.map { UInt8(bitPattern: $0) })
        }
    }

    /// Calls `body` with the path as a C string of its bytes.
    public static func withCString<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        let bytes = bytes(path).map { CChar(bitPattern: $0) } + [0]
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        withCString(path) { Glibc.open($0, flags, mode) }
    }

    public static func unlink(_ path: String) -> Int32 {
        withCString(path) { Glibc.unlink($0) }
    }

    public static func rename(_ from: String, to: String) -> Int32 {
        withCString(from) { source in withCString(to) { Glibc.rename(source, $0) } }
    }

    /// `stat` (following symbolic links); nil when the file is not there or cannot be reached.
    public static func status(_ path: String) -> stat? {
        var result = stat()
        return withCString(path) { stat($0, &result) } == 0 ? result : nil
    }

    /// The whole file; nil and `errno` set when it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { _ = Glibc.close(descriptor) }
        var result: [UInt8] = []
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            errno = EISDIR
            return nil
        }
        if status.st_size > 0 { result.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
