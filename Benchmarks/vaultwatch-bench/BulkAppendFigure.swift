import Foundation
import VaultBench
import VaultCore
import VaultStore

/// Figure 5: recovery points appended per second in a sync's big batches (`Store.append`,
/// encoding included), against Python appending the same encoded lines to the same files;
/// interleaved rounds, each into a fresh store.
enum BulkAppendFigure {
    static func measure(_ spec: DatasetSpec, count: Int, rounds: Int, into table: inout Table) throws {
        Progress.say("figure 5: \(rounds) rounds of \(count) recovery points appended in batches of \(DatasetWriter.batchSize)")
        let generator = AccountGenerator(spec)
        let points = (0..<min(count, spec.points)).map { Record.recoveryPoint(generator.point(at: $0)) }
        var ours = Samples(), theirs = Samples()
        var unavailable: PeerUnavailable?
        for round in 0..<rounds {
            let directory = Paths.scratch.appendingPathComponent("bulk-store-\(round)", isDirectory: true)
            let store = try Store(directory: directory)
            let start = Monotonic.now()
            for batch in stride(from: 0, to: points.count, by: DatasetWriter.batchSize) {
                try store.append(Array(points[batch..<min(batch + DatasetWriter.batchSize, points.count)]))
            }
            ours.add(Double(points.count) / Monotonic.seconds(since: start))
            guard unavailable == nil else { continue }
            let out = Paths.scratch.appendingPathComponent("python-bulk-\(round)", isDirectory: true)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let files = Paths.pointFiles(directory).map(\.path)
            switch Peer.python("bulk_append.py", [String(DatasetWriter.batchSize), "1", out.path] + files) {
            case .success(let peer): theirs.add((peer.number("lines") ?? .nan) / (peer.number("seconds") ?? .nan))
            case .failure(let why): unavailable = why
            }
        }
        let figure = "5 bulk append (sync batches)"
        let peerName = "Python, same encoded lines"
        func rate(_ s: Samples) -> String { s.spread("rec/s") { Format.grouped(Int($0.rounded())) } }
        let pass = ours.median >= 50_000
        if let why = unavailable {
            table.unavailable(figure, rate(ours), target: "≥ 50,000 rec/s", peer: peerName, why, pass: pass)
        } else {
            table.add(
                figure, rate(ours), target: "≥ 50,000 rec/s", peer: peerName, rate(theirs),
                ratio: ours.median / theirs.median, pass: pass)
        }
    }
}
