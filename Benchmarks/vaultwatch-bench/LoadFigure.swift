import Foundation
import VaultBench
import VaultStore

/// Figure 1: loading every recovery point with the staged `Store.loadAccount()` the dashboard
/// uses (and, for comparison, the one-thread `Store.load()` into records), against orjson (parse
/// loop and whole process) and `jq -c .` over the same files.
enum LoadFigure {
    static func measure(_ account: Datasets.Account, orjson: PeerUnavailable?, into table: inout Table) throws {
        let files = Paths.storeFiles(account.directory)
        let bytes = Paths.size(files)
        // Every reader starts from the page cache.
        for file in files { _ = try Data(contentsOf: file) }

        Progress.say("figure 1: Store.loadAccount() of \(account.spec.points) points (\(bytes / 1_000_000) MB)")
        var start = Monotonic.now()
        let seconds: Double
        do {
            let loaded = try VaultStore.Store(directory: account.directory).loadAccount()
            seconds = Monotonic.seconds(since: start)
            guard loaded.problems.isEmpty else {
                throw BenchError("the generated store has problems: \(loaded.problems[0])")
            }
            guard loaded.state.pointCount == account.spec.points else {
                throw BenchError("loadAccount() found \(loaded.state.pointCount) points of \(account.spec.points)")
            }
            let acks = loaded.state.acknowledgements.values.reduce(0) { $0 + $1.count }
            table.notes.append(
                "store: \(Format.grouped(loaded.state.pointCount)) points in \(loaded.state.vaults.count) vaults,"
                    + " \(Format.grouped(account.spec.calls)) calls, \(Format.grouped(loaded.state.alerts.count)) alerts,"
                    + " \(Format.grouped(acks)) acknowledgements: \(Format.grouped(bytes / 1_000_000)) MB in \(files.count) files"
            )
        }
        let ours = "\(Format.mbPerSecond(bytes: bytes, seconds: seconds)) · \(Format.seconds(seconds))"
        let figure = "1 load \(Format.grouped(account.spec.points)) points"

        Progress.say("figure 1: Store.load() of the same store, into records")
        start = Monotonic.now()
        let records = try VaultStore.Store(directory: account.directory).load().records.count
        let oneThread = Monotonic.seconds(since: start)
        let recordsValue = "\(Format.mbPerSecond(bytes: bytes, seconds: oneThread)) · \(Format.seconds(oneThread))"

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
                "  Store.load(), records", recordsValue, target: "", peer: "orjson.loads, parse loop", "",
                ratio: parse / oneThread, pass: nil)
            table.add(
                "", "", target: "", peer: "orjson, whole process",
                "\(Format.mbPerSecond(bytes: bytes, seconds: peer.seconds)) · \(Format.seconds(peer.seconds))",
                ratio: peer.seconds / seconds, pass: nil)
            if Int(peer.number("lines") ?? 0) != records {
                table.notes.append(
                    "orjson read \(Int(peer.number("lines") ?? 0)) lines, Store.load() \(records) records")
            }
        case .failure(let why):
            table.unavailable(figure, ours, target: "≥ 2× orjson", peer: "orjson.loads, parse loop", why, pass: nil)
            table.add("  Store.load(), records", recordsValue, target: "", peer: "", "", ratio: nil, pass: nil)
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
