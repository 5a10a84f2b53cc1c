import Foundation
import TaastajaExtract

/// One line on stderr per failure, naming the file and the reason.
enum Diagnostics {
    static func report(_ error: some Error) {
        line("taastaja: \(error)")
    }

    /// A line of ours on stderr, file names' undecodable bytes shown as `\xF5` (see FilePath).
    static func line(_ text: String) {
        StandardError.write(FilePath.display(text) + "\n")
    }
}
