import CNCurses
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file descriptor signal handlers write to (the inbox's self-pipe). A plain global, as a C
/// signal handler cannot capture context; it is written once before handlers are installed.
nonisolated(unsafe) var signalWakeFD: Int32 = -1

/// Leaves the terminal usable on every way out: a quit signal becomes a message to the loop
/// (which then shuts down cleanly); a fatal signal restores the terminal and dies as it would have.
enum TerminalRestore {
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func install() {
        unblock(quitSignals + [SIGWINCH, SIGTSTP, SIGCONT])
        for s in quitSignals {
            signal(s) { signo in
                var b = UInt8(truncatingIfNeeded: signo)
                _ = write(signalWakeFD, &b, 1)
            }
        }
        for s in fatalSignals {
            signal(s) { signo in
                BracketedPaste.disable()
                endwin()
                StderrCapture.restore()  // so Swift's "Fatal error: …" is seen, not swallowed
                signal(signo, SIG_DFL)
                raise(signo)
            }
        }
        atexit {
            BracketedPaste.disable()
            endwin()
        }
    }

    /// A parent can start us with signals blocked (threads of Dispatch and many test runners
    /// block them, and children inherit the mask): a blocked SIGWINCH would freeze the layout
    /// on resize and a blocked SIGTERM would make the dashboard unkillable. The main thread,
    /// which owns the terminal, takes them.
    static func unblock(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func uninstall() {
        for s in quitSignals + fatalSignals { signal(s, SIG_DFL) }
    }
}

/// While curses owns the screen, anything written to stderr would land in the middle of it.
/// Capture it in an unlinked temporary file and replay it once the terminal is restored (htop
/// does this), on a normal exit and from the fatal-signal handler alike.
nonisolated(unsafe) var capturedStderrFD: Int32 = -1
nonisolated(unsafe) var savedStderrFD: Int32 = -1

final class StderrCapture {
    func begin() {
        guard isatty(2) != 0, savedStderrFD < 0 else { return }
        var template = Array("\(NSTemporaryDirectory())/vaultwatch-stderr-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }  // nothing is left behind
        savedStderrFD = dup(2)
        dup2(fd, 2)
        capturedStderrFD = fd
    }

    func end() { StderrCapture.restore() }

    /// Puts stderr back and writes out what was captured. Only async-signal-safe calls, so the
    /// fatal-signal handler can use it.
    static func restore() {
        guard savedStderrFD >= 0 else { return }
        dup2(savedStderrFD, 2)
        close(savedStderrFD)
        savedStderrFD = -1
        guard capturedStderrFD >= 0 else { return }
        var buffer = (0..<4096).map { _ in UInt8(0) }
        var offset: off_t = 0
        while true {
            let n = pread(capturedStderrFD, &buffer, buffer.count, offset)
            if n <= 0 { break }
            _ = write(2, buffer, n)
            offset += off_t(n)
        }
        close(capturedStderrFD)
        capturedStderrFD = -1
    }
}

/// Mode 2004: the terminal marks pasted text (see `PasteDecoder`). Written straight to the
/// terminal with `write`, which a signal handler may call.
enum BracketedPaste {
    static func enable() { send("\u{1B}[?2004h") }
    static func disable() { send("\u{1B}[?2004l") }

    private static func send(_ sequence: StaticString) {
        _ = write(1, sequence.utf8Start, sequence.utf8CodeUnitCount)
    }
}
