import Foundation

/// SIGINT and SIGTERM turned into events on a queue, so a long-running command stops between
/// two pieces of work instead of being killed in the middle of one. `stop()` stops it from
/// within too (a failure).
/// Unchecked: `sources` is written once in `init` and only cancelled by `wait()`.
final class StopSignals: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let sources: [any DispatchSourceSignal]

    init() {
        let semaphore = semaphore
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { semaphore.signal() }
            source.resume()
            return source
        }
    }

    func stop() { semaphore.signal() }

    /// Waits for a signal (or `stop()`), then stops listening.
    func wait() {
        semaphore.wait()
        sources.forEach { $0.cancel() }
    }
}
