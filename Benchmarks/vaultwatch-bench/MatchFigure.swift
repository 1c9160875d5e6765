import Foundation
import VaultBench
import VaultCore

/// Figure 6: events per second through the default alert rule's EventBridge pattern, against
/// moto's matcher over the same events (parsing excluded for both).
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
        var matches = 0
        var best = Double.infinity
        for _ in 0..<rounds {
            matches = 0
            let start = Monotonic.now()
            for event in events where pattern.matches(event) { matches += 1 }
            best = min(best, Monotonic.seconds(since: start))
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
