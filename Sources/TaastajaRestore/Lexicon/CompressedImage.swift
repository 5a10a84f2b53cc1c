import CZlib
import Foundation

/// The inflated bytes of a zlib-compressed dictionary file, owned for the lexicon's lifetime.
final class CompressedImage: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// Reads `path`: magic "TSTJLEXZ", u64 inflated size, zlib stream.
    init(path: String) throws(RestorationError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RestorationError("cannot read dictionary (\((error as NSError).localizedDescription))", file: path)
        }
        guard data.count > 16, data.prefix(8) == Data("TSTJLEXZ".utf8) else {
            throw RestorationError("not a Taastaja dictionary (bad magic)", file: path)
        }
        let size = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }
        guard size > 0, size < 1 << 31 else { throw RestorationError("dictionary size is implausible", file: path) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(size), alignment: 8)
        var inflated = uLongf(size)
        let status = data.withUnsafeBytes { source in
            uncompress(buffer.baseAddress!.assumingMemoryBound(to: Bytef.self), &inflated,
                       source.baseAddress!.advanced(by: 16).assumingMemoryBound(to: Bytef.self), uLong(source.count - 16))
        }
        guard status == Z_OK, inflated == uLongf(size) else {
            buffer.deallocate()
            throw RestorationError("dictionary is corrupt (zlib status \(status))", file: path)
        }
        bytes = UnsafeRawBufferPointer(buffer)
    }

    deinit {
        bytes.deallocate()
    }
}
