import Foundation
import VaultBench

/// Figure 3: from process start to the first rendered frame, to the first frame showing the
/// vaults, and to the first frame with every point loaded, for the large store against the
/// typical one.
enum FirstFrameFigure {
    struct Frames {
        var first: Double
        var vaults: Double
        var loaded: Double
        /// The frame of the loaded snapshot alone: update and render, posture checks included.
        var loadedFrame: Double?
    }

    static func measure(large: Datasets.Account, typical: Datasets.Account, into table: inout Table) throws {
        Progress.say("figure 3: first frame, \(large.spec.points) and \(typical.spec.points) points (fresh processes)")
        let big = try frames(large)
        let small = try frames(typical)
        let peer = "typical store, \(Format.grouped(typical.spec.points)) points"
        table.add(
            "3 first frame, \(Format.grouped(large.spec.points)) points", Format.milliseconds(big.first),
            target: "≤ 200 ms",
            peer: peer, Format.milliseconds(small.first), ratio: small.first / big.first, pass: big.first <= 200)
        table.add(
            "  first frame showing the vaults", Format.milliseconds(big.vaults), target: "≤ 200 ms", peer: peer,
            Format.milliseconds(small.vaults), ratio: small.vaults / big.vaults, pass: big.vaults <= 200)
        table.add(
            // No target: the points load in the background with the header's progress (issue 3).
            "  first frame with all points loaded", Format.milliseconds(big.loaded), target: "", peer: peer,
            Format.milliseconds(small.loaded), ratio: small.loaded / big.loaded, pass: nil)
        table.notes.append(
            "first frame: from starting a process to the view of the worker's first snapshot (\"Loading vaults…\"),"
                + " of the first one holding the vaults, and of the first one with the whole store")
        if let frame = big.loadedFrame {
            table.notes.append(
                "first frame: the loaded frame itself took \(Format.milliseconds(frame)), posture checks included"
                    + " (they run once the snapshot is no longer loading, as in the dashboard)")
        }
    }

    private static func frames(_ account: Datasets.Account) throws -> Frames {
        let t0 = Monotonic.now()
        let result = Peer.run(
            CommandLine.executable, ["--first-frame", account.directory.path, "--t0", String(t0)], parse: true)
        switch result {
        case .success(let r):
            guard let first = r.number("first_ms"), let vaults = r.number("vaults_ms"),
                let loaded = r.number("loaded_ms")
            else { throw BenchError("the first-frame probe printed no times") }
            return Frames(first: first, vaults: vaults, loaded: loaded, loadedFrame: r.number("loaded_frame_ms"))
        case .failure(let why):
            throw BenchError("the first-frame probe failed: \(why.reason)")
        }
    }
}
