import Foundation
import VaultBench
import VaultCore
import VaultStore

/// Figure 4: how long an acknowledgement takes to be on disk (`Store.append`, fsync'd), against
/// Python's write, flush and fsync of the same lines on the same disk; interleaved rounds of
/// `count` each, the median and p99 of every round.
enum AckFigure {
    static func measure(count: Int, rounds: Int, into table: inout Table) throws {
        Progress.say("figure 4: \(rounds) rounds of \(count) acknowledgements, each appended and fsync'd, and Python's")
        var median = Samples(), p99 = Samples(), theirMedian = Samples(), theirP99 = Samples()
        var unavailable: PeerUnavailable?
        let peerName = "Python write+flush+fsync"
        for round in 0..<rounds {
            let directory = Paths.scratch.appendingPathComponent("ack-store-\(round)", isDirectory: true)
            let times = try acknowledgements(count, into: directory)
            median.add(Percentile.of(times, 0.5))
            p99.add(Percentile.of(times, 0.99))
            guard unavailable == nil else { continue }
            let lines = directory.appendingPathComponent("acks.jsonl").path
            let target = Paths.scratch.appendingPathComponent("python-acks-\(round).jsonl").path
            switch Peer.python("fsync_append.py", [lines, target]) {
            case .success(let peer):
                theirMedian.add(peer.number("median_ms") ?? .nan)
                theirP99.add(peer.number("p99_ms") ?? .nan)
            case .failure(let why):
                unavailable = why
            }
        }
        func ms(_ s: Samples) -> String { s.spread("ms") { Format.number(($0 * 100).rounded() / 100) } }
        if let why = unavailable {
            table.unavailable(
                "4 acknowledgement, median", ms(median), target: "< 10 ms", peer: peerName, why, pass: median.median < 10)
            table.add("  acknowledgement, p99", ms(p99), target: "", peer: peerName, "n/a", ratio: nil, pass: nil)
        } else {
            table.add(
                "4 acknowledgement, median", ms(median), target: "< 10 ms", peer: peerName, ms(theirMedian),
                ratio: theirMedian.median / median.median, pass: median.median < 10)
            table.add(
                "  acknowledgement, p99", ms(p99), target: "", peer: peerName, ms(theirP99),
                ratio: theirP99.median / p99.median, pass: nil)
        }
    }

    /// Milliseconds each of `count` acknowledgements took to append.
    private static func acknowledgements(_ count: Int, into directory: URL) throws -> [Double] {
        let store = try Store(directory: directory)
        var rng = BenchRandom(seed: 4)
        var times: [Double] = []
        for i in 0..<count {
            let ack = Acknowledgement(
                id: rng.uuid(), alertId: rng.hex(16), by: "bench@host",
                at: AccountGenerator.epoch.addingTimeInterval(Double(i)),
                note: i % 2 == 0 ? "checked: SCP held" : nil)
            let start = Monotonic.now()
            try store.append([.acknowledgement(ack)])
            times.append(Monotonic.seconds(since: start) * 1000)
        }
        return times
    }
}

enum Percentile {
    /// The value below which `p` of the samples fall (nearest rank).
    static func of(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}
