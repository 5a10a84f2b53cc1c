#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a text file into a String: UTF-8, UTF-16 with a BOM, or a legacy single-byte
/// Estonian encoding (ISO-8859-15 or Windows-1257), chosen by which one yields Estonian letters.
enum TextDecoder {
    enum Encoding: String {
        case utf8 = "UTF-8"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
        case iso8859_15 = "ISO-8859-15"
        case windows1257 = "WINDOWS-1257"
    }

    /// Text has a BOM, or almost no control bytes other than tab, line breaks and form feed.
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        if bytes.isEmpty { return false }
        let controls = bytes.lazy.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0) }.count
        return controls * 1000 <= bytes.count  // at most 0.1%
    }

    static func decode(_ bytes: [UInt8]) -> (text: String, encoding: Encoding)? {
        if bytes.starts(with: [0xFF, 0xFE]) {
            return convert(Array(bytes.dropFirst(2)), from: .utf16LittleEndian).map { ($0, .utf16LittleEndian) }
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return convert(Array(bytes.dropFirst(2)), from: .utf16BigEndian).map { ($0, .utf16BigEndian) }
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        let candidates = [Encoding.iso8859_15, .windows1257].compactMap { encoding in
            convert(body, from: encoding).map { (text: $0, encoding: encoding) }
        }
        return candidates.max { estonianScore($0.text) < estonianScore($1.text) }
    }

    /// Estonian letters count for a decoding, letters no Estonian text uses count against it.
    private static func estonianScore(_ text: String) -> Int {
        var score = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "õ", "ä", "ö", "ü", "Õ", "Ä", "Ö", "Ü", "š", "ž", "Š", "Ž", "„", "“", "–", "—": score += 1
            case "\u{80}"..."\u{9F}", "ð", "þ", "Ð", "Þ", "¨", "¸", "¦", "´": score -= 3
            default: break
            }
        }
        return score
    }

    /// Converts with glibc's iconv; nil when the bytes are not valid in `encoding`.
    private static func convert(_ bytes: [UInt8], from encoding: Encoding) -> String? {
        let converter = iconv_open("UTF-8", encoding.rawValue)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    return nil
                }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output.prefix(written).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
