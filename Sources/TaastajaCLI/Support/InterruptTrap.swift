import Foundation
import TaastajaExtract
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM ask the batch to finish the documents in flight and stop; a second signal ends the process at
/// once with status 130. The second is handled in the signal handler itself (`_exit`, async-signal-safe: no queue
/// to wait for, no exit handlers or C++ destructors of libraries still at work); the first is passed through a
/// pipe to a thread of ours, which may take locks and print.
final class InterruptTrap: @unchecked Sendable {
    private let lock = NSLock()
    private var received = false

    init(onFirst: @escaping @Sendable () -> Void) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return }
        signalPipe.store(descriptors[1])
        let reader = descriptors[0]
        let thread = Thread { [self] in
            var byte: UInt8 = 0
            while true {
                let count = read(reader, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                guard count == 1 else { return }
                lock.withLock { received = true }
                StandardError.write("\ntaastaja: stopping after the documents in flight (again to quit now)\n")
                onFirst()
                return
            }
        }
        thread.name = "taastaja-signals"
        thread.start()
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = interruptHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
    }

    var wasInterrupted: Bool { lock.withLock { received } }
}

/// The write end of the trap's pipe, read by the signal handler: set once, before the handler is installed.
private final class SignalPipe: @unchecked Sendable {
    private(set) var descriptor: Int32 = -1
    func store(_ value: Int32) { descriptor = value }
}

private let signalPipe = SignalPipe()
nonisolated(unsafe) private var signalsSeen: sig_atomic_t = 0

private func interruptHandler(_ number: Int32) {
    signalsSeen += 1
    if signalsSeen > 1 { _exit(130) }
    var byte: UInt8 = 1
    _ = write(signalPipe.descriptor, &byte, 1)
}
