import TaastajaExtract

extension String {
    /// A string of the given scalars, written as UTF-8 in one go (appending to a `UnicodeScalarView` one
    /// scalar at a time is several times slower, and restoration builds a string per word).
    init(scalars: some Collection<Unicode.Scalar>) {
        // Sized exactly, not for four bytes a scalar: a word of up to 15 bytes then stays inline (no allocation).
        var utf8Count = 0
        for scalar in scalars {
            let value = scalar.value
            utf8Count += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        }
        self.init(unsafeUninitializedCapacity: utf8Count) { buffer in
            var length = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    buffer[length] = UInt8(value)
                    length += 1
                } else if value < 0x800 {
                    buffer[length] = UInt8(0xC0 | value >> 6)
                    buffer[length + 1] = UInt8(0x80 | value & 0x3F)
                    length += 2
                } else if value < 0x10000 {
                    buffer[length] = UInt8(0xE0 | value >> 12)
                    buffer[length + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[length + 2] = UInt8(0x80 | value & 0x3F)
                    length += 3
                } else {
                    buffer[length] = UInt8(0xF0 | value >> 18)
                    buffer[length + 1] = UInt8(0x80 | value >> 12 & 0x3F)
                    buffer[length + 2] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[length + 3] = UInt8(0x80 | value & 0x3F)
                    length += 4
                }
            }
            return length
        }
    }
}

// The Unicode property tables cost a look-up per scalar; per-token loops ask mostly about ASCII letters.
extension Unicode.Scalar {
    /// `properties.isAlphabetic`, answered for ASCII without the tables.
    var isAlphabetic: Bool { value < 0x80 ? (value | 0x20) &- 0x61 < 26 : properties.isAlphabetic }
    /// `properties.isLowercase`, likewise.
    var isLowercase: Bool { value < 0x80 ? value &- 0x61 < 26 : properties.isLowercase }
    /// `properties.isUppercase`, likewise.
    var isUppercase: Bool { value < 0x80 ? value &- 0x41 < 26 : properties.isUppercase }
}

extension String {
    /// The string's scalars, decoded from its UTF-8 in one pass (`Array(unicodeScalars)` counts them first,
    /// then copies them, checking every index). Reserved and appended: `Array(unsafeUninitializedCapacity:)`
    /// allocates through an unspecialised path that looks up the array's type metadata at every call, which
    /// cost more than the decoding.
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { bytes in
            let utf8 = UnsafeRawBufferPointer(bytes)
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(utf8.count)
            var index = 0
            while index < utf8.count {
                let (value, length) = utf8.utf8Scalar(at: index)
                // A String's UTF-8 is always valid: every sequence decodes to a scalar.
                scalars.append(Unicode.Scalar(value)!)
                index += length
            }
            return scalars
        }
    }
}
