import Foundation
import VaultBench
import VaultCore
import VaultStore

/// Figure 4: how long an acknowledgement takes to be on disk (`Store.append`, fsync'd), against
/// Python's write, flush and fsync of the same lines on the same disk.
enum AckFigure {
    static func measure(count: Int, into table: inout Table) throws {
        Progress.say("figure 4: \(count) acknowledgements, each appended and fsync'd")
        let directory = Paths.scratch.appendingPathComponent("ack-store", isDirectory: true)
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
        let median = Percentile.of(times, 0.5)
        let p99 = Percentile.of(times, 0.99)
        let peerName = "Python write+flush+fsync"

        Progress.say("figure 4: Python appending the same lines with fsync")
        let lines = directory.appendingPathComponent("acks.jsonl").path
        let target = Paths.scratch.appendingPathComponent("python-acks.jsonl").path
        switch Peer.python("fsync_append.py", [lines, target]) {
        case .success(let peer):
            let theirMedian = peer.number("median_ms") ?? .nan
            let theirP99 = peer.number("p99_ms") ?? .nan
            table.add(
                "4 acknowledgement, median", Format.milliseconds(median), target: "< 10 ms", peer: peerName,
                Format.milliseconds(theirMedian), ratio: theirMedian / median, pass: median < 10)
            table.add(
                "  acknowledgement, p99", Format.milliseconds(p99), target: "", peer: peerName,
                Format.milliseconds(theirP99),
                ratio: theirP99 / p99, pass: nil)
        case .failure(let why):
            table.unavailable(
                "4 acknowledgement, median", Format.milliseconds(median), target: "< 10 ms", peer: peerName, why,
                pass: median < 10)
            table.add(
                "  acknowledgement, p99", Format.milliseconds(p99), target: "", peer: peerName, "n/a", ratio: nil,
                pass: nil)
        }
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
