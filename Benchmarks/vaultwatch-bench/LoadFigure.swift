import Foundation
import Synchronization
import VaultBench
import VaultCore
import VaultStore

/// Figure 1: decoding every recovery point the way the dashboard does (the staged load's points
/// phase: every points file into the account state) on one core and on every core, against
/// orjson parsing the same lines one by one on its one core; beside it, the whole store with
/// `Store.loadAccount()` against orjson over every file. Interleaved rounds (ours, orjson, ours …),
/// each side's median and spread, and each also per CPU-second.
enum LoadFigure {
    static func measure(
        _ account: Datasets.Account, orjson: PeerUnavailable?, rounds: Int, into table: inout Table
    ) throws {
        let files = Paths.storeFiles(account.directory)
        let bytes = Paths.size(files)
        let pointFiles = Paths.pointFiles(account.directory)
        let pointBytes = Paths.size(pointFiles)
        // Every reader starts from the page cache.
        for file in files { _ = try Data(contentsOf: file) }
        let cores = ProcessInfo.processInfo.activeProcessorCount

        Progress.say(
            "figure 1: \(rounds) rounds of the points phase (\(pointBytes / 1_000_000) MB) on 1 and \(cores) cores,"
                + " loadAccount() (\(bytes / 1_000_000) MB) and orjson over the same lines")
        var oneCore = Throughput(), allCores = Throughput(), whole = Throughput()
        var peer = Throughput(), peerWhole = Throughput()
        var unavailable = orjson
        for _ in 0..<rounds {
            oneCore.add(Double(pointBytes), try pointsPhase(account, oneCore: true))
            allCores.add(Double(pointBytes), try pointsPhase(account, oneCore: false))
            whole.add(Double(bytes), try loadAccount(account))
            guard unavailable == nil else { continue }
            switch (Peer.python("orjson_load.py", pointFiles.map(\.path)), Peer.python("orjson_load.py", files.map(\.path))) {
            case (.success(let points), .success(let all)):
                peer.add(Double(pointBytes), points.parseLoop)
                peerWhole.add(Double(bytes), all.parseLoop)
            case (.failure(let why), _), (_, .failure(let why)):
                unavailable = why
            }
        }

        let figure = "1 points, one core"
        let peerName = "orjson.loads, parse loop"
        if let why = unavailable {
            table.unavailable(figure, oneCore.wall, target: "≥ 2× orjson", peer: peerName, why, pass: nil)
            table.add("  points, \(cores) cores", allCores.wall, target: "≥ 3.5× orjson", peer: "", "", ratio: nil, pass: nil)
            table.add("  whole store, loadAccount()", whole.wall, target: "", peer: "", "", ratio: nil, pass: nil)
            return
        }
        let rows: [(String, Throughput, Double?, Throughput, String)] = [
            (figure, oneCore, 2.0, peer, peerName),
            ("  points, \(cores) cores", allCores, 3.5, peer, peerName),
            ("  whole store, loadAccount()", whole, nil, peerWhole, "\(peerName), whole store"),
        ]
        for (name, ours, target, theirs, theirName) in rows {
            let ratio = ours.rate.median / theirs.rate.median
            table.add(
                name, ours.wall, target: target.map { "≥ \(Format.number($0))× orjson" } ?? "", peer: theirName,
                theirs.wall, ratio: ratio, pass: target.map { ratio >= $0 })
            table.add(
                "    per CPU-second", ours.perCPU, target: "", peer: "", theirs.perCPU,
                ratio: ours.cpuRate.median / theirs.cpuRate.median, pass: nil)
        }
        table.notes.append(
            "figure 1: orjson runs on one core (Python); per CPU-second divides by the user + system time each side's"
                + " process spent in its loop")
        table.notes.append(
            "store: \(Format.grouped(account.spec.points)) points in \(account.spec.vaults) vaults,"
                + " \(Format.grouped(account.spec.calls)) calls: \(Format.grouped(bytes / 1_000_000)) MB in \(files.count)"
                + " files, \(Format.grouped(pointBytes / 1_000_000)) MB of them points")
    }

    /// `--points-phase STORE`: the points phase once, on one core, and what it spent.
    static func probe(store: URL) throws {
        let bytes = Paths.size(Paths.pointFiles(store))
        let (spent, points) = try pointsPhase(store, oneCore: true)
        print(
            #"{"seconds": \#(spent.seconds), "cpu_seconds": \#(spent.cpuSeconds), "bytes": \#(bytes), "points": \#(points)}"#)
    }

    /// The staged load's points phase on a fresh read of the store: the small files first, then
    /// every points file into the account state, one after another on this thread or on every
    /// core as the dashboard reads them. Only the points phase is timed.
    private static func pointsPhase(_ account: Datasets.Account, oneCore: Bool) throws -> Spent {
        let (spent, loaded) = try pointsPhase(account.directory, oneCore: oneCore)
        guard loaded == account.spec.points else {
            throw BenchError("the points phase loaded \(loaded) points of \(account.spec.points)")
        }
        return spent
    }

    private static func pointsPhase(_ store: URL, oneCore: Bool) throws -> (Spent, points: Int) {
        let tail = try Store(readingFrom: store).makeTail()
        let (small, deferred) = try tail.pollDeferringBulk()
        var state = AccountState()
        state.apply(small.records)
        let points = deferred.filter { $0.relativePath.hasPrefix("points/") }.sorted { $0.size > $1.size }
        let shared = Mutex(state)
        let spent = try Spent.measuring {
            if oneCore {
                for file in points {
                    let load = try tail.readDeferred(file)
                    shared.withLock { $0.apply(load) }
                }
            } else {
                try tail.readDeferred(points) { _, load in shared.withLock { $0.apply(load) } }
            }
        }
        return (spent, shared.withLock { $0.pointCount })
    }

    private static func loadAccount(_ account: Datasets.Account) throws -> Spent {
        var loaded: AccountLoad?
        let spent = try Spent.measuring { loaded = try Store(readingFrom: account.directory).loadAccount() }
        guard let loaded, loaded.problems.isEmpty, loaded.state.pointCount == account.spec.points else {
            throw BenchError("loadAccount() did not load the generated store whole: \(loaded?.problems.first.map { "\($0)" } ?? "")")
        }
        return spent
    }
}

extension Throughput {
    var wall: String { rate.spread("MB/s") { Format.megabytes($0) } }
    var perCPU: String { cpuRate.spread("MB/cpu-s") { Format.megabytes($0) } }
}

extension Peer.Result {
    /// A peer's timed loop, as it reported it.
    var parseLoop: Spent {
        Spent(seconds: number("parse_seconds") ?? .nan, cpuSeconds: number("cpu_seconds") ?? .nan)
    }
}
