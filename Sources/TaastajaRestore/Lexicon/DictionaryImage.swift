import Foundation

/// The dictionary ready for look-ups: its inflated sections and the tables derived from them (decoded string
/// tables, hash indexes, where each key's words start). Deriving them takes about 0.1 s, so the result is kept in
/// a cache file that later runs map instead. A missing, stale or damaged cache file is rebuilt; a cache directory
/// that cannot be written only costs the time.
final class DictionaryImage: @unchecked Sendable {
    static let sectionCount = 14
    /// The tables, views into `memory`.
    let tables: Tables
    /// Whether the tables came from a cache file rather than being derived in this run.
    let mappedFromCache: Bool
    private let memory: Memory

    private enum Memory {
        case mapped(UnsafeMutableRawPointer, Int)
        case allocated(UnsafeMutableRawBufferPointer)
    }

    /// Reads the dictionary at `path` ("TSTJLEXZ", u64 inflated size, zlib stream), through the cache file in
    /// `cacheDirectory` when there is one.
    init(path: String, cacheDirectory: String?) throws(RestorationError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw RestorationError("cannot read dictionary (\((error as NSError).localizedDescription))", file: path)
        }
        guard data.count > 16, data.prefix(8) == Data("TSTJLEXZ".utf8) else {
            throw RestorationError("not a Taastaja dictionary (bad magic)", file: path)
        }
        let fingerprint = Fingerprint(crc: data.withUnsafeBytes(Zlib.crc32), size: UInt64(data.count))
        let cacheFile = cacheDirectory.map { Self.cacheFile(for: path, fingerprint: fingerprint, in: $0) }

        if let cacheFile, let mapped = Self.map(cacheFile) {
            if let tables = try? Tables(layout: UnsafeRawBufferPointer(start: mapped.0, count: mapped.1),
                                        fingerprint: fingerprint, file: cacheFile) {
                (self.tables, memory, mappedFromCache) = (tables, .mapped(mapped.0, mapped.1), true)
                return
            }
            munmap(mapped.0, mapped.1)
        }

