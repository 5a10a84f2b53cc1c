import Foundation

/// Runs the built `taastaja` binary, as a user would.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The test bundle sits in the same build folder as the executable.
    static let executable: URL = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for directory in candidates {
            var folder = directory
            for _ in 0..<4 {
                let binary = folder.appendingPathComponent("taastaja")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
                folder.deleteLastPathComponent()
            }
        }
        fatalError("taastaja binary not found next to \(candidates)")
    }()

    /// `environment` adds to (nil: removes from) the test's own environment. `output` receives standard output
    /// instead of a pipe (then `stdout` is empty).
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String?] = [:],
                    output: FileHandle? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        return try run(process, stdin: stdin, environment: environment, output: output)
    }

    /// Runs `script` with `/bin/sh -c`, `$TAASTAJA` naming the binary: for arguments that are not UTF-8.
    static func shell(_ script: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        return try run(process, stdin: nil, environment: ["TAASTAJA": executable.path], output: nil)
    }

    private static func run(_ process: Process, stdin: Data?, environment: [String: String?],
                            output: FileHandle?) throws -> Result {
        process.currentDirectoryURL = root
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = output ?? out
        process.standardError = err
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        // Read both pipes concurrently so a full stderr cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if output != nil { try out.fileHandleForWriting.close() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
