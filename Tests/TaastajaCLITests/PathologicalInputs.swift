import Foundation

/// Hostile inputs made byte by byte: images whose headers claim huge sizes, TIFFs whose directory chains loop or
/// whose pixel data is junk.
enum PathologicalInputs {
    /// A PNG whose header claims `width` × `height` grey pixels, followed by a little (invalid) data.
    static func png(width: UInt32, height: UInt32) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = Array("IHDR".utf8) + bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0]
        bytes += bigEndian(13) + header + bigEndian(crc32(header))
        header = Array("IDAT".utf8) + [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00]
        bytes += bigEndian(6) + header + bigEndian(crc32(header))
        return Data(bytes)
    }

    /// A baseline JPEG start whose frame claims `width` × `height` pixels.
    static func jpeg(width: UInt16, height: UInt16) -> Data {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        bytes += [0xFF, 0xC0, 0x00, 0x0B, 8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8),
                  UInt8(width & 0xFF), 1, 1, 0x11, 0]
        bytes += [0xFF, 0xD9]
        return Data(bytes)
    }

    /// A little-endian TIFF of one 8-bit grey page of `width` × `height`, its strip `pixels` (compression 1: as they
    /// are; 5: LZW, here junk). `loop` points the directory chain back at its own directory.
    static func tiff(width: UInt32, height: UInt32, pixels: [UInt8], compression: UInt16 = 1, loop: Bool = false) -> Data {
        let directoryOffset: UInt32 = 8
        let entries: [(UInt16, UInt16, UInt32)] = [
            (256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, UInt32(compression)), (262, 3, 1),
            (273, 4, 0),  // strip offset: filled in below
            (277, 3, 1), (278, 4, height), (279, 4, UInt32(pixels.count)),
        ]
        let dataOffset = directoryOffset + 2 + UInt32(entries.count) * 12 + 4
        var bytes: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + littleEndian(directoryOffset)
        bytes += littleEndian16(UInt16(entries.count))
        for (tag, type, value) in entries {
            bytes += littleEndian16(tag) + littleEndian16(type) + littleEndian(1)
            let stored = tag == 273 ? dataOffset : value
            bytes += type == 3 ? littleEndian16(UInt16(stored)) + [0, 0] : littleEndian(stored)
        }
        bytes += littleEndian(loop ? directoryOffset : 0)
        bytes += pixels
        return Data(bytes)
    }

    /// A one-page PDF that draws an image XObject claiming `width` × `height` pixels from a few bytes of data.
    static func pdfWithImage(width: Int, height: Int) -> Data {
        let stream = "q 500 0 0 700 50 50 cm /Im0 Do Q"
        let imageData = "\u{00}\u{00}\u{00}\u{00}"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Length \(imageData.utf8.count) >>\nstream\n\(imageData)\nendstream",
        ]
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(text.utf8)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] { bigEndian(value).reversed() }

    private static func littleEndian16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
