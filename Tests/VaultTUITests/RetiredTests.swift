import Foundation
import Synchronization
import Testing

@testable import VaultTerminal

/// A replaced snapshot is freed on the background queue, never on the screen's thread: a key
/// pressed while thousands of alerts a second arrive must not wait for a hundred thousand of them
/// to be freed.
@Suite("Retired snapshots")
struct RetiredTests {
    /// The thread a `Tracked` was freed on.
    final class FreedOn: Sendable {
        let thread = Mutex<pthread_t?>(nil)
    }

    /// Records the thread that frees it.
    final class Tracked: Sendable {
        let freedOn: FreedOn
        init(_ freedOn: FreedOn) { self.freedOn = freedOn }
        deinit { freedOn.thread.withLock { $0 = pthread_self() } }
    }

    @Test("what is handed over is freed on the queue, even when the queue gets to it first")
    func freedOffTheCallersThread() {
        for _ in 0..<50 {
            let freedOn = FreedOn()
            var value: Tracked? = Tracked(freedOn)
            // The queue runs to the end before `drop` returns: had `drop` or its caller kept a
            // reference, letting it go after would free the value here.
            Retired.drop(&value, handedOver: { Retired.settle() })
            #expect(value == nil)
            Retired.settle()
            let thread = freedOn.thread.withLock { $0 }
            #expect(thread != nil)
            #expect(thread.map { pthread_equal($0, pthread_self()) == 0 } == true)
        }
    }

    @Test("nothing handed over is nothing done")
    func nothingToDrop() {
        var value: Tracked? = nil
        Retired.drop(&value)
        Retired.settle()
        #expect(value == nil)
    }
}
