import Foundation
import Synchronization
import VaultCore

/// A clock a test moves by hand.
final class StepClock: Clock {
    private let instant: Mutex<Date>

    init(_ start: Date = Fixture.now) { instant = Mutex(start) }

    func now() -> Date { instant.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
