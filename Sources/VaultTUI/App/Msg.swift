import Foundation
import VaultCore

/// Everything that can happen to the dashboard. `update` turns each into a new state and the
/// effects to run off the main thread.
public enum Msg: Sendable {
    case key(Key)
    /// Text pasted in one go (bracketed paste): typed into whatever field is open.
    case paste(String)
    case resize(width: Int, height: Int)
    /// The clock moved (sent on every pass of the loop).
    case tick(Date)
    /// A wall-clock second went by (sent once a second): transient messages age on this.
    case second
    case snapshot(AccountSnapshot)
    case acknowledged(alertId: String, error: String?)
    /// The worker has waited a while for a store file's lock, which `holder` holds (`process
    /// 1234 (vaultwatch)`); or nil: it has the lock now, or gave up (and says so).
    case storeLockWait(holder: String?)
}

/// Work `update` asks for; the run loop carries it out and reports back with a `Msg`.
public enum Effect: Equatable, Sendable {
    case acknowledge(alertId: String, note: String?)
    /// Forget what the terminal shows and draw every cell again (Ctrl-L, a resize).
    case repaint
    case quit
}
