import Foundation

/// The files a batch covers: each file given, and every regular file under each folder given, recursively, in a
/// stable order. Hidden files and folders (".…") are skipped; symbolic links to files are followed.
public enum FileWalker {
    public static func files(under paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            let base = URL(fileURLWithPath: path)
            if let enumerator = manager.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                   options: [.skipsHiddenFiles]) {
                for case let url as URL in enumerator {
                    let resolved = url.resolvingSymlinksInPath()
                    if (try? resolved.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                        // Keep the path as the user wrote its folder.
                        let relative = url.path.dropFirst(base.path.count).drop { $0 == "/" }
                        found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                    }
                }
            }
            files += found.sorted()
        }
        return (files, missing)
    }
}

/// `--shard K/N`: the files whose content hash falls in shard K (from 0) of N. The same file lands in the same
/// shard wherever it lies and whatever its name, so N machines given the same inputs cover each file once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
              (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    public func contains(sha256: String) -> Bool {
        // The hash's first 15 hex digits as a number: uniform, and the same on every machine.
        let value = UInt64(sha256.prefix(15), radix: 16) ?? 0
        return Int(value % UInt64(count)) == index
    }

    public var description: String { "\(index)/\(count)" }
}
