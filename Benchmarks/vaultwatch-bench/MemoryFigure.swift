import Foundation

/// Figure 2: resident memory per recovery point once the store is loaded, in a child process,
/// against Python holding the dicts orjson parses the same points into.
enum MemoryFigure {
    static func measure(_ account: Datasets.Account, orjson: PeerUnavailable?, into table: inout Table) throws {
        Progress.say("figure 2: resident memory once \(account.spec.points) points are loaded (child process)")
        let figure = "2 memory per point"
        let target = "< 300 B"
        let ours: Peer.Result
        switch Peer.run(CommandLine.executable, ["--measure-memory", account.directory.path], parse: true) {
        case .success(let result): ours = result
        case .failure(let why): throw BenchError("the memory probe failed: \(why.reason)")
        }
        let perPoint = (ours.number("rss_growth") ?? .nan) / max(ours.number("points") ?? 1, 1)
        let value = "\(Format.bytes(perPoint)) · \(Format.grouped(Int((ours.number("rss_growth") ?? 0) / 1e6))) MB"
        let pass = perPoint < 300
        let peerName = "Python, orjson dicts held"

        Progress.say("figure 2: Python holding the orjson dicts of the same points")
        let peer: Result<Peer.Result, PeerUnavailable> =
            orjson.map { .failure($0) }
            ?? Peer.python("orjson_memory.py", Paths.pointFiles(account.directory).map(\.path))
        switch peer {
        case .success(let result):
            let theirs = (result.number("rss_growth") ?? .nan) / max(result.number("points") ?? 1, 1)
            table.add(
                figure, value, target: target, peer: peerName,
                "\(Format.bytes(theirs)) · \(Format.grouped(Int((result.number("rss_growth") ?? 0) / 1e6))) MB",
                ratio: theirs / perPoint, pass: pass)
        case .failure(let why):
            table.unavailable(figure, value, target: target, peer: peerName, why, pass: pass)
        }
        table.notes.append(
            "memory: vaultwatch's growth holds the whole account state (alerts and acknowledgements too) after"
                + " malloc_trim; Python's holds the points files only")
    }
}

extension CommandLine {
    /// This program, to run its hidden probe modes in a child.
    static var executable: String {
        Bundle.main.executablePath ?? arguments[0]
    }
}
