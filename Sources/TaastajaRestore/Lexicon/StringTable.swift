/// A front-coded string table decoded into one contiguous buffer with start offsets.
final class StringTable: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer
    private let offsets: [UInt32]

    var count: Int { offsets.count - 1 }

    /// Each entry: u8 bytes shared with the previous string, u8 count of the rest, the rest.
    init(frontCoded encoded: UnsafeRawBufferPointer, file: String) throws(RestorationError) {
        var total = 0, position = 0, entries = 0
        while position + 2 <= encoded.count {
            total += Int(encoded[position]) + Int(encoded[position + 1])
            position += 2 + Int(encoded[position + 1])
            entries += 1
        }
        guard position == encoded.count else { throw RestorationError("string table is truncated", file: file) }
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 1)
        var offsets = [UInt32](repeating: 0, count: entries + 1)
        var write = 0, previousStart = 0
        position = 0
        for entry in 0..<entries {
            let shared = Int(encoded[position]), rest = Int(encoded[position + 1])
            let start = write
            if shared > 0 {
                // The shared bytes are the previous string's first bytes (memmove: they never overlap here).
                storage.baseAddress!.advanced(by: write).copyMemory(from: storage.baseAddress!.advanced(by: previousStart), byteCount: shared)
                write += shared
            }
            if rest > 0 {
                storage.baseAddress!.advanced(by: write).copyMemory(from: encoded.baseAddress!.advanced(by: position + 2), byteCount: rest)
                write += rest
            }
            position += 2 + rest
            offsets[entry + 1] = UInt32(write)
            previousStart = start
        }
        self.offsets = offsets
    }

    deinit {
        storage.deallocate()
    }

    /// Calls `body` with each entry's index and bytes, in order.
    func forEachEntry(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        let base = UnsafeRawPointer(storage.baseAddress!)
        offsets.withUnsafeBufferPointer { offsets in
            for entry in 0..<(offsets.count - 1) {
                let start = Int(offsets[entry])
                body(entry, UnsafeRawBufferPointer(start: base + start, count: Int(offsets[entry + 1]) - start))
            }
        }
    }

    subscript(index: Int) -> UnsafeRawBufferPointer {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[start..<end])
    }
}
