import Foundation
import VaultBench
import VaultCore
import VaultStore

/// Figure 5: recovery points appended per second in a sync's big batches (`Store.append`,
/// encoding included), against Python appending the same encoded lines to the same files.
enum BulkAppendFigure {
    static func measure(_ spec: DatasetSpec, count: Int, into table: inout Table) throws {
        Progress.say("figure 5: \(count) recovery points appended in batches of \(DatasetWriter.batchSize)")
        let generator = AccountGenerator(spec)
        let points = (0..<min(count, spec.points)).map { Record.recoveryPoint(generator.point(at: $0)) }
        let directory = Paths.scratch.appendingPathComponent("bulk-store", isDirectory: true)
        let store = try Store(directory: directory)
        let start = Monotonic.now()
        for batch in stride(from: 0, to: points.count, by: DatasetWriter.batchSize) {
            try store.append(Array(points[batch..<min(batch + DatasetWriter.batchSize, points.count)]))
        }
        let rate = Double(points.count) / Monotonic.seconds(since: start)
        let figure = "5 bulk append (sync batches)"
        let peerName = "Python, same encoded lines"

        Progress.say("figure 5: Python appending the same lines")
        let out = Paths.scratch.appendingPathComponent("python-bulk", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let files = Paths.pointFiles(directory).map(\.path)
        switch Peer.python("bulk_append.py", [String(DatasetWriter.batchSize), out.path] + files) {
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
