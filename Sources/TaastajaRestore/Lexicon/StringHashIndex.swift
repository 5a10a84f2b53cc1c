import Foundation

/// An open-addressing hash index over a string table: exact look-up of a UTF-8 string in constant time.
/// A view into memory the dictionary image owns; built once per dictionary and kept in the cache file.
struct StringHashIndex: @unchecked Sendable {
    /// Per slot: entry index + 1 in the low bits, the top bits of the entry's hash in the bits the index leaves
    /// free (a tag that settles most probes without touching the table); 0 is empty. A power-of-two count, at
    /// most half full.
    private let slots: UnsafeBufferPointer<UInt32>
    private let mask: Int
    private let entryBits: UInt32

    init(slots: UnsafeBufferPointer<UInt32>, entries: Int) {
        self.slots = slots
        mask = slots.count - 1
        entryBits = Self.entryBits(entries: entries)
    }

    /// Slots an index over `entries` strings needs.
    static func slotCount(entries: Int) -> Int {
        var capacity = 16
        while capacity < 2 * entries { capacity <<= 1 }
        return capacity
    }

    private static func entryBits(entries: Int) -> UInt32 {
        UInt32(Int.bitWidth - (entries + 1).leadingZeroBitCount)
    }

    private static func tag(_ hash: Int, entryBits: UInt32) -> UInt32 {
        entryBits >= 32 ? 0 : UInt32(truncatingIfNeeded: UInt64(bitPattern: Int64(hash)) >> (32 + UInt64(entryBits))) << entryBits
    }

    /// Fills `slots` (of `slotCount(entries: table.count)`) with an index over `table`.
    static func fill(_ slots: UnsafeMutableBufferPointer<UInt32>, over table: StringTable) {
        let mask = slots.count - 1
        let entryBits = entryBits(entries: table.count)
        slots.initialize(repeating: 0)
        table.forEachEntry { entry, bytes in
            let hash = hash(bytes)
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = tag(hash, entryBits: entryBits) | UInt32(entry + 1)
        }
    }

    /// Whether the index fits `table`: a power-of-two slot count with room to spare, every slot empty or
    /// naming an entry of the table. (Checked before trusting an index read back from a cache file.)
    func fits(_ table: StringTable) -> Bool {
        guard slots.count == Self.slotCount(entries: table.count) else { return false }
        let limit = UInt32(table.count), entryMask = entryMask
        // No early exit and no branch, over a raw pointer, in operations baseline x86-64 has as vector
        // instructions (no unsigned max): a loop the compiler vectorizes (two million slots at every start).
        // Entries number below 2^31, so `limit - entry` has its top bit set exactly when the entry is past the
        // table; and an empty entry field makes `emptyField` all ones, so its slot's tag bits show.
        guard limit < 1 << 31 else { return false }
        var pastTheTable: UInt32 = 0, taggedButEmpty: UInt32 = 0
        let base = slots.baseAddress!
        for index in 0..<slots.count {
            let stored = base[index]
            let entry = stored & entryMask
            pastTheTable |= limit &- entry
            let emptyField = UInt32(bitPattern: Int32(bitPattern: entry &- 1) >> 31)
            taggedButEmpty |= stored & emptyField
        }
        return pastTheTable >> 31 == 0 && taggedButEmpty == 0
    }

    /// The entry of `table` (the one the index was built from) equal to `bytes`.
    func find(_ bytes: UnsafeRawBufferPointer, in table: StringTable) -> Int? {
        find(bytes, hash: Self.hash(bytes), in: table)
    }

    /// The same, with the bytes' `hash` already computed.
    func find(_ bytes: UnsafeRawBufferPointer, hash: Int, in table: StringTable) -> Int? {
        let tag = Self.tag(hash, entryBits: entryBits), entryMask = entryMask
        var slot = hash & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { return nil }
            guard stored & ~entryMask == tag else {
                slot = (slot + 1) & mask
                continue
            }
            let entry = Int(stored & entryMask) - 1
            let candidate = table[entry]
            if candidate.count == bytes.count,
               bytes.isEmpty || memcmp(candidate.baseAddress!, bytes.baseAddress!, bytes.count) == 0 {
                return entry
            }
            slot = (slot + 1) & mask
        }
    }

    private var entryMask: UInt32 { entryBits >= 32 ? .max : (1 << entryBits) - 1 }

    /// FNV-1a, folded to an Int.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hash = hashStart
        for byte in bytes { hash = hashing(byte, into: hash) }
        return finished(hash)
    }

    /// The same a byte at a time, for bytes hashed as they are written (see `Restorer.addDeletions`).
    static let hashStart: UInt64 = 0xcbf2_9ce4_8422_2325

    static func hashing(_ byte: UInt8, into hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* hashPrime
    }

    static let hashPrime: UInt64 = 0x100_0000_01b3

    static func finished(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
