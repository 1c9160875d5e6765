import Foundation
import Synchronization
import VaultBench
import VaultCore

/// A buffer the workers of one `concurrentPerform` only read while the caller waits.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Figure 6: events per second through the default alert rule's EventBridge pattern on one core,
/// against moto's matcher over the same events on its one core (parsing excluded for both), in
/// interleaved rounds, also per CPU-second; beside it, every core as the sync worker raises alerts.
enum MatchFigure {
    static func measure(
        _ data: Datasets, count: Int, rounds: Int, moto: PeerUnavailable?, into table: inout Table
    ) throws {
        Progress.say("figure 6: \(rounds) rounds of the alert rule's pattern over \(count) events, and of moto's")
        guard let pattern = AlertRule.seed(account: AccountGenerator.account).pattern else {
            throw BenchError("the seed alert rule has no event pattern")
        }
        // The same events the file holds for moto: both come from the generator's calls.
        let generator = AccountGenerator(data.large.spec)
        let events = (0..<count).map { generator.call(at: $0).eventBridgeEvent }
        var oneCore = Throughput(), allCores = Throughput(), peer = Throughput()
        var matches = 0
        var theirMatches: Int?
        var unavailable = moto
        var version = ""
        for _ in 0..<rounds {
            oneCore.add(Double(events.count), Spent.measuring { matches = events.count { pattern.matches($0) } })
            allCores.add(Double(events.count), try everyCore(events, pattern, expecting: matches))
            guard unavailable == nil else { continue }
            switch Peer.python("moto_match.py", ["1", data.pattern.path, data.events.path]) {
            case .success(let result):
                let seconds = (result.json["seconds"] as? [NSNumber])?.first?.doubleValue ?? .nan
                let cpu = (result.json["cpu_seconds"] as? [NSNumber])?.first?.doubleValue ?? .nan
                peer.add(result.number("events") ?? .nan, Spent(seconds: seconds, cpuSeconds: cpu))
                theirMatches = result.number("matches").map { Int($0) }
                version = result.json["moto"] as? String ?? ""
            case .failure(let why):
                unavailable = why
            }
        }
        let figure = "6 event-pattern matching, one core"
        let target = "≥ 50× moto"
        let peerName = "moto EventPattern \(version)"
        if let why = unavailable {
            table.unavailable(figure, oneCore.events, target: target, peer: peerName, why, pass: nil)
        } else {
            let ratio = oneCore.rate.median / peer.rate.median
            table.add(figure, oneCore.events, target: target, peer: peerName, peer.events, ratio: ratio, pass: ratio >= 50)
            table.add(
                "    per CPU-second", oneCore.eventsPerCPU, target: "", peer: "", peer.eventsPerCPU,
                ratio: oneCore.cpuRate.median / peer.cpuRate.median, pass: nil)
            table.add(
                "  every core (raising alerts)", allCores.events, target: "", peer: "", "",
                ratio: allCores.rate.median / peer.rate.median, pass: nil)
            table.notes.append(
                theirMatches == matches
                    ? "matching: both matched \(Format.grouped(matches)) of \(Format.grouped(count)) events"
                    : "matching: vaultwatch matched \(matches) events, moto \(theirMatches ?? -1): the matchers disagree")
        }
    }

    /// `--match-events N`: the pattern over N generated events, ten times on one core, and what it spent.
    static func probe(count: Int, seed: UInt64) throws {
        guard let pattern = AlertRule.seed(account: AccountGenerator.account).pattern else {
            throw BenchError("the seed alert rule has no event pattern")
        }
        let generator = AccountGenerator(DatasetSpec(seed: seed, points: Sizes.full.points, vaults: 50, calls: count))
        let events = (0..<count).map { generator.call(at: $0).eventBridgeEvent }
        var matches = 0
        let spent = Spent.measuring { for _ in 0..<10 { matches = events.count { pattern.matches($0) } } }
        print(
            #"{"seconds": \#(spent.seconds), "cpu_seconds": \#(spent.cpuSeconds), "events": \#(count * 10), "matches": \#(matches)}"#)
    }

    /// The way the sync worker raises alerts (`AlertRaising`): slices of the stream on every core.
    private static func everyCore(_ events: [JSONValue], _ pattern: EventPattern, expecting matches: Int) throws -> Spent {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let counts = Mutex([Int](repeating: 0, count: cores))
        let spent = Spent.measuring {
            events.withUnsafeBufferPointer { all in
                let stream = UncheckedSendable(all)
                DispatchQueue.concurrentPerform(iterations: cores) { k in
                    let slice = stream.value[(stream.value.count * k / cores)..<(stream.value.count * (k + 1) / cores)]
                    let n = slice.count { pattern.matches($0) }
                    counts.withLock { $0[k] = n }
                }
            }
        }
        guard counts.withLock({ $0.reduce(0, +) }) == matches else {
            throw BenchError("matching on every core and on one found different events")
        }
        return spent
    }
}

extension Throughput {
    var events: String { rate.spread("ev/s") { Format.grouped(Int($0.rounded())) } }
    var eventsPerCPU: String { cpuRate.spread("ev/cpu-s") { Format.grouped(Int($0.rounded())) } }
}
