extension UnsafeRawBufferPointer {
    /// The value of the UTF-8 sequence starting at `index` and its length in bytes (the bytes are valid UTF-8; a
    /// sequence cut short by the end decodes from what is there).
    @inlinable @inline(__always)
    package func utf8Scalar(at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(self[index])
        var value: UInt32
        let length: Int
        switch lead {
        case ..<0x80: return (lead, 1)
        case ..<0xE0: value = lead & 0x1F; length = 2
        case ..<0xF0: value = lead & 0x0F; length = 3
        default: value = lead & 0x07; length = 4
        }
        for offset in 1..<length where index + offset < count {
            value = value << 6 | UInt32(self[index + offset]) & 0x3F
        }
        return (value, length)
    }
}
