import Foundation
import TaastajaExtract
#if canImport(Glibc)
import Glibc
#endif

/// The files a batch covers: each file given, and every regular file under each folder given, recursively, in a
/// stable order (by the names' bytes). Names are read as bytes, so a Latin-1 name is listed too (see FilePath).
/// Hidden files and folders (".…") under a folder are skipped, and so is the run's own output: the archive and its
/// side files (`-wal`, `-shm`, `-journal`), the JSON Lines file (and its `.partial`), the texts' folder — wherever
/// they lie and however they are named. Both are counted for the summary. Symbolic links to files are followed; to
/// folders, not (no loops).
public enum FileWalker {
    public struct Listing: Sendable, Equatable {
        public var files: [String] = []
        public var missing: [String] = []
        /// Hidden files and folders skipped under the folders given.
        public var hidden = 0
        /// The run's own output files, when they lie among the inputs.
        public var output = 0
    }

    /// The run's own output, never an input: files (with their side files) and folders.
    public struct Outputs: Sendable {
        fileprivate var files: [OutputFile]
        fileprivate var folders: [Identity]

        public init(files: [String], folders: [String]) {
            self.files = files.compactMap(OutputFile.init)
            self.folders = folders.compactMap { FilePath.status($0).map(Identity.init) }
        }

        /// Whether `path` (as given, not found by a walk) is one of the outputs.
        public func contains(_ path: String) -> Bool {
            guard let (folder, name) = OutputFile.split(path), let status = FilePath.status(folder) else { return false }
            return contains(name: name, folder: Identity(status))
        }

        fileprivate func contains(name: [UInt8], folder: Identity) -> Bool {
            files.contains { $0.folder == folder && $0.names.contains(name) }
        }
    }

    public static func files(under paths: [String], excluding excluded: Outputs? = nil) -> Listing {
        var listing = Listing()
        for path in paths {
            guard let status = FilePath.status(path) else {
                listing.missing.append(path)
                continue
            }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                if let excluded, excluded.contains(path) {
                    listing.output += 1
                } else {
                    listing.files.append(path)
                }
                continue
            }
            var found = Listing()
            walk(folder: path, status: status, excluded: excluded, into: &found)
            listing.files += found.files.sorted { FilePath.bytes($0).lexicographicallyPrecedes(FilePath.bytes($1)) }
            listing.hidden += found.hidden
            listing.output += found.output
        }
        return listing
    }

    private static func walk(folder: String, status: stat, excluded: Outputs?, into listing: inout Listing) {
        if let excluded, excluded.folders.contains(Identity(status)) {
            listing.output += 1
            return
        }
        guard let directory = FilePath.withCString(folder, { opendir($0) }) else { return }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        closedir(directory)
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in names {
            let path = prefix + FilePath.string(fromBytes: name)
            if name.first == 0x2E {
                listing.hidden += 1
                continue
            }
            var own = stat()
            guard FilePath.withCString(path, { lstat($0, &own) }) == 0 else { continue }
            if own.st_mode & S_IFMT == S_IFDIR {
                walk(folder: path, status: own, excluded: excluded, into: &listing)
                continue
            }
            if own.st_mode & S_IFMT == S_IFLNK {
                guard let target = FilePath.status(path), target.st_mode & S_IFMT == S_IFREG else { continue }
            } else if own.st_mode & S_IFMT != S_IFREG {
                continue
            }
            if let excluded, excluded.contains(name: name, folder: Identity(status)) {
                listing.output += 1
                continue
            }
            listing.files.append(path)
        }
    }
}

/// A file or folder, whatever the path that names it.
private struct Identity: Equatable {
    var device: UInt
    var inode: UInt

    init(_ status: stat) {
        device = UInt(status.st_dev)
        inode = UInt(status.st_ino)
    }
}

/// An output file and its side files, known by their folder's identity and their names.
private struct OutputFile {
    var folder: Identity
    var names: Set<[UInt8]>

    init?(_ path: String) {
        guard let (folder, base) = Self.split(path), let status = FilePath.status(folder) else { return nil }
        self.folder = Identity(status)
        names = Set(["", "-wal", "-shm", "-journal", ".partial"].map { base + Array($0.utf8) })
    }

    /// A path's folder and its last name's bytes.
    static func split(_ path: String) -> (folder: String, name: [UInt8])? {
        let bytes = FilePath.bytes(path)
        let slash = bytes.lastIndex(of: 0x2F)
        let folder = slash.map { $0 == 0 ? "/" : FilePath.string(fromBytes: bytes[..<$0]) } ?? "."
        let name = Array(slash.map { bytes[($0 + 1)...] } ?? bytes[...])
        return name.isEmpty ? nil : (folder, name)
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
