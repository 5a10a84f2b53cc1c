#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum OpenMPThreadLimit {
    static let variable = "OMP_THREAD_LIMIT"

    /// Re-executes the running binary with `OMP_THREAD_LIMIT=1` unless it is already set.
    /// A user who sets the variable themselves keeps their value.
    static func ensureSingleThreaded() {
        guard getenv(variable) == nil else { return }
        setenv(variable, "1", 1)
        // Only on failure does execv return; the process then goes on with OpenMP's default.
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
