import Foundation

/// Checks record files against the schema with a real JSON Schema validator (scripts/validate-records, Python's
/// jsonschema), as CI does.
enum SchemaValidator {
    struct Outcome {
        var status: Int32
        var output: String
    }

    static func validate(_ files: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", BinaryRunner.root.appendingPathComponent("scripts/validate-records").path] + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: text)
    }
}
