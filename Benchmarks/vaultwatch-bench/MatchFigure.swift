import Foundation
import Synchronization
import VaultBench
import VaultCore

/// Figure 6: events per second through the default alert rule's EventBridge pattern, against
/// moto's matcher over the same events (parsing excluded for both).
/// A buffer the workers of one `concurrentPerform` only read while the caller waits.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

enum MatchFigure {
    static func measure(
        _ data: Datasets, count: Int, rounds: Int, moto: PeerUnavailable?, into table: inout Table
    ) throws {
        Progress.say("figure 6: the alert rule's pattern over \(count) events")
        guard let pattern = AlertRule.seed(account: AccountGenerator.account).pattern else {
            throw BenchError("the seed alert rule has no event pattern")
        }
        // The same events the file holds for moto: both come from the generator's calls.
        let generator = AccountGenerator(data.large.spec)
        let events = (0..<count).map { generator.call(at: $0).eventBridgeEvent }
        // One thread, then the way the sync worker raises alerts (AlertRaising): slices of the
        // stream on every core. The peer's matcher runs on one.
        var matches = 0
        var single = Double.infinity
        for _ in 0..<rounds {
            matches = 0
            let start = Monotonic.now()
            for event in events where pattern.matches(event) { matches += 1 }
            single = min(single, Monotonic.seconds(since: start))
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var best = Double.infinity
        for _ in 0..<rounds {
            let counts = Mutex([Int](repeating: 0, count: cores))
            let start = Monotonic.now()
            events.withUnsafeBufferPointer { all in
                let stream = UncheckedSendable(all)
                DispatchQueue.concurrentPerform(iterations: cores) { k in
                    let slice = stream.value[(stream.value.count * k / cores)..<(stream.value.count * (k + 1) / cores)]
                    var n = 0
                    for event in slice where pattern.matches(event) { n += 1 }
                    counts.withLock { $0[k] = n }
                }
            }
            best = min(best, Monotonic.seconds(since: start))
            precondition(counts.withLock { $0.reduce(0, +) } == matches, "both ways match the same events")
        }
        let rate = Double(events.count) / best
        let figure = "6 event-pattern matching"
        let target = "≥ 50× moto"
        let peerName = "moto EventPattern"

        Progress.say("figure 6: moto's EventPattern over the same events")
        let peer: Result<Peer.Result, PeerUnavailable> =
            moto.map { .failure($0) }
            ?? Peer.python("moto_match.py", [String(rounds), data.pattern.path, data.events.path])
        switch peer {
        case .success(let result):
            let theirs = (result.number("events") ?? .nan) / (result.number("seconds") ?? .nan)
            let ratio = rate / theirs
            table.add(
                figure, Format.rate(rate, unit: " ev"), target: target,
                peer: "\(peerName) \(result.json["moto"] as? String ?? "")", Format.rate(theirs, unit: " ev"),
                ratio: ratio,
                pass: ratio >= 50)
            table.add(
                "  on one core", Format.rate(Double(events.count) / single, unit: " ev"), target: "",
                peer: "", "", ratio: Double(events.count) / single / theirs, pass: nil)
            let theirMatches = Int(result.number("matches") ?? -1)
            table.notes.append(
                theirMatches == matches
                    ? "matching: both matched \(Format.grouped(matches)) of \(Format.grouped(count)) events"
                    : "matching: vaultwatch matched \(matches) events, moto \(theirMatches): the matchers disagree")
        case .failure(let why):
            table.unavailable(figure, Format.rate(rate, unit: " ev"), target: target, peer: peerName, why, pass: nil)
        }
    }
}
