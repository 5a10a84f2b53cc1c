/// Image sizes read from the headers, before any pixel is decoded: PNG's IHDR, JPEG's SOF, TIFF's directories. An
/// image above the pixel limit is refused before leptonica allocates it (a 900-megapixel PNG of 1 MB would take
/// gigabytes), and a TIFF whose directory chain loops is counted without looping.
enum ImageHeader {
    struct Size: Equatable {
        var width: Int
        var height: Int
        var pixels: Int { width * height }
    }

    /// PNG: the IHDR chunk's width and height; nil when the header is cut short.
    static func pngSize(_ bytes: [UInt8]) -> Size? {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        return Size(width: bigEndian(bytes, 16, 4), height: bigEndian(bytes, 20, 4))
    }

    /// JPEG: the first start-of-frame segment's size; nil when none comes before the scan.
    static func jpegSize(_ bytes: [UInt8]) -> Size? {
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { offset += 2; continue }
            if marker == 0xD9 || marker == 0xDA { return nil }
            let length = bigEndian(bytes, offset + 2, 2)
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame {
                guard offset + 9 <= bytes.count else { return nil }
                return Size(width: bigEndian(bytes, offset + 7, 2), height: bigEndian(bytes, offset + 5, 2))
            }
            guard length >= 2 else { return nil }
            offset += 2 + length
        }
        return nil
    }

    /// A TIFF's pages as its directory chain lists them.
    struct TIFFLayout {
        /// Each page's size (nil when its directory gives none).
        var pages: [Size?] = []
        /// The chain pointed back to a directory already seen (and was cut there).
        var loops = false
        /// A directory lies past the end of the file, or is cut short.
        var truncated = false
    }

    /// Walks the directory chain: each directory once, at most `maximumPages`.
    static func tiffLayout(_ bytes: [UInt8], maximumPages: Int = 10_000) -> TIFFLayout {
        var layout = TIFFLayout()
        guard bytes.count >= 8 else {
            layout.truncated = true
            return layout
        }
        let little = bytes[0] == 0x49
        func number(_ offset: Int, _ count: Int) -> Int {
            little ? littleEndian(bytes, offset, count) : bigEndian(bytes, offset, count)
        }
        var seen = Set<Int>()
        var offset = number(4, 4)
        while offset != 0 {
            guard seen.insert(offset).inserted else {
                layout.loops = true
                break
            }
            guard layout.pages.count < maximumPages else { break }
            guard offset + 2 <= bytes.count else {
                layout.truncated = true
                break
            }
            let entries = number(offset, 2)
            guard offset + 2 + entries * 12 + 4 <= bytes.count else {
                layout.truncated = true
                break
            }
            var width: Int?, height: Int?
            for index in 0..<entries {
                let entry = offset + 2 + index * 12
                let tag = number(entry, 2), type = number(entry + 2, 2)
                guard tag == 256 || tag == 257 else { continue }
                let value = type == 3 ? number(entry + 8, 2) : type == 4 ? number(entry + 8, 4) : nil
                if tag == 256 { width = value } else { height = value }
            }
            layout.pages.append(width.flatMap { width in height.map { Size(width: width, height: $0) } })
            offset = number(offset + 2 + entries * 12, 4)
        }
        return layout
    }

    /// The sizes image XObjects of a PDF claim, read from their dictionaries in the file's bytes. A stream's
    /// dictionary is never compressed (streams are not allowed in object streams), so every image XObject is seen;
    /// inline images inside compressed content are not (they are small by the standard's advice).
    static func pdfImageSizes(_ bytes: [UInt8]) -> [Size] {
        let image = Array("/Image".utf8), open = Array("obj".utf8), close = Array("stream".utf8)
        var sizes: [Size] = []
        var from = 0
        while let found = bytes[from...].firstRange(of: image) {
            from = found.upperBound
            // `/Image` itself, not `/ImageB` or `/ImageMask`.
            if from < bytes.count, isNameCharacter(bytes[from]) { continue }
            let start = bytes[max(0, found.lowerBound - 2_000)..<found.lowerBound].lastRange(of: open)?.upperBound
                ?? max(0, found.lowerBound - 2_000)
            let end = bytes[from..<min(bytes.count, from + 2_000)].firstRange(of: close)?.lowerBound
                ?? min(bytes.count, from + 2_000)
            let dictionary = Array(bytes[start..<end])
            if let width = number(after: "/Width", in: dictionary), let height = number(after: "/Height", in: dictionary) {
                sizes.append(Size(width: width, height: height))
            }
        }
        return sizes
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The integer after the name `key` (`/Width 1000`), saturated to a billion; nil when none follows.
    private static func number(after key: String, in bytes: [UInt8]) -> Int? {
        var from = 0
        let name = Array(key.utf8)
        while let found = bytes[from...].firstRange(of: name) {
            from = found.upperBound
            var index = from
            guard index < bytes.count, !isNameCharacter(bytes[index]) else { continue }
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00].contains(bytes[index]) { index += 1 }
            var value = 0, digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                value = min(1_000_000_000, value * 10 + Int(bytes[index] - 0x30))
                digits += 1
                index += 1
            }
            if digits > 0 { return value }
        }
        return nil
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        (0..<count).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        (0..<count).reversed().reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }
}
