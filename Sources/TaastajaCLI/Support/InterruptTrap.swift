import Dispatch
import Foundation

/// SIGINT and SIGTERM ask the batch to finish the documents in flight and stop; a second signal ends the process.
final class InterruptTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received = 0

    init(onFirst: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let count = lock.withLock { () -> Int in
                    received += 1
                    return received
                }
                if count == 1 {
                    FileHandle.standardError.write(Data(
                        "\ntaastaja: stopping after the documents in flight (again to quit now)\n".utf8))
                    onFirst()
                } else {
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    var wasInterrupted: Bool { lock.withLock { received > 0 } }
}
