import Foundation
import VaultBench

/// Figure 3: from process start to the first rendered frame, to the first frame showing the
/// vaults, and to the first frame with every point loaded, for the large store against the
/// typical one, each in a fresh process, in interleaved rounds.
enum FirstFrameFigure {
    struct Frames {
        var first = Samples()
        var vaults = Samples()
        var everyPoint = Samples()
        var loaded = Samples()
        /// The frame of the loaded snapshot alone: update and render, posture checks included.
        var loadedFrame = Samples()
    }

    static func measure(large: Datasets.Account, typical: Datasets.Account, rounds: Int, into table: inout Table) throws {
        Progress.say(
            "figure 3: \(rounds) rounds of the first frames, \(large.spec.points) and \(typical.spec.points) points (fresh processes)")
        var big = Frames(), small = Frames()
        for _ in 0..<rounds {
            try frames(large, into: &big)
            try frames(typical, into: &small)
        }
        let peer = "typical store, \(Format.grouped(typical.spec.points)) points"
        let rows: [(String, KeyPath<Frames, Samples>, Double?)] = [
            ("3 first frame, \(Format.grouped(large.spec.points)) points", \.first, 200),
            ("  first frame showing the vaults", \.vaults, 200),
            ("  first frame showing every point", \.everyPoint, 1_000),
            ("  first frame of the whole store", \.loaded, nil),
        ]
        for (name, samples, limit) in rows {
            let ours = big[keyPath: samples], theirs = small[keyPath: samples]
            table.add(
                name, ours.spread("ms") { Format.number($0.rounded()) },
                target: limit.map { "≤ \(Format.grouped(Int($0))) ms" } ?? "", peer: peer,
                theirs.spread("ms") { Format.number($0.rounded()) }, ratio: theirs.median / ours.median,
                pass: limit.map { ours.median <= $0 })
        }
        table.notes.append(
            "first frame: from starting a process to the view of the sync worker's first snapshot (\"Loading vaults…\"),"
                + " of the first one holding the vaults, of the first one holding every point (the points files are read"
                + " first, the activity log after them), and of the first one with the whole store (the activity log"
                + " read and its alerts raised); that frame itself took"
                + " \(big.loadedFrame.spread("ms") { Format.number($0.rounded()) }), posture checks included")
    }

    private static func frames(_ account: Datasets.Account, into frames: inout Frames) throws {
        let t0 = Monotonic.now()
        let result = Peer.run(
            CommandLine.executable,
            ["--first-frame", account.directory.path, "--t0", String(t0), "--points", String(account.spec.points)],
            parse: true)
        switch result {
        case .success(let r):
            guard let first = r.number("first_ms"), let vaults = r.number("vaults_ms"), let points = r.number("points_ms"),
                let loaded = r.number("loaded_ms"), let frame = r.number("loaded_frame_ms")
            else { throw BenchError("the first-frame probe printed no times") }
            frames.first.add(first)
            frames.vaults.add(vaults)
            frames.everyPoint.add(points)
            frames.loaded.add(loaded)
            frames.loadedFrame.add(frame)
        case .failure(let why):
            throw BenchError("the first-frame probe failed: \(why.reason)")
        }
    }
}
