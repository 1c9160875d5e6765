import ArgumentParser
import Foundation
import VaultBench

/// `vaultwatch-bench`: every performance figure of vaultwatch against a peer measured in the same
/// run, printed as one table.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaultwatch-bench",
        abstract: "Measure vaultwatch against its peers (orjson, jq, Python, moto) on a generated account.",
        discussion: "Run in release, linked as the README builds it: swift build -c release --static-swift-stdlib --product vaultwatch-bench, then .build/release/vaultwatch-bench. Peers come from .ci/bench-setup.")

    @Option(help: "Seed of the generated account.")
    var seed: UInt64 = 42

    @Option(help: "Recovery points in the large store (50 vaults).")
    var points: Int?

    @Option(help: "CloudTrail-style calls in the large store (their alerts and acknowledgements come with them).")
    var calls: Int?

    @Flag(help: "A small smoke run: 50,000 points, fewer events, acknowledgements and appends.")
    var quick = false

    @Flag(help: "Generate the data sets again even when cached under .build/bench-data.")
    var regenerate = false

    @Option(parsing: .upToNextOption, help: "Measure only these figures (their numbers), e.g. --figures 1 6.")
    var figures: [Int] = []

    @Option(help: "Interleaved rounds of each figure and its peer (at least 1; the table's verdicts want 5 or more).")
    var rounds: Int?

    @Flag(help: "Measure only figure 7, the AWS Backup endpoint (it needs no generated store).")
    var endpointOnly = false

    @Flag(help: "Measure only the dashboard's figures, 8 to 11 (on the generated stores).")
    var dashboardOnly = false

    @Flag(help: .hidden) var endpointProfile = false
    @Option(help: .hidden) var measureMemory: String?
    /// Runs the points phase of figure 1 once, on one core, and prints what it spent: for
    /// profiling (`perf stat`, `perf record`) without the rest of the run.
    @Option(help: .hidden) var pointsPhase: String?
    /// Matches the alert rule's pattern over this many events, on one core, ten times, and prints
    /// what it spent: for profiling the matcher alone.
    @Option(help: .hidden) var matchEvents: Int?
    @Option(help: .hidden) var firstFrame: String?
    @Option(help: .hidden) var t0: UInt64?
    @Option(help: .hidden) var dashboardProbe: String?

    func validate() throws {
        if let points, points < 1 { throw ValidationError("--points must be at least 1") }
        if let calls, calls < 0 { throw ValidationError("--calls must not be negative") }
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
    }

    func run() throws {
        if let measureMemory { return try MemoryProbe.run(store: URL(fileURLWithPath: measureMemory)) }
        if let pointsPhase { return try LoadFigure.probe(store: URL(fileURLWithPath: pointsPhase)) }
        if let matchEvents { return try MatchFigure.probe(count: matchEvents, seed: seed) }
        if let dashboardProbe { return try DashboardProbe.run(store: URL(fileURLWithPath: dashboardProbe)) }
        if let firstFrame {
            return try FirstFrameProbe.run(
                store: URL(fileURLWithPath: firstFrame), t0: t0 ?? Monotonic.now(), points: points ?? Sizes.full.points)
        }

        var sizes = quick ? Sizes.quick : Sizes.full
        if let points { sizes.points = points }
        if let calls { sizes.calls = calls }
        if let rounds { sizes.rounds = rounds }
        if endpointProfile { return try EndpointProfile.run(points: points ?? 20_000, seed: seed) }
        if endpointOnly {
            var table = Table()
            try EndpointFigure.measure(points: sizes.points, vaults: sizes.vaults, seed: seed, into: &table)
            table.notes.append(Machine.describe(seed: seed, sizes: sizes))
            return print(table)
        }
        let data = try Datasets.prepare(seed: seed, sizes: sizes, regenerate: regenerate)
        if dashboardOnly {
            var table = Table()
            try DashboardFigures.measure(data, sizes: sizes, into: &table)
            table.notes.append(Machine.describe(seed: seed, sizes: sizes))
            return print(table)
        }
        let table = try Harness(data: data, sizes: sizes, figures: Set(figures)).run()
        print(table)
    }
}
