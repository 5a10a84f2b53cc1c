#if canImport(Glibc)
import Glibc
#endif

/// A C library opened at run time. Linked, extraction's libraries (tesseract, leptonica, poppler, cairo and the
/// ~80 they pull in) cost every process about 20 ms of dynamic linking; opened here, a run over text never pays
/// it. A library once opened stays for the life of the process: its functions are kept in statics.
struct SharedLibrary: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    /// The file name it was opened by, for errors.
    let name: String

    /// Opens the first of `names` that loads: the runtime package's soname first, then the development symlink.
    static func open(_ names: [String]) throws(SharedLibraryError) -> SharedLibrary {
        // From here on the C libraries may print; their lines go to our log, not the user's terminal.
        LibraryOutput.capture()
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                return SharedLibrary(handle: handle, name: name)
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? "cannot open \(name)")
        }
        throw SharedLibraryError(message: reasons.last ?? "no library name given")
    }

    /// The function `symbol` as `Function`, a C function pointer type taken from the library's header.
    func function<Function>(_ symbol: String, as type: Function.Type) throws(SharedLibraryError) -> Function {
        guard let address = dlsym(handle, symbol) else {
            throw SharedLibraryError(message: "\(name) has no function \(symbol)")
        }
        return unsafeBitCast(address, to: Function.self)
    }
}

/// A C library that is not installed, or not the version whose functions are called.
struct SharedLibraryError: Error {
    var message: String
}
