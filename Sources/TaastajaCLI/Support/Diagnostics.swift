import Foundation

/// One line on stderr per failure, naming the file and the reason.
enum Diagnostics {
    static func report(_ error: some Error) {
        FileHandle.standardError.write(Data("taastaja: \(error)\n".utf8))
    }
}
