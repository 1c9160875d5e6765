import Foundation
import VaultBench
import VaultStore

/// Figure 1: loading every recovery point with `Store.load()`, against orjson (parse loop and
/// whole process) and `jq -c .` over the same files.
enum LoadFigure {
    static func measure(_ account: Datasets.Account, orjson: PeerUnavailable?, into table: inout Table) throws {
        let files = Paths.storeFiles(account.directory)
        let bytes = Paths.size(files)
        // Every reader starts from the page cache.
        for file in files { _ = try Data(contentsOf: file) }

        Progress.say("figure 1: Store.load() of \(account.spec.points) points (\(bytes / 1_000_000) MB)")
        let start = Monotonic.now()
        let load = try VaultStore.Store(directory: account.directory).load()
        let seconds = Monotonic.seconds(since: start)
        guard load.problems.isEmpty else { throw BenchError("the generated store has problems: \(load.problems[0])") }
        let records = load.records.count
        let ours = "\(Format.mbPerSecond(bytes: bytes, seconds: seconds)) · \(Format.seconds(seconds))"
        let figure = "1 load \(Format.grouped(account.spec.points)) points"

        Progress.say("figure 1: orjson.loads over the same \(records) lines")
        let orjsonResult: Result<Peer.Result, PeerUnavailable> =
            orjson.map { .failure($0) } ?? Peer.python("orjson_load.py", files.map(\.path))
        switch orjsonResult {
        case .success(let peer):
            let parse = peer.number("parse_seconds") ?? .nan
            let ratio = parse / seconds
            table.add(
                figure, ours, target: "≥ 2× orjson", peer: "orjson.loads, parse loop",
                "\(Format.mbPerSecond(bytes: bytes, seconds: parse)) · \(Format.seconds(parse))", ratio: ratio,
                pass: ratio >= 2)
            table.add(
                "", "", target: "", peer: "orjson, whole process",
                "\(Format.mbPerSecond(bytes: bytes, seconds: peer.seconds)) · \(Format.seconds(peer.seconds))",
                ratio: peer.seconds / seconds, pass: nil)
            if Int(peer.number("lines") ?? 0) != records {
                table.notes.append("orjson read \(Int(peer.number("lines") ?? 0)) lines, Store.load() \(records) records")
            }
        case .failure(let why):
            table.unavailable(figure, ours, target: "≥ 2× orjson", peer: "orjson.loads, parse loop", why, pass: nil)
        }

        Progress.say("figure 1: jq -c . over the same files")
        switch Peer.run("jq", ["-c", "."] + files.map(\.path), parse: false) {
        case .success(let peer):
            table.add(
                "", "", target: "", peer: "jq -c ., whole process",
                "\(Format.mbPerSecond(bytes: bytes, seconds: peer.seconds)) · \(Format.seconds(peer.seconds))",
                ratio: peer.seconds / seconds, pass: nil)
        case .failure(let why):
            table.unavailable("", "", target: "", peer: "jq -c ., whole process", why, pass: nil)
        }
    }
}
