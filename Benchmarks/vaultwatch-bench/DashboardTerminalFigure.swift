import Foundation
import VaultBench
import VaultCore

#if canImport(Glibc)
    import Glibc
#endif

/// Figures 10 and 11, the dashboard in a real pseudo-terminal on the large store: how long a key
/// takes to come back as a new frame while its worker takes in 5,000 alerts a second (written to
/// the store as a `vaultwatch sync` beside it writes them), against the same keys with the writer
/// paused, round by round; and what an idle dashboard with one countdown ticking costs in CPU time.
enum DashboardTerminalFigure {
    static let width = 200
    static let height = 60
    /// "▶", the selection's mark: a frame that moved the selection draws it.
    static let mark: [UInt8] = Array("▶".utf8)

    static func measure(_ large: Datasets.Account, keysPerRound: Int, rounds: Int, idleSeconds: Double, into table: inout Table)
        throws
    {
        try keyLatency(large, keysPerRound: keysPerRound, rounds: rounds, into: &table)
        try idleCost(large, seconds: idleSeconds, into: &table)
    }

    /// Starts the dashboard probe on `store` and waits until it has loaded everything.
    static func dashboard(_ store: URL) throws -> PseudoTerminal {
        let ready = Paths.scratch.appendingPathComponent("dashboard-ready-\(UUID().uuidString)")
        let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "VW_BENCH_READY": ready.path]
        let terminal = try PseudoTerminal(
            [CommandLine.executable, "--dashboard-probe", store.path], width: width, height: height, environment: environment)
        let deadline = Monotonic.now() + 120_000_000_000
        while !FileManager.default.fileExists(atPath: ready.path) {
            guard Monotonic.now() < deadline else {
                terminal.quit()
                throw BenchError("the dashboard did not load the store within 120 s")
            }
            terminal.drain(for: 0.1)
        }
        terminal.drain(for: 1)
        return terminal
    }

    /// Milliseconds from writing each key to reading the frame that answers it (the one that
    /// draws the selection's mark), keys alternating down and up, 20–40 ms apart.
    static func keys(_ terminal: PseudoTerminal, count: Int) throws -> [Double] {
        var times: [Double] = []
        for i in 0..<count {
            terminal.drain(for: Double.random(in: 0.02...0.04))
            let start = Monotonic.now()
            terminal.type(i % 2 == 0 ? "j" : "k")
            var seen: [UInt8] = []
            while true {
                let chunk = terminal.read(timeout: 2)
                guard !chunk.isEmpty else { throw BenchError("no frame answered key \(i) within 2 s") }
                seen = Array(seen.suffix(mark.count - 1)) + chunk
                if contains(seen, mark) { break }
            }
            times.append(Double(Monotonic.now() - start) / 1e6)
        }
        return times
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle {
            return true
        }
        return false
    }

    static func keyLatency(_ large: Datasets.Account, keysPerRound: Int, rounds: Int, into table: inout Table) throws {
        Progress.say("figure 10: keys through a pseudo-terminal while 5,000 alerts a second arrive (\(large.spec.points) points)")
        let store = try DashboardStore.copy(of: large.directory, named: "dashboard-keys")
        defer { try? FileManager.default.removeItem(at: store) }
        let ingest = try AlertIngest(store: store, spec: large.spec, perSecond: 5_000)
        let alertsFile = store.appendingPathComponent("alerts.jsonl")
        let terminal = try dashboard(store)
        defer { terminal.quit() }
        terminal.type("2")  // the Recovery points tab: every point, ordered once
        terminal.drain(for: 3)
        var busy: [Double] = []
        var quiet: [Double] = []
        var ingesting = 0.0
        let alertsBefore = DashboardStore.lines(alertsFile)
        for _ in 0..<rounds {
            ingest.start()
            let start = Monotonic.now()
            terminal.drain(for: 1)  // the writer up to speed
            busy += try keys(terminal, count: keysPerRound)
            ingest.pause()
            ingesting += Monotonic.seconds(since: start)
            terminal.drain(for: 1)  // what was written is read
            quiet += try keys(terminal, count: keysPerRound)
        }
        terminal.drain(for: 1)
        let raised = DashboardStore.lines(alertsFile) - alertsBefore
        let p99 = Percentile.of(busy, 0.99)
        let quietP99 = Percentile.of(quiet, 0.99)
        table.add(
            "10 key → new frame, p99 (pty)", "\(Format.milliseconds(p99)) · median \(Spread(busy).text)", target: "≤ 16 ms",
            peer: "same keys, writer paused", "\(Format.milliseconds(quietP99)) · median \(Spread(quiet).text)",
            ratio: quietP99 / p99, pass: p99 <= 16)
        table.notes.append(
            "figure 10: \(width)×\(height) on a pseudo-terminal, Recovery points tab over \(Format.grouped(large.spec.points)) points;"
                + " \(rounds) interleaved rounds of \(keysPerRound) keys (j/k) while a writer added 5,000 alerts/s (and their calls) to"
                + " the store, and with it paused; the store took in \(Format.grouped(raised)) alerts while the writer ran"
                + " (\(Format.rate(Double(raised) / ingesting, unit: " alerts")))")
    }

    static func idleCost(_ large: Datasets.Account, seconds: Double, into table: inout Table) throws {
        Progress.say("figure 11: an idle dashboard with one countdown, \(Int(seconds)) s")
        let store = try DashboardStore.copy(of: large.directory, named: "dashboard-idle")
        defer { try? FileManager.default.removeItem(at: store) }
        try DashboardStore.addCountdown(to: store, now: Date())
        let terminal = try dashboard(store)
        defer { terminal.quit() }
        terminal.drain(for: 2)
        let cpuBefore = terminal.cpuSeconds()
        let start = Monotonic.now()
        let bytes = terminal.drain(for: seconds)
        let wall = Monotonic.seconds(since: start)
        let share = (terminal.cpuSeconds() - cpuBefore) / wall * 100
        table.add(
            "11 idle, one countdown ticking", String(format: "%.2f%% of a core", share), target: "< 1%", peer: "", "",
            ratio: nil, pass: share < 1)
        table.notes.append(
            "figure 11: CPU time (user and system, /proc) of the dashboard over \(Int(wall.rounded())) s on the Vaults tab of"
                + " \(Format.grouped(large.spec.points)) points and a vault in its cooling-off period; it wrote"
                + " \(Format.grouped(Int(Double(bytes) / wall))) bytes a second to the terminal")
    }
}
