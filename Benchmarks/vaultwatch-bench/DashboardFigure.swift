import Foundation
import VaultBench
import VaultCore
import VaultStore
import VaultTUI

/// The dashboard's own figures, 8 to 11: in the pure view, then through a pseudo-terminal.
enum DashboardFigures {
    static func measure(_ data: Datasets, sizes: Sizes, into table: inout Table) throws {
        try DashboardFigure.measure(large: data.large, typical: data.typical, rounds: 5, frames: 40, into: &table)
        // A smoke run (--quick) keeps the terminal figures short.
        let full = sizes.points >= Sizes.full.points
        try DashboardTerminalFigure.measure(
            data.large, keysPerRound: full ? 100 : 20, rounds: 5, idleSeconds: full ? 60 : 5, into: &table)
    }
}

/// Figures 8 and 9, the dashboard's own speed in the pure view: a 200×60 frame of the Recovery
/// points tab over every point, and a character typed into its `/` filter (update and frame).
/// The large store and the typical one take turns round by round, so both meet the same machine.
enum DashboardFigure {
    /// A dashboard's state on one store, on the Recovery points tab at 200×60, as `vaultwatch`
    /// shows it (guardrail checks included).
    final class Screen {
        var state: AppState
        let points: Int

        init(_ account: Datasets.Account) throws {
            let load = try Store(directory: account.directory).loadAccount()
            points = load.state.pointCount
            let rules = [AlertRule.seed(account: AccountGenerator.account)]
            state = AppState(
                snapshot: AccountSnapshot(state: load.state, sourceName: "store", loading: false, generation: 1),
                now: AccountGenerator.epoch.addingTimeInterval(86_400), width: 200, height: 60,
                guardrailSetup: GuardrailSetup(rules: rules, settings: .seed(account: AccountGenerator.account)))
            // The tab's first look orders every point (once per order, not timed).
            _ = Update.apply(.key(.char("2")), to: &state)
        }

        /// Milliseconds of `View.render` for `frames` frames, the clock moving a second and the
        /// selection a row between them.
        func renders(_ frames: Int) -> [Double] {
            (0..<frames).map { _ in
                _ = Update.apply(.tick(state.now.addingTimeInterval(1)), to: &state)
                _ = Update.apply(.key(.down), to: &state)
                let start = Monotonic.now()
                let grid = View.render(state)
                let ms = Double(Monotonic.now() - start) / 1e6
                withExtendedLifetime(grid) {}
                return ms
            }
        }

        /// Milliseconds from each key of `word` typed into the filter, then each backspace, to
        /// its filtered frame (update and render).
        func filterKeystrokes(_ word: String) -> [Double] {
            _ = Update.apply(.key(.char("/")), to: &state)
            var times: [Double] = []
            for key in word.map({ Key.char($0) }) + Array(repeating: .backspace, count: word.count) {
                let start = Monotonic.now()
                _ = Update.apply(.key(key), to: &state)
                let grid = View.render(state)
                times.append(Double(Monotonic.now() - start) / 1e6)
                withExtendedLifetime(grid) {}
            }
            _ = Update.apply(.key(.escape), to: &state)
            return times
        }
    }

    /// What the filter is tested with: a team's name, then its stage, narrowing as it is typed.
    static let word = "orders-prod"

    static func measure(large: Datasets.Account, typical: Datasets.Account, rounds: Int, frames: Int, into table: inout Table)
        throws
    {
        Progress.say("figures 8 and 9: the Recovery points tab at 200×60 over \(large.spec.points) and \(typical.spec.points) points")
        let big = try Screen(large)
        let small = try Screen(typical)
        var (bigRenders, smallRenders, bigFilter, smallFilter) = ([Double](), [Double](), [Double](), [Double]())
        for _ in 0..<rounds {
            bigRenders += big.renders(frames)
            smallRenders += small.renders(frames)
            bigFilter += big.filterKeystrokes(word)
            smallFilter += small.filterKeystrokes(word)
        }
        let peer = "typical store, \(Format.grouped(small.points)) points"
        let render = Spread(bigRenders)
        let peerRender = Spread(smallRenders)
        table.add(
            "8 Recovery points frame, 200×60", render.text, target: "≤ 2 ms median", peer: peer, peerRender.text,
            ratio: peerRender.median / render.median, pass: render.median <= 2)
        let filter = Spread(bigFilter)
        let peerFilter = Spread(smallFilter)
        table.add(
            "9 `/` keystroke → filtered frame", filter.text, target: "≤ 50 ms", peer: peer, peerFilter.text,
            ratio: peerFilter.median / filter.median, pass: filter.max <= 50)
        table.notes.append(
            "figures 8–9: \(Format.grouped(big.points)) points in the pure view (update and render, no terminal);"
                + " \(rounds) interleaved rounds of \(frames) frames and of typing “\(word)” then erasing it"
                + " (\(2 * word.count) keystrokes, each filtering every point); median (min–max); figure 9 passes when"
                + " its slowest keystroke does")
    }
}

/// A set of timings as the table shows them: the median, with the fastest and the slowest.
struct Spread {
    let median: Double
    let min: Double
    let max: Double

    init(_ samples: [Double]) {
        median = Percentile.of(samples, 0.5)
        min = samples.min() ?? .nan
        max = samples.max() ?? .nan
    }

    var text: String {
        "\(Format.milliseconds(median)) (\(Format.milliseconds(min))–\(Format.milliseconds(max)))"
    }
}
