import Foundation
import VaultBench
import VaultCore
import VaultStore

/// Figure 5: recovery points appended per second in a sync's big batches (`Store.append`,
/// encoding included), against Python appending the same encoded lines to the same files.
enum BulkAppendFigure {
    static func measure(_ spec: DatasetSpec, count: Int, rounds: Int, into table: inout Table) throws {
        Progress.say("figure 5: \(count) recovery points appended in batches of \(DatasetWriter.batchSize)")
        let generator = AccountGenerator(spec)
        let points = (0..<min(count, spec.points)).map { Record.recoveryPoint(generator.point(at: $0)) }
        var best = Double.infinity
        for round in 0..<rounds {
            let store = try Store(
                directory: Paths.scratch.appendingPathComponent("bulk-store-\(round)", isDirectory: true))
            let start = Monotonic.now()
            for batch in stride(from: 0, to: points.count, by: DatasetWriter.batchSize) {
                try store.append(Array(points[batch..<min(batch + DatasetWriter.batchSize, points.count)]))
            }
            best = min(best, Monotonic.seconds(since: start))
        }
        let rate = Double(points.count) / best
        let figure = "5 bulk append (sync batches)"
        let peerName = "Python, same encoded lines"

        Progress.say("figure 5: Python appending the same lines")
        let out = Paths.scratch.appendingPathComponent("python-bulk", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let files = Paths.pointFiles(Paths.scratch.appendingPathComponent("bulk-store-0")).map(\.path)
        switch Peer.python("bulk_append.py", [String(DatasetWriter.batchSize), String(rounds), out.path] + files) {
        case .success(let peer):
            let theirs = (peer.number("lines") ?? .nan) / (peer.number("seconds") ?? .nan)
            table.add(
                figure, Format.rate(rate, unit: " rec"), target: "≥ 50,000 rec/s", peer: peerName,
                Format.rate(theirs, unit: " rec"), ratio: rate / theirs, pass: rate >= 50_000)
        case .failure(let why):
            table.unavailable(
                figure, Format.rate(rate, unit: " rec"), target: "≥ 50,000 rec/s", peer: peerName, why,
                pass: rate >= 50_000)
        }
    }
}