        let derived = data.withUnsafeBytes { compressed in
            Result { () throws(RestorationError) in try Self.derive(compressed, fingerprint: fingerprint, file: path) }
        }
        let layout = try derived.get()
        do {
            tables = try Tables(layout: UnsafeRawBufferPointer(layout), fingerprint: fingerprint, file: path)
        } catch {
            layout.deallocate()
            throw error
        }
        (memory, mappedFromCache) = (.allocated(layout), false)
        if let cacheFile { Self.write(layout, to: cacheFile, dictionary: path) }
    }

    deinit {
        switch memory {
        case let .mapped(base, length): munmap(base, length)
        case let .allocated(buffer): buffer.deallocate()
        }
    }

    // MARK: Cache file layout

    /// Which dictionary file a cache file was derived from.
    struct Fingerprint: Equatable {
        var crc: UInt32
        var size: UInt64
    }

    /// Cache file: magic "TSTJMAP6", u32 CRC-32 of the dictionary file, u32 zero, u64 its size, u64 part count,
    /// then (u64 offset, u64 length) per part, each part 8-byte aligned. Parts: the inflated image without the
    /// sections the others replace, then words, word offsets, keys, key offsets, compound parts, their offsets,
    /// key index slots, compound index slots, bucket starts, trigram keys, folded trigram keys, corpus tokens
    /// (a Double): the metadata JSON is decoded once, here, not at every start; then the key filter
    /// (`KeyFilter`).
    private static let magic = "TSTJMAP6"
    private static let partCount = 14
    private static let headerSize = 32 + 16 * partCount
    /// Image sections the derived tables replace: front-coded words, keys and compound parts, bucket sizes.
    private static let replacedSections: Set<Int> = [0, 3, 5, 9]

    static func cacheFile(for dictionary: String, fingerprint: Fingerprint, in directory: String) -> String {
        let name = URL(fileURLWithPath: dictionary).deletingPathExtension().lastPathComponent
        let crc = String(fingerprint.crc, radix: 16)
        return URL(fileURLWithPath: directory).appendingPathComponent("\(name)-\(crc)-\(fingerprint.size).map").path
    }

    /// Inflates the dictionary and derives its tables into one buffer laid out as the cache file.
    private static func derive(_ compressed: UnsafeRawBufferPointer, fingerprint: Fingerprint,
                               file: String) throws(RestorationError) -> UnsafeMutableRawBufferPointer {
        let size = compressed.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        guard size > 0, size < 1 << 31 else { throw RestorationError("dictionary size is implausible", file: file) }
        let image = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(size), alignment: 8)
        defer { image.deallocate() }
        do {
            try Zlib.inflate(UnsafeRawBufferPointer(rebasing: compressed[16...]), into: image)
        } catch {
            throw RestorationError("dictionary is corrupt (zlib status \(error.status))", file: file)
        }
        let sections = try Self.sections(of: UnsafeRawBufferPointer(image), file: file)
        guard let words = StringTable.decodedSize(frontCoded: sections[0]),
              let keys = StringTable.decodedSize(frontCoded: sections[3]),
              let compounds = StringTable.decodedSize(frontCoded: sections[9]) else {
            throw RestorationError("dictionary string table is truncated", file: file)
        }
        // The image is kept without the sections the derived tables replace (a sixth of the cache file).
        let keptSections = sections.enumerated().map { index, section in
            replacedSections.contains(index) ? UnsafeRawBufferPointer(start: nil, count: 0) : section
        }
        let imageHeader = 12 + 8 * sections.count
        var sectionOffsets: [Int] = []
        var imageEnd = (imageHeader + 7) / 8 * 8
        for section in keptSections {
            sectionOffsets.append(imageEnd)
            imageEnd += (section.count + 7) / 8 * 8
        }
        struct Metadata: Decodable {
            var trigrams: [String]
            var corpusTokens: Double
        }
        guard let metadata = try? JSONDecoder().decode(Metadata.self, from: Data(sections[13])) else {
            throw RestorationError("dictionary metadata is unreadable", file: file)
        }
        let trigramKeys = Set(metadata.trigrams.compactMap(Lexicon.trigramKey)).sorted()
        let foldedTrigramKeys = Set(metadata.trigrams.map(Lexicon.fold).compactMap(Lexicon.trigramKey)).sorted()
        let lengths = [imageEnd, words.bytes, 4 * (words.entries + 1), keys.bytes, 4 * (keys.entries + 1),
                       compounds.bytes, 4 * (compounds.entries + 1), 4 * StringHashIndex.slotCount(entries: keys.entries),
                       4 * StringHashIndex.slotCount(entries: compounds.entries), 4 * (sections[5].count / 2 + 1),
                       8 * trigramKeys.count, 8 * foldedTrigramKeys.count, 8, KeyFilter.byteCount]
        var offsets: [Int] = []
        var end = headerSize
        for length in lengths {
            offsets.append(end)
            end += (length + 7) / 8 * 8
        }
        let layout = UnsafeMutableRawBufferPointer.allocate(byteCount: end, alignment: 8)
        // Only the header and the padding after each part need zeros; the parts are written whole below.
        UnsafeMutableRawBufferPointer(rebasing: layout[..<headerSize]).initializeMemory(as: UInt8.self, repeating: 0)
        for (offset, length) in zip(offsets, lengths) {
            let paddingEnd = offset + (length + 7) / 8 * 8
            UnsafeMutableRawBufferPointer(rebasing: layout[(offset + length)..<paddingEnd]).initializeMemory(as: UInt8.self, repeating: 0)
        }
        func part(_ index: Int) -> UnsafeMutableRawBufferPointer {
            UnsafeMutableRawBufferPointer(rebasing: layout[offsets[index]..<(offsets[index] + lengths[index])])
        }
        func u32s(_ index: Int) -> UnsafeMutableBufferPointer<UInt32> {
            part(index).bindMemory(to: UInt32.self)
        }
        layout.copyBytes(from: magic.utf8)
        layout.storeBytes(of: fingerprint.crc, toByteOffset: 8, as: UInt32.self)
        layout.storeBytes(of: fingerprint.size, toByteOffset: 16, as: UInt64.self)
        layout.storeBytes(of: UInt64(partCount), toByteOffset: 24, as: UInt64.self)
        for index in 0..<partCount {
            layout.storeBytes(of: UInt64(offsets[index]), toByteOffset: 32 + 16 * index, as: UInt64.self)
            layout.storeBytes(of: UInt64(lengths[index]), toByteOffset: 40 + 16 * index, as: UInt64.self)
        }
        let keptImage = part(0)
        keptImage.initializeMemory(as: UInt8.self, repeating: 0)
        keptImage.copyBytes(from: "TSTJLEX4".utf8)
        keptImage.storeBytes(of: UInt32(sections.count), toByteOffset: 8, as: UInt32.self)
        for (index, section) in keptSections.enumerated() {
            keptImage.storeBytes(of: UInt32(sectionOffsets[index]), toByteOffset: 12 + 8 * index, as: UInt32.self)
            keptImage.storeBytes(of: UInt32(section.count), toByteOffset: 16 + 8 * index, as: UInt32.self)
            if let base = section.baseAddress, section.count > 0 {
                (keptImage.baseAddress! + sectionOffsets[index]).copyMemory(from: base, byteCount: section.count)
            }
        }
        StringTable.decode(frontCoded: sections[0], bytes: part(1), offsets: u32s(2))
        StringTable.decode(frontCoded: sections[3], bytes: part(3), offsets: u32s(4))
        StringTable.decode(frontCoded: sections[9], bytes: part(5), offsets: u32s(6))
        StringHashIndex.fill(u32s(7), over: StringTable(bytes: UnsafeRawBufferPointer(part(3)),
                                                        offsets: UnsafeBufferPointer(u32s(4))))
        StringHashIndex.fill(u32s(8), over: StringTable(bytes: UnsafeRawBufferPointer(part(5)),
                                                        offsets: UnsafeBufferPointer(u32s(6))))
        KeyFilter.fill(part(13).bindMemory(to: UInt64.self), over: StringTable(bytes: UnsafeRawBufferPointer(part(3)),
                                                                              offsets: UnsafeBufferPointer(u32s(4))))
        trigramKeys.withUnsafeBytes { part(10).copyMemory(from: $0) }
        foldedTrigramKeys.withUnsafeBytes { part(11).copyMemory(from: $0) }
        part(12).storeBytes(of: max(metadata.corpusTokens, 1), as: Double.self)
        let starts = u32s(9)
        starts[0] = 0
        for index in 0..<(starts.count - 1) {
            starts[index + 1] = starts[index] &+ UInt32(sections[5].loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
        }
        return layout
    }

    /// The image's sections: magic "TSTJLEX4", u32 section count, then (u32 offset, u32 length) per section.
    private static func sections(of image: UnsafeRawBufferPointer, file: String) throws(RestorationError) -> [UnsafeRawBufferPointer] {
        guard image.count > 12, String(decoding: image[0..<8], as: UTF8.self) == "TSTJLEX4" else {
            throw RestorationError("not a Taastaja dictionary (bad magic)", file: file)
        }
        let count = Int(image.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard count == sectionCount, image.count >= 12 + 8 * count else {
            throw RestorationError("dictionary has \(count) sections, expected \(sectionCount)", file: file)
        }
        var sections: [UnsafeRawBufferPointer] = []
        for index in 0..<count {
            let offset = Int(image.loadUnaligned(fromByteOffset: 12 + 8 * index, as: UInt32.self))
            let length = Int(image.loadUnaligned(fromByteOffset: 16 + 8 * index, as: UInt32.self))
            guard offset + length <= image.count else { throw RestorationError("dictionary is truncated", file: file) }
            sections.append(UnsafeRawBufferPointer(rebasing: image[offset..<(offset + length)]))
        }
        return sections
    }

    /// The tables of a layout, checked for agreement with each other so that no look-up reads out of bounds, even
    /// from a damaged cache file.
    struct Tables {
        let sections: [UnsafeRawBufferPointer]
        let words, keys, compounds: StringTable
        let keyIndex, compoundIndex: StringHashIndex
        /// Where each key's run of words starts in the word table; one more entry than there are keys.
        let bucketStarts: UnsafeBufferPointer<UInt32>
        /// The metadata's letter trigrams as keys (`Lexicon.trigramKey`), as spelled and with diacritics folded.
        let trigramKeys, foldedTrigramKeys: UnsafeBufferPointer<UInt64>
        /// Total corpus tokens behind the word counts.
        let corpusTokens: Double
        let keyFilter: KeyFilter

        init(layout: UnsafeRawBufferPointer, fingerprint: Fingerprint, file: String) throws(RestorationError) {
            func damaged(_ what: String) -> RestorationError { RestorationError("dictionary cache is damaged (\(what))", file: file) }
            guard layout.count >= headerSize, String(decoding: layout[0..<8], as: UTF8.self) == magic,
                  layout.loadUnaligned(fromByteOffset: 24, as: UInt64.self) == UInt64(partCount) else {
                throw damaged("bad header")
            }
            let stored = Fingerprint(crc: layout.loadUnaligned(fromByteOffset: 8, as: UInt32.self),
                                     size: layout.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            guard stored == fingerprint else { throw damaged("made from another dictionary") }
            var parts: [UnsafeRawBufferPointer] = []
            for index in 0..<partCount {
                let offset = layout.loadUnaligned(fromByteOffset: 32 + 16 * index, as: UInt64.self)
                let length = layout.loadUnaligned(fromByteOffset: 40 + 16 * index, as: UInt64.self)
                guard offset % 8 == 0, offset <= UInt64(layout.count), length <= UInt64(layout.count) - offset else {
                    throw damaged("part \(index) out of bounds")
                }
                parts.append(UnsafeRawBufferPointer(rebasing: layout[Int(offset)..<Int(offset + length)]))
            }
            let sections = try DictionaryImage.sections(of: parts[0], file: file)
            func u32s(_ index: Int) -> UnsafeBufferPointer<UInt32> {
                UnsafeBufferPointer(start: parts[index].baseAddress?.assumingMemoryBound(to: UInt32.self),
                                    count: parts[index].count / 4)
            }
            let words = StringTable(bytes: parts[1], offsets: u32s(2))
            let keys = StringTable(bytes: parts[3], offsets: u32s(4))
            let compounds = StringTable(bytes: parts[5], offsets: u32s(6))
            guard words.isWellFormed, keys.isWellFormed, compounds.isWellFormed else { throw damaged("string tables") }
            let keyIndex = StringHashIndex(slots: u32s(7), entries: keys.count)
            let compoundIndex = StringHashIndex(slots: u32s(8), entries: compounds.count)
            guard keyIndex.fits(keys), compoundIndex.fits(compounds) else { throw damaged("hash indexes") }
            let starts = u32s(9)
            guard words.count == sections[2].count / 4,
                  compounds.count == sections[11].count / 4, sections[7].count / 8 == sections[8].count / 4,
                  starts.count == keys.count + 1,
                  starts.first == 0, starts.last.map(Int.init) == words.count,
                  StringTable.isNonDecreasing(starts) else {
                throw RestorationError("dictionary tables disagree in size", file: file)
            }
            (self.sections, self.words, self.keys, self.compounds) = (sections, words, keys, compounds)
            (self.keyIndex, self.compoundIndex, bucketStarts) = (keyIndex, compoundIndex, starts)
            func u64s(_ index: Int) -> UnsafeBufferPointer<UInt64> {
                UnsafeBufferPointer(start: parts[index].baseAddress?.assumingMemoryBound(to: UInt64.self),
                                    count: parts[index].count / 8)
            }
            (trigramKeys, foldedTrigramKeys) = (u64s(10), u64s(11))
            // Searched by halving (see `SortedKeys`): strictly ascending, or a look-up could miss a key.
            for keys in [trigramKeys, foldedTrigramKeys] where !zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) {
                throw damaged("trigram keys out of order")
            }
            guard parts[12].count == 8 else { throw damaged("corpus size") }
            corpusTokens = parts[12].loadUnaligned(as: Double.self)
            guard corpusTokens.isFinite, corpusTokens >= 1 else { throw damaged("corpus size") }
            guard parts[13].count == KeyFilter.byteCount else { throw damaged("key filter size") }
            keyFilter = KeyFilter(bits: u64s(13))
        }
    }

    // MARK: Cache file I/O

    /// The cache file mapped read-only, or nil when there is none.
    private static func map(_ path: String) -> (UnsafeMutableRawPointer, Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= headerSize else { return nil }
        let length = Int(status.st_size)
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), base != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        return (base, length)
    }

    /// Writes the cache file atomically (a concurrent run sees the old file or the whole new one) and removes
    /// this dictionary's stale cache files. Not synced to disk: a file a crash leaves short fails the checks
    /// and is rebuilt. Failure only means the next run derives the tables again.
    private static func write(_ layout: UnsafeMutableRawBufferPointer, to path: String, dictionary: String) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        guard (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else {
            return
        }
        // A name of its own per writer: two lexicons may be loading at once, in one process or several.
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(unique).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var written = 0
        while written < layout.count {
            let count = Glibc.write(descriptor, layout.baseAddress! + written, layout.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            written += count
        }
        guard close(descriptor) == 0, written == layout.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
        let stem = URL(fileURLWithPath: dictionary).deletingPathExtension().lastPathComponent
        for other in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        where other != url.lastPathComponent && other.hasPrefix(stem + "-") && other.hasSuffix(".map") {
            // Only names this code gives (stem-crc-size.map), not another dictionary's whose name extends the stem.
            let fields = other.dropFirst(stem.count + 1).dropLast(4).split(separator: "-")
            guard fields.count == 2, UInt32(fields[0], radix: 16) != nil, UInt64(fields[1]) != nil else { continue }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(other))
        }
    }
}
