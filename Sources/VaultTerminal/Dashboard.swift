import CNCurses
import Foundation
import VaultTUI
import VaultCore

#if canImport(Glibc)
    import Glibc
#endif

/// The main loop, in the shape Bubble Tea proved: inputs become messages, `Update` makes the
/// new state and effects, `View` makes the grid, the terminal blits it. Everything here runs on
/// the main thread; the worker talks to it only through the `Inbox`.
@MainActor
public final class Dashboard {
    private var state: AppState
    private let themes: ThemeCatalog
    private let inbox: Inbox
    private let clock: any Clock
    private let perform: @Sendable (Effect) -> Void
    private let terminal = Terminal()

    /// `perform` carries out an effect off the main thread and posts its outcome to `inbox`.
    public init(
        state: AppState, themes: ThemeCatalog, inbox: Inbox, clock: any Clock,
        perform: @escaping @Sendable (Effect) -> Void
    ) {
        self.state = state
        self.themes = themes
        self.inbox = inbox
        self.clock = clock
        self.perform = perform
    }

    public func run(environment: [String: String] = ProcessInfo.processInfo.environment) {
        signalWakeFD = inbox.writeFD
        terminal.start(environment: environment)
        defer { terminal.stop() }
        if case .none(let reason) = terminal.colourMode { state.colourLocked = reason }
        state.themeNames = themes.themes.map(\.name)
        let size = terminal.size
        _ = Update.apply(.resize(width: size.width, height: size.height), to: &state)
        _ = Update.apply(.tick(clock.now()), to: &state)
        var lastGrid: Grid?
        var lastThemeIndex = state.themeIndex
        var lastWallSecond = Int(Date().timeIntervalSince1970)

        loop: while true {
            // Draw only when something changed: same state and size draw nothing.
            let grid = View.render(state)
            if grid != lastGrid || lastThemeIndex != state.themeIndex {
                terminal.draw(grid, theme: themes.themes[state.themeIndex % themes.themes.count])
                lastGrid = grid
                lastThemeIndex = state.themeIndex
            }
            if !waitForInput() { break loop }  // the terminal went away

            var messages: [Msg] = []
            if !inbox.drainPipe().isEmpty { break loop }  // SIGINT, SIGTERM, SIGHUP, SIGQUIT
            // Every key, Ctrl-L included, goes through the key map and `update`; a resize too.
            for input in terminal.readInputs() {
                switch input {
                case .resize:
                    let s = terminal.size
                    messages.append(.resize(width: s.width, height: s.height))
                case .key(let key):
                    messages.append(.key(key))
                case .paste(let text):
                    messages.append(.paste(text))
                }
            }
            messages += inbox.take()
            messages.append(.tick(clock.now()))
            let wallSecond = Int(Date().timeIntervalSince1970)
            if wallSecond != lastWallSecond {
                lastWallSecond = wallSecond
                messages.append(.second)
            }
            for msg in messages {
                // A snapshot a message replaces is let go off the main thread (see `Retired`): a
                // new one from the worker, or the one held back during a pause, adopted by a key.
                // Only one the message did replace (its generation is gone from the state) is
                // handed over: a tick or a key costs no trip to the queue.
                var replaced: AccountSnapshot? = state.snapshot
                var replacedPending: AccountSnapshot? = state.pending
                defer {
                    if replaced?.generation != state.snapshot.generation { Retired.drop(&replaced) }
                    if replacedPending?.generation != state.pending?.generation { Retired.drop(&replacedPending) }
                }
                for effect in Update.apply(msg, to: &state) {
                    switch effect {
                    case .quit: break loop
                    case .repaint:
                        // Forget what is on screen: the next frame repaints every cell.
                        terminal.invalidate()
                        lastGrid = nil
                    case .acknowledge: perform(effect)
                    }
                }
            }
        }
    }

    /// Sleeps until a key, a message from the worker, a signal, or the next wall-clock second
    /// (countdowns tick on second boundaries).
    private func waitForInput() -> Bool {
        var fds = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
        ]
        let now = Date().timeIntervalSince1970
        let untilNextSecond = Int32(((1 - (now - floor(now))) * 1000).rounded(.up)) + 1
        _ = poll(&fds, 2, untilNextSecond)
        let hangUp = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        return fds[0].revents & hangUp == 0
    }
}
