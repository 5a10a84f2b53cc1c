import Foundation
import Testing
@testable import TaastajaRestore

/// The dictionary's derived tables are cached in a file later runs map; the cache must never change an answer.
@Suite struct DictionaryCacheTests {
    let dictionary = Shared.root.appendingPathComponent("dictionaries/estonian.lex").path

    private func freshDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("taastaja-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.path
    }

    private func mapFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".map") }.sorted()
    }

    @Test func aSecondLoadMapsTheCacheTheFirstWroteAndAnswersAlike() throws {
        let directory = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try Lexicon(path: dictionary, cacheDirectory: directory)
        let second = try Lexicon(path: dictionary, cacheDirectory: directory)
        #expect(!first.loadedFromCache)
        #expect(second.loadedFromCache)
        #expect(try mapFiles(in: directory).count == 1)
        for word in ["töökoha", "koostööpartneritega", "eesmärk", "susteemi", "ülesanded", "xyzzy"] {
            #expect(first.frequency(of: word) == second.frequency(of: word), "\(word)")
        }
        #expect(first.association("töö", "korraldamine") == second.association("töö", "korraldamine"))
        let text = try Shared.text("seeds/koordinaator.ocr-garbled.txt")
        #expect(Restorer(lexicon: first).restore(text).text == Restorer(lexicon: second).restore(text).text)
    }

    @Test func lexiconsLoadingAtOnceLeaveOneWholeCacheFile() throws {
        let directory = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = dictionary
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            _ = try? Lexicon(path: path, cacheDirectory: directory)
        }
        // Whichever writer renamed last, the file is whole, and no writer's temporary file is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 1)
        let mapped = try Lexicon(path: dictionary, cacheDirectory: directory)
        #expect(mapped.loadedFromCache)
        #expect(mapped.frequency(of: "töökoha") == Shared.lexicon.frequency(of: "töökoha"))
    }

    @Test func aDamagedCacheFileIsRebuiltNotTrusted() throws {
        let directory = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Lexicon(path: dictionary, cacheDirectory: directory)
        let cache = URL(fileURLWithPath: directory).appendingPathComponent(try #require(try mapFiles(in: directory).first))
        // Cut in half: the header still names parts past the end of the file.
        let whole = try Data(contentsOf: cache)
        try whole.prefix(whole.count / 2).write(to: cache)
        let afterTruncation = try Lexicon(path: dictionary, cacheDirectory: directory)
        #expect(!afterTruncation.loadedFromCache)
        #expect(afterTruncation.contains("töökoha"))
        // A hash slot naming an entry past the table's end (the key index sits near the file's end).
        var scrambled = try Data(contentsOf: cache)
        #expect(scrambled.count == whole.count)
        let slotsOffset = scrambled.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 32 + 16 * 7, as: UInt64.self)) }
        scrambled.replaceSubrange(slotsOffset..<(slotsOffset + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        try scrambled.write(to: cache)
        #expect(!(try Lexicon(path: dictionary, cacheDirectory: directory)).loadedFromCache)
        #expect(try Lexicon(path: dictionary, cacheDirectory: directory).loadedFromCache)
    }

    @Test func aCacheFromAnotherDictionaryIsReplaced() throws {
        let directory = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Same stem, another fingerprint: what a rebuilt dictionary leaves behind.
        let stale = URL(fileURLWithPath: directory).appendingPathComponent("estonian-1234abcd-99.map")
        try Data("stale".utf8).write(to: stale)
        let unrelated = URL(fileURLWithPath: directory).appendingPathComponent("estonian-extra-1234abcd-99.map")
        try Data("someone else's".utf8).write(to: unrelated)
        let lexicon = try Lexicon(path: dictionary, cacheDirectory: directory)
        #expect(!lexicon.loadedFromCache)
        let files = try mapFiles(in: directory)
        #expect(files.count == 2)
        #expect(!files.contains(stale.lastPathComponent))
        #expect(files.contains(unrelated.lastPathComponent))
    }

    @Test func anUnwritableCacheDirectoryOnlyCostsTime() throws {
        // A directory under a regular file can never be created.
        let lexicon = try Lexicon(path: dictionary, cacheDirectory: dictionary + "/cache")
        #expect(!lexicon.loadedFromCache)
        #expect(lexicon.contains("töökoha"))
        let uncached = try Lexicon(path: dictionary, cacheDirectory: nil)
        #expect(!uncached.loadedFromCache)
    }
}
