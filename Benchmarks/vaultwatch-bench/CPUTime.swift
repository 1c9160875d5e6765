import Glibc
import VaultBench

/// A wall-clock duration and the processor time (user + system, every thread) this process spent
/// in it: a figure taken while other work shares the machine still compares like with like per
/// CPU-second.
struct Spent {
    var seconds: Double
    var cpuSeconds: Double

    /// Runs `body` and says what it spent.
    static func measuring(_ body: () throws -> Void) rethrows -> Spent {
        let cpu = CPUTime.seconds()
        let start = Monotonic.now()
        try body()
        return Spent(seconds: Monotonic.seconds(since: start), cpuSeconds: CPUTime.seconds() - cpu)
    }
}

enum CPUTime {
    /// User + system time of this process so far (`getrusage(RUSAGE_SELF)`).
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
