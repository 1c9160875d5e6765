import Foundation

/// Figure 2: resident memory per recovery point once the store is loaded, in a child process,
/// against Python holding the dicts orjson parses the same points into; interleaved rounds.
enum MemoryFigure {
    static func measure(_ account: Datasets.Account, orjson: PeerUnavailable?, rounds: Int, into table: inout Table) throws {
        Progress.say("figure 2: \(rounds) rounds of the resident memory once \(account.spec.points) points are loaded (child processes)")
        let figure = "2 memory per point"
        let target = "≤ 150 B"
        let peerName = "Python, orjson dicts held"
        var ours = Samples(), theirs = Samples()
        var unavailable = orjson
        for _ in 0..<rounds {
            switch Peer.run(CommandLine.executable, ["--measure-memory", account.directory.path], parse: true) {
            case .success(let result): ours.add(perPoint(result))
            case .failure(let why): throw BenchError("the memory probe failed: \(why.reason)")
            }
            guard unavailable == nil else { continue }
            switch Peer.python("orjson_memory.py", Paths.pointFiles(account.directory).map(\.path)) {
            case .success(let result): theirs.add(perPoint(result))
            case .failure(let why): unavailable = why
            }
        }
        let value = ours.spread("B") { Format.number($0.rounded()) }
        let pass = ours.median <= 150
        if let why = unavailable {
            table.unavailable(figure, value, target: target, peer: peerName, why, pass: pass)
        } else {
            table.add(
                figure, value, target: target, peer: peerName, theirs.spread("B") { Format.number($0.rounded()) },
                ratio: theirs.median / ours.median, pass: pass)
        }
        table.notes.append(
            "memory: resident set growth per point of a child process holding the whole account state (alerts and"
                + " acknowledgements too) after malloc_trim; Python's holds the points files only")
    }

    private static func perPoint(_ result: Peer.Result) -> Double {
        (result.number("rss_growth") ?? .nan) / max(result.number("points") ?? 1, 1)
    }
}

extension CommandLine {
    /// This program, to run its hidden probe modes in a child.
    static var executable: String {
        Bundle.main.executablePath ?? arguments[0]
    }
}
