import CZlib

/// Every zlib call Taastaja makes: inflating the dictionary and fingerprinting it.
enum Zlib {
    /// Inflates a zlib stream into `target`, which must be exactly the inflated size.
    static func inflate(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws(ZlibFailure) {
        guard let targetBase = target.baseAddress, let sourceBase = source.baseAddress else { throw ZlibFailure(status: Z_BUF_ERROR) }
        var inflated = uLongf(target.count)
        let status = uncompress(targetBase.assumingMemoryBound(to: Bytef.self), &inflated,
                                sourceBase.assumingMemoryBound(to: Bytef.self), uLong(source.count))
        guard status == Z_OK, inflated == uLongf(target.count) else { throw ZlibFailure(status: status) }
    }

    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return UInt32(CZlib.crc32(0, base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }

    struct ZlibFailure: Error {
        var status: Int32
    }
}
