import ArgumentParser
import Foundation
import TaastajaIngest

/// Standard output, every write checked: one that fails (a full disk, /dev/full) ends the command with one line on
/// stderr and status 78, never a crash, and never leaves half a line in a file.
enum Output {
    static func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    static func write(_ data: Data) throws {
        try write([UInt8](data))
    }

    static func write(_ bytes: [UInt8]) throws {
        do {
            try OutputChannel.standardOutput.write(bytes)
        } catch {
            Diagnostics.report(error)
            throw ExitStatus.output.exitCode
        }
    }
}
