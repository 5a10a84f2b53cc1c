/// A table of UTF-8 strings stored end to end, with start offsets: a view into memory the dictionary image owns.
struct StringTable: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let offsets: UnsafeBufferPointer<UInt32>

    var count: Int { offsets.count - 1 }

    subscript(index: Int) -> UnsafeRawBufferPointer {
        let start = Int(offsets[index])
        return UnsafeRawBufferPointer(start: bytes.baseAddress! + start, count: Int(offsets[index + 1]) - start)
    }

    /// Calls `body` with each entry's index and bytes, in order.
    func forEachEntry(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        for entry in 0..<count { body(entry, self[entry]) }
    }

    /// Whether the offsets rise from 0 to the end of the bytes (a table read back from a cache file is checked
    /// before any look-up trusts it).
    var isWellFormed: Bool {
        guard let first = offsets.first, first == 0, Int(offsets.last!) <= bytes.count, bytes.baseAddress != nil else {
            return false
        }
        return Self.isNonDecreasing(offsets)
    }

    /// Whether no value is less than the one before. No early exit and no branch: a loop the compiler vectorizes
    /// (a million values at every start).
    static func isNonDecreasing(_ values: UnsafeBufferPointer<UInt32>) -> Bool {
        var descents: UInt32 = 0
        for index in 1..<max(values.count, 1) { descents |= values[index] < values[index - 1] ? 1 : 0 }
        return descents == 0
    }

    /// Entries and total bytes of a front-coded table (each entry: u8 bytes shared with the previous string,
    /// u8 count of the rest, the rest); nil if the table is truncated.
    static func decodedSize(frontCoded encoded: UnsafeRawBufferPointer) -> (entries: Int, bytes: Int)? {
        var total = 0, position = 0, entries = 0
        while position + 2 <= encoded.count {
            total += Int(encoded[position]) + Int(encoded[position + 1])
            position += 2 + Int(encoded[position + 1])
            entries += 1
        }
        return position == encoded.count ? (entries, total) : nil
    }

    /// Decodes a front-coded table into `bytes` and `offsets`, sized by `decodedSize`.
    static func decode(frontCoded encoded: UnsafeRawBufferPointer, bytes: UnsafeMutableRawBufferPointer,
                       offsets: UnsafeMutableBufferPointer<UInt32>) {
        let storage = bytes.baseAddress!
        var write = 0, previousStart = 0, position = 0
        offsets[0] = 0
        for entry in 0..<(offsets.count - 1) {
            let shared = Int(encoded[position]), rest = Int(encoded[position + 1])
            let start = write
            if shared > 0 {
                // The shared bytes are the previous string's first bytes; the two never overlap.
                (storage + write).copyMemory(from: storage + previousStart, byteCount: shared)
                write += shared
            }
            if rest > 0 {
                (storage + write).copyMemory(from: encoded.baseAddress! + position + 2, byteCount: rest)
                write += rest
            }
            position += 2 + rest
            offsets[entry + 1] = UInt32(write)
            previousStart = start
        }
    }
}
