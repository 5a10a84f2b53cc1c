/// What a file holds, judged from its bytes, never from its name.
enum InputKind: Equatable {
    case pdf
    case png
    case jpeg
    case tiff
    case text

    /// Nil when the bytes are none of the supported kinds (binary junk, other formats).
    static func sniff(_ bytes: [UInt8]) -> InputKind? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return .tiff
        }
        // The PDF header may follow a little junk (the spec allows it within the first 1024 bytes).
        if bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil { return .pdf }
        if TextDecoder.looksLikeText(bytes) { return .text }
        return nil
    }
}
