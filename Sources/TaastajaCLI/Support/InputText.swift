import ArgumentParser
import Foundation
import TaastajaExtract

/// Text to restore or evaluate: standard input, or any file the extractor reads.
enum InputText {
    static func read(_ file: String?) throws -> String {
        try document(file).text
    }

    /// The extracted document, with its OCR word confidences.
    static func document(_ file: String?) throws -> Document {
        if file == nil || file == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            do {
                return try Extractor().extract(bytes: [UInt8](data), name: "<stdin>")
            } catch {
                Diagnostics.report(error)
                throw ExitStatus(error.kind).exitCode
            }
        }
        do {
            return try Extractor().extract(path: file!)
        } catch {
            Diagnostics.report(error)
            throw ExitStatus(error.kind).exitCode
        }
    }
}
